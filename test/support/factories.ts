/**
 * A minimal valid input for every kind, referring only to records of the reference process
 * (actors ARM, AZE, RUS, EU, RPK; document doc-2020-11-09; its provisions), so each can be created
 * on a store loaded with `loadReferenceProcess`.
 */
export function sampleInput(type: string, n = 1): Record<string, unknown> {
  const day = { value: `2021-11-${String(10 + (n % 18)).padStart(2, "0")}`, precision: "day" };
  const place = { name: `Sotk ${n}`, precision: "settlement", lat: 40.2 + n / 1000, lon: 45.9 };
  switch (type) {
    case "actor":
      return { name: `Observer group ${n}`, roles: ["organisation"] };
    case "source":
      return { title: `Report ${n}`, kind: "news", publisher: "Example Wire", published: day };
    case "document":
      return { title: `Statement ${n}`, kind: "statement", date: day, signatories: ["ARM"] };
    case "provision":
      return {
        document_id: "doc-2020-11-09",
        number: `${100 + n}`,
        summary: "A test provision",
        category: "other",
      };
    case "assessment":
      return {
        provision_id: "prv-2020-11-09-1",
        as_of: day,
        status: "disputed",
        reason: "The parties disagree",
        assessed_by: "RUS",
      };
    case "meeting":
      return {
        title: `Meeting ${n}`,
        kind: "bilateral",
        date: day,
        participants: ["ARM", "AZE"],
        status: "planned",
      };
    case "commitment":
      return { summary: `Commitment ${n}`, owners: ["ARM"], due: day, status: "open" };
    case "body":
      return {
        name: `Commission ${n}`,
        kind: "commission",
        status: "active",
        members: ["ARM", "AZE"],
      };
    case "incident":
      return { title: `Shelling near Sotk ${n}`, kind: "shelling", date: day, place };
    case "claim":
      return { claimant: "ARM", subject: "position", statement: `Position ${n}`, date: day };
    case "detainee":
      return {
        full_name: `Person ${n}`,
        affiliation_id: "ARM",
        held_by: "AZE",
        category: "civilian",
        status: "held",
      };
    case "exchange":
      return {
        date: day,
        principle: "all_for_all",
        transfers: [{ from: "AZE", to: "ARM", persons: 5 }],
        mediators: ["RUS"],
        reported_by: "RUS",
      };
    case "post":
      return {
        name: `Post ${n}`,
        operated_by: "RPK",
        place: { name: "Lachin district", precision: "district" },
      };
    case "patrol":
      return { date: day, reported_by: "RPK", observations: `Quiet night ${n}` };
    case "hazard":
      return { name: `Field ${n}`, status: "suspected", place, as_of: day, reported_by: "RPK" };
    case "border_segment":
      return {
        name: `Section ${n}`,
        status: "disputed",
        sides: ["ARM", "AZE"],
        lines: [
          {
            proposed_by: "ARM",
            geometry: {
              type: "LineString",
              coordinates: [
                [45.9, 40.2],
                [46.0, 40.1],
              ],
            },
          },
        ],
      };
    case "link":
      return { name: `Road ${n}`, kind: "road", status: "proposed", sought_by: ["AZE"] };
    case "withdrawal":
      return {
        title: `Withdrawal from Sotk ${n}`,
        subject: "forces",
        withdrawing: ["ARM"],
        place,
        due: day,
        reports: [{ by: "ARM", date: day, says: "completed" }],
      };
    case "violation_count":
      return { reporter: "AZE", period: day, violations: 10 + n, blamed: ["ARM"] };
    case "place":
      return { ...place, kind: "village", aliases: [`Zod ${n}`], country: "AM" };
    default:
      throw new Error(`no sample for ${type}`);
  }
}

/** A change every sample accepts, to test updates. */
export function changedInput(input: Record<string, unknown>): Record<string, unknown> {
  const textField = [
    "title",
    "name",
    "summary",
    "statement",
    "observations",
    "reason",
    "full_name",
  ].find((field) => typeof input[field] === "string");
  if (textField) return { ...input, [textField]: `${String(input[textField])} (revised)` };
  return { ...input, notes: "revised" };
}
