import type { z } from "zod";
import type { ActorSchema } from "../src/domain/kinds/actor.schema.ts";
import type { ClaimSchema } from "../src/domain/kinds/claim.schema.ts";
import type { DocumentSchema } from "../src/domain/kinds/document.schema.ts";
import type { IncidentSchema } from "../src/domain/kinds/incident.schema.ts";
import type { MeetingSchema } from "../src/domain/kinds/meeting.schema.ts";
import {
  PROVISION_CATEGORIES,
  type ProvisionSchema,
} from "../src/domain/kinds/provision.schema.ts";
import type { SourceSchema } from "../src/domain/kinds/source.schema.ts";
import type { Place } from "../src/domain/place.ts";
import type { ProcessSchema } from "../src/domain/process.schema.ts";
import type { Visibility } from "../src/domain/record.ts";
import { ACLED_COLUMNS, type AcledRow } from "../src/ingest/acled.ts";

/**
 * A seeded generator of synthetic peace processes for benchmarks. The data is invented (parties,
 * villages, districts and every figure) but shaped like the real record: incidents cluster along a
 * border line and in bursts of escalation, each side's claims disagree, and sources, documents and
 * meetings accompany them. The same seed always gives the same records, byte for byte, so a
 * benchmark can be rerun and compared.
 */

/** How big a synthetic process to make, and from which seed. */
export type SyntheticOptions = {
  /** Seeds the PRNG; only its low 32 bits count, so use integers below 2^32. */
  seed: number;
  /** How many incidents; everything else (actors, documents, meetings) is fixed in size. */
  incidents: number;
  /** Fewest and most claims per incident, inclusive; defaults to [1, 3]. */
  claimsPerIncident?: [min: number, max: number];
};

/** A record as the generator emits it: the type plus a client's input for that kind. */
type GeneratedRecord = { type: string } & Record<string, unknown>;

/** The fields a client writes for each kind the generator emits, checked at compile time. */
type Inputs = {
  actor: z.input<typeof ActorSchema>;
  source: z.input<typeof SourceSchema>;
  document: z.input<typeof DocumentSchema>;
  provision: z.input<typeof ProvisionSchema>;
  meeting: z.input<typeof MeetingSchema>;
  incident: z.input<typeof IncidentSchema>;
  claim: z.input<typeof ClaimSchema>;
};

type SyntheticRecord<T extends keyof Inputs> = {
  type: T;
  id: string;
  visibility: Visibility;
  restricted_to?: string;
} & Inputs[T];

/** The process every synthetic record belongs to. */
export const SYNTHETIC_PROCESS = {
  slug: "synthetic",
  name: "Synthetic process (benchmark data)",
  description:
    "Invented records for benchmarks: the parties, places and figures are made up, and the " +
    "coordinates only borrow the shape of a real border region.",
  countries: ["AM", "AZ"],
  started: { value: "2020-09-01", precision: "day" },
  bbox: [44.8, 38.9, 46.6, 41.3],
} satisfies z.input<typeof ProcessSchema>;

/**
 * Mulberry32: a small, fast 32-bit PRNG. It is good enough for synthetic data and, unlike
 * Math.random, reproducible from a seed. Returns floats in [0, 1).
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A PRNG with the draws the generator needs. */
class Random {
  private readonly next: () => number;
  private spare: number | undefined;

  constructor(seed: number) {
    this.next = mulberry32(seed);
  }

  float(): number {
    return this.next();
  }

