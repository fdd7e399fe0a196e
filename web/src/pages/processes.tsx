import { useState } from "react";
import { useTranslation } from "react-i18next";
import { mayCreateProcess } from "../../../src/domain/permissions.ts";
import { CloseProcessForm } from "../components/close-process-form.tsx";
import { type ImportSummary, ProcessFileForm } from "../components/process-file-form.tsx";
import { ProcessForm } from "../components/process-form.tsx";
import { ProcessList } from "../components/process-list.tsx";
import { formatNumber } from "../format.ts";
import { useProcessChoice } from "../process.tsx";
import { Link, setParams, useLocation } from "../router.tsx";
import { useViewerOf } from "../session.tsx";

/** What was done last, said once above the list. */
type Done = {
  slug: string;
  name: string;
  what: "created" | "saved" | "closed";
  summary?: ImportSummary | undefined;
};

/**
 * Every process on this server, each a link that chooses it; for admins, creating one (from its
 * file or a short form), changing its fields and closing it. The forms open from the URL
 * (`?new=file`, `?new=form`, `?edit=SLUG`, `?close=SLUG`) like every form of the app.
 */
export function ProcessesPage() {
  const { t, i18n } = useTranslation();
  const { params } = useLocation();
  const { processes } = useProcessChoice();
  const viewerOf = useViewerOf();
  const [done, setDone] = useState<Done | undefined>();
  const mayCreate = mayCreateProcess(viewerOf(""));
  const adding = params.get("new");
  const editing = processes.find((p) => p.slug === params.get("edit"));
  const closing = processes.find((p) => p.slug === params.get("close") && !p.closed);
  const open = (changes: Record<string, string | undefined>) => {
    setDone(undefined);
    setParams({ new: undefined, edit: undefined, close: undefined, ...changes });
  };
  const n = (value: number) => formatNumber(value, i18n.language);

  return (
    <div className="processes">
      <h1>{t("processes.title")}</h1>
      <p className="lede">{t("processes.intro")}</p>
      {done ? (
        <div className="note" role="status">
          <p>
            {t(`processes.${done.what}`, { name: done.name })}{" "}
            <Link to={`/?process=${encodeURIComponent(done.slug)}`}>{t("processes.open")}</Link>
          </p>
          {done.summary ? (
            <p>
              {t("processes.recordsImported", {
                created: n(done.summary.created),
                unchanged: n(done.summary.unchanged + done.summary.updated),
                rejected: n(done.summary.rejected.length),
              })}
            </p>
          ) : null}
          {done.summary && done.summary.rejected.length > 0 ? (
            <ul>
              {done.summary.rejected.slice(0, 50).map((r) => (
                <li key={`${r.at}-${r.id ?? ""}`}>
                  {r.at}
                  {r.id ? ` (${r.id})` : ""}: {r.reason}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      <ProcessList
        processes={processes}
        linkTo={(slug) => `/?process=${encodeURIComponent(slug)}`}
        actions={(process) =>
          viewerOf(process.slug).role === "admin" && !process.closed ? (
            <>
              <button
                type="button"
                aria-label={t("processes.editTitle", { name: process.name })}
                onClick={() => open({ edit: process.slug })}
              >
                {t("processes.edit")}
              </button>{" "}
              <button
                type="button"
                aria-label={t("processes.closeTitle", { name: process.name })}
                onClick={() => open({ close: process.slug })}
              >
                {t("processes.close")}
              </button>
            </>
          ) : null
        }
      />
      {editing ? (
        <ProcessForm
          key={editing.slug}
          editing={editing.slug}
          onSaved={(process) => {
            open({});
            setDone({ slug: process.slug, name: process.name, what: "saved" });
          }}
          onCancel={() => open({})}
        />
      ) : null}
      {closing ? (
        <CloseProcessForm
          key={closing.slug}
          process={closing}
          onClosed={(process) => {
            open({});
            setDone({ slug: process.slug, name: process.name, what: "closed" });
          }}
          onCancel={() => open({})}
        />
      ) : null}
      {mayCreate ? (
        <section className="panel" aria-labelledby="create-process">
          <h2 id="create-process">{t("processes.create")}</h2>
          <div className="add-buttons">
            <button
              type="button"
              aria-pressed={adding === "file"}
              onClick={() => open({ new: "file" })}
            >
              {t("processes.fromFile")}
            </button>
            <button
              type="button"
              aria-pressed={adding === "form"}
              onClick={() => open({ new: "form" })}
            >
              {t("processes.fromForm")}
            </button>
          </div>
          {adding === "file" ? (
            <ProcessFileForm
              onCreated={(process, summary) => {
                open({});
                setDone({ slug: process.slug, name: process.name, what: "created", summary });
              }}
              onCancel={() => open({})}
            />
          ) : null}
          {adding === "form" ? (
            <ProcessForm
              onSaved={(process) => {
                open({});
                setDone({ slug: process.slug, name: process.name, what: "created" });
              }}
              onCancel={() => open({})}
            />
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
