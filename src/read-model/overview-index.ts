import { canSee, type Viewer } from "../domain/access.ts";
import { DAY_MS } from "../domain/fuzzy-date.ts";
import { cellOf } from "../domain/tiles.ts";
import { IdTable } from "./id-table.ts";
import { type Column, grown } from "./typed-arrays.ts";

/** An incident as the overview reads it: place and span as numbers (epoch ms), null where unknown. */
export type OverviewIncident = {
  id: string;
  west: number | null;
  south: number | null;
  east: number | null;
  north: number | null;
  start: number | null;
  end: number | null;
  kind: string | null;
  verification: string | null;
  visibility: string;
  restricted_to: string | null;
  refs: readonly string[];
};

/** One figure of a claim (a row of `claim_figure`). */
export type OverviewFigure = {
  claim_id: string;
  incident_id: string | null;
  claimant: string | null;
  category: string;
  side: string;
  low: number | null;
  high: number | null;
  visibility: string;
  restricted_to: string | null;
};

/** The overview's filters: a window of instants (ISO), a box, a kind, an actor referred to. */
export type OverviewFilters = {
  from?: string | undefined;
  to?: string | undefined;
  bbox?: { west: number; south: number; east: number; north: number } | undefined;
  kind?: string | undefined;
  actor?: string | undefined;
};

/** What the overview shows, in the shapes and orders of the plain SQL (stats.repository.ts). */
export type OverviewAnswer = {
  counts: {
    totals: { total: number; not_weekly: number };
    byWeek: Array<{ week: string; count: number }>;
    byKind: Array<{ kind: string | null; count: number }>;
    byVerification: Array<{ verification: string | null; count: number }>;
  };
  byActor: Array<{ actor: string; count: number }>;
  figures: {
    byClaimant: Array<{
      claimant: string | null;
      category: string;
      side: string;
      low: number | null;
      high: number | null;
      claims: number;
    }>;
    byWeek: Array<{
      week: string;
      claimant: string | null;
      category: string;
      low: number | null;
      high: number | null;
    }>;
  };
};

const WEEK_MS = 7 * DAY_MS;
/** Slots per block of `#zones`, and the numbers each block holds. */
const ZONE = 256;
const ZONE_WIDTH = 6;
/** What a row of a block's incident sums counts: its key is a week, a kind, a reference... */
const TOTAL = 0;
const NOT_WEEKLY = 1;
const WEEK = 2;
const KIND = 3;
const VERIFICATION = 4;
const REFERENCE = 5;
/** Rows of `width` numbers, the rows of block b from `first[b]` to `first[b + 1]`. */
type BlockSums = { first: Int32Array; rows: Float64Array; width: number };

function emptySums(width: number): BlockSums {
  return { first: new Int32Array(1), rows: new Float64Array(0), width };
}

/** Collects blocks' rows into one growing array, block after block. */
class SumsWriter {
  readonly #first: Int32Array;
  readonly #width: number;
  #rows = new Float64Array(0);
  #count = 0;

  constructor(blocks: number, width: number) {
    this.#first = new Int32Array(blocks + 1);
    this.#width = width;
  }

  endBlock(block: number, rows: Iterable<readonly number[]>): void {
    for (const row of rows) {
      this.#rows = grown(this.#rows, (this.#count + 1) * this.#width);
      this.#rows.set(row, this.#count * this.#width);
      this.#count++;
    }
    this.#first[block + 1] = this.#count;
  }

  sums(): BlockSums {
    const rows = this.#rows.slice(0, this.#count * this.#width);
    return { first: this.#first, rows, width: this.#width };
  }
}

/** In `#weekOf`: an incident not in the answer, and one in it but in no week. */
const LEFT_OUT = -(2 ** 31);
const IN_NO_WEEK = LEFT_OUT + 1;
/** Numbers a query may sum by week in one array (32 MiB); beyond, weeks are kept in a map. */
const DENSE_CELLS = 2 ** 22;
/** Who may see a slot: 0 marks a slot that holds nothing (deleted, or an id only referred to). */
const NOBODY = 0;

/** Strings as small numbers, 0 standing for null: columns of numbers compare and count fast. */
class Dictionary {
  readonly values: Array<string | null> = [null];
  readonly #ids = new Map<string, number>();

  id(value: string | null): number {
    if (value === null) return 0;
    let id = this.#ids.get(value);
    if (id === undefined) {
      id = this.values.length;
      this.values.push(value);
      this.#ids.set(value, id);
    }
    return id;
  }