  /** An integer in [low, high], both inclusive. */
  int(low: number, high: number): number {
    return low + Math.floor(this.next() * (high - low + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** A standard normal draw (Box–Muller), keeping the second value of each pair for the next. */
  gaussian(): number {
    if (this.spare !== undefined) {
      const value = this.spare;
      this.spare = undefined;
      return value;
    }
    const radius = Math.sqrt(-2 * Math.log(1 - this.next()));
    const angle = 2 * Math.PI * this.next();
    this.spare = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  }
}

/**
 * Separate PRNG streams for the fixed-size part of the process and for the incidents, so that the
 * documents and meetings of a seed do not change with the number of incidents asked for.
 */
function streamSeed(seed: number, stream: number): number {
  let h = Math.imul((seed >>> 0) ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(stream, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 16), 0x45d9f3b);
  return (h ^ (h >>> 13)) >>> 0;
}

// ---------------------------------------------------------------------------------------------
// Calendar. Days are indexes from 2020-09-01; incidents fall up to 2024-12-31, while meetings may
// be planned a little beyond and provision deadlines further still.

const DAY_MS = 86_400_000;
const START_MS = Date.UTC(2020, 8, 1);
/** Days from 2020-09-01 to 2024-12-31, inclusive: the span incidents fall in. */
const SPAN_DAYS = (Date.UTC(2024, 11, 31) - START_MS) / DAY_MS + 1;
/** Meetings run three months past the span, so the last ones are still planned. */
const MEETING_DAYS = (Date.UTC(2025, 2, 31) - START_MS) / DAY_MS + 1;
const CALENDAR_DAYS = (Date.UTC(2026, 11, 31) - START_MS) / DAY_MS + 1;

// Formatting a date per incident would dominate the run time at 10^6 incidents, so every day's
// string is made once.
const DAY_STRINGS: string[] = [];
const MONTH_OF_DAY = new Uint16Array(CALENDAR_DAYS);
const MONTH_STRINGS: string[] = [];
const MONTH_START: number[] = [];
for (let day = 0; day < CALENDAR_DAYS; day++) {
  const iso = new Date(START_MS + day * DAY_MS).toISOString().slice(0, 10);
  DAY_STRINGS.push(iso);
  const month = iso.slice(0, 7);
  if (MONTH_STRINGS[MONTH_STRINGS.length - 1] !== month) {
    MONTH_STRINGS.push(month);
    MONTH_START.push(day);
  }
  MONTH_OF_DAY[day] = MONTH_STRINGS.length - 1;
}
/** Months with incidents, and so with monthly sources: 2020-09 to 2024-12. */
const SPAN_MONTHS = (MONTH_OF_DAY[SPAN_DAYS - 1] ?? 0) + 1;

function dayString(day: number): string {
  return DAY_STRINGS[Math.min(day, CALENDAR_DAYS - 1)] as string;
}

function monthOf(day: number): number {
  return MONTH_OF_DAY[Math.min(day, CALENDAR_DAYS - 1)] as number;
}

const MONTH_NAMES = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/** "May 2021" for month index m. */
function monthWords(month: number): string {
  const key = MONTH_STRINGS[month] as string;
  return `${MONTH_NAMES[Number(key.slice(5, 7)) - 1]} ${key.slice(0, 4)}`;
}

// ---------------------------------------------------------------------------------------------
// Geography. A polyline roughly along the Armenia–Azerbaijan border, north to south. Side 0 lies
// west of it (country AM, party PA), side 1 east (country AZ, party PB).

/** The border line incidents cluster along, as [lon, lat] pairs from north to south. */
export const BORDER_LINE: ReadonlyArray<readonly [number, number]> = [
  [45.02, 41.29],
  [45.35, 41.1],
  [45.6, 40.95],
  [45.55, 40.62],
  [45.95, 40.25],
  [45.85, 40.0],
  [45.7, 39.65],
  [46.15, 39.45],
  [46.45, 39.2],
  [46.55, 38.9],
];
const WIDE_BBOX = { west: 44.8, south: 38.9, east: 46.6, north: 41.3 };
/** Longitude degrees are shorter than latitude degrees here; distances scale them by this. */
const LON_SCALE = Math.cos((40.1 * Math.PI) / 180);
const JITTER_DEGREES = 0.05;
const SCATTERED_SHARE = 0.1;

const SEGMENTS = BORDER_LINE.slice(1).map((end, i) => {
  const start = BORDER_LINE[i] as readonly [number, number];
  const ax = start[0] * LON_SCALE;
  const ay = start[1];
  const dx = end[0] * LON_SCALE - ax;
  const dy = end[1] - ay;
  return { ax, ay, dx, dy, length: Math.hypot(dx, dy) };
});
const LINE_LENGTH = SEGMENTS.reduce((sum, s) => sum + s.length, 0);

/** The point at arc-length fraction t of the line, in scaled coordinates, with its normal. */
function alongLine(t: number): { x: number; y: number; nx: number; ny: number } {
  let left = t * LINE_LENGTH;
  for (const segment of SEGMENTS) {
    if (left <= segment.length || segment === SEGMENTS[SEGMENTS.length - 1]) {
      const u = Math.min(1, left / segment.length);
      return {
        x: segment.ax + u * segment.dx,
        y: segment.ay + u * segment.dy,
        // The normal (dy, -dx) points west for a line running south, so side 0 lies along it.
        nx: segment.dy / segment.length,
        ny: -segment.dx / segment.length,
      };
    }
    left -= segment.length;
  }
  throw new Error("unreachable: t is within the line");
}

/** The segment nearest a point and the side of the line the point is on. */
function locate(lon: number, lat: number): { segment: number; side: 0 | 1 } {
  const px = lon * LON_SCALE;
  let best = 0;
  let bestDistance = Number.POSITIVE_INFINITY;
  let bestCross = 0;
  for (let i = 0; i < SEGMENTS.length; i++) {
    const s = SEGMENTS[i] as (typeof SEGMENTS)[number];
    const u = Math.max(0, Math.min(1, ((px - s.ax) * s.dx + (lat - s.ay) * s.dy) / s.length ** 2));
    const distance = (s.ax + u * s.dx - px) ** 2 + (s.ay + u * s.dy - lat) ** 2;
    if (distance < bestDistance) {
      bestDistance = distance;
      best = i;
      bestCross = s.dx * (lat - s.ay) - s.dy * (px - s.ax);
    }
  }
  return { segment: best, side: bestCross > 0 ? 1 : 0 };
}

function round4(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

// The names are invented, flavoured after the languages of each side so text search meets
// realistic spellings; any likeness to a real village is accidental.
const VILLAGE_NAMES: readonly [readonly string[], readonly string[]] = [
  [
    "Verin Talar",
    "Nerkin Talar",
    "Dzorakert",
    "Nor Hatsik",
    "Karavanik",
    "Mets Sarut",
    "Pokr Sarut",
    "Aregnashen",
    "Lernadzor",
    "Voskeberd",
    "Getamej",
    "Khachadzor",
    "Antarashat",
    "Berdashen",
    "Tsaghkavan",
    "Arevik Dzor",
    "Karmir Kar",
    "Nor Aghbyur",
    "Sevkarer",
    "Hovitsar",
    "Ishkhanadzor",
    "Vardakar",
    "Jrashen Verin",
    "Artsvaber",
    "Meghradzor",
  ],
  [
    "Ashagy Kolluk",
    "Yukhary Kolluk",
    "Daglyqend",
    "Gyzylbulag",
    "Garasuly",
    "Chaylyqoba",
    "Bayramkend",
    "Ortakend",
    "Kechilibulag",
    "Saryqaya",
    "Gushchular",
    "Alibeyoba",
    "Dashbulag",
    "Goyarkhly",
    "Tezkend",
    "Sultanoba",
    "Qaradaghly",
    "Chinarkend",
    "Mollabeyli",
    "Armudoba",
    "Duzdaghly",
    "Yalguzkend",
    "Gulustanly",
    "Qarabulaqoba",
    "Novruzlu",
  ],
];
/** One district per segment of the line on each side. */
const DISTRICT_NAMES: readonly [readonly string[], readonly string[]] = [
  [
    "Arpadzor",
    "Tavashen",
    "Sevkar",
    "Noravan",
    "Getashen",
    "Vardenik",
    "Ararot",
    "Zangesar",
    "Meghrut",
  ],
  [
    "Tovlu",
    "Dashkend",
    "Bozdagh",
    "Gulshan",
    "Kurakend",
    "Sarybel",
    "Yashilkend",
    "Qarachay",
    "Arazkend",
  ],
];
/** Three provinces per side, each over three segments of the line. */
const PROVINCE_NAMES: readonly [readonly string[], readonly string[]] = [
  ["Aghstev Province", "Vardan Province", "Ararik Province"],
  ["Ganjabel Region", "Karatag Region", "Arazbel Region"],
];
const COUNTRIES = [
  { code: "AM", name: "Armenia", iso: "51", acledPrefix: "ARM" },
  { code: "AZ", name: "Azerbaijan", iso: "31", acledPrefix: "AZE" },
] as const;

type Village = { name: string; lon: number; lat: number };

/**
 * Villages are fixed geography, the same for every seed: 25 per side, spread along the line and
 * 4–12 km off it, placed by a PRNG with a constant seed.
 */
const VILLAGES: readonly [Village[], Village[]] = (() => {
  const random = new Random(20_201_110);
  const sides: [Village[], Village[]] = [[], []];
  for (const side of [0, 1] as const) {
    const names = VILLAGE_NAMES[side];
    names.forEach((name, i) => {
      const at = alongLine((i + 0.2 + 0.6 * random.float()) / names.length);
      const offset = (0.04 + 0.08 * random.float()) * (side === 0 ? 1 : -1);
      sides[side].push({
        name,
        lon: round4((at.x + offset * at.nx) / LON_SCALE),
        lat: round4(at.y + offset * at.ny),
      });
    });
  }
  return sides;
})();

function nearestVillage(side: 0 | 1, lon: number, lat: number): Village {
  let best = VILLAGES[side][0] as Village;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const village of VILLAGES[side]) {
    const distance = ((village.lon - lon) * LON_SCALE) ** 2 + (village.lat - lat) ** 2;
    if (distance < bestDistance) {
      bestDistance = distance;
      best = village;
    }
  }
  return best;
}

/** Neutral venues for talks, with their representative points. */
const VENUES = [
  { name: "Geneva", lat: 46.2044, lon: 6.1432, country: "CH" },
  { name: "Brussels", lat: 50.8503, lon: 4.3517, country: "BE" },
  { name: "Vienna", lat: 48.2082, lon: 16.3738, country: "AT" },
  { name: "Tbilisi", lat: 41.7151, lon: 44.8271, country: "GE" },
  { name: "Astana", lat: 51.1605, lon: 71.4704, country: "KZ" },
  { name: "Washington", lat: 38.9072, lon: -77.0369, country: "US" },
  { name: "Moscow", lat: 55.7558, lon: 37.6173, country: "RU" },
  { name: "Prague", lat: 50.0755, lon: 14.4378, country: "CZ" },
] as const;

// ---------------------------------------------------------------------------------------------
// Actors.

const PARTIES = [
  {
    id: "PA",
    name: "Republic of Aravan",
    short: "Aravan",
    forces: "the armed forces of Aravan",
    acled: "Military Forces of Aravan",
    ministry: "Ministry of Defence of Aravan",
  },
  {
    id: "PB",
    name: "Republic of Bersay",
    short: "Bersay",
    forces: "the armed forces of Bersay",
    acled: "Military Forces of Bersay",
    ministry: "Ministry of Defence of Bersay",
  },
] as const;
const MEDIATOR = { id: "MED", name: "Joint Mediation Group" };
const MONITOR = { id: "MON", name: "Border Monitoring Mission" };
const NEWS = { id: "NEWS", name: "Caucasus Wire Service" };

function actorRecords(): SyntheticRecord<"actor">[] {
  return [
    {
      type: "actor",
      id: "PA",
      visibility: "public",
      name: PARTIES[0].name,
      short_name: PARTIES[0].short,
      roles: ["party"],
      represented_by: "Foreign Minister of Aravan",
      description: "A party to the ceasefire; holds the western side of the line.",
    },
    {
      type: "actor",
      id: "PB",
      visibility: "public",
      name: PARTIES[1].name,
      short_name: PARTIES[1].short,
      roles: ["party"],
      represented_by: "Foreign Minister of Bersay",
      description: "A party to the ceasefire; holds the eastern side of the line.",
    },
    {
      type: "actor",
      id: MEDIATOR.id,
      visibility: "public",
      name: MEDIATOR.name,
      short_name: "JMG",
      roles: ["mediator"],
      represented_by: "Special Envoy of the Joint Mediation Group",
    },
    {
      type: "actor",
      id: MONITOR.id,
      visibility: "public",
      name: MONITOR.name,
      short_name: "BMM",
      roles: ["monitor"],
      represented_by: "Head of Mission",
      description: "Unarmed civilian observers patrolling both sides of the line.",
    },
    {
      type: "actor",
      id: NEWS.id,
      visibility: "public",
      name: NEWS.name,
      short_name: "CWS",
      roles: ["news_source"],
    },
  ];
}

// ---------------------------------------------------------------------------------------------
// The fixed-size plan: time profile, monthly sources, documents and meetings. It is small (a few
// thousand numbers) and both generators build the same one from the seed.

type DocumentKind = "agreement" | "statement" | "joint_statement" | "report";
type ProvisionCategory = z.input<typeof ProvisionSchema>["category"];

type DocumentPlan = {
  number: number;
  id: string;
  sourceId: string;
  day: number;
  kind: DocumentKind;
  topic: string;
  venue: number;
  provisions: Array<{ category: ProvisionCategory; obligated: 0 | 1 | 2; deadline?: number }>;
};

type MeetingPlan = {
  day: number;
  document?: DocumentPlan;
  kind: z.input<typeof MeetingSchema>["kind"];
  status: z.input<typeof MeetingSchema>["status"];
  level: string;
  /** An index into VENUES, a border village (on side 0) when negative, or remote when null. */
  venue: number | null;
  monthOnly: boolean;
};

type Plan = {
  /** Cumulative share of incidents up to and including each day of the span. */
  cdf: Float64Array;
  /** 1 on the days of an escalation. */
  escalated: Uint8Array;
  /** Publication days of each month's news items. */
  news: number[][];
  documents: DocumentPlan[];
  meetings: MeetingPlan[];
  /** Ceasefire provisions in force from a day on, oldest first. */
  ceasefires: Array<{ day: number; id: string }>;
};

const BURST_SHARE = 0.4;

const DOCUMENT_TOPICS = [
  "the cessation of hostilities",
  "the exchange of detainees",
  "the restoration of transport links",
  "border delimitation",
  "the return of displaced persons",
  "monitoring arrangements",
  "humanitarian demining",
  "confidence-building measures",
  "water sharing on border rivers",
  "the opening of border crossings",
] as const;

function buildPlan(seed: number): Plan {
  const random = new Random(streamSeed(seed, 1));

  // Time profile: a flat background holding 60% of incidents, plus about 30 escalations of two to
  // six days holding the other 40%. Escalations differ in size (exponential weights), as real ones
  // do: a few dominate.
  const weights = new Float64Array(SPAN_DAYS).fill((1 - BURST_SHARE) / SPAN_DAYS);
  const escalated = new Uint8Array(SPAN_DAYS);
  const bursts = Array.from({ length: random.int(27, 33) }, () => ({
    start: random.int(0, SPAN_DAYS - 7),
    length: random.int(2, 6),
    weight: 0.2 - Math.log(1 - random.float()),
  }));
  const totalWeight = bursts.reduce((sum, b) => sum + b.weight, 0);
  for (const burst of bursts) {
    for (let day = burst.start; day < burst.start + burst.length; day++) {
      weights[day] =
        (weights[day] ?? 0) + (BURST_SHARE * burst.weight) / totalWeight / burst.length;
      escalated[day] = 1;
    }
  }
  const cdf = new Float64Array(SPAN_DAYS);
  let running = 0;
  for (let day = 0; day < SPAN_DAYS; day++) {
    running += weights[day] ?? 0;
    cdf[day] = running;
  }
  for (let day = 0; day < SPAN_DAYS; day++) cdf[day] = (cdf[day] ?? 0) / running;
  cdf[SPAN_DAYS - 1] = 1;

  // One to three news items a month besides the parties' and the monitors' monthly statements.
  const news: number[][] = [];
  for (let month = 0; month < SPAN_MONTHS; month++) {
    const start = MONTH_START[month] as number;
    const length = (MONTH_START[month + 1] as number) - start;
    const days = Array.from({ length: random.int(1, 3) }, () => start + random.int(0, length - 1));
    news.push(days.sort((a, b) => a - b));
  }

  // About 20 documents. The first is an early agreement, so ceasefire violations soon have a
  // ceasefire provision to bear on.
  const documentDays = Array.from({ length: random.int(18, 22) }, (_, i) =>
    i === 0 ? random.int(55, 75) : random.int(30, SPAN_DAYS - 30),
  ).sort((a, b) => a - b);
  const documentKinds: DocumentKind[] = ["agreement", "joint_statement", "statement", "report"];
  const documents = documentDays.map((day, i): DocumentPlan => {
    const number = i + 1;
    const kind = i === 0 ? "agreement" : pickWeighted(random, documentKinds, [3, 3, 2.5, 1.5]);
    const provisions = Array.from({ length: random.int(5, 15) }, (_, p) => ({
      category: p === 0 && kind === "agreement" ? "ceasefire" : random.pick(PROVISION_CATEGORIES),
      obligated: random.int(0, 4) === 0 ? random.int(0, 1) : 2,
      ...(random.chance(0.3) ? { deadline: day + random.int(30, 365) } : {}),
    })) as DocumentPlan["provisions"];
    return {
      number,
      id: `syn-doc-${String(number).padStart(2, "0")}`,
      sourceId: `syn-src-doc-${String(number).padStart(2, "0")}`,
      day,
      kind,
      topic: i === 0 ? "the cessation of hostilities" : random.pick(DOCUMENT_TOPICS),
      venue: random.int(0, VENUES.length - 1),
      provisions,
    };
  });
  const ceasefires = documents
    .filter((d) => d.provisions[0]?.category === "ceasefire")
    .map((d) => ({ day: d.day, id: provisionId(d, 1) }));

  // About 200 meetings: one where each document was adopted, the rest spread over the span and
  // three months past it. Past meetings were mostly held; those after the span are still planned.
  const meetings: MeetingPlan[] = documents.map((document) => ({
    day: document.day,
    document,
    kind: document.kind === "report" ? "working_group" : "trilateral",
    status: "held",
    level: document.kind === "agreement" ? "summit" : "ministerial",
    venue: document.venue,
    monthOnly: false,
  }));
  const meetingKinds: MeetingPlan["kind"][] = [
    "bilateral",
    "trilateral",
    "working_group",
    "commission",
    "multilateral",
  ];
  const meetingCount = random.int(192, 208);
  while (meetings.length < meetingCount) {
    const day = random.int(0, MEETING_DAYS - 1);
    const kind = pickWeighted(random, meetingKinds, [3, 4, 3, 2, 1]);
    const isFuture = day >= SPAN_DAYS;
    const roll = random.float();
    const status = isFuture
      ? "planned"
      : roll < 0.8
        ? "held"
        : roll < 0.92
          ? "cancelled"
          : "postponed";
    const onTheLine = kind === "working_group" || kind === "commission";
    const venueRoll = random.float();
    meetings.push({
      day,
      kind,
      status,
      level: onTheLine
        ? "working level"
        : random.pick(["summit", "ministerial", "deputy ministerial", "expert level"]),
      venue:
        venueRoll < 0.1
          ? null
          : onTheLine
            ? -1 - random.int(0, VILLAGES[0].length - 1)
            : random.int(0, VENUES.length - 1),
      monthOnly: isFuture && random.chance(0.4),
    });
  }
  meetings.sort((a, b) => a.day - b.day);

  return { cdf, escalated, news, documents, meetings, ceasefires };
}

function pickWeighted<T>(random: Random, items: readonly T[], weights: readonly number[]): T {
  const total = weights.reduce((sum, w) => sum + w, 0);
  let roll = random.float() * total;
  for (let i = 0; i < items.length; i++) {
    roll -= weights[i] ?? 0;
    if (roll < 0) return items[i] as T;
  }
  return items[items.length - 1] as T;
}

function provisionId(document: DocumentPlan, number: number): string {
  return `syn-prov-${String(document.number).padStart(2, "0")}-${String(number).padStart(2, "0")}`;
}

function monthlySourceId(month: number, who: "pa" | "pb" | "mon"): string {
  return `syn-src-${MONTH_STRINGS[month]}-${who}`;
}

function newsSourceId(month: number, item: number): string {
  return `syn-src-${MONTH_STRINGS[month]}-news-${item + 1}`;
}

// ---------------------------------------------------------------------------------------------
// Records of the fixed-size part.

function* sourceRecords(plan: Plan): Generator<SyntheticRecord<"source">> {
  for (let month = 0; month < SPAN_MONTHS; month++) {
    const published = { value: MONTH_STRINGS[month] as string, precision: "month" as const };
    const words = monthWords(month);
    for (const [p, party] of PARTIES.entries()) {
      yield {
        type: "source",
        id: monthlySourceId(month, p === 0 ? "pa" : "pb"),
        visibility: "public",
        title: `${party.ministry}: statements on the situation at the border, ${words}`,
        kind: "official_statement",
        publisher: party.ministry,
        author_id: party.id,
        language: "en",
        published,
        url: `https://mod.${party.short.toLowerCase()}.example.org/${MONTH_STRINGS[month]}`,
      };
    }
    yield {
      type: "source",
      id: monthlySourceId(month, "mon"),
      visibility: "public",
      title: `${MONITOR.name}: monthly report, ${words}`,
      kind: "monitor_report",
      publisher: MONITOR.name,
      author_id: MONITOR.id,
      language: "en",
      published,
      url: `https://monitoring.example.org/reports/${MONTH_STRINGS[month]}`,
      excerpt: "Observers recorded incidents of fire along the line and patrolled both sides.",
    };
    for (const [item, day] of (plan.news[month] ?? []).entries()) {
      yield {
        type: "source",
        id: newsSourceId(month, item),
        visibility: "public",
        title: HEADLINES[(month * 3 + item) % HEADLINES.length] as string,
        kind: "news",
        publisher: NEWS.name,
        author_id: NEWS.id,
        language: "en",
        published: { value: dayString(day), precision: "day" },
        url: `https://news.example.org/${dayString(day).replaceAll("-", "/")}/border-${item + 1}`,
      };
    }
  }
  for (const document of plan.documents) {
    yield {
      type: "source",
      id: document.sourceId,
      visibility: "public",
      title: `Text: ${documentTitle(document)}`,
      kind:
        document.kind === "report"
          ? "monitor_report"
          : document.kind === "statement"
            ? "official_statement"
            : "agreement_text",
      publisher: document.kind === "report" ? MONITOR.name : MEDIATOR.name,
      language: "en",
      published: { value: dayString(document.day), precision: "day" },
      url: `https://documents.example.org/${document.id}`,
    };
  }
}

const HEADLINES = [
  "Tension along the border: residents of frontline villages describe another night of fire",
  "Both sides trade accusations after exchange of fire near the line",
  "Mediators urge restraint as incidents on the border rise",
  "Farmers near the line count the cost of a season under fire",
  "Monitors step up patrols after reports of shelling",
  "Talks resume as the ceasefire comes under strain",
  "Deminers clear fields near border villages",
];

function documentTitle(document: DocumentPlan): string {
  switch (document.kind) {
    case "agreement":
      return `Agreement between Aravan and Bersay on ${document.topic}`;
    case "joint_statement":
      return `Joint statement of the leaders of Aravan and Bersay on ${document.topic}`;
    case "statement":
      return `Statement by the ${MEDIATOR.name} on ${document.topic}`;
    case "report":
      return `${MONITOR.name} report on ${document.topic}`;
  }
}

const CATEGORY_NAMES: Record<ProvisionCategory, string> = {
  ceasefire: "Ceasefire",
  territory: "Territory",
  withdrawal: "Withdrawal of forces",
  peacekeeping: "Peacekeeping",
  monitoring: "Monitoring",
  displaced_persons: "Displaced persons",
  detainees: "Detainees",
  transport_links: "Transport links",
  border: "Border",
  institutions: "Institutions",
  implementation: "Implementation",
  other: "Other",
};

const PROVISION_SUMMARIES: Record<ProvisionCategory, string> = {
  ceasefire: "A complete ceasefire and cessation of all hostilities along the line of contact",
  territory: "The sides keep the positions they hold on the date of signature",
  withdrawal: "Heavy weapons are withdrawn at least 15 km from the line",
  peacekeeping: "A neutral force is deployed to the agreed buffer zone",
  monitoring: "Monitors have unhindered access to both sides of the line",
  displaced_persons: "Displaced persons may return to their villages under supervision",
  detainees: "Detainees and the remains of the dead are exchanged on the all-for-all principle",
  transport_links: "Road and rail links across the line are reopened",
  border: "A joint commission delimits the border on the basis of agreed maps",
  institutions: "A standing commission meets monthly to review implementation",
  implementation: "The sides report on implementation to the mediators every quarter",
  other: "The sides refrain from hostile rhetoric in official statements",
};

function* documentRecords(plan: Plan): Generator<SyntheticRecord<"document">> {
  for (const document of plan.documents) {
    const venue = VENUES[document.venue] as (typeof VENUES)[number];
    const categories = [...new Set(document.provisions.map((p) => p.category))];
    const isBilateral = document.kind === "agreement" || document.kind === "joint_statement";
    yield {
      type: "document",
      id: document.id,
      visibility: "public",
      title: documentTitle(document),
      kind: document.kind,
      date: { value: dayString(document.day), precision: "day" },
      place: { name: venue.name, precision: "settlement", lat: venue.lat, lon: venue.lon },
      signatories: isBilateral
        ? ["PA", "PB"]
        : [document.kind === "report" ? MONITOR.id : MEDIATOR.id],
      third_parties: isBilateral ? [MEDIATOR.id] : [],
      summary: `Adopted in ${venue.name}; it addresses ${document.topic} in ${
        document.provisions.length
      } provisions.`,
      ...(document.kind === "agreement" ? { status: "signed" } : {}),
      categories: categories.map((code) => ({ code, name: CATEGORY_NAMES[code], strength: 2 })),
      source_ids: [document.sourceId],
    };
  }
}

function* provisionRecords(plan: Plan): Generator<SyntheticRecord<"provision">> {
  for (const document of plan.documents) {
    for (const [i, provision] of document.provisions.entries()) {
      const obligated =
        provision.obligated === 2 ? ["PA", "PB"] : [PARTIES[provision.obligated].id];
      yield {
        type: "provision",
        id: provisionId(document, i + 1),
        visibility: "public",
        document_id: document.id,
        number: String(i + 1),
        summary: PROVISION_SUMMARIES[provision.category],
        category: provision.category,
        obligated,
        ...(provision.deadline === undefined
          ? {}
          : { deadline: { value: dayString(provision.deadline), precision: "day" as const } }),
      };
    }
  }
}

function* meetingRecords(plan: Plan): Generator<SyntheticRecord<"meeting">> {
  for (const [i, meeting] of plan.meetings.entries()) {
    const participants = ["PA", "PB"];
    if (meeting.kind === "trilateral") participants.push(MEDIATOR.id);
    if (meeting.kind === "multilateral") participants.push(MEDIATOR.id, MONITOR.id);
    const mediators = meeting.kind === "trilateral" || meeting.kind === "multilateral";
    let place: Place | undefined;
    let where: string;
    if (meeting.venue === null) {
      where = "by video link";
    } else if (meeting.venue < 0) {
      const village = VILLAGES[0][-1 - meeting.venue] as Village;
      place = { name: village.name, precision: "settlement", lat: village.lat, lon: village.lon };
      where = `at the crossing point near ${village.name}`;
    } else {
      const venue = VENUES[meeting.venue] as (typeof VENUES)[number];
      place = { name: venue.name, precision: "settlement", lat: venue.lat, lon: venue.lon };
      where = `in ${venue.name}`;
    }
    const month = monthOf(meeting.day);
    const newsDays = month < SPAN_MONTHS ? (plan.news[month] ?? []) : [];
    const subject = meeting.document
      ? meeting.document.topic
      : meeting.kind === "commission"
        ? "border delimitation"
        : "the situation along the line";
    yield {
      type: "meeting",
      id: `syn-mtg-${String(i + 1).padStart(3, "0")}`,
      visibility: "public",
      title: `${capitalize(meeting.kind.replace("_", " "))} meeting ${where} on ${subject}`,
      kind: meeting.kind,
      level: meeting.level,
      date: meeting.monthOnly
        ? { value: MONTH_STRINGS[month] as string, precision: "month" }
        : { value: dayString(meeting.day), precision: "day" },
      ...(place === undefined ? {} : { place }),
      is_remote: meeting.venue === null,
      participants,
      mediators: mediators ? [MEDIATOR.id] : [],
      status: meeting.status,
      ...(meeting.status === "held"
        ? {
            outcome: meeting.document
              ? `Adopted: ${documentTitle(meeting.document)}.`
              : "The sides exchanged positions and agreed to meet again.",
          }
        : {}),
      document_ids: meeting.document ? [meeting.document.id] : [],
      source_ids: newsDays.length > 0 ? [newsSourceId(month, 0)] : [],
    };
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

// ---------------------------------------------------------------------------------------------
// Incidents. Both generators draw them from one function, so the records and the ACLED rows
// describe the same incidents.

const INCIDENT_KINDS = [
  "shelling",
  "shooting",
  "ceasefire_violation",
  "armed_clash",
  "drone_strike",
  "mine_explosion",
] as const;
type IncidentKind = (typeof INCIDENT_KINDS)[number];
const INCIDENT_KIND_WEIGHTS = [30, 25, 15, 12, 10, 8];

const KIND_TEXT: Record<
  IncidentKind,
  {
    title: string;
    noun: string;
    verb: string;
    weapons: ReadonlyArray<readonly string[]>;
    acled: [event: string, subEvent: string];
  }
> = {
  shelling: {
    title: "Shelling",
    noun: "artillery shelling",
    verb: "shelled",
    weapons: [["artillery"], ["mortar"], ["122 mm howitzer"], ["multiple rocket launcher"]],
    acled: ["Explosions/Remote violence", "Shelling/artillery/missile attack"],
  },
  shooting: {
    title: "Shooting",
    noun: "small-arms fire",
    verb: "fired on",
    weapons: [["small arms"], ["sniper rifle"], ["large-calibre machine gun"]],
    acled: ["Battles", "Armed clash"],
  },
  ceasefire_violation: {
    title: "Ceasefire violation",
    noun: "a violation of the ceasefire",
    verb: "violated the ceasefire, firing at",
    weapons: [["small arms"], ["mortar"], ["large-calibre machine gun"], ["grenade launcher"]],
    acled: ["Battles", "Armed clash"],
  },
  armed_clash: {
    title: "Armed clash",
    noun: "an exchange of fire between forward positions",
    verb: "attacked",
    weapons: [
      ["small arms", "grenade launcher"],
      ["small arms", "mortar"],
    ],
    acled: ["Battles", "Armed clash"],
  },
  drone_strike: {
    title: "Drone strike",
    noun: "a drone strike",
    verb: "struck with a drone",
    weapons: [["loitering munition"], ["armed UAV"], ["quadcopter-dropped grenade"]],
    acled: ["Explosions/Remote violence", "Air/drone strike"],
  },
  mine_explosion: {
    title: "Mine explosion",
    noun: "a mine explosion",
    verb: "left mines that struck",
    weapons: [["anti-personnel mine"], ["anti-tank mine"], ["unexploded ordnance"]],
    acled: ["Explosions/Remote violence", "Remote explosive/landmine/IED"],
  },
};

const TIMES_OF_DAY = [
  "before dawn",
  "in the early morning",
  "around noon",
  "in the afternoon",
  "in the evening",
  "overnight",
  "late at night",
];
const AFTERMATHS = [
  "Residents reported damage to houses and a barn.",
  "The village school was closed for the day.",
  "Farmers could not reach their fields and orchards.",
  "The fire lasted about an hour before it stopped.",
  "A power line was cut and the village was without electricity.",
  "Shepherds moved their flocks away from the pastures near the line.",
  "Windows of the medical post were broken.",
  "Local officials asked residents to stay in basements.",
  "A water pipeline supplying the village was damaged.",
  "No damage to civilian property was reported.",
];

type ClaimDraft = {
  /** 0 and 1 are the parties, 2 the monitors. */
  claimant: 0 | 1 | 2;
  dayOffset: number;
  figures: { killed: Record<string, number>; wounded: Record<string, number> };
  blamed: string[];
  newsItem: number | undefined;
  visibility: "public" | "members" | "restricted";
  restrictedTo: 0 | 1;
};

type IncidentDraft = {
  number: number;
  id: string;
  day: number;
  monthOnly: boolean;
  lon: number;
  lat: number;
  side: 0 | 1;
  segment: number;
  village: string;
  isDistrict: boolean;
  kind: IncidentKind;
  weapons: readonly string[];
  timeOfDay: string;
  aftermath: string;
  claims: ClaimDraft[];
  verification: "unverified" | "verified" | "partly_verified" | "disputed" | "unfounded";
};

type Resolved = { seed: number; incidents: number; claimsMin: number; claimsMax: number };

function resolve(options: SyntheticOptions): Resolved {
  const { seed, incidents } = options;
  const [claimsMin, claimsMax] = options.claimsPerIncident ?? [1, 3];
  if (!Number.isInteger(seed)) throw new RangeError("seed is an integer");
  if (!Number.isSafeInteger(incidents) || incidents < 0) {
    throw new RangeError("incidents is a non-negative integer");
  }
  if (!Number.isInteger(claimsMin) || !Number.isInteger(claimsMax) || claimsMin < 0) {
    throw new RangeError("claimsPerIncident holds two non-negative integers");
  }
  if (claimsMin > claimsMax) throw new RangeError("claimsPerIncident is [min, max] with min ≤ max");
  return { seed, incidents, claimsMin, claimsMax };
}

/**
 * A casualty count: usually 0–3, with a heavy (Pareto) tail. Escalation days shift weight off 0.
 */
function casualties(random: Random, escalated: boolean): number {
  const r = random.float();
  const thresholds = escalated ? [0.35, 0.6, 0.75, 0.86] : [0.6, 0.8, 0.9, 0.96];
  for (let count = 0; count < thresholds.length; count++) {
    if (r < (thresholds[count] as number)) return count;
  }
  return Math.min(250, 4 + Math.floor(3 * ((1 - random.float()) ** (-1 / 1.4) - 1)));
}

/**
 * Incidents in chronological order of the day they happened (month-precision ones sit at their
 * hidden day). Days are drawn as sorted order statistics of the time profile, one at a time, so
 * the stream is sorted without holding the incidents.
 */
function* incidentDrafts(options: Resolved, plan: Plan): Generator<IncidentDraft> {
  const random = new Random(streamSeed(options.seed, 2));
  const width = Math.max(6, String(options.incidents).length);
  let position = 0;
  let day = 0;
  for (let n = 1; n <= options.incidents; n++) {
    // The smallest of m uniforms above x is 1 - (1 - x) U^(1/m): the next order statistic.
    position = 1 - (1 - position) * random.float() ** (1 / (options.incidents - n + 1));
    while (day < SPAN_DAYS - 1 && (plan.cdf[day] as number) < position) day++;
    const escalated = plan.escalated[day] === 1;

    let lon: number;
    let lat: number;
    if (random.chance(SCATTERED_SHARE)) {
      lon = WIDE_BBOX.west + random.float() * (WIDE_BBOX.east - WIDE_BBOX.west);
      lat = WIDE_BBOX.south + random.float() * (WIDE_BBOX.north - WIDE_BBOX.south);
    } else {
      const at = alongLine(random.float());
      lon = at.x / LON_SCALE + JITTER_DEGREES * random.gaussian();
      lat = at.y + JITTER_DEGREES * random.gaussian();
    }
    lon = round4(lon);
    lat = round4(lat);
    const { segment, side } = locate(lon, lat);
    const kind = pickWeighted(random, INCIDENT_KINDS, INCIDENT_KIND_WEIGHTS);
    const monthOnly = random.chance(0.1);

    // Claimants without repetition while there are fresh ones: each party about twice as likely
    // to speak as the monitors.
    const count =
      options.claimsMin +
      Math.floor((options.claimsMax - options.claimsMin + 1) * random.float() ** 2);
    const claims: ClaimDraft[] = [];
    let pool: Array<0 | 1 | 2> = [];
    for (let c = 0; c < count; c++) {
      if (pool.length === 0) pool = [0, 1, 2];
      const claimant = pickWeighted(
        random,
        pool,
        pool.map((who) => (who === 2 ? 1 : 2)),
      );
      pool = pool.filter((who) => who !== claimant);
      claims.push(claimDraft(random, claimant, side, kind, escalated));
    }
    const monitored = claims.some((c) => c.claimant === 2);
    const verificationRoll = random.float();
    const verification = monitored
      ? verificationRoll < 0.45
        ? "verified"
        : verificationRoll < 0.7
          ? "partly_verified"
          : verificationRoll < 0.85
            ? "disputed"
            : "unverified"
      : verificationRoll < 0.03
        ? "unfounded"
        : "unverified";

    yield {
      number: n,
      id: `syn-inc-${String(n).padStart(width, "0")}`,
      day,
      monthOnly,
      lon,
      lat,
      side,
      segment,
      village: nearestVillage(side, lon, lat).name,
      isDistrict: random.chance(0.15),
      kind,
      weapons: random.pick(KIND_TEXT[kind].weapons),
      timeOfDay: random.pick(TIMES_OF_DAY),
      aftermath: random.pick(AFTERMATHS),
      claims,
      verification,
    };
  }
}

function claimDraft(
  random: Random,
  claimant: 0 | 1 | 2,
  side: 0 | 1,
  kind: IncidentKind,
  escalated: boolean,
): ClaimDraft {
  const killed: Record<string, number> = {};
  const wounded: Record<string, number> = {};
  let blamed: string[] = [];
  const hitsCivilians = kind === "shelling" || kind === "drone_strike" || kind === "mine_explosion";
  if (claimant !== 2) {
    // A party reports its own losses, sometimes civilian ones on its side, and now and then the
    // losses it says it inflicted; it always blames the other party.
    const own = PARTIES[claimant].id;
    const other = PARTIES[1 - claimant]?.id as string;
    killed[own] = casualties(random, escalated);
    wounded[own] = casualties(random, escalated);
    if (claimant === side && hitsCivilians && random.chance(0.25)) {
      wounded.civilians = casualties(random, escalated);
    }
    if (random.chance(0.15)) killed[other] = 1 + 2 * casualties(random, escalated);
    blamed = [other];
  } else {
    // Monitors report what they could confirm, for the side where it happened, and rarely
    // attribute the fire.
    if (random.chance(0.6)) {
      const victim = PARTIES[side].id;
      killed[victim] = casualties(random, false);
      wounded[victim] = casualties(random, false);
    }
    if (random.chance(0.2)) blamed = [PARTIES[1 - side]?.id as string];
  }
  const dayRoll = random.float();
  const newsItem = random.chance(0.4) ? random.int(0, 2) : undefined;
  const visibilityRoll = random.float();
  return {
    claimant,
    dayOffset: dayRoll < 0.6 ? 0 : dayRoll < 0.9 ? 1 : 2,
    figures: { killed, wounded },
    blamed,
    newsItem,
    visibility:
      claimant === 2 && visibilityRoll < 0.08
        ? "members"
        : claimant === 2 && visibilityRoll < 0.12
          ? "restricted"
          : "public",
    restrictedTo: random.chance(0.5) ? 1 : 0,
  };
}

function districtName(draft: IncidentDraft): string {
  return DISTRICT_NAMES[draft.side][draft.segment] as string;
}

function provinceName(draft: IncidentDraft): string {
  return PROVINCE_NAMES[draft.side][Math.min(2, Math.floor(draft.segment / 3))] as string;
}

function locationName(draft: IncidentDraft): string {
  return draft.isDistrict ? `${districtName(draft)} district` : draft.village;
}

/** What happened, as a sentence that starts in lower case so it can follow "On <date>, ". */
function incidentDescription(draft: IncidentDraft): string {
  const where = draft.isDistrict
    ? `in ${districtName(draft)} district`
    : `near ${draft.village} in ${districtName(draft)} district`;
  const weapons = draft.weapons.join(" and ");
  const text = KIND_TEXT[draft.kind];
  const what = `${text.noun} was reported ${where} ${draft.timeOfDay}, involving ${weapons}`;
  return `${what}. ${draft.aftermath}`;
}

const NUMBER_WORDS = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];

function countWords(count: number, one: string, many: string): string {
  return `${NUMBER_WORDS[count] ?? String(count)} ${count === 1 ? one : many}`;
}

function lossesText(claim: ClaimDraft, own: string): string {
  const killed = claim.figures.killed[own] ?? 0;
  const wounded = claim.figures.wounded[own] ?? 0;
  const civilians = claim.figures.wounded.civilians;
  const killedText = `${countWords(killed, "serviceman was", "servicemen were")} killed`;
  const woundedText =
    wounded === 0 ? "none were wounded" : `${countWords(wounded, "was", "were")} wounded`;
  let text =
    killed === 0 && wounded === 0 ? "no losses were suffered" : `${killedText} and ${woundedText}`;
  if (civilians !== undefined && civilians > 0) {
    text += `; ${countWords(civilians, "civilian was", "civilians were")} wounded`;
  }
  return text;
}

function claimStatement(draft: IncidentDraft, claim: ClaimDraft): string {
  const text = KIND_TEXT[draft.kind];
  const where = draft.isDistrict ? `in ${districtName(draft)} district` : `near ${draft.village}`;
  if (claim.claimant === 2) {
    const victim = PARTIES[draft.side];
    const blamed = claim.blamed[0] === undefined ? undefined : PARTIES[draft.side === 0 ? 1 : 0];
    const seen =
      claim.figures.killed[victim.id] === undefined
        ? "casualties could not be confirmed"
        : `observers confirmed that on the ${victim.short} side ${lossesText(claim, victim.id)}`;
    const attribution = blamed
      ? `observers attributed the fire to ${blamed.forces}`
      : "observers could not establish who fired first";
    return `The ${MONITOR.name} recorded ${text.noun} ${where}; ${seen}; ${attribution}.`;
  }
  const party = PARTIES[claim.claimant];
  const other = PARTIES[claim.claimant === 0 ? 1 : 0];
  const enemy = claim.figures.killed[other.id];
  const inflicted =
    enemy === undefined
      ? ""
      : ` Return fire killed ${countWords(enemy, "soldier", "soldiers")} of ${other.short}.`;
  const losses = lossesText(claim, party.id);
  if (claim.claimant === draft.side) {
    const accusation = `${other.forces} ${text.verb} ${party.short} positions ${where}`;
    return `The ${party.ministry} said ${accusation} ${draft.timeOfDay}; ${losses}.${inflicted}`;
  }
  const denial = `denied that its units opened fire ${where}`;
  const counter = `said ${other.forces} had provoked the exchange`;
  return `The ${party.ministry} ${denial} and ${counter}; ${losses}.${inflicted}`;
}

/** The sources a claim cites: its claimant's monthly statement, and maybe a news item. */
function claimSources(plan: Plan, draft: IncidentDraft, claim: ClaimDraft): string[] {
  const month = monthOf(draft.day);
  const own = monthlySourceId(
    month,
    claim.claimant === 0 ? "pa" : claim.claimant === 1 ? "pb" : "mon",
  );
  if (claim.newsItem === undefined) return [own];
  const news = plan.news[month] ?? [];
  // A news item cannot report an incident before it happened, so a dated incident is cited only
  // from items of its month published on or after its day; a month-precision one from any item.
  const first = draft.monthOnly ? 0 : news.findIndex((published) => published >= draft.day);
  if (first === -1 || news.length === 0) return [own];
  const item = first + (claim.newsItem % (news.length - first));
  return [own, newsSourceId(month, item)];
}

function figuresOf(claim: ClaimDraft): z.input<typeof ClaimSchema>["figures"] {
  const figures: NonNullable<z.input<typeof ClaimSchema>["figures"]> = {};
  if (Object.keys(claim.figures.killed).length > 0) figures.killed = claim.figures.killed;
  if (Object.keys(claim.figures.wounded).length > 0) figures.wounded = claim.figures.wounded;
  return figures;
}

function* incidentRecords(
  options: Resolved,
  plan: Plan,
): Generator<SyntheticRecord<"incident"> | SyntheticRecord<"claim">> {
  // Incidents arrive in time order, so the ceasefire in force is found by walking forward.
  let ceasefire = -1;
  for (const draft of incidentDrafts(options, plan)) {
    while ((plan.ceasefires[ceasefire + 1]?.day ?? Number.POSITIVE_INFINITY) <= draft.day) {
      ceasefire++;
    }
    const inForce = plan.ceasefires[ceasefire]?.id;
    const bearsOn =
      inForce !== undefined && (draft.kind === "ceasefire_violation" || draft.number % 5 === 0);
    const month = monthOf(draft.day);
    const date = draft.monthOnly
      ? { value: MONTH_STRINGS[month] as string, precision: "month" as const }
      : { value: dayString(draft.day), precision: "day" as const };
    const claimSourceIds = draft.claims.map((claim) => claimSources(plan, draft, claim));
    const sourceIds = [...new Set(claimSourceIds.flat())];
    const monitored = draft.claims.find((claim) => claim.claimant === 2);
    const country = COUNTRIES[draft.side];
    yield {
      type: "incident",
      id: draft.id,
      visibility: "public",
      title: `${KIND_TEXT[draft.kind].title} ${
        draft.isDistrict ? `in ${districtName(draft)} district` : `near ${draft.village}`
      }`,
      kind: draft.kind,
      date,
      place: {
        name: locationName(draft),
        precision: draft.isDistrict ? "district" : "settlement",
        lat: draft.lat,
        lon: draft.lon,
        admin1: provinceName(draft),
        admin2: districtName(draft),
        country: country.code,
      },
      actors: draft.kind === "mine_explosion" ? [PARTIES[draft.side].id] : ["PA", "PB"],
      weapons: [...draft.weapons],
      provision_ids: bearsOn ? [inForce] : [],
      description: capitalize(incidentDescription(draft)),
      verification:
        draft.verification === "unverified"
          ? { status: "unverified" }
          : {
              status: draft.verification,
              reason: verificationReason(draft.verification),
              by: MONITOR.id,
              on: monitored ? claimDate(draft, monitored) : date,
            },
      source_ids: sourceIds,
    };
    for (const [c, claim] of draft.claims.entries()) {
      const claimant = claim.claimant === 2 ? MONITOR.id : PARTIES[claim.claimant].id;
      yield {
        type: "claim",
        id: `syn-cla-${draft.id.slice(8)}-${c + 1}`,
        visibility: claim.visibility,
        ...(claim.visibility === "restricted"
          ? { restricted_to: PARTIES[claim.restrictedTo].id }
          : {}),
        subject: "incident",
        incident_id: draft.id,
        claimant,
        statement: claimStatement(draft, claim),
        figures: figuresOf(claim),
        blamed: claim.blamed,
        source_ids: claimSourceIds[c] ?? [],
        date: claimDate(draft, claim),
      };
    }
  }
}

function claimDate(
  draft: IncidentDraft,
  claim: ClaimDraft,
): { value: string; precision: "day" | "month" } {
  return draft.monthOnly
    ? { value: MONTH_STRINGS[monthOf(draft.day)] as string, precision: "month" }
    : { value: dayString(draft.day + claim.dayOffset), precision: "day" };
}

function verificationReason(status: IncidentDraft["verification"]): string {
  switch (status) {
    case "verified":
      return "Observers visited the site, found fresh craters and heard witnesses on both sides.";
    case "partly_verified":
      return "Observers confirmed firing in the area but could not reach the site itself.";
    case "disputed":
      return "Observers heard the sides give incompatible accounts and found no physical evidence.";
    case "unfounded":
      return "A patrol found no trace of firing at the place named in the reports.";
    default:
      return "";
  }
}

// ---------------------------------------------------------------------------------------------
// Public generators.

/**
 * All records of a synthetic process in load order: actors, sources, documents, provisions,
 * meetings, then incidents each followed by its claims. It streams: only the fixed-size part
 * (about 300 sources, 20 documents, 200 meetings) is planned up front, so 10^6 incidents take no
 * more memory than ten. Incidents come in chronological order of the day they happened, with ids
 * syn-inc-000001 upwards (zero-padded to six digits, or more when there are more incidents); a
 * month-precision incident sits at its hidden day, so in sort-key order it may move earlier.
 */
export function* generateProcess(options: SyntheticOptions): Generator<GeneratedRecord> {
  const resolved = resolve(options);
  const plan = buildPlan(resolved.seed);
  yield* actorRecords();
  yield* sourceRecords(plan);
  yield* documentRecords(plan);
  yield* provisionRecords(plan);
  yield* meetingRecords(plan);
  yield* incidentRecords(resolved, plan);
}

/** ACLED's columns: the importer's list, so generated files always match what it reads. */
export { ACLED_COLUMNS };

/**
 * The same incidents as generateProcess, in the same order, as ACLED CSV rows: objects keyed by
 * ACLED's column names (in ACLED_COLUMNS order), every value a string. Dates are YYYY-MM-DD; a
 * month-precision incident keeps its hidden day with time_precision 3. Fatalities follow ACLED's
 * practice of taking the most conservative figure among the claims.
 */
export function* generateAcledRows(options: SyntheticOptions): Generator<Record<string, string>> {
  const resolved = resolve(options);
  const plan = buildPlan(resolved.seed);
  for (const draft of incidentDrafts(resolved, plan)) {
    const country = COUNTRIES[draft.side];
    const victim = PARTIES[draft.side];
    const attacker = PARTIES[draft.side === 0 ? 1 : 0];
    const isMine = draft.kind === "mine_explosion";
    const [eventType, subEventType] = KIND_TEXT[draft.kind].acled;
    const killedTotals = draft.claims
      .map((claim) => Object.values(claim.figures.killed))
      .filter((counts) => counts.length > 0)
      .map((counts) => counts.reduce((sum, n) => sum + n, 0));
    const fatalities = killedTotals.length === 0 ? 0 : Math.min(...killedTotals);
    const publishers = draft.claims.map((claim) =>
      claim.claimant === 2 ? MONITOR.name : PARTIES[claim.claimant].ministry,
    );
    const civilians = draft.claims.some((claim) => (claim.figures.wounded.civilians ?? 0) > 0);
    // ACLED uploads an event some days after it happened; the lag only needs to be plausible.
    const uploaded = START_MS / 1000 + (draft.day + 3 + (draft.number % 9)) * 86_400;
    const row: AcledRow = {
      event_id_cnty: `${country.acledPrefix}${draft.number}`,
      event_date: dayString(draft.day),
      year: dayString(draft.day).slice(0, 4),
      time_precision: draft.monthOnly ? "3" : "1",
      disorder_type: "Political violence",
      event_type: eventType,
      sub_event_type: subEventType,
      actor1: isMine ? "Unidentified Military Forces" : attacker.acled,
      assoc_actor_1: "",
      inter1: isMine ? "8" : "1",
      actor2: victim.acled,
      assoc_actor_2: civilians ? `Civilians (${country.name})` : "",
      inter2: "1",
      interaction: isMine ? "18" : "11",
      civilian_targeting: civilians && draft.kind !== "mine_explosion" ? "Civilian targeting" : "",
      iso: country.iso,
      region: "Caucasus and Central Asia",
      country: country.name,
      admin1: provinceName(draft),
      admin2: districtName(draft),
      admin3: "",
      location: locationName(draft),
      latitude: draft.lat.toFixed(4),
      longitude: draft.lon.toFixed(4),
      geo_precision: draft.isDistrict ? "2" : "1",
      source: [...new Set(publishers)].join("; "),
      source_scale: publishers.includes(MONITOR.name) ? "National-International" : "National",
      notes: `On ${dayString(draft.day)}, ${incidentDescription(draft)}`,
      fatalities: String(fatalities),
      tags: "",
      timestamp: String(uploaded),
    };
    yield row;
  }
}
