import { useTranslation } from "react-i18next";
import type { ApiRecord } from "../api.ts";
import { setParams } from "../router.tsx";
import { useMayCreate } from "../session.tsx";

/** "Edit" for one record, shown only to those who may write its kind. */
export function EditRecordButton({ record }: { record: ApiRecord }) {
  const { t } = useTranslation();
  const mayWrite = useMayCreate(record.type);
  if (!mayWrite) return null;
  return (
    <button
      type="button"
      className="small"
      onClick={() => setParams({ edit: `${record.type}:${record.id}`, new: undefined })}
      aria-label={t("forms.editOne", { kind: t(`kinds.${record.type}` as "kinds.commitment") })}
    >
      {t("forms.edit")}
    </button>
  );
}
