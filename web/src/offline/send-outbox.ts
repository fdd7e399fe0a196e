/**
 * Sends the signed-in user's waiting reports when the server can be reached: at start, when the
 * browser says the connection is back, and every half minute while some wait. Each photo goes
 * first (PUT under its hash: sending it again changes nothing), then each request of the report
 * with its Idempotency-Key, so a report whose answer was lost on the way is stored once however
 * often it is sent. A 412 is a conflict, kept with the server's version for the reporter to see;
 * another refusal is kept with the server's reasons; nothing is ever dropped here.
 */
import { ApiError, getJson, setCsrfToken } from "../api.ts";
import { fieldRequests } from "./field-requests.ts";
import { listOutbox, type OutboxItem, putOutboxItem } from "./outbox.ts";

type SessionAnswer = { user: { id: string } | null; csrf_token?: string };

/** No connection (or the server is down): stop this round, the reports wait for the next. */
class Unreachable extends Error {}

let running: Promise<void> | undefined;

/** Sends what `userId` has waiting; one round at a time. */
export function sendOutbox(userId: string): Promise<void> {
  running ??= sendAll(userId).finally(() => {
    running = undefined;
  });
  return running;
}

async function sendAll(userId: string): Promise<void> {
  let session: SessionAnswer;
  try {
    session = await getJson<SessionAnswer>("/api/session");
  } catch {
    return;
  }
  // Sent only as the user who made them: signed out, or someone else signed in, they wait.
  if (session.user?.id !== userId) return;
  setCsrfToken(session.csrf_token);
  for (const item of await listOutbox(userId)) {
    if (item.status !== "waiting") continue;
    try {
      await sendItem(item);
    } catch (error) {
      if (error instanceof Unreachable) return;
      throw error;
    }
  }
}

function processBase(item: OutboxItem): string {
  return `/api/processes/${encodeURIComponent(item.process)}`;
}

function problemText(error: ApiError): string {
  const issues = (error.problem.issues ?? []).map((issue) => `${issue.path}: ${issue.message}`);
  return [error.problem.detail ?? error.message, ...issues].join("\n");
}

async function sendItem(item: OutboxItem): Promise<void> {
  const base = processBase(item);
  const now = () => new Date().toISOString();
  try {
    for (const photo of item.photos) {
      await getJson(`${base}/photos/${photo.sha256}`, {
        method: "PUT",
        headers: { "content-type": photo.media_type },
        body: photo.bytes,
      });
    }
    const attachments = item.photos.map(({ sha256, media_type, size }) => ({
      sha256,
      media_type,
      size,
    }));
    const stored: Array<{ path: string; id: string }> = [];
    for (const [index, request] of fieldRequests(item.key, item.report, attachments).entries()) {
      const record = await getJson<{ id: string }>(`${base}/${request.path}`, {
        method: request.method,
        headers: {
          "content-type": "application/json",
          "idempotency-key": `"${item.key}:${index}"`,
          ...(request.ifMatch === undefined ? {} : { "if-match": `"${request.ifMatch}"` }),
        },
        body: JSON.stringify(request.body),
      });
      stored.push({ path: request.path.split("/")[0] ?? request.path, id: String(record.id) });
    }
    const { problem: _problem, current: _current, ...rest } = item;
    await putOutboxItem({ ...rest, status: "sent", stored, updated_at: now() });
  } catch (error) {
    if (!(error instanceof ApiError)) {
      await putOutboxItem({ ...item, attempts: item.attempts + 1, updated_at: now() });
      throw new Unreachable();
    }
    if (error.status === 401 || error.status === 429 || error.status >= 500) {
      // Signed out meanwhile, too many requests, or the server failing: it waits for a later round.
      throw new Unreachable();
    }
    const target = item.report.target;
    if (error.status === 412 && target) {
      const current = await getJson<Record<string, unknown>>(`${base}/${target.path}/${target.id}`);
      await putOutboxItem({
        ...item,
        status: "conflict",
        current,
        problem: problemText(error),
        updated_at: now(),
      });
      return;
    }
    await putOutboxItem({
      ...item,
      status: "refused",
      problem: problemText(error),
      updated_at: now(),
    });
  }
}
