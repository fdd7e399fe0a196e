import { DEFAULT_DELIVERY } from "../core/alert-delivery.ts";
import type { AlertWorkerOptions } from "../core/alert-worker.ts";
import { UsageError } from "./command.ts";

/**
 * How `truce serve` delivers alerts, from its environment (the README's configuration table):
 * TRUCE_PUBLIC_URL (links in alerts and feeds), TRUCE_SMTP_URL and TRUCE_MAIL_FROM (e-mail),
 * TRUCE_ALERT_INTERVAL_S (how often deadlines and retries are looked at), TRUCE_WEBHOOK_PRIVATE
 * (webhooks to private addresses).
 */
export function alertSettingsFromEnv(
  env: NodeJS.ProcessEnv,
  onError: (error: unknown) => void,
): AlertWorkerOptions {
  const publicUrl = env.TRUCE_PUBLIC_URL || undefined;
  if (publicUrl !== undefined && !URL.canParse(publicUrl))
    throw new UsageError(
      `TRUCE_PUBLIC_URL must be a URL (https://truce.example.org/); got ${publicUrl}`,
    );
  const smtpUrl = env.TRUCE_SMTP_URL || undefined;
  if (smtpUrl !== undefined && !/^smtps?:\/\//.test(smtpUrl))
    throw new UsageError(
      `TRUCE_SMTP_URL must be smtp://[user:pass@]host[:port] or smtps://...; got ${smtpUrl}`,
    );
  const interval = Number(env.TRUCE_ALERT_INTERVAL_S ?? 60);
  if (!Number.isFinite(interval) || interval < 1)
    throw new UsageError(
      `TRUCE_ALERT_INTERVAL_S must be a number of seconds, 1 or more; got ${env.TRUCE_ALERT_INTERVAL_S}`,
    );
  return {
    ...DEFAULT_DELIVERY,
    ...(env.TRUCE_MAIL_FROM ? { mailFrom: env.TRUCE_MAIL_FROM } : {}),
    smtpUrl,
    publicUrl,
    allowPrivateTargets: env.TRUCE_WEBHOOK_PRIVATE === "1",
    intervalMs: interval * 1000,
    onError,
  };
}
