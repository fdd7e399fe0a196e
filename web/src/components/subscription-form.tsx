import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { ALERT_RULES, type AlertRuleType } from "../../../src/domain/alert-rules.ts";
import type { FieldIssue } from "../../../src/domain/errors.ts";
import { KINDS } from "../../../src/domain/kinds/index.ts";
import { ApiError, getJson } from "../api.ts";
import { useLabels } from "./field-label.ts";
import { PlaceNamePicker } from "./pickers/place-name-picker.tsx";

type Created = { subscription: { id: string }; secret?: string };

/**
 * Subscribes the signed-in user to a rule about the process shown: the rule and what it needs (days
 * before a deadline, a place and a distance, a kind of record), and where alerts go (an e-mail
 * address or a webhook). A webhook's key is shown once, after it is made.
 */
export function SubscriptionForm(props: {
  process: string;
  email: string;
  onCreated: (created: Created) => void;
}) {
  const { t } = useTranslation();
  const labels = useLabels();
  const [rule, setRule] = useState<AlertRuleType>("commitment_overdue");
  const [days, setDays] = useState("7");
  const [place, setPlace] = useState({ name: "", lat: "", lon: "", km: "10" });
  const [recordType, setRecordType] = useState("");
  const [channel, setChannel] = useState<"email" | "webhook">("email");
  const [target, setTarget] = useState(props.email);
  const [issues, setIssues] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);

  const ruleBody = () => {
    switch (rule) {
      case "commitment_due":
        return { type: rule, days_before: Number(days) };
      case "incident_near":
        return {
          type: rule,
          place: {
            ...(place.name.trim() ? { name: place.name.trim() } : {}),
            lat: place.lat === "" ? Number.NaN : Number(place.lat),
            lon: place.lon === "" ? Number.NaN : Number(place.lon),
          },
          km: Number(place.km),
        };
      case "verification_changed":
        return { type: rule, ...(recordType ? { record_type: recordType } : {}) };
      default:
        return { type: rule };
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setIssues({});
    setFailure(null);
    try {
      const created = await getJson<Created>("/api/subscriptions", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ process: props.process, rule: ruleBody(), channel, target }),
      });
      props.onCreated(created);
    } catch (error) {
      const found: FieldIssue[] = error instanceof ApiError ? (error.problem.issues ?? []) : [];
      if (found.length > 0)
        setIssues(Object.fromEntries(found.map((issue) => [issue.path, issue.message])));
      else setFailure(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };

  /** A field's label, input and error, the error tied to the input for screen readers. */
  const field = (path: string, label: string, input: (aria: object) => React.ReactNode) => {
    const id = `sub-${path.replaceAll(".", "-")}`;
    const aria = issues[path]
      ? { id, "aria-invalid": true as const, "aria-describedby": `${id}-error` }
      : { id };
    return (
      <p className="field">
        <label htmlFor={id}>{label}</label>
        {input(aria)}
        {issues[path] ? (
          <span className="field-error" id={`${id}-error`} role="alert">
            {issues[path]}
          </span>
        ) : null}
      </p>
    );
  };

  return (
    <form className="record-form" onSubmit={(event) => void submit(event)} noValidate>
      {field("rule.type", t("alerts.rule"), (aria) => (
        <select {...aria} value={rule} onChange={(e) => setRule(e.target.value as AlertRuleType)}>
          {ALERT_RULES.map((value) => (
            <option key={value} value={value}>
              {t(`alerts.rules.${value}`)}
            </option>
          ))}
        </select>
      ))}
      {rule === "commitment_due"
        ? field("rule.days_before", t("alerts.daysBefore"), (aria) => (
            <input
              {...aria}
              type="number"
              min={0}
              max={365}
              value={days}
              onChange={(e) => setDays(e.target.value)}
            />
          ))
        : null}
      {rule === "incident_near" ? (
        <>
          {/* A place Truce knows fills its coordinates; they stay editable for any other point. */}
          <div className="field">
            <PlaceNamePicker
              id="sub-rule-place-name"
              label={t("alerts.placeName")}
              value={place.name}
              onType={(name) => setPlace((old) => ({ ...old, name }))}
              onChoose={(known) =>
                setPlace((old) => ({
                  ...old,
                  name: known.name,
                  lat: known.lat === undefined ? old.lat : String(known.lat),
                  lon: known.lon === undefined ? old.lon : String(known.lon),
                }))
              }
              errorId={issues["rule.place.name"] ? "sub-rule-place-name-error" : undefined}
            />
            {issues["rule.place.name"] ? (
              <span className="field-error" id="sub-rule-place-name-error" role="alert">
                {issues["rule.place.name"]}
              </span>
            ) : null}
          </div>
          {field("rule.place.lat", t("alerts.latitude"), (aria) => (
            <input
              {...aria}
              inputMode="decimal"
              value={place.lat}
              onChange={(e) => setPlace({ ...place, lat: e.target.value })}
            />
          ))}
          {field("rule.place.lon", t("alerts.longitude"), (aria) => (
            <input
              {...aria}
              inputMode="decimal"
              value={place.lon}
              onChange={(e) => setPlace({ ...place, lon: e.target.value })}
            />
          ))}
          {field("rule.km", t("alerts.km"), (aria) => (
            <input
              {...aria}
              type="number"
              min={1}
              value={place.km}
              onChange={(e) => setPlace({ ...place, km: e.target.value })}
            />
          ))}
        </>
      ) : null}
      {rule === "verification_changed"
        ? field("rule.record_type", t("alerts.recordType"), (aria) => (
            <select {...aria} value={recordType} onChange={(e) => setRecordType(e.target.value)}>
              <option value="">{t("common.all")}</option>
              {KINDS.map((kind) => (
                <option key={kind.type} value={kind.type}>
                  {labels.kinds(kind)}
                </option>
              ))}
            </select>
          ))
        : null}
      {field("channel", t("alerts.channel"), (aria) => (
        <select
          {...aria}
          value={channel}
          onChange={(e) => {
            const next = e.target.value as "email" | "webhook";
            setChannel(next);
            setTarget(next === "email" ? props.email : "https://");
          }}
        >
          <option value="email">{t("alerts.channels.email")}</option>
          <option value="webhook">{t("alerts.channels.webhook")}</option>
        </select>
      ))}
      {field(
        "target",
        channel === "email" ? t("alerts.emailTarget") : t("alerts.webhookTarget"),
        (aria) => (
          <input
            {...aria}
            type={channel === "email" ? "email" : "url"}
            value={target}
            onChange={(e) => setTarget(e.target.value)}
          />
        ),
      )}
      {failure ? (
        <p className="field-error" role="alert">
          {failure}
        </p>
      ) : null}
      <button type="submit" disabled={isBusy}>
        {t("alerts.subscribe")}
      </button>
    </form>
  );
}
