import { useCombobox } from "downshift";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import type { PickerOption } from "./record-label.ts";
import { useChosenOptions, useRecordOptions } from "./use-record-options.ts";

/**
 * A searchable choice of one record (the ARIA 1.2 combobox pattern, through downshift): type to
 * filter, arrows to move, Enter to choose, Escape to close (and, closed, to clear). It shows the
 * record's name and stores its id.
 */
export function RecordPicker(props: {
  id: string;
  label: ReactNode;
  /** The kinds the id may point at, as the kind's references say. */
  types: readonly string[];
  value: string;
  onChange: (id: string) => void;
  hint?: string | undefined;
  /** The id of the element that says what is wrong, when something is. */
  errorId?: string | undefined;
}) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState("");
  const { options, isLoading } = useRecordOptions(props.types, typed);
  const [chosen] = useChosenOptions(props.value ? [props.value] : [], props.types);
  const selectedItem = props.value ? (chosen ?? null) : null;
  const combobox = useCombobox<PickerOption>({
    items: options,
    inputId: props.id,
    selectedItem,
    itemToString: (item) => item?.label ?? "",
    // The name is part of the key: a chosen record whose name arrives after its id (a page's
    // default, an edit's) then shows its name in the box.
    itemToKey: (item) => (item ? `${item.id}\u0000${item.label}` : undefined),
    onInputValueChange: ({ inputValue, type }) => {
      if (type === useCombobox.stateChangeTypes.InputChange) setTyped(inputValue);
    },
    onSelectedItemChange: ({ selectedItem: item }) => {
      setTyped("");
      props.onChange(item?.id ?? "");
    },
  });
  const hintId = props.hint ? `${props.id}-hint` : undefined;
  const describedBy = [props.errorId, hintId].filter(Boolean).join(" ") || undefined;
  return (
    <div className="picker">
      <label {...combobox.getLabelProps()} htmlFor={props.id}>
        {props.label}
      </label>
      <div className="picker-input">
        <input
          {...combobox.getInputProps({
            ...(props.errorId ? { "aria-invalid": true } : {}),
            "aria-describedby": describedBy,
            placeholder: t("forms.typeToSearch"),
          })}
        />
        {selectedItem ? (
          <span className="picker-detail" aria-hidden="true">
            {selectedItem.detail}
          </span>
        ) : null}
      </div>
      {props.hint ? (
        <p className="hint" id={hintId}>
          {props.hint}
        </p>
      ) : null}
      <ul {...combobox.getMenuProps()} className="picker-menu" hidden={!combobox.isOpen}>
        {combobox.isOpen && options.length === 0 ? (
          <li className="picker-empty">{isLoading ? "…" : t("forms.noMatch")}</li>
        ) : null}
        {combobox.isOpen
          ? options.map((option, index) => (
              <li
                key={`${option.type}:${option.id}`}
                className={combobox.highlightedIndex === index ? "highlighted" : undefined}
                {...combobox.getItemProps({ item: option, index })}
              >
                <span>{option.label}</span>
                {option.detail ? <small> {option.detail}</small> : null}
              </li>
            ))
          : null}
      </ul>
    </div>
  );
}
