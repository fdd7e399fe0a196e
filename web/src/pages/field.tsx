import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { ApiRecord } from "../api.ts";
import { FieldReportForm, reportedNow } from "../components/field/field-report-form.tsx";
import { LastSynced } from "../components/field/last-synced.tsx";
import { OutboxList } from "../components/field/outbox-list.tsx";
import { useFieldList } from "../components/field/use-field-lists.ts";
import { formatTime } from "../format.ts";
import type { FieldReport } from "../offline/field-requests.ts";
import {
  type OutboxItem,
  type OutboxPhoto,
  putOutboxItem,
  withdrawOutboxItem,
} from "../offline/outbox.ts";
import { sendOutbox } from "../offline/send-outbox.ts";
import { useOnline, useOutbox } from "../offline/use-outbox.ts";
import { useProcess } from "../process.tsx";
import { Link } from "../router.tsx";
import { useSession } from "../session.tsx";
import "./field.css";

/**
 * `/field`: reports from an observation post or a patrol, on a phone, with or without a connection
 * (issue 22, decision 0031). Reports wait in the outbox until they are sent; the last synced view
 * of the process is below them.
 */
export function FieldPage() {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const process = useProcess();
  const isOnline = useOnline();
  const userId = session?.user?.id;
  const { items } = useOutbox(userId);
  // What the form picks from, read now so that it is there when the form opens offline.
  useFieldList("actors");
  useFieldList("posts");
  const [form, setForm] = useState<
    { editing: OutboxItem | undefined; start: FieldReport | undefined } | undefined
  >(undefined);

  if (session === undefined) return null;
  if (!session.user || !userId) {
    return (
      <div className="field-page">
        <h1>{t("field.title")}</h1>
        <p>
          {session.lapsed ? t("field.lapsed") : t("field.signInFirst")}{" "}
          <Link to="/login?next=%2Ffield">{t("session.signIn")}</Link>
        </p>
      </div>
    );
  }

  const save = async (report: FieldReport, photos: OutboxPhoto[]) => {
    const now = new Date().toISOString();
    const editing = form?.editing;
    await putOutboxItem({
      key: editing?.key ?? crypto.randomUUID(),
      user_id: userId,
      process: editing?.process ?? process.slug,
      report,
      photos,
      status: "waiting",
      attempts: 0,
      created_at: editing?.created_at ?? now,
      updated_at: now,
    });
    setForm(undefined);
    void sendOutbox(userId);
  };

  const addTo = (incident: ApiRecord) => {
    const { at, offset } = reportedNow();
    setForm({
      editing: undefined,
      start: {
        kind: "incident_update",
        reported_at: at,
        offset_minutes: offset,
        when: { local: at.slice(0, 16), precision: "time" },
        reporter: "",
        title: "",
        incident_kind: String(incident.kind),
        text: "",
        figures: [],
        blamed: [],
        visibility: "members",
        target: { path: "incidents", id: incident.id, version: incident.version, record: incident },
      },
    });
  };

  const waiting = items.filter((item) => item.status === "waiting").length;
  return (
    <div className="field-page">
      <h1>{t("field.title")}</h1>
      <p className={`connection ${isOnline ? "online" : "offline"}`} role="status">
        {isOnline ? t("field.online") : t("field.offline")}
        {session.offline
          ? ` ${t("field.offlineUntil", { time: formatTime(session.offline.lapses_at, i18n.language) })}`
          : ""}
      </p>
      {form ? (
        <section aria-labelledby="field-form-title">
          <h2 id="field-form-title">{form.editing ? t("field.editTitle") : t("field.newTitle")}</h2>
          <FieldReportForm
            key={form.editing?.key ?? form.start?.target?.id ?? "new"}
            editing={form.editing}
            start={form.start}
            onSave={save}
            onCancel={() => setForm(undefined)}
          />
        </section>
      ) : (
        <button
          type="button"
          className="primary big new-report"
          onClick={() => setForm({ editing: undefined, start: undefined })}
        >
          {t("field.newReport")}
        </button>
      )}
      <section aria-labelledby="outbox-title">
        <h2 id="outbox-title">
          {t("field.outbox")} <span className="muted">{t("field.waiting", { n: waiting })}</span>
        </h2>
        {waiting > 0 && isOnline ? (
          <button type="button" className="big" onClick={() => void sendOutbox(userId)}>
            {t("field.sendNow")}
          </button>
        ) : null}
        <OutboxList
          items={items}
          onEdit={(item) => setForm({ editing: item, start: undefined })}
          onWithdraw={(item) => {
            if (window.confirm(t("field.confirmWithdraw")))
              void withdrawOutboxItem(userId, item.key);
          }}
          onForget={(item) => void withdrawOutboxItem(userId, item.key)}
          onSendAgain={(item) => {
            // Sent again with the same keys: the server answers as the first time, stores nothing.
            void putOutboxItem({
              ...item,
              status: "waiting",
              updated_at: new Date().toISOString(),
            }).then(() => sendOutbox(userId));
          }}
          onRebase={(item) => {
            const current = item.current;
            const target = item.report.target;
            if (!current || !target) return;
            const { current: _current, problem: _problem, ...rest } = item;
            void putOutboxItem({
              ...rest,
              report: {
                ...item.report,
                target: { ...target, version: Number(current.version), record: current },
              },
              status: "waiting",
              updated_at: new Date().toISOString(),
            }).then(() => sendOutbox(userId));
          }}
        />
      </section>
      <LastSynced onAddTo={addTo} />
    </div>
  );
}
