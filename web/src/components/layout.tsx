import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { LANGUAGES, setLanguage } from "../i18n/index.ts";
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
        {children}
      </main>
    </>
  );
}
