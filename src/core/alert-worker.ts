import { checkChanges, checkDeadlines, checkEveryProcess, type LinkBase } from "./alert-check.ts";
import { type DeliverySettings, deliverDue } from "./alert-delivery.ts";
import type { Services } from "./services.ts";

export type AlertWorkerOptions = DeliverySettings &
  LinkBase & {
    /** How often the clock's rules are checked and retries sent (`truce serve`: a minute). */
    intervalMs: number;
    onError: (error: unknown) => void;
  };

/**
 * Raises and delivers alerts beside the server, never inside a write: a process whose ledger grows
 * (this server's commit, or another server's seen by the version poll) is checked soon after, and
 * a timer checks the commitments' deadlines and sends the retries that have come due. One piece of
 * work runs at a time; changes that arrive meanwhile are looked at in the next.
 */
export class AlertWorker {
  readonly #services: Services;
  readonly #options: AlertWorkerOptions;
  readonly #changed = new Set<string>();
  #running: Promise<void> = Promise.resolve();
  #isScheduled = false;
  #timer: NodeJS.Timeout | undefined;
  #stopListening: (() => void) | undefined;

  constructor(services: Services, options: AlertWorkerOptions) {
    this.#services = services;
    this.#options = options;
  }

  /** Listens for growing ledgers and starts the timer. */
  start(): void {
    this.#stopListening = this.#services.versions.onGrow((slug) => this.changed(slug));
    this.#timer = setInterval(() => this.tick(), this.#options.intervalMs);
    this.#timer.unref();
  }

  async stop(): Promise<void> {
    this.#stopListening?.();
    clearInterval(this.#timer);
    await this.idle();
  }

  /** A process has changed: check it (and deliver what it raises) as soon as the worker is free. */
  changed(slug: string): void {
    this.#changed.add(slug);
    if (this.#isScheduled) return;
    this.#isScheduled = true;
    this.#enqueue(async () => {
      this.#isScheduled = false;
      const slugs = [...this.#changed];
      this.#changed.clear();
      for (const slug of slugs) await checkChanges(this.#services, slug, this.#options);
      await deliverDue(this.#services, this.#options);
    });
  }

  /**
   * The clock's work: changes no commit announced, deadlines, then every delivery that has come
   * due (first tries and retries).
   */
  tick(): Promise<void> {
    return this.#enqueue(async () => {
      await checkEveryProcess(this.#services, this.#options);
      await checkDeadlines(this.#services, this.#options);
      await deliverDue(this.#services, this.#options);
    });
  }

  /** Resolves once the work queued so far is done. */
  idle(): Promise<void> {
    return this.#running;
  }

  #enqueue(work: () => Promise<void>): Promise<void> {
    this.#running = this.#running
      .then(work)
      .catch((error: unknown) => this.#options.onError(error));
    return this.#running;
  }
}