  /** The id of a value already seen, else -1 (nothing holds it). */
  find(value: string): number {
    return this.#ids.get(value) ?? -1;
  }
}

/**
 * A column's values in a new order (`order[k]` is where the k-th comes from), exactly as long as
 * the order (at least 1024): growth by doubling may have left the old column twice that.
 */
function reordered<T extends Column>(from: T, order: Int32Array): T {
  const to = new (from.constructor as new (length: number) => T)(Math.max(order.length, 1024));
  for (let k = 0; k < order.length; k++) to[k] = from[order[k] as number] as number;
  return to;
}

/** null and NaN are the same thing in a column of numbers: unknown. */
const num = (value: number | null) => (value === null ? Number.NaN : value);
const mod7 = (n: number) => ((n % 7) + 7) % 7;
/** The Monday (day number since 1970-01-01, a Thursday) of the UTC day of an instant. */
const mondayOf = (ms: number) => {
  const day = Math.floor(ms / DAY_MS);
  return day - mod7(day + 3);
};
const dayString = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** Ascending as PostgreSQL's C collation sorts text, NULLs last. */
function byText(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

/**
 * One process's incidents and claimed figures in columns of numbers, for the overview: a box and
 * window over 10^6 incidents is one pass over a few typed arrays (milliseconds), whatever the
 * filters, where the store sums rollups and reads the box's rim one incident at a time (decision
 * 0020). Records are put and removed by id as they change; the answer is exactly the plain SQL's.
 */
export class OverviewIndex {
  readonly #useBlockSums: boolean;
  #slots = 0;
  readonly #slotOf = new IdTable();
  #west = new Float64Array(0);
  #south = new Float64Array(0);
  #east = new Float64Array(0);
  #north = new Float64Array(0);
  #start = new Float64Array(0);
  #end = new Float64Array(0);
  #kind = new Uint16Array(0);
  #verification = new Uint16Array(0);
  #scope = new Uint16Array(0);
  /** Each slot's references, as `#refPool[#refFirst[slot] .. + #refCount[slot]]`. */
  #refFirst = new Int32Array(0);
  #refCount = new Uint16Array(0);
  #refPool = new Int32Array(0);
  #refPoolSize = 0;

  #figures = 0;
  #figureIncident = new Int32Array(0);
  #figureClaim = new Int32Array(0);
  #figureGroup = new Int32Array(0);
  #figureLow = new Float64Array(0);
  #figureHigh = new Float64Array(0);
  #figureScope = new Uint16Array(0);
  /** Each claim's figures, which are always contiguous: its first slot and how many. */
  readonly #claimOf = new IdTable();
  #claimFirst = new Int32Array(0);
  #claimCount = new Uint16Array(0);
  #claims = 0;

  readonly #scopes = new Dictionary();
  readonly #scopeOf: Array<{ visibility: string; restricted_to: string | null }> = [
    { visibility: "", restricted_to: null },
  ];
  /** Kinds and verification statuses (a few dozen), and the ids incidents refer to (many). */
  readonly #labels = new Dictionary();
  readonly #names = new Dictionary();
  /** (claimant, category, side) of a figure, and its (claimant, category) for the weekly sums. */
  readonly #groups = new Dictionary();
  readonly #groupParts: Array<{ claimant: string | null; category: string; side: string }> = [
    { claimant: null, category: "", side: "" },
  ];
  readonly #groupPair: number[] = [0];
  readonly #pairs = new Dictionary();
  readonly #pairParts: Array<{ claimant: string | null; category: string }> = [
    { claimant: null, category: "" },
  ];
  readonly #actors = new Set<number>();
  /**
   * Per query, each incident's Monday (a day number), or that it is not in the answer or in no
   * week: the one thing figures read of their incident, in one array.
   */
  #weekOf = new Int32Array(0);
  /** Figures appended since they were last sorted by incident: the last `#unsorted` of them. */
  #unsorted = 0;
  /** Where each incident's sorted figures lie. */
  #figureFirst = new Int32Array(0);
  #figureCount = new Int32Array(0);
  /** Per query, the incidents in the answer. */
  #kept = new Int32Array(0);
  /**
   * Bounds of each block of ZONE slots up to `#zoned` (the slots there were when last sorted):
   * earliest start, latest end, and the box around their places, so a query skips the blocks
   * its window or box cannot meet. Changes in place widen them; later slots are always read.
   */
  #zoned = 0;
  #zones = new Float64Array(0);
  /**
   * Per block, the sums a query adds whole when the block lies inside its window and box (decided
   * by `#inner`: latest start, earliest end): incident sums and figure sums by visibility scope,
   * built by `optimize`. A block is summed incident by incident instead when a change touched it
   * since (`#dirty`), or when it holds an undated, unlocated or empty-span incident (`#whole` 0),
   * whose matching the bounds do not decide.
   */
  #whole = new Uint8Array(0);
  #actorsChanged = false;
  #dirty = new Uint8Array(0);
  #inner = new Float64Array(0);
  #incidentSums: BlockSums = emptySums(1);
  #figureSums: BlockSums = emptySums(1);
  /** The earliest and latest start held (epoch ms), which bound the weeks a query sums. */
  #firstStart = Number.POSITIVE_INFINITY;
  #lastStart = Number.NEGATIVE_INFINITY;

  /** `blockSums: false` sums every block incident by incident (to test the sums against). */
  constructor(options: { blockSums?: boolean } = {}) {
    this.#useBlockSums = options.blockSums ?? true;
  }

  /** Incidents held (not counting deleted ones' slots). */
  get incidents(): number {
    let n = 0;
    for (let i = 0; i < this.#slots; i++) if (this.#scope[i] !== NOBODY) n++;
    return n;
  }

  #scopeId(visibility: string, restrictedTo: string | null): number {
    const id = this.#scopes.id(`${visibility}\u0000${restrictedTo ?? ""}`);
    if (id === this.#scopeOf.length)
      this.#scopeOf.push({ visibility, restricted_to: restrictedTo });
    return id;
  }

  #slot(id: string): number {
    let slot = this.#slotOf.get(id);
    if (slot !== undefined) return slot;
    slot = this.#slots++;
    this.#slotOf.set(id, slot);
    const n = this.#slots;
    this.#west = grown(this.#west, n);
    this.#south = grown(this.#south, n);
    this.#east = grown(this.#east, n);
    this.#north = grown(this.#north, n);
    this.#start = grown(this.#start, n);
    this.#end = grown(this.#end, n);
    this.#kind = grown(this.#kind, n);
    this.#verification = grown(this.#verification, n);
    this.#scope = grown(this.#scope, n);
    this.#refFirst = grown(this.#refFirst, n);
    this.#refCount = grown(this.#refCount, n);
    this.#scope[slot] = NOBODY;
    this.#refCount[slot] = 0;
    return slot;
  }

  /** Adds an incident, or replaces what was held under its id. */
  putIncident(incident: OverviewIncident): void {
    const slot = this.#slot(incident.id);
    this.#west[slot] = num(incident.west);
    this.#south[slot] = num(incident.south);
    this.#east[slot] = num(incident.east);
    this.#north[slot] = num(incident.north);
    this.#start[slot] = num(incident.start);
    if (incident.start !== null) {
      if (incident.start < this.#firstStart) this.#firstStart = incident.start;
      if (incident.start > this.#lastStart) this.#lastStart = incident.start;
    }
    this.#end[slot] = num(incident.end);
    this.#kind[slot] = this.#labels.id(incident.kind);
    this.#verification[slot] = this.#labels.id(incident.verification);
    this.#scope[slot] = this.#scopeId(incident.visibility, incident.restricted_to);
    if (slot < this.#zoned) this.#widenZone(slot);
    this.#touch(slot);
    // Changed references are written anew at the end of the pool; the old ones are left behind.
    const refs = incident.refs;
    this.#refPool = grown(this.#refPool, this.#refPoolSize + refs.length);
    this.#refFirst[slot] = this.#refPoolSize;
    this.#refCount[slot] = refs.length;
    for (const ref of refs) this.#refPool[this.#refPoolSize++] = this.#names.id(ref);
  }

  /** Forgets an incident (its id stays, holding nothing, for figures that may refer to it). */
  removeIncident(id: string): void {
    const slot = this.#slotOf.get(id);
    if (slot === undefined) return;
    this.#scope[slot] = NOBODY;
    this.#touch(slot);
  }

  /** Marks the block of an incident's slot as changed since its sums were made. */
  #touch(slot: number): void {
    if (slot >= 0 && slot < this.#zoned) this.#dirty[Math.floor(slot / ZONE)] = 1;
  }

  /** Whether an id is an actor record: the overview counts references to actors only. */
  setActor(id: string, isActor: boolean): void {
    const name = isActor ? this.#names.id(id) : this.#names.find(id);
    if (this.#actors.has(name) === isActor) return;
    if (isActor) this.#actors.add(name);
    else this.#actors.delete(name);
    // The blocks' sums count references to actors only: they wait for the next `optimize`.
    this.#actorsChanged = true;
  }

  /** Whether figures of this claim have been put (even none). */
  holdsClaim(id: string): boolean {
    return this.#claimOf.has(id);
  }

  /** Replaces a claim's figures (none: the claim is gone, or holds none). */
  setClaimFigures(claimId: string, figures: readonly OverviewFigure[]): void {
    const known = this.#claimOf.get(claimId);
    if (known !== undefined) {
      const first = this.#claimFirst[known] ?? 0;
      const count = this.#claimCount[known] ?? 0;
      for (let f = first; f < first + count; f++) {
        this.#figureScope[f] = NOBODY;
        this.#touch(this.#figureIncident[f] as number);
      }
    }
    let claim = known;
    if (claim === undefined) {
      claim = this.#claims++;
      this.#claimOf.set(claimId, claim);
      this.#claimFirst = grown(this.#claimFirst, this.#claims);
      this.#claimCount = grown(this.#claimCount, this.#claims);
    }
    const n = this.#figures + figures.length;
    this.#figureIncident = grown(this.#figureIncident, n);
    this.#figureClaim = grown(this.#figureClaim, n);
    this.#figureGroup = grown(this.#figureGroup, n);
    this.#figureLow = grown(this.#figureLow, n);
    this.#figureHigh = grown(this.#figureHigh, n);
    this.#figureScope = grown(this.#figureScope, n);
    this.#claimFirst[claim] = this.#figures;
    this.#claimCount[claim] = figures.length;
    this.#unsorted += figures.length;
    for (const figure of figures) {
      const f = this.#figures++;
      this.#figureIncident[f] = figure.incident_id === null ? -1 : this.#slot(figure.incident_id);
      this.#touch(this.#figureIncident[f] as number);
      this.#figureClaim[f] = claim;
      this.#figureGroup[f] = this.#groupId(figure);
      this.#figureLow[f] = num(figure.low);
      this.#figureHigh[f] = num(figure.high);
      this.#figureScope[f] = this.#scopeId(figure.visibility, figure.restricted_to);
    }
  }

  /** Whether enough has changed since the last `optimize` that doing it again is worth it. */
  get needsOptimizing(): boolean {
    const figures = this.#unsorted > 1024 && this.#unsorted * 4 > this.#figures;
    const incidents = this.#slots - this.#zoned;
    const blocks = this.#dirty.length;
    let dirty = 0;
    for (let b = 0; b < blocks; b++) dirty += this.#dirty[b] as number;
    return (
      figures ||
      (incidents > 1024 && incidents * 4 > this.#slots) ||
      (this.#actorsChanged && this.#zoned > 0) ||
      (dirty > 16 && dirty * 4 > blocks)
    );
  }

  /**
   * Orders the incidents by how long their span is, then by week, then by place, and their
   * figures by incident, and bounds each block of incidents: a window of a year over several
   * years, or a box, then reads a fraction of the blocks, and the figures of the incidents kept
   * in order. Seconds at 10^6; done after a build and after large catch-ups.
   */
  optimize(): void {
    const steps = this.optimizeInSteps();
    let step = steps.next();
    while (!step.done) step = steps.next();
  }

  /**
   * `optimize` in steps of a fraction of a second each, so that a server can answer other requests
   * between them; the index must be neither read nor changed until the last step is done.
   */
  *optimizeInSteps(): Generator<void, void, undefined> {
    this.#sortIncidents();
    yield;
    this.#sortFigures();
    this.#zoned = this.#slots;
    this.#zones = new Float64Array(Math.ceil(this.#slots / ZONE) * ZONE_WIDTH);
    for (let b = 0; b * ZONE < this.#slots; b++) {
      const at = b * ZONE_WIDTH;
      this.#zones.set([Infinity, -Infinity, Infinity, -Infinity, Infinity, -Infinity], at);
      for (let i = b * ZONE; i < Math.min(this.#slots, (b + 1) * ZONE); i++) this.#widenZone(i);
    }
    yield;
    yield* this.#sumBlocks();
    this.#actorsChanged = false;
  }

  /** The sums of every block (see `#whole`), from the incidents and the figures sorted by them. */
  *#sumBlocks(): Generator<void, void, undefined> {
    const blocks = Math.ceil(this.#zoned / ZONE);
    this.#whole = new Uint8Array(blocks);
    this.#dirty = new Uint8Array(blocks);
    this.#inner = new Float64Array(blocks * 2);
    const incidentRows = new SumsWriter(blocks, 4);
    const figureRows = new SumsWriter(blocks, 10);
    const incidentSums = new Map<string, number[]>();
    const figureSums = new Map<string, number[]>();
    const lastClaim = new Map<string, number>();
    const bump = (map: Map<string, number[]>, key: string, head: number[], values: number[]) => {
      const row = map.get(key);
      if (!row) map.set(key, [...head, ...values]);
      else
        for (let v = 0; v < values.length; v++)
          row[head.length + v] = (row[head.length + v] as number) + (values[v] as number);
    };
    for (let b = 0; b < blocks; b++) {
      if (b % 256 === 255) yield;
      incidentSums.clear();
      figureSums.clear();
      lastClaim.clear();
      let whole = 1;
      let latestStart = -Infinity;
      let earliestEnd = Infinity;
      for (let i = b * ZONE; i < Math.min(this.#zoned, (b + 1) * ZONE); i++) {
        const scope = this.#scope[i] as number;
        if (scope === NOBODY) continue;
        const s = this.#start[i] as number;
        const e = this.#end[i] as number;
        if (Number.isNaN(s) || !(Number.isNaN(e) || e > s) || !this.#located(i)) whole = 0;
        if (!Number.isNaN(s)) latestStart = Math.max(latestStart, s);
        if (!Number.isNaN(e)) earliestEnd = Math.min(earliestEnd, e);
        const week = Number.isNaN(e) ? IN_NO_WEEK : e - s <= WEEK_MS ? mondayOf(s) : LEFT_OUT;
        bump(incidentSums, `${scope}:${TOTAL}:0`, [scope, TOTAL, 0], [1]);
        if (week === LEFT_OUT)
          bump(incidentSums, `${scope}:${NOT_WEEKLY}:0`, [scope, NOT_WEEKLY, 0], [1]);
        else if (week !== IN_NO_WEEK)
          bump(incidentSums, `${scope}:${WEEK}:${week}`, [scope, WEEK, week], [1]);
        const kind = this.#kind[i] as number;
        bump(incidentSums, `${scope}:${KIND}:${kind}`, [scope, KIND, kind], [1]);
        const verification = this.#verification[i] as number;
        bump(
          incidentSums,
          `${scope}:${VERIFICATION}:${verification}`,
          [scope, VERIFICATION, verification],
          [1],
        );
        const first = this.#refFirst[i] as number;
        for (let r = first; r < first + (this.#refCount[i] as number); r++) {
          const ref = this.#refPool[r] as number;
          if (!this.#actors.has(ref)) continue;
          bump(incidentSums, `${scope}:${REFERENCE}:${ref}`, [scope, REFERENCE, ref], [1]);
        }
        const from = this.#figureFirst[i] as number;
        for (let f = from; f < from + (this.#figureCount[i] as number); f++) {
          const figureScope = this.#figureScope[f] as number;
          if (figureScope === NOBODY) continue;
          const group = this.#figureGroup[f] as number;
          const low = this.#figureLow[f] as number;
          const high = this.#figureHigh[f] as number;
          const key = `${scope}:${figureScope}:${group}:${week}`;
          const claim = this.#figureClaim[f] as number;
          const isNew = lastClaim.get(key) !== claim ? 1 : 0;
          lastClaim.set(key, claim);
          const hasLow = Number.isNaN(low) ? 0 : 1;
          const hasHigh = Number.isNaN(high) ? 0 : 1;
          bump(
            figureSums,
            key,
            [scope, figureScope, group, week],
            [1, isNew, hasLow ? low : 0, hasLow, hasHigh ? high : 0, hasHigh],
          );
        }
      }
      this.#whole[b] = whole;
      this.#inner[2 * b] = latestStart;
      this.#inner[2 * b + 1] = earliestEnd;
      incidentRows.endBlock(b, incidentSums.values());
      figureRows.endBlock(b, figureSums.values());
    }
    this.#incidentSums = incidentRows.sums();
    this.#figureSums = figureRows.sums();
  }

  /** Makes the block of this slot hold its span and place (NaN, unknown, never meets a filter). */
  #widenZone(i: number): void {
    const zones = this.#zones;
    const at = Math.floor(i / ZONE) * ZONE_WIDTH;
    const s = this.#start[i] as number;
    const e = this.#end[i] as number;
    if (!Number.isNaN(s)) {
      zones[at] = Math.min(zones[at] as number, s);
      zones[at + 1] = Math.max(zones[at + 1] as number, Number.isNaN(e) ? Infinity : e);
    }
    if (this.#located(i)) {
      const w = this.#west[i] as number;
      const x = this.#east[i] as number;
      const so = this.#south[i] as number;
      const n = this.#north[i] as number;
      zones[at + 2] = Math.min(zones[at + 2] as number, w, x);
      zones[at + 3] = Math.max(zones[at + 3] as number, w, x);
      zones[at + 4] = Math.min(zones[at + 4] as number, so, n);
      zones[at + 5] = Math.max(zones[at + 5] as number, so, n);
    }
  }

  /** Whether a slot's place is known on every side (a box filter can only meet such). */
  #located(i: number): boolean {
    return !(
      Number.isNaN(this.#west[i]) ||
      Number.isNaN(this.#east[i]) ||
      Number.isNaN(this.#south[i]) ||
      Number.isNaN(this.#north[i])
    );
  }

  #sortIncidents(): void {
    const n = this.#slots;
    const key = new Float64Array(n);
    const firstMonday = this.#weekSpan().first;
    for (let i = 0; i < n; i++) {
      const s = this.#start[i] as number;
      const e = this.#end[i] as number;
      const span = e - s;
      // NaN fails every comparison: undated incidents go last.
      const length = span <= 8 * DAY_MS ? 0 : span <= 32 * DAY_MS ? 1 : span >= 0 ? 2 : 3;
      const week = Number.isNaN(s) ? 0 : (mondayOf(s) - firstMonday) / 7;
      key[i] = length * 2 ** 45 + week * 2 ** 21 + placeOrder(this.#west[i], this.#south[i]);
    }
    const order = new Int32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    order.sort((a, b) => (key[a] as number) - (key[b] as number));
    const moved = new Int32Array(n);
    for (let k = 0; k < n; k++) moved[order[k] as number] = k;
    const permute = <T extends Column>(from: T) => reordered(from, order);
    this.#west = permute(this.#west);
    this.#south = permute(this.#south);
    this.#east = permute(this.#east);
    this.#north = permute(this.#north);
    this.#start = permute(this.#start);
    this.#end = permute(this.#end);
    this.#kind = permute(this.#kind);
    this.#verification = permute(this.#verification);
    this.#scope = permute(this.#scope);
    this.#refCount = permute(this.#refCount);
    // The references laid out anew in the new order (and without those left behind by changes),
    // so that reading the kept incidents' references reads the pool in order too.
    const firsts = permute(this.#refFirst);
    let size = 0;
    for (let k = 0; k < n; k++) size += this.#refCount[k] as number;
    const pool = new Int32Array(Math.max(size, 1024));
    let at = 0;
    for (let k = 0; k < n; k++) {
      const first = firsts[k] as number;
      const count = this.#refCount[k] as number;
      firsts[k] = at;
      pool.set(this.#refPool.subarray(first, first + count), at);
      at += count;
    }
    this.#refFirst = firsts;
    this.#refPool = pool;
    this.#refPoolSize = at;
    this.#slotOf.renumber((slot) => moved[slot] as number);
    for (let f = 0; f < this.#figures; f++) {
      const i = this.#figureIncident[f] as number;
      if (i >= 0) this.#figureIncident[f] = moved[i] as number;
    }
  }

  #sortFigures(): void {
    const scope = this.#figureScope;
    const incidentOf = this.#figureIncident;
    // A stable counting sort by incident slot (figures of no incident first).
    const starts = new Int32Array(this.#slots + 2);
    let live = 0;
    for (let f = 0; f < this.#figures; f++) {
      if (scope[f] === NOBODY) continue;
      const bucket = (incidentOf[f] as number) + 2;
      starts[bucket] = (starts[bucket] as number) + 1;
      live++;
    }
    for (let b = 1; b < starts.length; b++)
      starts[b] = (starts[b] as number) + (starts[b - 1] as number);
    const order = new Int32Array(live);
    for (let f = 0; f < this.#figures; f++) {
      if (scope[f] === NOBODY) continue;
      const bucket = (incidentOf[f] as number) + 1;
      const at = starts[bucket] as number;
      order[at] = f;
      starts[bucket] = at + 1;
    }
    const pick = <T extends Column>(from: T) => reordered(from, order);
    this.#figureIncident = pick(incidentOf);
    this.#figureClaim = pick(this.#figureClaim);
    this.#figureGroup = pick(this.#figureGroup);
    this.#figureLow = pick(this.#figureLow);
    this.#figureHigh = pick(this.#figureHigh);
    this.#figureScope = pick(scope);
    this.#figures = live;
    this.#unsorted = 0;
    // Where each incident's figures lie, for queries that visit only the incidents they keep.
    this.#figureFirst = new Int32Array(this.#slots);
    this.#figureCount = new Int32Array(this.#slots);
    for (let k = 0; k < live; k++) {
      const i = this.#figureIncident[k] as number;
      if (i < 0) continue;
      if (this.#figureCount[i] === 0) this.#figureFirst[i] = k;
      this.#figureCount[i] = (this.#figureCount[i] as number) + 1;
    }
    const placed = new Uint8Array(this.#claims);
    for (let k = 0; k < live; k++) {
      const claim = this.#figureClaim[k] as number;
      if (placed[claim] === 1) continue;
      placed[claim] = 1;
      this.#claimFirst[claim] = k;
    }
  }

  #groupId(figure: OverviewFigure): number {
    const key = `${figure.claimant ?? ""}\u0000${figure.claimant === null ? 0 : 1}\u0000${figure.category}\u0000${figure.side}`;
    const group = this.#groups.id(key);
    if (group === this.#groupParts.length) {
      const parts = { claimant: figure.claimant, category: figure.category, side: figure.side };
      this.#groupParts.push(parts);
      const pair = this.#pairs.id(key.slice(0, key.lastIndexOf("\u0000")));
      if (pair === this.#pairParts.length)
        this.#pairParts.push({ claimant: figure.claimant, category: figure.category });
      this.#groupPair.push(pair);
    }
    return group;
  }

  #weekSpan(): { first: number; last: number } {
    if (this.#firstStart > this.#lastStart) return { first: 0, last: -7 };
    return { first: mondayOf(this.#firstStart), last: mondayOf(this.#lastStart) };
  }

  /** The overview for a viewer and filters: what incidentCounts, incidentsByActor and claimedFigures return. */
  query(viewer: Viewer, filters: OverviewFilters): OverviewAnswer {
    const allowed = new Uint8Array(this.#scopeOf.length);
    for (let s = 1; s < this.#scopeOf.length; s++)
      allowed[s] = canSee(viewer, this.#scopeOf[s] as { visibility: string }) ? 1 : 0;
    if (this.#weekOf.length < this.#slots) {
      this.#weekOf = new Int32Array(this.#west.length);
      this.#kept = new Int32Array(this.#west.length);
    }
    const kept = this.#kept;
    let keptCount = 0;
    const weekOf = this.#weekOf;
    weekOf.fill(LEFT_OUT, 0, this.#slots);

    const byDate = filters.from !== undefined || filters.to !== undefined;
    const from = filters.from === undefined ? -Infinity : Date.parse(filters.from);
    const to = filters.to === undefined ? Infinity : Date.parse(filters.to);
    const box = filters.bbox;
    const bx0 = box ? Math.min(box.west, box.east) : 0;
    const bx1 = box ? Math.max(box.west, box.east) : 0;
    const by0 = box ? Math.min(box.south, box.north) : 0;
    const by1 = box ? Math.max(box.south, box.north) : 0;
    const kind = filters.kind === undefined ? -1 : this.#labels.find(filters.kind);
    const actor = filters.actor === undefined ? -1 : this.#names.find(filters.actor);
    // A filter on a value nothing holds matches nothing; so does an empty window.
    const none =
      (filters.kind !== undefined && kind < 0) ||
      (filters.actor !== undefined && actor < 0) ||
      (byDate && !(from < to));

    const scope = this.#scope;
    const start = this.#start;
    const end = this.#end;
    const west = this.#west;
    const east = this.#east;
    const south = this.#south;
    const north = this.#north;
    const kinds = this.#kind;
    const verifications = this.#verification;
    const refFirst = this.#refFirst;
    const refCount = this.#refCount;
    const refPool = this.#refPool;
    const isActor = new Uint8Array(this.#names.values.length);
    for (const id of this.#actors) isActor[id] = 1;

    let total = 0;
    let notWeekly = 0;
    const weeks = new WeekSums(this.#weekSpan(), 1, 1);
    const byKindCounts = new Float64Array(this.#labels.values.length);
    const byVerification = new Float64Array(this.#labels.values.length);
    const byActor = new Float64Array(this.#names.values.length);
    const zones = this.#zones;
    const blocks = Math.ceil(this.#zoned / ZONE);
    const inner = this.#inner;
    const sums = this.#incidentSums;
    const bySums = kind < 0 && actor < 0 && this.#useBlockSums && !this.#actorsChanged;
    const summed: number[] = [];
    // Each block that the window and box may meet (b < blocks), then the slots after them.
    for (let b = 0; !none && b <= blocks; b++) {
      let lo = this.#zoned;
      let hi = this.#slots;
      if (b < blocks) {
        const at = b * ZONE_WIDTH;
        if (byDate && !((zones[at] as number) < to && (zones[at + 1] as number) > from)) continue;
        if (
          box &&
          !(
            (zones[at + 2] as number) <= bx1 &&
            (zones[at + 3] as number) >= bx0 &&
            (zones[at + 4] as number) <= by1 &&
            (zones[at + 5] as number) >= by0
          )
        )
          continue;
        if (
          bySums &&
          this.#whole[b] === 1 &&
          this.#dirty[b] === 0 &&
          (!byDate || ((inner[2 * b] as number) < to && (inner[2 * b + 1] as number) > from)) &&
          (!box ||
            ((zones[at + 2] as number) >= bx0 &&
              (zones[at + 3] as number) <= bx1 &&
              (zones[at + 4] as number) >= by0 &&
              (zones[at + 5] as number) <= by1))
        ) {
          // Every incident of the block is in the answer: its sums stand for them.
          summed.push(b);
          for (let r = sums.first[b] as number; r < (sums.first[b + 1] as number); r++) {
            const row = r * 4;
            if (allowed[sums.rows[row] as number] === 0) continue;
            const key = sums.rows[row + 2] as number;
            const value = sums.rows[row + 3] as number;
            switch (sums.rows[row + 1]) {
              case TOTAL:
                total += value;
                break;
              case NOT_WEEKLY:
                notWeekly += value;
                break;
              case WEEK:
                weeks.add(key, 0, 0, value);
                break;
              case KIND:
                byKindCounts[key] = (byKindCounts[key] as number) + value;
                break;
              case VERIFICATION:
                byVerification[key] = (byVerification[key] as number) + value;
                break;
              case REFERENCE:
                if (isActor[key] === 1) byActor[key] = (byActor[key] as number) + value;
                break;
            }
          }
          continue;
        }
        lo = b * ZONE;
        hi = Math.min(lo + ZONE, this.#zoned);
      }
      for (let i = lo; i < hi; i++) {
        if (allowed[scope[i] as number] === 0) continue;
        const s = start[i] as number;
        const e = end[i] as number;
        // As tstzrange(start, end) && tstzrange(from, to): an empty span (start = end) meets nothing.
        if (byDate && (Number.isNaN(s) || !(s < to) || !(Number.isNaN(e) || (e > from && e > s))))
          continue;
        if (box) {
          const w = west[i] as number;
          const x = east[i] as number;
          const so = south[i] as number;
          const n = north[i] as number;
          // NaN (no place) fails every comparison, so `!(...)` leaves such incidents out.
          if (!(Math.min(w, x) <= bx1 && Math.max(w, x) >= bx0)) continue;
          if (!(Math.min(so, n) <= by1 && Math.max(so, n) >= by0)) continue;
        }
        if (kind >= 0 && kinds[i] !== kind) continue;
        const first = refFirst[i] as number;
        const last = first + (refCount[i] as number);
        if (actor >= 0) {
          let refers = false;
          for (let r = first; r < last; r++) if (refPool[r] === actor) refers = true;
          if (!refers) continue;
        }
        total++;
        kept[keptCount++] = i;
        weekOf[i] = IN_NO_WEEK;
        // Placed in a week when its span is at most seven days; a span unknown at either end is
        // neither weekly nor not (as `date_end - date_start <= 7 days` is NULL in SQL).
        if (!Number.isNaN(s) && !Number.isNaN(e)) {
          if (e - s <= WEEK_MS) {
            const monday = mondayOf(s);
            weekOf[i] = monday;
            weeks.add(monday, 0, 0, 1);
          } else notWeekly++;
        }
        const k = kinds[i] as number;
        byKindCounts[k] = (byKindCounts[k] as number) + 1;
        const v = verifications[i] as number;
        byVerification[v] = (byVerification[v] as number) + 1;
        for (let r = first; r < last; r++) {
          const ref = refPool[r] as number;
          if (isActor[ref] === 1) byActor[ref] = (byActor[ref] as number) + 1;
        }
      }
    }

    return {
      counts: {
        totals: { total, not_weekly: notWeekly },
        byWeek: weeks
          .entries()
          .sort((a, b) => a[0] - b[0])
          .map(([week, , sums]) => ({ week: dayString(week), count: sums[0] as number })),
        byKind: this.#named(byKindCounts, this.#labels).map(([kind, count]) => ({ kind, count })),
        byVerification: this.#named(byVerification, this.#labels).map(([verification, count]) => ({
          verification,
          count,
        })),
      },
      byActor: this.#named(byActor, this.#names).map(([name, count]) => ({
        actor: name as string,
        count,
      })),
      figures: this.#sumFigures(allowed, weekOf, kept.subarray(0, keptCount), summed),
    };
  }

  /** The non-zero counts by name, sorted by name. */
  #named(counts: Float64Array, dictionary: Dictionary): Array<[string | null, number]> {
    const named: Array<[string | null, number]> = [];
    counts.forEach((count, id) => {
      if (count > 0) named.push([dictionary.values[id] ?? null, count]);
    });
    return named.sort((a, b) => byText(a[0], b[0]));
  }

  /** The figures of the incidents in the answer that the viewer may see, per claimant and per week. */
  #sumFigures(
    allowed: Uint8Array,
    weekOf: Int32Array,
    kept: Int32Array,
    summed: readonly number[],
  ): OverviewAnswer["figures"] {
    const groups = this.#groupParts.length;
    const pairs = this.#pairParts.length;
    // Per group: claims, sum of lows, lows given, sum of highs, highs given.
    const totals = new Float64Array(groups * 5);
    const lastClaim = new Int32Array(groups).fill(-1);
    // Per week and (claimant, category): figures, sum of lows, lows given, of highs, highs given.
    const weekly = new WeekSums(this.#weekSpan(), pairs, 5);
    const pairOf = this.#groupPair;
    const scope = this.#figureScope;
    const incidentOf = this.#figureIncident;
    const groupOf = this.#figureGroup;
    const lows = this.#figureLow;
    const highs = this.#figureHigh;
    const claims = this.#figureClaim;
    // The sorted figures of each incident kept (k < kept.length), then every figure that came
    // after the sort (k = kept.length), in one loop so that its body is compiled once.
    const first = this.#figureFirst;
    const count = this.#figureCount;
    for (let k = 0; k <= kept.length; k++) {
      let from = this.#figures - this.#unsorted;
      let to = this.#figures;
      if (k < kept.length) {
        const i = kept[k] as number;
        if (i >= first.length) continue;
        from = first[i] as number;
        to = from + (count[i] as number);
      }
      for (let f = from; f < to; f++) {
        if (allowed[scope[f] as number] === 0) continue;
        const i = incidentOf[f] as number;
        if (i < 0) continue;
        const monday = weekOf[i] as number;
        if (monday === LEFT_OUT) continue;
        const group = groupOf[f] as number;
        const low = lows[f] as number;
        const high = highs[f] as number;
        const at = group * 5;
        // A claim's figures are together: counting a claim when it changes counts distinct claims.
        const claim = claims[f] as number;
        if (lastClaim[group] !== claim) {
          totals[at] = (totals[at] as number) + 1;
          lastClaim[group] = claim;
        }
        const hasLow = Number.isNaN(low) ? 0 : 1;
        const hasHigh = Number.isNaN(high) ? 0 : 1;
        if (hasLow) {
          totals[at + 1] = (totals[at + 1] as number) + low;
          totals[at + 2] = (totals[at + 2] as number) + 1;
        }
        if (hasHigh) {
          totals[at + 3] = (totals[at + 3] as number) + high;
          totals[at + 4] = (totals[at + 4] as number) + 1;
        }
        if (monday === IN_NO_WEEK) continue;
        weekly.addRow(
          monday,
          pairOf[group] as number,
          1,
          hasLow ? low : 0,
          hasLow,
          hasHigh ? high : 0,
          hasHigh,
        );
      }
    }
    // The blocks summed whole: their figures' sums, by the scopes of incident and figure.
    const sums = this.#figureSums;
    for (const b of summed) {
      for (let r = sums.first[b] as number; r < (sums.first[b + 1] as number); r++) {
        const row = r * 10;
        const values = sums.rows;
        if (allowed[values[row] as number] === 0 || allowed[values[row + 1] as number] === 0)
          continue;
        const group = values[row + 2] as number;
        const week = values[row + 3] as number;
        const at = group * 5;
        for (let v = 0; v < 5; v++)
          totals[at + v] = (totals[at + v] as number) + (values[row + 5 + v] as number);
        if (week === LEFT_OUT || week === IN_NO_WEEK) continue;
        weekly.addRow(
          week,
          pairOf[group] as number,
          values[row + 4] as number,
          values[row + 6] as number,
          values[row + 7] as number,
          values[row + 8] as number,
          values[row + 9] as number,
        );
      }
    }
    const byClaimant: OverviewAnswer["figures"]["byClaimant"] = [];
    for (let group = 1; group < groups; group++) {
      const at = group * 5;
      if (totals[at] === 0) continue;
      const parts = this.#groupParts[group] as {
        claimant: string | null;
        category: string;
        side: string;
      };
      byClaimant.push({
        ...parts,
        low: (totals[at + 2] as number) > 0 ? (totals[at + 1] as number) : null,
        high: (totals[at + 4] as number) > 0 ? (totals[at + 3] as number) : null,
        claims: totals[at] as number,
      });
    }
    byClaimant.sort(
      (a, b) =>
        byText(a.claimant, b.claimant) || byText(a.category, b.category) || byText(a.side, b.side),
    );
    const byWeek = weekly.entries().map(([monday, pair, sums]) => {
      const parts = this.#pairParts[pair] as { claimant: string | null; category: string };
      return {
        week: dayString(monday),
        ...parts,
        low: (sums[2] as number) > 0 ? (sums[1] as number) : null,
        high: (sums[4] as number) > 0 ? (sums[3] as number) : null,
      };
    });
    byWeek.sort(
      (a, b) =>
        byText(a.week, b.week) || byText(a.claimant, b.claimant) || byText(a.category, b.category),
    );
    return { byClaimant, byWeek };
  }
}

/**
 * Sums of a few numbers per week (by its Monday, a day number) and small key: in one array over
 * the weeks the index spans, or, for data spread over too many weeks for that, in a map.
 */
class WeekSums {
  readonly #first: number;
  readonly #keys: number;
  readonly #width: number;
  readonly #dense: Float64Array | null;
  readonly #sparse = new Map<number, Float64Array>();

  constructor(span: { first: number; last: number }, keys: number, width: number) {
    this.#first = span.first;
    this.#keys = keys;
    this.#width = width;
    const cells = ((span.last - span.first) / 7 + 1) * keys * width;
    this.#dense = cells > 0 && cells <= DENSE_CELLS ? new Float64Array(cells) : null;
  }

  /** Adds a count to the first column and these values to the next four (a width of five). */
  addRow(
    monday: number,
    key: number,
    count: number,
    a: number,
    b: number,
    c: number,
    d: number,
  ): void {
    const slot = ((monday - this.#first) / 7) * this.#keys + key;
    const dense = this.#dense;
    if (dense && slot >= 0 && (slot + 1) * 5 <= dense.length) {
      const at = slot * 5;
      dense[at] = (dense[at] as number) + count;
      dense[at + 1] = (dense[at + 1] as number) + a;
      dense[at + 2] = (dense[at + 2] as number) + b;
      dense[at + 3] = (dense[at + 3] as number) + c;
      dense[at + 4] = (dense[at + 4] as number) + d;
      return;
    }
    this.add(monday, key, 0, count);
    this.add(monday, key, 1, a);
    this.add(monday, key, 2, b);
    this.add(monday, key, 3, c);
    this.add(monday, key, 4, d);
  }

  add(monday: number, key: number, column: number, value: number): void {
    const slot = ((monday - this.#first) / 7) * this.#keys + key;
    if (this.#dense && slot >= 0 && (slot + 1) * this.#width <= this.#dense.length) {
      const at = slot * this.#width + column;
      this.#dense[at] = (this.#dense[at] as number) + value;
      return;
    }
    let sums = this.#sparse.get(slot);
    if (!sums) {
      sums = new Float64Array(this.#width);
      this.#sparse.set(slot, sums);
    }
    sums[column] = (sums[column] as number) + value;
  }

  /** Each week and key whose first column (a count) is not zero: [Monday, key, sums]. */
  entries(): Array<[number, number, Float64Array]> {
    const found: Array<[number, number, Float64Array]> = [];
    const entry = (slot: number, sums: Float64Array) => {
      const key = slot - Math.floor(slot / this.#keys) * this.#keys;
      found.push([this.#first + ((slot - key) / this.#keys) * 7, key, sums]);
    };
    const dense = this.#dense;
    if (dense)
      for (let at = 0; at < dense.length; at += this.#width)
        if (dense[at] !== 0) entry(at / this.#width, dense.subarray(at, at + this.#width));
    for (const [slot, sums] of this.#sparse) entry(slot, sums);
    return found;
  }
}

/**
 * A point's place in the Z-order of the map's zoom-10 cells (`cellOf`'s Morton code, cut to 20
 * bits), unknown places last.
 */
function placeOrder(lon: number | undefined, lat: number | undefined): number {
  if (lon === undefined || lat === undefined || Number.isNaN(lon) || Number.isNaN(lat))
    return 2 ** 20;
  return Math.floor(cellOf(lon, lat) / 2 ** 20);
}
