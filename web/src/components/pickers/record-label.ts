import { kindByType } from "../../../../src/domain/kinds/index.ts";

/** One choice a picker offers: the record's id (what the form stores) and what a person reads. */
export type PickerOption = {
  id: string;
  type: string;
  /** The record's own name: its title, name, summary or statement, in the reader's language. */
  label: string;
  /** What tells two of the same name apart: its date, place or number. */
  detail: string;
};

const NAME_FIELDS = ["title", "short_name", "name", "summary", "statement", "full_name"] as const;
const DATE_FIELDS = ["date", "as_of", "due", "period", "published", "from", "established"] as const;

const clip = (text: string, length = 120) =>
  text.length > length ? `${text.slice(0, length - 1)}…` : text;

const stringAt = (record: Record<string, unknown>, field: string) => {
  const value = record[field];
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
};

/**
 * A record as a picker shows it, derived from whatever kind it is: the first of its naming fields
 * (a localized name first), prefixed by a provision's number, with its date and place beside. No
 * kind needs code of its own here, so a new kind's records are offered by name too.
 */
export function optionOf(record: Record<string, unknown>, language: string): PickerOption {
  const id = String(record.id);
  const type = String(record.type ?? "");
  const names = record.names as Record<string, string> | undefined;
  const name = names?.[language] ?? NAME_FIELDS.map((f) => stringAt(record, f)).find(Boolean) ?? id;
  const number = stringAt(record, "number");
  const dateField = DATE_FIELDS.find((f) => {
    const value = record[f] as { value?: unknown } | undefined;
    return typeof value?.value === "string";
  });
  const date = dateField ? String((record[dateField] as { value: string }).value) : undefined;
  const place = (record.place as { name?: string } | undefined)?.name;
  const kindLabel = kindByType(type)?.label.one;
  return {
    id,
    type,
    label: clip(number ? `${number}. ${name}` : name),
    detail: [date, place, kindLabel].filter(Boolean).join(" · "),
  };
}
