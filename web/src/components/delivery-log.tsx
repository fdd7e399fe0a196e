import { useInfiniteQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { getJson, type Page } from "../api.ts";
import { Failure, Loading } from "./status.tsx";
import { TableScroll } from "./table-scroll.tsx";

type Delivery = {
  id: string;
  status: "pending" | "delivered" | "failed";
  attempts: number;
  attempt_log: Array<{ at: string; ok: boolean; answer: string }>;
  next_attempt_at: string | null;
  created_at: string;
  event: { summary?: string; link?: string };
};

/** A subscription's delivery log, newest first, a page at a time: each alert and its attempts. */
export function DeliveryLog({ subscription }: { subscription: string }) {
  const { t, i18n } = useTranslation();
  const log = useInfiniteQuery({
    queryKey: ["subscriptions", subscription, "deliveries"],
    initialPageParam: "",
    queryFn: ({ pageParam }) =>
      getJson<Page<Delivery>>(
        `/api/subscriptions/${encodeURIComponent(subscription)}/deliveries?limit=20${pageParam ? `&cursor=${pageParam}` : ""}`,
      ),
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
  const time = (iso: string) =>
    new Intl.DateTimeFormat(i18n.language, { dateStyle: "medium", timeStyle: "short" }).format(
      new Date(iso),
    );
  if (log.isLoading) return <Loading />;
  if (log.error) return <Failure error={log.error} />;
  const deliveries = log.data?.pages.flatMap((page) => page.items) ?? [];
  if (deliveries.length === 0) return <p className="muted">{t("alerts.noDeliveries")}</p>;
  return (
    <>
      <TableScroll label={t("alerts.log")}>
        <table className="records">
          <thead>
            <tr>
              <th scope="col">{t("common.date")}</th>
              <th scope="col">{t("alerts.alert")}</th>
              <th scope="col">{t("common.status")}</th>
              <th scope="col">{t("alerts.attempts")}</th>
            </tr>
          </thead>
          <tbody>
            {deliveries.map((delivery) => (
              <tr key={delivery.id}>
                <td>{time(delivery.created_at)}</td>
                <td>
                  {delivery.event.link ? (
                    <a href={delivery.event.link}>{delivery.event.summary}</a>
                  ) : (
                    delivery.event.summary
                  )}
                </td>
                <td>
                  {t(`alerts.statuses.${delivery.status}`)}
                  {delivery.next_attempt_at
                    ? ` (${t("alerts.nextAttempt", { at: time(delivery.next_attempt_at) })})`
                    : ""}
                </td>
                <td>
                  {delivery.attempt_log
                    .map((attempt) => `${time(attempt.at)}: ${attempt.answer}`)
                    .join("; ")}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      {log.hasNextPage ? (
        <button type="button" onClick={() => void log.fetchNextPage()}>
          {t("common.more")}
        </button>
      ) : null}
    </>
  );
}
