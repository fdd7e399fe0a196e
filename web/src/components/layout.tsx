import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { formatDate } from "../format.ts";
import { LANGUAGES, setLanguage } from "../i18n/index.ts";
import { useProcessChoice } from "../process.tsx";
import { Link, navigate, useLocation } from "../router.tsx";
import { useSession, useSignOut, useViewer } from "../session.tsx";

/** Who is signed in, in which role, and the way in or out. */
function SessionIndicator() {
  const { t } = useTranslation();
  const { path } = useLocation();
  const session = useSession();
  const viewer = useViewer();
  const signOut = useSignOut();
  if (session === undefined) return null;
  if (!session.user) {
    return path === "/login" ? null : (
      <Link to={`/login?next=${encodeURIComponent(path + window.location.search)}`}>
        {t("session.signIn")}
      </Link>
    );
  }
  const role = t(`roles.${viewer.role}`);
  return (
    <span className="session">
      <span className="who">
        {session.user.email} · {viewer.role === "delegate" ? `${role} (${viewer.party})` : role}
      </span>{" "}
      <button type="button" onClick={() => void signOut().then(() => navigate("/"))}>
        {t("session.signOut")}
      </button>
    </span>
  );
}

/**
 * The process shown, chosen among several: the same page of the other process (its overview from
 * a page about no process). Shown only when there is a choice.
 */
function ProcessSwitcher() {
  const { t, i18n } = useTranslation();
  const { path } = useLocation();
  const { processes, chosen } = useProcessChoice();
  if (processes.length < 2) return null;
  const target = path === "/login" || path === "/processes" ? "/" : path;
  return (
    <span className="process-switch">
      <label htmlFor="process-select">{t("processes.switcher")}</label>{" "}
      <select
        id="process-select"
        className="process-select"
        value={chosen?.slug ?? ""}
        onChange={(event) =>
          navigate(`${target}?process=${encodeURIComponent(event.target.value)}`)
        }
      >
        {chosen ? null : <option value="">{t("processes.switcherNone")}</option>}
        {processes.map((process) => (
          <option key={process.slug} value={process.slug}>
            {process.names?.[i18n.language] ?? process.name}
          </option>
        ))}
      </select>
    </span>
  );
}

/** On every page of a closed process: when and why it closed, and that it is read-only. */
function ClosedNotice() {
  const { t, i18n } = useTranslation();
  const closed = useProcessChoice().chosen?.closed;
  if (!closed) return null;
  return (
    <p className="notice closed-notice" role="note">
      {t("processes.closedNotice", {
        date: formatDate(closed.on, i18n.language),
        reason: closed.reason,
      })}
    </p>
  );
}

export const ROUTES = [
  ["/", "nav.overview"],
  ["/map", "nav.map"],
  ["/timeline", "nav.timeline"],
  ["/agreements", "nav.agreements"],
  ["/statements", "nav.statements"],
  ["/commitments", "nav.commitments"],
  ["/incidents", "nav.incidents"],
  ["/detainees", "nav.detainees"],
  ["/border", "nav.border"],
  ["/mine-action", "nav.mineAction"],
  ["/sources", "nav.sources"],
  ["/ledger", "nav.ledger"],
  ["/records", "nav.records"],
  ["/processes", "nav.processes"],
  ["/alerts", "nav.alerts"],
  ["/field", "nav.field"],
] as const;

export function Layout({ children }: { children: ReactNode }) {
  const { t, i18n } = useTranslation();
  const { path } = useLocation();
  return (
    <>
      <a className="skip" href="#main">
        {t("app.skip")}
      </a>
      <header className="top">
        <div className="brand">
          <Link to="/">{t("app.title")}</Link>
          <span className="tagline">{t("app.tagline")}</span>
        </div>
        <SessionIndicator />
        <label className="language">
          {t("common.language")}{" "}
          <select value={i18n.language} onChange={(event) => void setLanguage(event.target.value)}>
            {LANGUAGES.map((language) => (
              <option key={language.code} value={language.code} lang={language.code}>
                {language.name}
              </option>
            ))}
          </select>
        </label>
        <ProcessSwitcher />
      </header>
      <nav aria-label="Truce" className="nav">
        <ul>
          {ROUTES.map(([to, key]) => (
            <li key={to}>
              <Link to={to} aria-current={path === to ? "page" : undefined}>
                {t(key)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" tabIndex={-1}>
        <ClosedNotice />
        {children}
      </main>
    </>
  );
}
