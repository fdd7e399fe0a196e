import { randomBytes } from "node:crypto";

const PREFIXES: Record<string, string> = {
  border_segment: "bsg",
  commitment: "cmt",
  assessment: "asm",
  provision: "prv",
  document: "doc",
  detainee: "det",
  exchange: "exc",
  incident: "inc",
};

/**
 * A new record id: a short prefix for the kind, the time in base 36 (so ids sort roughly by
 * creation) and 48 random bits.
 */
export function newRecordId(type: string, now: Date): string {
  const prefix = PREFIXES[type] ?? type.slice(0, 3);
  return `${prefix}-${now.getTime().toString(36)}-${randomBytes(6).toString("hex")}`;
}
