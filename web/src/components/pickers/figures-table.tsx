import { useTranslation } from "react-i18next";
import { FIGURE_CATEGORIES } from "../../../../src/domain/figures.ts";
import { valueLabel } from "../../format.ts";
import { useActors } from "../actors.tsx";
import type { FigureRow } from "../schema-fields.ts";

/** Sides a count may be about that are no actor. */
const OTHER_SIDES = ["civilians", "unknown"] as const;

/**
 * Counts by category and side as a small table, one row each: the category, the side (an actor of
 * the process, civilians or unknown), the number claimed, and a low and high where the claim gives
 * a range. `hasSide` false makes it the table of totals for all sides together.
 */
export function FiguresTable(props: {
  id: string;
  caption: string;
  rows: FigureRow[];
  onChange: (rows: FigureRow[]) => void;
  hasSide: boolean;
}) {
  const { t, i18n } = useTranslation();
  const actors = useActors();
  const sides = [
    ...[...actors.values()].map((actor) => ({
      id: actor.id,
      name: String(
        (actor.names as Record<string, string> | undefined)?.[i18n.language] ??
          actor.short_name ??
          actor.name ??
          actor.id,
      ),
    })),
    ...OTHER_SIDES.map((side) => ({ id: side, name: valueLabel(t)(side) })),
  ];
  const update = (index: number, change: Partial<FigureRow>) =>
    props.onChange(props.rows.map((row, i) => (i === index ? { ...row, ...change } : row)));
  const cell = (index: number, key: "best" | "low" | "high", label: string) => (
    <td>
      <input
        id={`${props.id}-${index}-${key}`}
        aria-label={`${label} (${t("forms.row", { n: index + 1 })})`}
        inputMode="numeric"
        size={6}
        value={props.rows[index]?.[key] ?? ""}
        onChange={(event) => update(index, { [key]: event.target.value })}
      />
    </td>
  );
  return (
    <div className="figures-table" id={props.id}>
      {props.rows.length === 0 ? <p className="figures-caption">{props.caption}</p> : null}
      <table hidden={props.rows.length === 0}>
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("forms.category")}</th>
            {props.hasSide ? <th scope="col">{t("forms.side")}</th> : null}
            <th scope="col">{t("forms.count")}</th>
            <th scope="col">{t("forms.low")}</th>
            <th scope="col">{t("forms.high")}</th>
            <th scope="col">
              <span className="visually-hidden">{t("forms.removeHeader")}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row, index) => (
            // Rows have no identity of their own but their place: editing never reorders them.
            // biome-ignore lint/suspicious/noArrayIndexKey: see above
            <tr key={index}>
              <td>
                <select
                  aria-label={`${t("forms.category")} (${t("forms.row", { n: index + 1 })})`}
                  value={row.category}
                  onChange={(event) => update(index, { category: event.target.value })}
                >
                  {FIGURE_CATEGORIES.map((category) => (
                    <option key={category} value={category}>
                      {t(`incidents.${category}`)}
                    </option>
                  ))}
                </select>
              </td>
              {props.hasSide ? (
                <td>
                  <select
                    aria-label={`${t("forms.side")} (${t("forms.row", { n: index + 1 })})`}
                    value={row.side}
                    onChange={(event) => update(index, { side: event.target.value })}
                  >
                    <option value="">—</option>
                    {sides.map((side) => (
                      <option key={side.id} value={side.id}>
                        {side.name}
                      </option>
                    ))}
                    {row.side && !sides.some((side) => side.id === row.side) ? (
                      <option value={row.side}>{row.side}</option>
                    ) : null}
                  </select>
                </td>
              ) : null}
              {cell(index, "best", t("forms.count"))}
              {cell(index, "low", t("forms.low"))}
              {cell(index, "high", t("forms.high"))}
              <td>
                <button
                  type="button"
                  className="secondary"
                  onClick={() => props.onChange(props.rows.filter((_, i) => i !== index))}
                >
                  {t("forms.removeRow", { n: index + 1 })}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button
        type="button"
        className="secondary"
        onClick={() =>
          props.onChange([
            ...props.rows,
            { category: "killed", side: "", best: "", low: "", high: "" },
          ])
        }
      >
        {t("forms.addRow")}
      </button>
    </div>
  );
}
