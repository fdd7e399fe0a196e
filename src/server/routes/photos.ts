import type { FastifyInstance } from "fastify";
import { getPhoto, storePhoto } from "../../core/photos.ts";
import type { Services } from "../../core/services.ts";
import { PHOTO_MAX_BYTES, PHOTO_MEDIA_TYPES } from "../../domain/report-fields.ts";
import { ACCESS, ok, problems } from "../openapi.ts";

const params = {
  type: "object",
  properties: {
    slug: { type: "string", description: "the process's slug" },
    sha256: { type: "string", description: "the SHA-256 of the photo's bytes, in hex" },
  },
  required: ["slug", "sha256"],
};
const CONTENT_TYPES = [...PHOTO_MEDIA_TYPES, "application/octet-stream"];

/**
 * Photos attached to records, by the SHA-256 of their bytes (decision 0031): PUT sends one before
 * the record naming it (sending it again changes nothing), GET reads it back for whoever may see a
 * record attaching it. Registered in its own scope, whose body parser takes the bytes as they are.
 */
export function registerPhotoRoutes(app: FastifyInstance, services: Services): void {
  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(CONTENT_TYPES, { parseAs: "buffer" }, (_request, body, done) =>
      done(null, body),
    );
    const path = "/api/processes/:slug/photos/:sha256";

    scope.put<{ Params: { slug: string; sha256: string }; Body: Buffer }>(
      path,
      {
        bodyLimit: PHOTO_MAX_BYTES,
        schema: {
          tags: ["photos"],
          operationId: "putPhoto",
          summary: "Send a photo before the record that attaches it",
          description:
            "The photo's bytes as the body (JPEG, PNG or WebP, up to 10 MiB), under the SHA-256 " +
            "of those bytes; a record then names it in `attachments`. Sending it again changes " +
            "nothing. Strip its location (EXIF GPS) first unless it is meant to be kept.",
          security: ACCESS.write,
          params,
          consumes: CONTENT_TYPES,
          body: { description: "The photo's bytes" },
          response: {
            200: ok("The photo is stored", {
              type: "object",
              properties: {
                sha256: { type: "string" },
                media_type: { type: "string" },
                size: { type: "integer" },
              },
              required: ["sha256", "media_type", "size"],
            }),
            ...problems(400, 403, 404, 413, 415, 422),
          },
        },
      },
      async (request) =>
        storePhoto(services, request.params.slug, request.auth.caller, {
          expected: request.params.sha256,
          content: new Uint8Array(request.body),
        }),
    );

    scope.get<{ Params: { slug: string; sha256: string } }>(
      path,
      {
        schema: {
          tags: ["photos"],
          operationId: "getPhoto",
          summary: "A photo a record you may see attaches",
          security: ACCESS.read,
          params,
          response: {
            200: {
              description: "The photo's bytes",
              content: Object.fromEntries(
                PHOTO_MEDIA_TYPES.map((type) => [
                  type,
                  { schema: { type: "string", format: "binary" } },
                ]),
              ),
            },
            ...problems(400, 404),
          },
        },
      },
      async (request, reply) => {
        const photo = await getPhoto(
          services,
          request.params.slug,
          request.params.sha256,
          request.auth.caller,
        );
        // Its bytes never change, but who may see it can: the browser asks again each time.
        reply
          .header("content-type", photo.media_type)
          .header("etag", `"${photo.sha256}"`)
          .header("cache-control", "private, no-cache");
        return reply.send(Buffer.from(photo.content));
      },
    );
  });
}
