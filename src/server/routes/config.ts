import type { FastifyInstance } from "fastify";
import { ACCESS, ok, problems } from "../openapi.ts";

/**
 * What the web app needs to know about this server's setup before it draws anything. Only settings
 * that are safe to show anyone belong here: the response is public.
 */
export function registerConfigRoutes(
  app: FastifyInstance,
  options: { mapStyleUrl: string | null; offlineSignInHours: number },
): void {
  app.get(
    "/api/config",
    {
      schema: {
        tags: ["map"],
        operationId: "getConfig",
        summary: "The web app's settings: the online map style, if any; the offline sign-in",
        description:
          "`map_style_url` is a MapLibre style URL (TRUCE_MAP_STYLE_URL) the maps use instead of " +
          "the bundled offline Natural Earth basemap; null means the maps stay offline. " +
          "`offline_sign_in_hours` (TRUCE_OFFLINE_SIGNIN_HOURS) is how long the web app keeps a " +
          "sign-in, and its copy of what the user may see, without reaching the server.",
        security: ACCESS.anyone,
        response: {
          200: ok("The settings", {
            type: "object",
            properties: {
              map_style_url: { type: ["string", "null"] },
              offline_sign_in_hours: { type: "number" },
            },
            required: ["map_style_url", "offline_sign_in_hours"],
          }),
          ...problems(),
        },
      },
    },
    async () => ({
      map_style_url: options.mapStyleUrl,
      offline_sign_in_hours: options.offlineSignInHours,
    }),
  );
}

/**
 * The origin of a map style URL, for the pages' Content-Security-Policy; null when unset. A URL
 * that is not http(s) is refused at start rather than silently breaking every map.
 */
export function mapStyleOrigin(url: string | undefined): string | null {
  if (!url) return null;
  const parsed = new URL(url);
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:")
    throw new Error(`TRUCE_MAP_STYLE_URL must be an http(s) URL; got ${url}`);
  return parsed.origin;
}
