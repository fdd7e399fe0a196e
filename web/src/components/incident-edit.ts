import { isObject } from "../../../src/domain/plain-object.ts";

/**
 * The body an edit of an incident sends: the incident as it was, with what the form shows replaced
 * by what it holds now. The form shows the title, kind, date, the sides involved, place name,
 * precision and coordinates and the description; an emptied description or coordinate is removed,
 * not kept from before. What the form does not show (sources, verification, the place's admin
 * areas, country and geometry, attributes) stays as it was.
 */
export function editedIncident(
  before: Record<string, unknown>,
  fromForm: Record<string, unknown>,
): Record<string, unknown> {
  const edited: Record<string, unknown> = { ...before, ...fromForm };
  if (!("description" in fromForm)) delete edited.description;
  const placeBefore = isObject(before.place) ? before.place : {};
  const { lat: _lat, lon: _lon, ...keptPlace } = placeBefore;
  edited.place = { ...keptPlace, ...(isObject(fromForm.place) ? fromForm.place : {}) };
  return edited;
}
