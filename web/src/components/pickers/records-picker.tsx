import { useCombobox, useMultipleSelection } from "downshift";
import { type ReactNode, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { PickerOption } from "./record-label.ts";
import { useChosenOptions, useRecordOptions } from "./use-record-options.ts";

/**
 * A searchable choice of several records (a list of ids: a commitment's owners, an incident's
 * sides): the chosen ones as removable chips before the combobox, which offers the rest. Backspace
 * in the empty box and the arrow keys reach the chips; Delete or Backspace on a chip removes it.
 */
export function RecordsPicker(props: {
  id: string;
  label: ReactNode;
  types: readonly string[];
  value: readonly string[];
  onChange: (ids: string[]) => void;
  hint?: string | undefined;
  errorId?: string | undefined;
}) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState("");
  const { options } = useRecordOptions(props.types, typed);
  const chosen = useChosenOptions(props.value, props.types);
  const offered = options.filter((option) => !props.value.includes(option.id));
  // The combobox's own choice (the last record chosen): forgotten when that record's chip is
  // removed, so that choosing it again is a change downshift reports.
  const forget = useRef<(removed: readonly string[]) => void>(() => {});
  const multiple = useMultipleSelection<PickerOption>({
    selectedItems: chosen,
    itemToKey: (item) => item?.id,
    onSelectedItemsChange: ({ selectedItems }) => {
      const ids = (selectedItems ?? []).map((item) => item.id);
      forget.current(props.value.filter((id) => !ids.includes(id)));
      props.onChange(ids);
    },
  });
  // Neither the box's text nor the choice is controlled: a controlled one is put back on every
  // render and loses keys typed faster than one (the first letter after a choice, or any).
  const combobox = useCombobox<PickerOption>({
    items: offered,
    inputId: props.id,
    itemToString: (item) => item?.label ?? "",
    itemToKey: (item) => item?.id,
    // After a choice by keyboard the list stays open, so several are chosen in a row; a click
    // closes it, so that it does not hang over the next field the pointer goes to. The box empties.
    stateReducer: (state, { changes, type }) => {
      switch (type) {
        case useCombobox.stateChangeTypes.InputKeyDownEnter:
          return { ...changes, isOpen: true, highlightedIndex: 0, inputValue: "" };
        case useCombobox.stateChangeTypes.ItemClick:
          return { ...changes, isOpen: false, highlightedIndex: -1, inputValue: "" };
        // Leaving the box chooses nothing: only Enter or a click does.
        case useCombobox.stateChangeTypes.InputBlur:
          return { ...changes, selectedItem: state.selectedItem, inputValue: state.inputValue };
        // Escape closes the list; it never takes back what was chosen.
        case useCombobox.stateChangeTypes.InputKeyDownEscape:
          return { ...changes, selectedItem: state.selectedItem };
        default:
          return changes;
      }
    },
    onSelectedItemChange: ({ selectedItem }) => {
      if (selectedItem && !props.value.includes(selectedItem.id)) {
        props.onChange([...props.value, selectedItem.id]);
      }
    },
    onInputValueChange: ({ inputValue }) => setTyped(inputValue),
  });
  forget.current = (removed) => {
    const current = combobox.selectedItem;
    if (current && removed.includes(current.id)) combobox.selectItem(null);
  };
  const hintId = props.hint ? `${props.id}-hint` : undefined;
  const describedBy = [props.errorId, hintId].filter(Boolean).join(" ") || undefined;
  return (
    <div className="picker multiple">
      <label {...combobox.getLabelProps()} htmlFor={props.id}>
        {props.label}
      </label>
      <div className="picker-input">
        {chosen.map((option, index) => (
          <span
            key={option.id}
            className="chip"
            {...multiple.getSelectedItemProps({ selectedItem: option, index })}
            title={option.detail || undefined}
          >
            {option.label}{" "}
            <button
              type="button"
              className="chip-remove"
              tabIndex={-1}
              aria-label={t("forms.remove", { name: option.label })}
              onClick={(event) => {
                event.stopPropagation();
                multiple.removeSelectedItem(option);
              }}
            >
              ×
            </button>
          </span>
        ))}
        <input
          {...combobox.getInputProps(
            multiple.getDropdownProps({
              preventKeyAction: combobox.isOpen,
              ...(props.errorId ? { "aria-invalid": true } : {}),
              "aria-describedby": describedBy,
              placeholder: t("forms.typeToSearch"),
            }),
          )}
        />
      </div>
      {props.hint ? (
        <p className="hint" id={hintId}>
          {props.hint}
        </p>
      ) : null}
      <ul {...combobox.getMenuProps()} className="picker-menu" hidden={!combobox.isOpen}>
        {combobox.isOpen && offered.length === 0 ? (
          <li className="picker-empty">{t("forms.noMatch")}</li>
        ) : null}
        {combobox.isOpen
          ? offered.map((option, index) => (
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
