import { createHash } from "node:crypto";
import { viewerIn } from "../domain/access.ts";
import { DomainError } from "../domain/errors.ts";
import { PHOTO_MAX_BYTES, photoMediaType, Sha256Schema } from "../domain/report-fields.ts";
import { findVisibleBlob, insertBlob, type StoredBlob } from "../store/blob.repository.ts";
import { findProcess } from "../store/process.repository.ts";
import type { Principal, Services } from "./services.ts";

/**
 * Stores a photo for a record about to be sent, under the SHA-256 of its bytes, which the caller
 * names (`expected`) so a photo damaged on the way is refused instead of stored under another hash.
 * Only who may write in the process may send one; sending the same photo again changes nothing.
 * The photo is bytes only: the record that attaches it holds its hash, in the ledger.
 */
export async function storePhoto(
  services: Services,
  slug: string,
  principal: Principal,
  photo: { expected: string; content: Uint8Array },
): Promise<{ sha256: string; media_type: string; size: number }> {
  const viewer = viewerIn(principal, slug);
  if (viewer.role === "public") throw new DomainError("unauthorized", "Sign in to send photos");
  if (!(await findProcess(services.store.db, slug)))
    throw new DomainError("not_found", `No process "${slug}"`);
  if (viewer.role === "viewer")
    throw new DomainError("forbidden", "A viewer sends no photos: they belong to records");
  const sha256 = createHash("sha256").update(photo.content).digest("hex");
  if (sha256 !== photo.expected) {
    throw new DomainError("validation_failed", "The photo's bytes do not have the SHA-256 named", {
      issues: [{ path: "sha256", message: `the bytes sent have SHA-256 ${sha256}` }],
    });
  }
  if (photo.content.length > PHOTO_MAX_BYTES) {
    throw new DomainError("validation_failed", `A photo is at most ${PHOTO_MAX_BYTES} bytes`, {
      issues: [{ path: "", message: `${photo.content.length} bytes` }],
    });
  }
  const media_type = photoMediaType(photo.content);
  if (!media_type) {
    throw new DomainError("validation_failed", "A photo is a JPEG, PNG or WebP image", {
      issues: [{ path: "", message: "its first bytes are of none of these" }],
    });
  }
  await insertBlob(services.store.db, {
    slug,
    sha256,
    media_type,
    size: photo.content.length,
    content: photo.content,
    at: services.now().toISOString(),
    created_by: principal.id,
  });
  return { sha256, media_type, size: photo.content.length };
}

/** A photo, for whoever may see a record attaching it (or sent it); a 404 for anyone else. */
export async function getPhoto(
  services: Services,
  slug: string,
  sha256: string,
  principal: Principal,
): Promise<StoredBlob> {
  const parsed = Sha256Schema.safeParse(sha256);
  if (!parsed.success) {
    throw new DomainError("bad_request", "A photo is named by its SHA-256", {
      issues: [{ path: "sha256", message: parsed.error.issues[0]?.message ?? "invalid" }],
    });
  }
  const viewer = viewerIn(principal, slug);
  const blob = await findVisibleBlob(services.store.db, slug, sha256, viewer, principal.id);
  if (!blob) throw new DomainError("not_found", `No photo ${sha256} you may see in "${slug}"`);
  return blob;
}
