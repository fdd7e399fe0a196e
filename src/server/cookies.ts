import type { FastifyRequest } from "fastify";

/** The web app's session: an HttpOnly cookie holding the session's secret. */
export const SESSION_COOKIE = "truce_session";
/** The header a cookie-authenticated change echoes the session's CSRF token in. */
export const CSRF_HEADER = "x-csrf-token";

/** One cookie's value from the request's Cookie header, or undefined. */
export function cookieValue(request: FastifyRequest, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? "").split(";")) {
    const at = part.indexOf("=");
    if (at > 0 && part.slice(0, at).trim() === name)
      return decodeURIComponent(part.slice(at + 1).trim());
  }
  return undefined;
}

/**
 * A Set-Cookie value for a cookie scripts cannot read. Secure when the request came over TLS
 * (behind a proxy, with TRUCE_TRUST_PROXY so Fastify believes X-Forwarded-Proto).
 */
export function httpOnlyCookie(
  request: FastifyRequest,
  name: string,
  value: string,
  maxAgeSeconds: number,
): string {
  const secure = request.protocol === "https" ? "; Secure" : "";
  return `${name}=${encodeURIComponent(value)}; Path=/; Max-Age=${maxAgeSeconds}; HttpOnly; SameSite=Lax${secure}`;
}
