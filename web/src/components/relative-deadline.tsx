import { useTranslation } from "react-i18next";
import type { FuzzyDate } from "../../../src/domain/fuzzy-date.ts";
import { type RelativeDeadline, resolveDeadline } from "../../../src/domain/relative-deadline.ts";
import type { ApiRecord } from "../api.ts";
import { formatDate, valueLabel } from "../format.ts";

const UNIT = { days: "day", weeks: "week", months: "month", years: "year" } as const;

/**
 * The date a relative deadline counts from: the document's signing or entry into force, or the
 * date of the record it names, when that record is at hand.
 */
function eventDate(
  deadline: RelativeDeadline,
  document: ApiRecord | undefined,
  records: readonly ApiRecord[],
): FuzzyDate | undefined {
  if (deadline.after === "signing") return document?.date as FuzzyDate | undefined;
  if (deadline.after === "entry_into_force") {
    return (document?.effective ?? document?.date) as FuzzyDate | undefined;
  }
  const event = records.find((r) => r.id === deadline.event_id);
  return event?.date as FuzzyDate | undefined;
}

/** "30 days after signing (24 December 2016)": as worded, and the day it falls on once known. */
export function RelativeDeadlineText(props: {
  deadline: RelativeDeadline;
  document: ApiRecord | undefined;
  records?: readonly ApiRecord[] | undefined;
}) {
  const { t, i18n } = useTranslation();
  const { deadline } = props;
  const span = new Intl.NumberFormat(i18n.language, {
    style: "unit",
    unit: UNIT[deadline.unit],
    unitDisplay: "long",
  }).format(deadline.amount);
  const anchor =
    deadline.after === "event"
      ? (deadline.event ?? valueLabel(t)("event"))
      : valueLabel(t)(deadline.after);
  const words = deadline.as_worded ?? t("agreements.relativeDeadline", { span, anchor });
  const due = resolveDeadline(deadline, eventDate(deadline, props.document, props.records ?? []));
  return (
    <>
      {words}
      {due
        ? ` (${formatDate({ value: due.value, precision: due.precision }, i18n.language)})`
        : ` (${t("agreements.dateNotYetKnown")})`}
    </>
  );
}
