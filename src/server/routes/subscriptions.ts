import type { FastifyInstance } from "fastify";
import type { Services } from "../../core/services.ts";
import {
  createSubscription,
  deleteSubscription,
  getSubscription,
  listSubscriptionDeliveries,
  listSubscriptions,
  PageQuerySchema,
  updateSubscription,
} from "../../core/subscriptions.ts";
import { AlertRuleSchema, SubscriptionInputSchema } from "../../domain/alert-rules.ts";
import { ACCESS, BODY_PROBLEMS, jsonSchema, noContent, ok, problems } from "../openapi.ts";

/** A signed-in user's own things: a token, or the session cookie (with its CSRF token to change). */
const SIGNED_IN = [{ bearerToken: [] }, { sessionCookie: [] }];

const SUBSCRIPTION = {
  type: "object",
  properties: {
    id: { type: "string" },
    process: { type: "string", description: "the process's slug" },
    rule: jsonSchema(AlertRuleSchema, "output"),
    channel: { type: "string", enum: ["webhook", "email"] },
    target: { type: "string", description: "the webhook's URL or the e-mail address" },
    label: { type: ["string", "null"] },
    has_secret: { type: "boolean", description: "a webhook's HMAC key is set (never shown again)" },
    created_at: { type: "string", format: "date-time" },
    updated_at: { type: "string", format: "date-time" },
  },
  required: ["id", "process", "rule", "channel", "target", "has_secret", "created_at"],
};

const WITH_SECRET = {
  type: "object",
  properties: {
    subscription: SUBSCRIPTION,
    secret: {
      type: "string",
      description:
        "the webhook's HMAC-SHA256 key when the server made it: shown in this answer only. Each " +
        "delivery's body is signed with it in X-Truce-Signature-256 (sha256=<hex>)",
    },
  },
  required: ["subscription"],
};

const DELIVERY = {
  type: "object",
  properties: {
    id: { type: "string" },
    alert_key: { type: "string", description: "what the alert is about; one delivery per key" },
    status: { type: "string", enum: ["pending", "delivered", "failed"] },
    attempts: { type: "integer" },
    attempt_log: {
      type: "array",
      items: {
        type: "object",
        properties: {
          at: { type: "string", format: "date-time" },
          ok: { type: "boolean" },
          answer: { type: "string", description: "the HTTP status, SMTP reply or error" },
        },
      },
    },
    next_attempt_at: { type: ["string", "null"], format: "date-time" },
    created_at: { type: "string", format: "date-time" },
    delivered_at: { type: ["string", "null"], format: "date-time" },
    event: { type: "object", description: "the body sent (a webhook's JSON, an e-mail's content)" },
  },
  required: ["id", "alert_key", "status", "attempts", "attempt_log", "created_at", "event"],
};

const page = (items: object, what: string) =>
  ok(what, {
    type: "object",
    properties: {
      items: { type: "array", items },
      next_cursor: { type: ["string", "null"], description: "the next page's cursor" },
    },
    required: ["items", "next_cursor"],
  });

const idParams = {
  type: "object",
  properties: { id: { type: "string" } },
  required: ["id"],
};

/**
 * `/api/subscriptions`: a signed-in user's alerts (decision 0030). Each subscription is one rule
 * about one process, delivered by webhook or e-mail; only what its owner may see is ever sent.
 */
export function registerSubscriptionRoutes(app: FastifyInstance, services: Services): void {
  const tags = ["subscriptions"];
  app.get(
    "/api/subscriptions",
    {
      schema: {
        tags,
        operationId: "listSubscriptions",
        summary: "Your subscriptions, newest first",
        security: SIGNED_IN,
        querystring: jsonSchema(PageQuerySchema),
        response: {
          200: page(SUBSCRIPTION, "A page of your subscriptions"),
          ...problems(400, 401),
        },
      },
    },
    async (request, reply) => {
      reply.header("cache-control", "no-store");
      return listSubscriptions(services, request.auth.caller, request.query);
    },
  );
  app.post(
    "/api/subscriptions",
    {
      schema: {
        tags,
        operationId: "createSubscription",
        summary: "Subscribe to a rule about a process",
        description:
          "Rules: commitment_due (days_before), commitment_overdue, incident_near (place, km), " +
          "claims_disagree, verification_changed (record_type). A webhook's body is signed with " +
          "HMAC-SHA256 in X-Truce-Signature-256 and retried with exponential backoff; e-mail " +
          "goes through the server's SMTP server.",
        security: ACCESS.write,
        body: jsonSchema(SubscriptionInputSchema),
        response: {
          201: ok("Subscribed; a key the server made is in `secret`, this once", WITH_SECRET),
          // 409: the caller already holds as many subscriptions as one user may (100).
          ...problems(...BODY_PROBLEMS, 401, 403, 409),
        },
      },
    },
    async (request, reply) => {
      const created = await createSubscription(services, request.auth.caller, request.body);
      reply
        .status(201)
        .header("cache-control", "no-store")
        .header("location", `/api/subscriptions/${created.subscription.id}`);
      return created;
    },
  );
  app.get<{ Params: { id: string } }>(
    "/api/subscriptions/:id",
    {
      schema: {
        tags,
        operationId: "getSubscription",
        summary: "One of your subscriptions",
        security: SIGNED_IN,
        params: idParams,
        response: { 200: ok("The subscription", SUBSCRIPTION), ...problems(401, 404) },
      },
    },
    async (request, reply) => {
      reply.header("cache-control", "no-store");
      return getSubscription(services, request.auth.caller, request.params.id);
    },
  );
  app.put<{ Params: { id: string } }>(
    "/api/subscriptions/:id",
    {
      schema: {
        tags,
        operationId: "updateSubscription",
        summary: "Replace a subscription's rule, channel, target and label",
        description: "A webhook keeps its key unless `secret` gives a new one.",
        security: ACCESS.write,
        params: idParams,
        body: jsonSchema(SubscriptionInputSchema),
        response: {
          200: ok("The subscription as stored", WITH_SECRET),
          ...problems(...BODY_PROBLEMS, 401, 403, 404),
        },
      },
    },
    async (request, reply) => {
      reply.header("cache-control", "no-store");
      return updateSubscription(services, request.auth.caller, request.params.id, request.body);
    },
  );
  app.delete<{ Params: { id: string } }>(
    "/api/subscriptions/:id",
    {
      schema: {
        tags,
        operationId: "deleteSubscription",
        summary: "Unsubscribe (its delivery log goes with it)",
        security: ACCESS.write,
        params: idParams,
        response: { 204: noContent("Unsubscribed"), ...problems(401, 403, 404) },
      },
    },
    async (request, reply) => {
      await deleteSubscription(services, request.auth.caller, request.params.id);
      return reply.status(204).send();
    },
  );
  app.get<{ Params: { id: string } }>(
    "/api/subscriptions/:id/deliveries",
    {
      schema: {
        tags,
        operationId: "listSubscriptionDeliveries",
        summary:
          "A subscription's delivery log, newest first: each alert, its attempts and answers",
        security: SIGNED_IN,
        params: idParams,
        querystring: jsonSchema(PageQuerySchema),
        response: { 200: page(DELIVERY, "A page of the log"), ...problems(400, 401, 404) },
      },
    },
    async (request, reply) => {
      reply.header("cache-control", "no-store");
      return listSubscriptionDeliveries(
        services,
        request.auth.caller,
        request.params.id,
        request.query,
      );
    },
  );
}
