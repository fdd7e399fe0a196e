import type { Kysely } from "kysely";
import type { Viewer } from "../domain/access.ts";
import {
  countOverviewRows,
  readActorIds,
  readChangedIds,
  readFigurePage,
  readIncidentPage,
  readRecordsForOverview,
} from "../store/overview-source.repository.ts";
import { findProcess } from "../store/process.repository.ts";
import type { Database } from "../store/schema.ts";
import {
  type OverviewAnswer,
  type OverviewFigure,
  type OverviewFilters,
  OverviewIndex,
} from "./overview-index.ts";

type Db = Kysely<Database>;

/** Bytes an incident and a figure take in an index (measured at 10^6 incidents: docs/performance.md). */
export const BYTES_PER_INCIDENT = 200;
export const BYTES_PER_FIGURE = 100;
/** Memory the indexes may take together by default: 10^6 incidents and their figures fit. */
export const DEFAULT_OVERVIEW_MEMORY_BYTES = 768 * 2 ** 20;
/** Rows read per statement while building. */
const PAGE = 20_000;
/** Ids read back per statement while catching up. */
const CHUNK = 5_000;
/** Ledger entries a request waits to catch up with; more are caught up in the background. */
const CATCH_UP_IN_REQUEST = 20_000;
/** How long a failed build waits before it is tried again. */
const RETRY_MS = 60_000;

type Held = {
  index: OverviewIndex;
  /** The ledger size the index reflects: every change before it is in. */
  size: number;
  bytes: number;
  usedAt: number;
  /** Catch-ups, one after the other. */
  queue: Promise<void>;
};
type Entry =
  | { state: "building"; done: Promise<void> }
  | { state: "held"; held: Held }
  | { state: "too large"; size: number }
  | { state: "failed"; at: number };

/**
 * The overview's in-memory indexes, one per process and store (primary or replica), within a
 * memory budget (decision 0020). The first request for a process starts building its index and is
 * answered from the rollups, as are all requests until it is built; after that each request
 * catches the index up with the ledger (every change appends an entry naming its record) and
 * answers from it. A process whose index would not fit in the budget stays with the rollups.
 */
export class OverviewMemory {
  readonly #budget: number;
  readonly #catchUpInRequest: number;
  readonly #entries = new WeakMap<object, Map<string, Entry>>();
  readonly #onError: (error: unknown) => void;

  constructor(
    options: {
      budgetBytes?: number | undefined;
      /** Ledger entries a request waits to catch up with (more go to the background). */
      catchUpInRequest?: number;
      onError?: (error: unknown) => void;
    } = {},
  ) {
    this.#budget = options.budgetBytes ?? DEFAULT_OVERVIEW_MEMORY_BYTES;
    this.#catchUpInRequest = options.catchUpInRequest ?? CATCH_UP_IN_REQUEST;
    this.#onError = options.onError ?? (() => {});
  }

