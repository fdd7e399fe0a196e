import { useTranslation } from "react-i18next";
import type { ApiRecord } from "../api.ts";
import { ClaimCard } from "./claim-card.tsx";

/** What each side says about one provision, under it; nothing when nobody has said anything. */
export function StatementsAbout({ claims }: { claims: ApiRecord[] }) {
  const { t } = useTranslation();
  if (claims.length === 0) return null;
  return (
    <div className="statements-about">
      <h3>{t("agreements.statements")}</h3>
      <div className="claims">
        {claims.map((claim) => (
          <ClaimCard key={claim.id} claim={claim} />
        ))}
      </div>
    </div>
  );
}
