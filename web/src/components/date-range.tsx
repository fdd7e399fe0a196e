import { useTranslation } from "react-i18next";
import { setParams, useLocation } from "../router.tsx";

/** From/to date fields kept in the URL's `from` and `to`, so a filtered view is a shareable link. */
export function DateRangeFilter({ onChange }: { onChange?: () => void }) {
  const { t } = useTranslation();
  const { params } = useLocation();
  const set = (name: "from" | "to", value: string) => {
    onChange?.();
    setParams({ [name]: value });
  };
  return (
    <>
      <label>
        {t("common.from")}{" "}
        <input
          type="date"
          value={params.get("from") ?? ""}
          onChange={(event) => set("from", event.target.value)}
        />
      </label>
      <label>
        {t("common.to")}{" "}
        <input
          type="date"
          value={params.get("to") ?? ""}
          onChange={(event) => set("to", event.target.value)}
        />
      </label>
    </>
  );
}
