import { useState } from "react";
import { useTranslation } from "react-i18next";
import { KINDS } from "../../../../src/domain/kinds/index.ts";
import { setParams, useLocation } from "../../router.tsx";

/** Any record's history by kind and id, for records not among the recent entries. */
export function HistoryLookup() {
  const { t } = useTranslation();
  const { params } = useLocation();
  const [type, setType] = useState(params.get("type") ?? "incident");
  const [id, setId] = useState(params.get("record") ?? "");
  return (
    <form
      className="filters lookup"
      aria-labelledby="lookup-title"
      onSubmit={(event) => {
        event.preventDefault();
        setParams({ record: id.trim(), type });
      }}
    >
      <h2 id="lookup-title">{t("ledger.lookup")}</h2>
      <div className="field">
        <label htmlFor="lookup-kind">{t("common.kind")}</label>
        <select id="lookup-kind" value={type} onChange={(event) => setType(event.target.value)}>
          {KINDS.map((kind) => (
            <option key={kind.type} value={kind.type}>
              {kind.type}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="lookup-id">{t("ledger.recordId")}</label>
        <input
          id="lookup-id"
          value={id}
          required
          maxLength={200}
          onChange={(event) => setId(event.target.value)}
        />
      </div>
      <button type="submit">{t("ledger.showHistory")}</button>
    </form>
  );
}