  #of(db: Db): Map<string, Entry> {
    let entries = this.#entries.get(db);
    if (!entries) {
      entries = new Map();
      this.#entries.set(db, entries);
    }
    return entries;
  }

  /**
   * The overview from memory, caught up with the ledger at `ledgerSize`; undefined when there is
   * no index for the process yet (its building has started) or it would not fit.
   */
  async query(
    db: Db,
    slug: string,
    ledgerSize: number,
    viewer: Viewer,
    filters: OverviewFilters,
  ): Promise<OverviewAnswer | undefined> {
    let held: Held | undefined;
    try {
      held = await this.#current(db, slug, ledgerSize);
    } catch (error) {
      // The rollups answer instead; the next request tries again.
      this.#onError(error);
      return undefined;
    }
    if (!held) return undefined;
    held.usedAt = Date.now();
    return held.index.query(viewer, filters);
  }

  /** Builds or catches up the process's index now, waiting for it: true when it is held. */
  async warm(db: Db, slug: string): Promise<boolean> {
    const entries = this.#of(db);
    const entry = entries.get(slug);
    if (entry?.state === "building") await entry.done.catch(() => {});
    else if (!entry || entry.state === "failed") await this.#build(db, slug);
    const process = await findProcess(db, slug);
    if (!process) return false;
    const current = entries.get(slug);
    if (current?.state !== "held") return false;
    await this.#catchUp(db, slug, current.held, process.ledger_size);
    return true;
  }

  /** The index if it is held and caught up (catching it up in the request when that is quick). */
  async #current(db: Db, slug: string, ledgerSize: number): Promise<Held | undefined> {
    const entries = this.#of(db);
    const entry = entries.get(slug);
    if (
      !entry ||
      (entry.state === "failed" && Date.now() - entry.at > RETRY_MS) ||
      (entry.state === "too large" && ledgerSize >= 2 * entry.size)
    ) {
      this.#build(db, slug).catch(this.#onError);
      return undefined;
    }
    if (entry.state !== "held") return undefined;
    const held = entry.held;
    if (held.size > ledgerSize) {
      // The ledger is shorter than what the index holds: the process was made anew.
      entries.delete(slug);
      this.#build(db, slug).catch(this.#onError);
      return undefined;
    }
    if (ledgerSize - held.size > this.#catchUpInRequest) {
      this.#catchUp(db, slug, held, ledgerSize).catch(this.#onError);
      return undefined;
    }
    await this.#catchUp(db, slug, held, ledgerSize);
    return held.size >= ledgerSize ? held : undefined;
  }

  #build(db: Db, slug: string): Promise<void> {
    const entries = this.#of(db);
    const entry = entries.get(slug);
    if (entry?.state === "building") return entry.done;
    const done = this.#load(db, slug, entries).catch((error: unknown) => {
      entries.set(slug, { state: "failed", at: Date.now() });
      throw error;
    });
    entries.set(slug, { state: "building", done });
    return done;
  }

  async #load(db: Db, slug: string, entries: Map<string, Entry>): Promise<void> {
    // The size first: whatever changes while the rows are read is caught up from it after.
    const process = await findProcess(db, slug);
    if (!process) {
      entries.delete(slug);
      return;
    }
    const counts = await countOverviewRows(db, slug);
    const bytes = counts.incidents * BYTES_PER_INCIDENT + counts.figures * BYTES_PER_FIGURE;
    if (!this.#makeRoom(entries, slug, bytes)) {
      entries.set(slug, { state: "too large", size: Math.max(1, process.ledger_size) });
      return;
    }
    const index = await loadIndex(db, slug);
    const held: Held = {
      index,
      size: process.ledger_size,
      bytes,
      usedAt: Date.now(),
      queue: Promise.resolve(),
    };
    entries.set(slug, { state: "held", held });
  }

  /** Frees the least recently used indexes of this store until `bytes` fit; false if they never can. */
  #makeRoom(entries: Map<string, Entry>, slug: string, bytes: number): boolean {
    if (bytes > this.#budget) return false;
    const held = () =>
      [...entries].flatMap(([key, entry]) =>
        entry.state === "held" && key !== slug ? [{ key, held: entry.held }] : [],
      );
    let used = held().reduce((sum, { held }) => sum + held.bytes, 0);
    for (const { key, held: victim } of held().sort((a, b) => a.held.usedAt - b.held.usedAt)) {
      if (used + bytes <= this.#budget) break;
      entries.delete(key);
      used -= victim.bytes;
    }
    return used + bytes <= this.#budget;
  }

  /** Applies every change from the index's size up to `ledgerSize`, one catch-up at a time. */
  #catchUp(db: Db, slug: string, held: Held, ledgerSize: number): Promise<void> {
    const next = held.queue.then(async () => {
      if (held.size >= ledgerSize) return;
      const ids = await readChangedIds(db, slug, held.size, ledgerSize);
      for (let i = 0; i < ids.length; i += CHUNK) {
        const chunk = ids.slice(i, i + CHUNK);
        applyChanges(held.index, chunk, await readRecordsForOverview(db, slug, chunk));
      }
      if (held.index.needsOptimizing) await optimizeInTurns(held.index);
      held.size = ledgerSize;
    });
    // A failed catch-up rejects its caller (a request then answers from the rollups); the next
    // one starts again from the same size.
    held.queue = next.catch(() => {});
    return next;
  }
}

/** Reads a process's incidents, actors and figures into a new index, in pages. */
async function loadIndex(db: Db, slug: string): Promise<OverviewIndex> {
  const index = new OverviewIndex();
  for (const id of await readActorIds(db, slug)) index.setActor(id, true);
  let afterId: string | null = null;
  for (;;) {
    const page = await readIncidentPage(db, slug, afterId, PAGE);
    for (const incident of page) index.putIncident(incident);
    if (page.length < PAGE) break;
    afterId = page[page.length - 1]?.id ?? null;
  }
  // Figures come in key order, each claim's together; a claim cut by a page boundary is put once
  // its last figure has been read.
  let claim: OverviewFigure[] = [];
  let after: OverviewFigure | null = null;
  for (;;) {
    const page = await readFigurePage(db, slug, after, PAGE);
    for (const figure of page) {
      if (claim.length > 0 && claim[0]?.claim_id !== figure.claim_id) {
        index.setClaimFigures(claim[0]?.claim_id as string, claim);
        claim = [];
      }
      claim.push(figure);
    }
    if (page.length < PAGE) break;
    after = page[page.length - 1] ?? null;
  }
  if (claim.length > 0) index.setClaimFigures(claim[0]?.claim_id as string, claim);
  await optimizeInTurns(index);
  return index;
}

/** Optimizes an index a step at a time, letting the server answer other requests in between. */
async function optimizeInTurns(index: OverviewIndex): Promise<void> {
  const steps = index.optimizeInSteps();
  for (let step = steps.next(); !step.done; step = steps.next())
    await new Promise((resolve) => setImmediate(resolve));
}

/** Puts the changed records as they are now, and forgets what is no longer there. */
function applyChanges(
  index: OverviewIndex,
  ids: readonly string[],
  now: Awaited<ReturnType<typeof readRecordsForOverview>>,
): void {
  const incidents = new Map(now.incidents.map((incident) => [incident.id, incident]));
  const actors = new Set(now.actors);
  const figures = new Map<string, OverviewFigure[]>();
  for (const figure of now.figures) {
    const list = figures.get(figure.claim_id);
    if (list) list.push(figure);
    else figures.set(figure.claim_id, [figure]);
  }
  for (const id of ids) {
    const incident = incidents.get(id);
    if (incident) index.putIncident(incident);
    else index.removeIncident(id);
    index.setActor(id, actors.has(id));
    const claimed = figures.get(id);
    if (claimed || index.holdsClaim(id)) index.setClaimFigures(id, claimed ?? []);
  }
}
