import { useTranslation } from "react-i18next";
import type { FuzzyDate } from "../../../src/domain/fuzzy-date.ts";
import type { Claim } from "../../../src/domain/kinds/claim.schema.ts";
import type { ApiRecord } from "../api.ts";
import { formatCount, formatDate } from "../format.ts";
import { ActorName, useSourceTitles } from "./actors.tsx";

const CATEGORIES = ["killed", "wounded", "captured", "missing"] as const;

/**
 * One claim as its claimant makes it: who says it (or, with no claimant, the source that reports
 * it), when, the statement in its own words, its figures each under the side they count, whom it
 * blames, and its sources. Every figure the app shows sits in such a card or names its claimant.
 */
export function ClaimCard({ claim }: { claim: ApiRecord }) {
  const { t, i18n } = useTranslation();
  const sourceTitle = useSourceTitles();
  const figures = (claim.figures ?? {}) as Claim["figures"];
  const sources = (claim.source_ids as string[] | undefined) ?? [];
  return (
    <section
      className="claim"
      aria-label={`${t("common.claimedBy", { who: String(claim.claimant ?? "") })}`}
    >
      <h4>
        {claim.claimant ? (
          <ActorName id={String(claim.claimant)} />
        ) : (
          // A claim with no claimant is what its source reports: say so, not "unknown".
          (sourceTitle.get(sources[0] ?? "") ?? t("common.source"))
        )}
      </h4>
      {claim.date ? (
        <p className="muted">{formatDate(claim.date as FuzzyDate, i18n.language)}</p>
      ) : null}
      <p>“{String(claim.statement)}”</p>
      {CATEGORIES.some((c) => figures[c]) ? (
        <dl className="figures">
          {CATEGORIES.filter((c) => figures[c]).flatMap((c) =>
            Object.entries(figures[c] ?? {}).map(([side, count]) => (
              <div key={`${c}-${side}`}>
                <dt>
                  {t(`incidents.${c}`)} · <ActorName id={side} />
                </dt>
                <dd>{formatCount(count, i18n.language)}</dd>
              </div>
            )),
          )}
        </dl>
      ) : null}
      {(claim.blamed as string[] | undefined)?.length ? (
        <p>
          {t("incidents.blamed")}:{" "}
          {(claim.blamed as string[]).map((b) => (
            <ActorName key={b} id={b} />
          ))}
        </p>
      ) : null}
      <p className="muted">
        {t("common.source")}: {sources.map((s) => sourceTitle.get(s) ?? s).join("; ") || "—"}
      </p>
    </section>
  );
}
