import type { FastifyInstance, InjectOptions } from "fastify";
import { addUser } from "../../src/core/accounts.ts";
import type { Services } from "../../src/core/services.ts";
import type { Role } from "../../src/domain/access.ts";

let counter = 0;

/** A new user with this role (in every process unless `process` is given) and an API token. */
export async function tokenFor(
  services: Services,
  role: Role,
  options: { party?: string; process?: string } = {},
): Promise<string> {
  counter += 1;
  const { token } = await addUser(
    services,
    { email: `${role}-${counter}-${process.pid}@test.example`, role, ...options },
    { token: true },
  );
  if (!token) throw new Error("no token issued");
  return token;
}

/** `app.inject` as the holder of `token` (or the public, when it is undefined). */
export function injectAs(app: FastifyInstance, token: string | undefined) {
  return (options: string | InjectOptions) => {
    const request: InjectOptions = typeof options === "string" ? { url: options } : options;
    if (token === undefined) return app.inject(request);
    return app.inject({
      ...request,
      headers: { ...request.headers, authorization: `Bearer ${token}` },
    });
  };
}
