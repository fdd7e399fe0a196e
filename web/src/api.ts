/** The API as the web app uses it: JSON over HTTP, problems turned into errors that keep their fields. */

/**
 * The process the app shows: `?process=SLUG` picks one and is remembered; the example otherwise.
 * (A process switcher in the interface can build on this.)
 */
function chosenProcess(): string {
  const asked = new URLSearchParams(window.location.search).get("process");
  if (asked && /^[a-z0-9-]{1,64}$/.test(asked)) {
    localStorage.setItem("truce.process", asked);
    return asked;
  }
  return localStorage.getItem("truce.process") ?? "armenia-azerbaijan";
}

export const PROCESS = chosenProcess();

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

/** Creates a record of a kind (its API path, e.g. "claims") and returns it as the server stored it. */
export function createRecord(path: string, body: Record<string, unknown>): Promise<ApiRecord> {
  return getJson<ApiRecord>(`/api/processes/${PROCESS}/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

/**
 * Sends a file as the raw body of a POST, reporting how much has gone up: fetch cannot report
 * upload progress, XMLHttpRequest can. Problems become ApiErrors as with getJson.
 */
export function uploadFile<T>(
  path: string,
  file: Blob,
  contentType: string,
  onProgress: (sent: number, total: number) => void,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open("POST", path);
    request.setRequestHeader("content-type", contentType);
    request.setRequestHeader("accept", "application/json");
    if (csrfToken) request.setRequestHeader("x-csrf-token", csrfToken);
    request.upload.onprogress = (event) => onProgress(event.loaded, event.total || file.size);
    request.onerror = () => reject(new Error("The upload failed: the server could not be reached"));
    request.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(request.responseText);
      } catch {
        // A body that is not JSON is reported by its status alone.
      }
      if (request.status >= 200 && request.status < 300) resolve(body as T);
      else reject(new ApiError(request.status, (body ?? {}) as ApiError["problem"]));
    };
    request.send(file);
  });
}
