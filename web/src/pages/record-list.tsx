import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { FuzzyDate } from "../../../src/domain/fuzzy-date.ts";
import { kindByPath } from "../../../src/domain/kinds/index.ts";
import { type ApiRecord, listRecords } from "../api.ts";
import { DownloadLinks } from "../components/download-links.tsx";
import { EditRecordButton } from "../components/edit-record-button.tsx";
import { Failure, Loading } from "../components/status.tsx";
import { TableScroll } from "../components/table-scroll.tsx";
import { formatDate } from "../format.ts";
import { useMayCreate } from "../session.tsx";

export type Column = { header: string; cell: (record: ApiRecord, language: string) => ReactNode };

/** A page that lists one kind of record in a table: the shape most pages share. */
export function RecordList(props: {
  title: string;
  kind: string;
  columns: Column[];
  params?: Record<string, string>;
  intro?: ReactNode;
  /** h2 when the list is one part of a page that has its own h1. */
  heading?: "h1" | "h2";
  /** Adds an "Edit" button to each row, shown to those who may write the kind. */
  isEditable?: boolean;
}) {
  const { t, i18n } = useTranslation();
  // The column is there only for those who may edit: for the rest it would be empty cells.
  const mayEdit = useMayCreate(kindByPath(props.kind)?.type ?? "");
  const columns: Column[] =
    props.isEditable && mayEdit
      ? [
          ...props.columns,
          {
            header: t("forms.edit"),
            cell: (record) => <EditRecordButton record={record} />,
          },
        ]
      : props.columns;
  const query = useQuery({
    queryKey: [props.kind, "list", props.params],
    queryFn: () => listRecords(props.kind, { limit: 500, ...props.params }),
  });
  return (
    <div>
      {props.heading === "h2" ? <h2>{props.title}</h2> : <h1>{props.title}</h1>}
      {props.intro}
      <DownloadLinks
        kind={props.kind}
        type={kindByPath(props.kind)?.type ?? props.kind}
        filters={props.params}
      />
      {query.isLoading ? <Loading /> : query.error ? <Failure error={query.error} /> : null}
      {query.data && query.data.items.length === 0 ? (
        <p className="muted">{t("common.none")}</p>
      ) : null}
      {query.data && query.data.items.length > 0 ? (
        <TableScroll>
          <table className="records">
            <thead>
              <tr>
                {columns.map((column, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: columns are fixed for the page
                  <th scope="col" key={i}>
                    {column.header}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {query.data.items.map((record) => (
                <tr key={record.id}>
                  {columns.map((column, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: columns are fixed for the page
                    <td key={i}>{column.cell(record, i18n.language)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : null}
    </div>
  );
}

export const dateColumn = (header: string, field = "date"): Column => ({
  header,
  cell: (record, language) => formatDate(record[field] as FuzzyDate | undefined, language),
});

export const textColumn = (header: string, field: string): Column => ({
  header,
  cell: (record) => String(record[field] ?? ""),
});

/** A coded field (a kind, a status), shown in the reader's language. */
export const codeColumn = (
  header: string,
  field: string,
  label: (value: unknown) => string,
): Column => ({
  header,
  cell: (record) => (record[field] === undefined ? "" : label(record[field])),
});
