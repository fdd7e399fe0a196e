/** The API as the web app uses it: JSON over HTTP, problems turned into errors that keep their fields. */

import { hashKey, type QueryKey } from "@tanstack/react-query";
import type { z } from "zod";
import type { FieldIssue } from "../../src/domain/errors.ts";
import type { Envelope } from "../../src/domain/record.ts";

/**
 * The process the app shows, as the process choice (`ProcessProvider` in process.tsx) set it
 * before rendering any page: the functions below that build a process's URLs read it, so that
 * every page's queries go to the process chosen. Components ask `useProcess()` instead.
 */
let currentProcess: string | undefined;

export function setCurrentProcess(slug: string | undefined): void {
  currentProcess = slug;
}

/** The chosen process's slug; pages that need one are shown only once a process is chosen. */
export function processSlug(): string {
  if (currentProcess === undefined) throw new Error("No process is chosen");
  return currentProcess;
}

/** `/api/processes/{slug}` of the chosen process, and a path under it. */
export function processUrl(path = ""): string {
  return `/api/processes/${encodeURIComponent(processSlug())}${path ? `/${path}` : ""}`;
}

/** Queries about no one process: the rest are cached per process. */
const QUERIES_OF_NO_PROCESS = new Set(["session", "processes", "config"]);

/**
 * The cache's key for a query: the process chosen is part of it, so that pages' query keys
 * (["stats"], ["incidents", ...]) need not name it and another process's answers are never
 * shown for this one's.
 */
export function queryHashInProcess(key: QueryKey): string {
  return hashKey(
    QUERIES_OF_NO_PROCESS.has(String(key[0])) ? key : [currentProcess ?? null, ...key],
  );
}

/**
 * A record of any kind as the API answers it: the envelope the store sets (`EnvelopeOutputSchema`:
 * id, type, version, visibility, timestamps) and its kind's fields, unknown until a page reads them.
 */
export type ApiRecord = Envelope & Record<string, unknown>;

/** A record of one kind as the API answers it: the envelope and its kind's schema's output. */
export type ApiRecordOf<Schema extends z.ZodType> = Envelope & z.output<Schema>;

/** A page of a list (`listRecords` in core): the server's response schema is `src/server`'s. */
export type Page<T = ApiRecord> = { items: T[]; next_cursor: string | null };

// The domain's own type (z.infer of FuzzyDateSchema); new code imports it from the domain.
export type { FuzzyDate } from "../../src/domain/fuzzy-date.ts";

export class ApiError extends Error {
  constructor(
    readonly status: number,
    /** An RFC 9457 problem; `issues` are the domain's field issues (`DomainError`). */
    readonly problem: { title?: string; detail?: string; issues?: FieldIssue[] },
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
  return `${processUrl(kind)}${suffix ? `?${suffix}` : ""}`;
}

export function listRecords<T = ApiRecord>(
  kind: string,
  params: Record<string, string | number | undefined> = {},
) {
  return getJson<Page<T>>(recordsUrl(kind, params));
}

/** Creates a record of a kind (its API path, e.g. "claims") and returns it as the server stored it. */
export function createRecord(path: string, body: Record<string, unknown>): Promise<ApiRecord> {
  return getJson<ApiRecord>(processUrl(path), {
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
