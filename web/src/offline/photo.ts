/**
 * A photo made ready on the device before it waits in the outbox: resized (a phone's 12 MP photo
 * is megabytes; a satellite link sends tens of kilobytes a second) and re-encoded through a
 * canvas, which writes no EXIF at all, so the position the camera recorded is gone. When the
 * reporter keeps the location, the original's GPS block alone is written back (piexifjs).
 */
import piexif from "piexifjs";
import type { OutboxPhoto } from "./outbox.ts";

/** The longest side a photo is sent with: enough to read a crater or a vehicle's markings. */
export const LONGEST_SIDE = 1600;

/** The SHA-256 of a blob's bytes, in hex: the photo's name on the server and in the ledger. */
export async function sha256Of(blob: Blob): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", await blob.arrayBuffer());
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, "0")).join("");
}

function dataUrlOf(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(blob);
  });
}

/** A data: URL's bytes (not fetched: the pages' CSP allows no data: connections). */
function blobOfDataUrl(url: string): Blob {
  const [head = "", base64 = ""] = url.split(",");
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return new Blob([bytes], { type: head.slice(5).split(";")[0] || "image/jpeg" });
}

/** The GPS block of a JPEG's EXIF, or undefined when it has none (or is no JPEG). */
async function gpsOf(file: Blob): Promise<Record<string, unknown> | undefined> {
  if (file.type !== "image/jpeg") return undefined;
  try {
    const exif = piexif.load(await dataUrlOf(file)) as { GPS?: Record<string, unknown> };
    return exif.GPS && Object.keys(exif.GPS).length > 0 ? exif.GPS : undefined;
  } catch {
    return undefined;
  }
}

/** Whether a photo records where it was taken: the form then asks whether to keep it. */
export async function hasLocation(file: Blob): Promise<boolean> {
  return (await gpsOf(file)) !== undefined;
}

/**
 * The photo to send: at most LONGEST_SIDE pixels on its longest side, as a JPEG, with no metadata,
 * or with the original's GPS block alone when `keepLocation` is set.
 */
export async function preparePhoto(file: Blob, keepLocation: boolean): Promise<OutboxPhoto> {
  // The camera's orientation is applied when decoding, since the EXIF that says it is dropped.
  const bitmap = await createImageBitmap(file, { imageOrientation: "from-image" });
  const scale = Math.min(1, LONGEST_SIDE / Math.max(bitmap.width, bitmap.height));
  const canvas = document.createElement("canvas");
  canvas.width = Math.round(bitmap.width * scale);
  canvas.height = Math.round(bitmap.height * scale);
  const context = canvas.getContext("2d");
  if (!context) throw new Error("This browser cannot draw the photo");
  context.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  bitmap.close();
  let bytes = await new Promise<Blob>((resolve, reject) =>
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error("no JPEG"))),
      "image/jpeg",
      0.85,
    ),
  );
  const gps = keepLocation ? await gpsOf(file) : undefined;
  if (gps) {
    const withGps = piexif.insert(piexif.dump({ GPS: gps }), await dataUrlOf(bytes)) as string;
    bytes = blobOfDataUrl(withGps);
  }
  return {
    sha256: await sha256Of(bytes),
    media_type: "image/jpeg",
    size: bytes.size,
    bytes,
    keeps_location: gps !== undefined,
  };
}
