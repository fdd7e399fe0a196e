import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { Exchange, ExchangeSchema } from "../../../src/domain/kinds/exchange.schema.ts";
import { type ApiRecordOf, listRecords } from "../api.ts";
import { ActorName } from "../components/actors.tsx";
import { ExchangeBalance } from "../components/exchange-balance.tsx";
import { RecordEditor } from "../components/record-editor.tsx";
import { formatCount, valueLabel } from "../format.ts";
import { codeColumn, dateColumn, RecordList, textColumn } from "./record-list.tsx";

/** Exchanges of detainees and of the dead: each transfer as its reporter counts it, and the balance. */
export function DetaineesPage() {
  const { t } = useTranslation();
  const exchanges = useQuery({
    queryKey: ["exchanges", "all"],
    queryFn: () => listRecords<ApiRecordOf<typeof ExchangeSchema>>("exchanges", { limit: 500 }),
  });
  return (
    <div>
      <RecordList
        title={t("nav.detainees")}
        kind="exchanges"
        isEditable
        columns={[
          dateColumn(t("common.date")),
          codeColumn(t("common.kind"), "principle", valueLabel(t)),
          {
            header: "→",
            cell: (e, language) =>
              ((e.transfers as Exchange["transfers"] | undefined) ?? []).map((tr) => (
                <div key={`${tr.from}-${tr.to}`}>
                  <ActorName id={tr.from} /> → <ActorName id={tr.to} />:{" "}
                  {tr.persons !== undefined ? formatCount(tr.persons, language) : "?"}
                </div>
              )),
          },
          {
            header: t("common.source"),
            cell: (e) => <ActorName id={(e.reported_by as Exchange["reported_by"]) ?? null} />,
          },
          textColumn("", "notes"),
        ]}
      />
      {exchanges.data ? <ExchangeBalance exchanges={exchanges.data.items} /> : null}
      <RecordEditor types={["exchange", "detainee"]} />
    </div>
  );
}
