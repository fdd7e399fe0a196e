import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { formatDate } from "../format.ts";
import type { ProcessSummary } from "../process.tsx";
import { Link } from "../router.tsx";

/**
 * Processes as a list: each one's name (a link that chooses it), status, ledger size and
 * description, and what its reader may do with it (`actions`, on the processes page).
 */
export function ProcessList(props: {
  processes: readonly ProcessSummary[];
  /** Where choosing a process leads: a page's path with `?process=`. */
  linkTo: (slug: string) => string;
  actions?: (process: ProcessSummary) => ReactNode;
}) {
  const { t, i18n } = useTranslation();
  return (
    <ul className="process-list">
      {props.processes.map((process) => (
        <li key={process.slug} className="process-card" data-slug={process.slug}>
          <h2>
            <Link to={props.linkTo(process.slug)}>
              {process.names?.[i18n.language] ?? process.name}
            </Link>
          </h2>
          <p className="facts">
            <span className={`badge${process.closed ? " closed" : ""}`}>
              {process.closed
                ? t("processes.closedOn", { date: formatDate(process.closed.on, i18n.language) })
                : t("processes.active")}
            </span>{" "}
            <span className="muted">
              {t("processes.ledgerSize", { count: process.ledger_size })}
            </span>{" "}
            <code className="muted">{process.slug}</code>
          </p>
          {process.description ? <p>{process.description}</p> : null}
          {process.closed ? <p className="muted">{process.closed.reason}</p> : null}
          {props.actions ? <div className="actions">{props.actions(process)}</div> : null}
        </li>
      ))}
    </ul>
  );
}
