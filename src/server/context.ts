import type { FastifyRequest } from "fastify";
import type { Principal } from "../core/services.ts";
import { OPERATOR, type Viewer } from "../store/scope.ts";

/** Who a request acts as. Accounts and sessions (issue 5) replace this one function pair. */
export type RequestContext = {
  viewer: (request: FastifyRequest) => Viewer;
  principal: (request: FastifyRequest) => Principal;
};

/**
 * Until access control lands, every request acts as the local operator: this is why `truce serve`
 * binds to 127.0.0.1 unless told otherwise.
 */
export const LOCAL_OPERATOR_CONTEXT: RequestContext = {
  viewer: () => OPERATOR,
  principal: () => "operator:api",
};
