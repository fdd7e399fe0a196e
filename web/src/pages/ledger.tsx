import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { CosignForm } from "../components/ledger/cosign-form.tsx";
import { HeadsTable } from "../components/ledger/heads-table.tsx";
import { HistoryLookup } from "../components/ledger/history-lookup.tsx";
import { LatestHead } from "../components/ledger/latest-head.tsx";
import { type SignedHead, useHeads } from "../components/ledger/ledger-api.ts";
import { RecentEntries } from "../components/ledger/recent-entries.tsx";
import { RecordHistory } from "../components/ledger/record-history.tsx";
import { Failure, Loading } from "../components/status.tsx";
import { setParams, useLocation } from "../router.tsx";
import { useSession, useViewer } from "../session.tsx";
import "./ledger.css";

const HEADS_PER_PAGE = 10;

export function LedgerPage() {
  const { t } = useTranslation();
  const { params } = useLocation();
  const session = useSession();
  const viewer = useViewer();
  const inputId = useId();
  const beforeParam = params.get("before");
  const before = beforeParam && /^\d+$/.test(beforeParam) ? Number(beforeParam) : undefined;
  const latest = useHeads(undefined, 1);
  const page = useHeads(before, HEADS_PER_PAGE);
  const [target, setTarget] = useState<number | undefined>();
  // Only members may co-sign (the server answers 401 or 403 otherwise), so only they see the form.
  const canCosign = Boolean(session?.user) && viewer.role !== "public";
  const head = latest.data?.heads[0];
  const cosignHead =
    (target !== undefined
      ? [...(page.data?.heads ?? []), ...(latest.data?.heads ?? [])].find(
          (h) => h.tree_size === target,
        )
      : undefined) ?? head;

  const chooseHead = (chosen: SignedHead) => {
    setTarget(chosen.tree_size);
    // The form is above the table: take the keyboard there, ready to pick the key file.
    const input = document.getElementById(inputId);
    input?.scrollIntoView({ block: "center" });
    input?.focus();
  };

  return (
    <div className="ledger">
      <h1>{t("ledger.title")}</h1>
      <p className="muted">{t("ledger.verifyNote")}</p>
      <section aria-labelledby="head">
        <h2 id="head">{t("ledger.head")}</h2>
        {latest.isLoading ? (
          <Loading />
        ) : latest.error ? (
          <Failure error={latest.error} />
        ) : head ? (
          <LatestHead head={head} />
        ) : (
          <p>{t("ledger.noHeads")}</p>
        )}
        {cosignHead && canCosign ? <CosignForm head={cosignHead} inputId={inputId} /> : null}
        {cosignHead && session && !session.user ? (
          <p className="muted">{t("ledger.signInToCosign")}</p>
        ) : null}
      </section>
      <section aria-labelledby="heads">
        <h2 id="heads">{t("ledger.heads")}</h2>
        {page.isLoading ? (
          <Loading />
        ) : page.error ? (
          <Failure error={page.error} />
        ) : (
          <>
            <HeadsTable
              heads={page.data?.heads ?? []}
              canCosign={canCosign}
              onCosign={chooseHead}
            />
            <nav className="pager" aria-label={t("ledger.heads")}>
              {before !== undefined ? (
                <button type="button" onClick={() => setParams({ before: undefined })}>
                  {t("ledger.newest")}
                </button>
              ) : null}
              {page.data?.next_before !== null && page.data?.next_before !== undefined ? (
                <button
                  type="button"
                  onClick={() => setParams({ before: String(page.data?.next_before) })}
                >
                  {t("ledger.older")}
                </button>
              ) : null}
            </nav>
          </>
        )}
      </section>
      <section aria-labelledby="recent">
        <h2 id="recent">{t("ledger.recent")}</h2>
        {head ? <RecentEntries size={head.tree_size} selected={params.get("record")} /> : null}
      </section>
      <section aria-labelledby="lookup-title">
        <HistoryLookup />
      </section>
      {params.get("record") ? (
        <RecordHistory id={String(params.get("record"))} type={String(params.get("type"))} />
      ) : null}
    </div>
  );
}
