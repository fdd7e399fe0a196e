/** The API as the web app uses it: JSON over HTTP, problems turned into errors that keep their fields. */

export const PROCESS = "armenia-azerbaijan";

export type ApiRecord = Record<string, unknown> & { id: string; type: string; version: number };
export type Page<T = ApiRecord> = { items: T[]; next_cursor: string | null };
export type FuzzyDate = { value: string; precision: string; end?: string };

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: {
      title?: string;
      detail?: string;
      issues?: Array<{ path: string; message: string }>;
    },
  ) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
  }
}

let csrfToken: string | undefined;

/** The signed-in session's CSRF token, sent with every change (the server refuses changes without it). */
export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

export async function getJson<T>(path: string, init?: RequestInit): Promise<T> {
  const method = (init?.method ?? "GET").toUpperCase();
  const response = await fetch(path, {
    ...init,
    headers: {
      accept: "application/json",
      ...(method !== "GET" && csrfToken ? { "x-csrf-token": csrfToken } : {}),
      ...init?.headers,
    },
  });
  const body = response.status === 204 ? null : await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(response.status, body ?? {});
  return body as T;
}

/** `/api/processes/{slug}/{kind}` with query parameters; undefined and empty values are left out. */
export function recordsUrl(
  kind: string,
  params: Record<string, string | number | undefined> = {},
): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== "") query.set(key, String(value));
  }
  const suffix = query.toString();
  return `/api/processes/${PROCESS}/${kind}${suffix ? `?${suffix}` : ""}`;
}

export function listRecords<T = ApiRecord>(
  kind: string,
  params: Record<string, string | number | undefined> = {},
) {
  return getJson<Page<T>>(recordsUrl(kind, params));
}
