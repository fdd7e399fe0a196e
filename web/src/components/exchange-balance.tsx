import { useTranslation } from "react-i18next";
import type { ExchangeSchema } from "../../../src/domain/kinds/exchange.schema.ts";
import type { ApiRecordOf } from "../api.ts";
import { formatCount } from "../format.ts";
import { ActorName } from "./actors.tsx";

/** Persons handed over per direction, summing the counts each exchange reports (and saying who reports them). */
export function ExchangeBalance({
  exchanges,
}: {
  exchanges: ApiRecordOf<typeof ExchangeSchema>[];
}) {
  const { t, i18n } = useTranslation();
  const totals = new Map<string, { from: string; to: string; persons: number; unknown: number }>();
  for (const exchange of exchanges) {
    for (const transfer of exchange.transfers) {
      const key = `${transfer.from}>${transfer.to}`;
      const total = totals.get(key) ?? {
        from: transfer.from,
        to: transfer.to,
        persons: 0,
        unknown: 0,
      };
      if (typeof transfer.persons === "number") total.persons += transfer.persons;
      else total.unknown += 1;
      totals.set(key, total);
    }
  }
  return (
    <section aria-labelledby="balance">
      <h2 id="balance">{t("detainees.balance")}</h2>
      <p className="muted">{t("detainees.balanceNote")}</p>
      <ul className="plain">
        {[...totals.values()].map((total) => (
          <li key={`${total.from}>${total.to}`}>
            <ActorName id={total.from} /> → <ActorName id={total.to} />:{" "}
            <strong>{formatCount(total.persons, i18n.language)}</strong>
            {total.unknown ? ` (+ ${t("detainees.uncounted", { count: total.unknown })})` : ""}
          </li>
        ))}
      </ul>
    </section>
  );
}
