import { useTranslation } from "react-i18next";
import { mayCreateProcess } from "../../../src/domain/permissions.ts";
import { ProcessList } from "../components/process-list.tsx";
import { useProcessChoice } from "../process.tsx";
import { Link, useLocation } from "../router.tsx";
import { useViewer } from "../session.tsx";

/**
 * What a page about a process shows before one is chosen: the processes to choose from (each
 * link opens this same page of it), or, with none yet, how one is set up.
 */
export function ChooseProcessPage() {
  const { t } = useTranslation();
  const { path } = useLocation();
  const { processes, unknown } = useProcessChoice();
  // No process is chosen: the role held in every process, an admin's for creating one.
  const mayCreate = mayCreateProcess(useViewer());
  if (processes.length === 0) {
    return (
      <div className="choose-process">
        <h1>{t("processes.noneTitle")}</h1>
        <p className="lede">{t("processes.noneIntro")}</p>
        {mayCreate ? (
          <>
            <p>{t("processes.noneAdmin")}</p>
            <ul>
              <li>
                <Link to="/processes?new=file">{t("processes.fromFile")}</Link>
              </li>
              <li>
                <Link to="/processes?new=form">{t("processes.fromForm")}</Link>
              </li>
            </ul>
          </>
        ) : (
          <p className="muted">{t("processes.noneOthers")}</p>
        )}
      </div>
    );
  }
  return (
    <div className="choose-process">
      <h1>{t("processes.chooseTitle")}</h1>
      {unknown ? (
        <p className="error" role="alert">
          {t("processes.unknown", { slug: unknown })}
        </p>
      ) : null}
      <p className="lede">{t("processes.chooseIntro")}</p>
      <ProcessList
        processes={processes}
        linkTo={(slug) => `${path}?process=${encodeURIComponent(slug)}`}
      />
    </div>
  );
}
