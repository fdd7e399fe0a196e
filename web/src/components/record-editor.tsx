import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { kindByType } from "../../../src/domain/kinds/index.ts";
import { type ApiRecord, getJson, processUrl } from "../api.ts";
import { setParams, useLocation } from "../router.tsx";
import { useMayCreate, useOwnFields } from "../session.tsx";
import { RecordForm } from "./record-form.tsx";
import { Failure, Loading } from "./status.tsx";

/**
 * The open form lives in the URL (`?new=commitment`, `?edit=commitment:cmt-1`) so a half-done
 * edit is a link like any other view, and the back button closes it.
 */
function editTarget(params: URLSearchParams): { type: string; id: string } | null {
  const edit = params.get("edit") ?? "";
  const colon = edit.indexOf(":");
  return colon > 0 ? { type: edit.slice(0, colon), id: edit.slice(colon + 1) } : null;
}

function AddButton({ type }: { type: string }) {
  const { t } = useTranslation();
  const mayWrite = useMayCreate(type);
  if (!mayWrite) return null;
  return (
    <button type="button" onClick={() => setParams({ new: type, edit: undefined })}>
      {t("forms.add", { kind: t(`kinds.${type}` as "kinds.commitment") })}
    </button>
  );
}

function EditForm({ type, id }: { type: string; id: string }) {
  const path = kindByType(type)?.path ?? "";
  const record = useQuery({
    queryKey: ["record", type, id],
    queryFn: () => getJson<ApiRecord>(`${processUrl()}/${path}/${encodeURIComponent(id)}`),
  });
  if (record.isLoading) return <Loading />;
  if (record.error || !record.data) return <Failure error={record.error} />;
  return (
    <RecordForm
      // A reload after a stale edit brings a new version: the form starts again from it.
      key={record.data.version}
      type={type}
      editing={record.data}
      onSaved={() => setParams({ edit: undefined })}
      onCancel={() => setParams({ edit: undefined })}
    />
  );
}

/**
 * "Add" buttons for the kinds a page shows, and the create or edit form the URL asks for. Only
 * kinds the signed-in user may write get a button; the server refuses the rest anyway.
 */
export function RecordEditor({
  types,
  defaults,
  onCreated,
}: {
  types: string[];
  /** What a new record of a kind starts with on this page, beside the user's own fields. */
  defaults?: Record<string, Record<string, unknown>>;
  onCreated?: (record: ApiRecord) => void;
}) {
  const { params } = useLocation();
  const adding = params.get("new") ?? "";
  const editing = editTarget(params);
  const ownFields = useOwnFields(adding);
  const mayAdd = useMayCreate(adding);
  const mayEdit = useMayCreate(editing?.type ?? "");
  return (
    <section className="record-editor">
      {types.includes(adding) && mayAdd ? (
        <RecordForm
          type={adding}
          defaults={{ ...defaults?.[adding], ...ownFields }}
          onSaved={(record) => {
            setParams({ new: undefined });
            onCreated?.(record);
          }}
          onCancel={() => setParams({ new: undefined })}
        />
      ) : null}
      {editing && types.includes(editing.type) && mayEdit ? (
        <EditForm type={editing.type} id={editing.id} />
      ) : null}
      {/* While a form is open its "Add" buttons step aside: one record at a time. */}
      {adding || editing ? null : (
        <p className="add-buttons">
          {types.map((type) => (
            <AddButton key={type} type={type} />
          ))}
        </p>
      )}
    </section>
  );
}
