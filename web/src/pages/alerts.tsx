import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { AlertRule } from "../../../src/domain/alert-rules.ts";
import { getJson, type Page } from "../api.ts";
import { DeliveryLog } from "../components/delivery-log.tsx";
import { Failure, Loading } from "../components/status.tsx";
import { SubscriptionForm } from "../components/subscription-form.tsx";
import { useProcess } from "../process.tsx";
import { Link } from "../router.tsx";
import { useSession } from "../session.tsx";

type Subscription = {
  id: string;
  process: string;
  rule: AlertRule;
  channel: "email" | "webhook";
  target: string;
};

const SUBSCRIPTIONS_KEY = ["subscriptions"];

/**
 * Alerts: the signed-in user's subscriptions to rules about the process shown (deadlines,
 * incidents near a place, claims that disagree, verification), how each is delivered, and each
 * one's delivery log. What they may not see is never sent to them.
 */
export function AlertsPage() {
  const { t } = useTranslation();
  const session = useSession();
  const process = useProcess();
  const client = useQueryClient();
  const [secret, setSecret] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const subscriptions = useQuery({
    queryKey: SUBSCRIPTIONS_KEY,
    queryFn: () => getJson<Page<Subscription>>("/api/subscriptions?limit=200"),
    enabled: Boolean(session?.user),
  });
  if (session === undefined) return <Loading />;
  if (!session.user)
    return (
      <div>
        <h1>{t("alerts.title")}</h1>
        <p>
          {t("alerts.signInFirst")}{" "}
          <Link to={`/login?next=${encodeURIComponent("/alerts")}`}>{t("session.signIn")}</Link>
        </p>
      </div>
    );
  const describe = (rule: AlertRule) =>
    rule.type === "commitment_due"
      ? t("alerts.describe.commitment_due", { days: rule.days_before })
      : rule.type === "incident_near"
        ? t("alerts.describe.incident_near", {
            km: rule.km,
            place: rule.place.name ?? `${rule.place.lat}, ${rule.place.lon}`,
          })
        : t(`alerts.rules.${rule.type}`);
  const unsubscribe = async (id: string) => {
    await getJson(`/api/subscriptions/${encodeURIComponent(id)}`, { method: "DELETE" });
    await client.invalidateQueries({ queryKey: SUBSCRIPTIONS_KEY });
  };
  const mine = (subscriptions.data?.items ?? []).filter((s) => s.process === process.slug);
  return (
    <div>
      <h1>{t("alerts.title")}</h1>
      <p className="muted">{t("alerts.intro")}</p>
      <h2>{t("alerts.new")}</h2>
      <SubscriptionForm
        process={process.slug}
        email={session.user.email}
        onCreated={(created) => {
          setSecret(created.secret ?? null);
          void client.invalidateQueries({ queryKey: SUBSCRIPTIONS_KEY });
        }}
      />
      {secret ? (
        <p role="status" className="secret">
          {t("alerts.secretOnce")} <code>{secret}</code>
        </p>
      ) : null}
      <h2>{t("alerts.yours")}</h2>
      {subscriptions.isLoading ? <Loading /> : null}
      {subscriptions.error ? <Failure error={subscriptions.error} /> : null}
      {subscriptions.data && mine.length === 0 ? <p className="muted">{t("alerts.none")}</p> : null}
      <ul className="subscriptions">
        {mine.map((subscription) => (
          <li key={subscription.id} data-subscription={subscription.id}>
            <strong>{describe(subscription.rule)}</strong> —{" "}
            {t(`alerts.channels.${subscription.channel}`)}: {subscription.target}{" "}
            <button
              type="button"
              aria-expanded={open === subscription.id}
              onClick={() => setOpen(open === subscription.id ? null : subscription.id)}
            >
              {t("alerts.log")}
            </button>{" "}
            <button type="button" onClick={() => void unsubscribe(subscription.id)}>
              {t("alerts.unsubscribe")}
            </button>
            {open === subscription.id ? <DeliveryLog subscription={subscription.id} /> : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
