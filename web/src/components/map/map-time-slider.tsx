import { useQuery } from "@tanstack/react-query";
import type { Incident } from "../../../../src/domain/kinds/incident.schema.ts";
import { listRecords } from "../../api.ts";
import { TimeSlider } from "../time-slider.tsx";

const thisMonth = () => new Date().toISOString().slice(0, 7);

/**
 * The time slider over the months from the earliest incident to this month. The earliest comes
 * from the record (one incident, oldest first); until it answers, the 2020 war's start stands in.
 */
export function MapTimeSlider() {
  const earliest = useQuery({
    queryKey: ["incidents", "earliest"],
    queryFn: () => listRecords("incidents", { order: "asc", limit: 1 }),
    staleTime: 60_000,
  });
  const date = earliest.data?.items[0]?.date as Incident["date"] | undefined;
  const first = date?.value.slice(0, 7) ?? "2020-09";
  return <TimeSlider first={first} last={thisMonth()} />;
}
