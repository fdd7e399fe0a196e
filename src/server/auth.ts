import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import {
  type Authentication,
  authenticate,
  SESSION_HOURS,
  signIn,
  signOut,
} from "../core/accounts.ts";
import { parseInput } from "../core/query-params.ts";
import type { Services } from "../core/services.ts";
import { PUBLIC_CALLER, type Viewer, viewerIn } from "../domain/access.ts";
import { DomainError } from "../domain/errors.ts";
import { CSRF_HEADER, cookieValue, httpOnlyCookie, SESSION_COOKIE } from "./cookies.ts";
import { ACCESS, BODY_PROBLEMS, jsonSchema, noContent, ok, problems, ref } from "./openapi.ts";

declare module "fastify" {
  interface FastifyRequest {
    /** Who sent the request: set for every /api/ route before its handler runs. */
    auth: Authentication;
  }
}

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);
const PUBLIC: Authentication = { caller: PUBLIC_CALLER, via: null };

/** The request's caller as a viewer of one process: what its reads are filtered by. */
export function viewerOf(request: FastifyRequest, slug: string): Viewer {
  return viewerIn(request.auth.caller, slug);
}

function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header === undefined) return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match?.[1]) throw new DomainError("unauthorized", "Authorization must be 'Bearer TOKEN'");
  return match[1];
}

function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  reply.header("set-cookie", httpOnlyCookie(request, SESSION_COOKIE, "", 0));
}

const SignInSchema = z
  .object({ email: z.string().max(320), password: z.string().max(1000) })
  .strict();

async function authenticateRequest(
  services: Services,
  request: FastifyRequest,
  reply: FastifyReply,
  token: string | undefined,
  session: string | undefined,
): Promise<void> {
  try {
    request.auth = await authenticate(services, { token, session });
  } catch (error) {
    if (!(error instanceof DomainError) || token !== undefined) throw error;
    clearSessionCookie(request, reply);
    // A stale cookie must not stop anyone from signing in again or out.
    if (request.url.split("?")[0] === "/api/session") return;
    throw error;
  }
  if (
    request.auth.via === "session" &&
    UNSAFE.has(request.method) &&
    request.headers[CSRF_HEADER] !== request.auth.csrf_token
  ) {
    throw new DomainError(
      "forbidden",
      "This change needs the session's CSRF token in the X-CSRF-Token header",
    );
  }
}

/**
 * Who each API request is: a session cookie (the web app) or a bearer token (scripts); neither is
 * the public. Cookie-authenticated writes must echo the session's CSRF token in X-CSRF-Token, which
 * a page on another site cannot read.
 */
export function registerAuth(app: FastifyInstance, services: Services): void {
  app.decorateRequest("auth", null as unknown as Authentication);
  // Callback style, so that a request without credentials (most public reads) costs no promise.
  app.addHook("onRequest", (request, reply, done) => {
    request.auth = PUBLIC;
    if (!request.url.startsWith("/api/")) return done();
    let token: string | undefined;
    try {
      token = bearerToken(request);
    } catch (error) {
      return done(error as Error);
    }
    const session = token === undefined ? cookieValue(request, SESSION_COOKIE) : undefined;
    if (token === undefined && session === undefined) return done();
    authenticateRequest(services, request, reply, token, session).then(() => done(), done);
  });

  const tags = ["session"];
  app.get(
    "/api/session",
    {
      schema: {
        tags,
        operationId: "getSession",
        summary: "Who you are: your email, your roles, and the CSRF token for your writes",
        security: ACCESS.read,
        response: { 200: ok("You, or `user: null` for the public", ref("Session")), ...problems() },
      },
    },
    async (request, reply) => {
      reply.header("cache-control", "no-store");
      const auth = request.auth;
      if (auth.via === null) return { user: null };
      return {
        user: { id: auth.caller.id, email: auth.email },
        memberships: auth.memberships ?? [],
        via: auth.via,
        ...(auth.csrf_token ? { csrf_token: auth.csrf_token } : {}),
      };
    },
  );
  app.post(
    "/api/session",
    {
      schema: {
        tags,
        operationId: "signIn",
        summary: "Sign in with email and password: sets an HttpOnly session cookie",
        security: ACCESS.anyone,
        body: jsonSchema(SignInSchema),
        response: {
          201: ok("Signed in: the session cookie is set; keep csrf_token", ref("Session")),
          ...problems(...BODY_PROBLEMS),
        },
      },
    },
    async (request, reply) => {
      const credentials = parseInput(SignInSchema, request.body);
      const signedIn = await signIn(services, credentials, request.ip);
      reply
        .status(201)
        .header("cache-control", "no-store")
        .header(
          "set-cookie",
          httpOnlyCookie(request, SESSION_COOKIE, signedIn.secret, SESSION_HOURS * 3600),
        );
      return {
        user: { id: `user:${signedIn.user.id}`, email: signedIn.user.email },
        memberships: signedIn.user.memberships,
        via: "session",
        csrf_token: signedIn.csrf_token,
        expires_at: signedIn.expires_at.toISOString(),
      };
    },
  );
  app.delete(
    "/api/session",
    {
      schema: {
        tags,
        operationId: "signOut",
        summary: "Sign out: ends the session and clears its cookie",
        // Without a session there is nothing to end, and the answer is the same.
        security: [...ACCESS.anyone, { sessionCookie: [], csrfToken: [] }],
        response: { 204: noContent("Signed out; the cookie is cleared"), ...problems(403) },
      },
    },
    async (request, reply) => {
      const secret = cookieValue(request, SESSION_COOKIE);
      if (secret !== undefined) await signOut(services, secret);
      clearSessionCookie(request, reply);
      return reply.status(204).send();
    },
  );
}
