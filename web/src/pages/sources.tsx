import { useTranslation } from "react-i18next";
import { ImportPanel } from "../components/import-panel.tsx";
import { RecordEditor } from "../components/record-editor.tsx";
import { ReportReader } from "../components/report-reader.tsx";
import { valueLabel } from "../format.ts";
import { codeColumn, dateColumn, RecordList, textColumn } from "./record-list.tsx";

/** /sources: read a report into records, import a data file, and the sources the record cites. */
export function SourcesPage() {
  const { t } = useTranslation();
  return (
    <div>
      <h1>{t("nav.sources")}</h1>
      <ReportReader />
      <ImportPanel />
      <RecordList
        heading="h2"
        title={t("sources.all")}
        kind="sources"
        isEditable
        columns={[
          textColumn(t("sources.sourceTitle"), "title"),
          codeColumn(t("common.kind"), "kind", valueLabel(t)),
          textColumn(t("sources.publisher"), "publisher"),
          dateColumn(t("common.date"), "published"),
        ]}
      />
      <RecordEditor types={["source"]} />
    </div>
  );
}
