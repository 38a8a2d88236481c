/**
 * The bridge's request budget: Kamereon requests per sliding hour, counted from the client's own
 * trace (every attempt, retries included), so every consumer of the bridge shares one budget
 * (issue 18: two tools on one account lock each other out). Used by the polling adapter until
 * `client.watch()` (issue 16) takes the budget over.
 */
import type { TraceEvent } from "renault-api";

/** One hour, the budget's window. @unit milliseconds */
export const BUDGET_WINDOW = 3_600_000;

/** Requests per sliding hour, counted as they go out. */
export class RequestBudget {
  /** Requests allowed per {@link BUDGET_WINDOW}. */
  readonly perHour: number;
  readonly #now: () => number;
  readonly #sent: number[] = [];

  /**
   * @param perHour requests allowed per hour (a whole number ≥ 1)
   * @param now the clock, in epoch milliseconds (the simulator's in tests)
   */
  constructor(perHour: number, now: () => number = Date.now) {
    if (!Number.isInteger(perHour) || perHour < 1)
      throw new RangeError(`a budget must be a whole number ≥ 1, got ${String(perHour)}`);
    this.perHour = perHour;
    this.#now = now;
  }

  /** Give it to the client's `onTrace`: each Kamereon attempt spends one request. */
  readonly onTrace = (event: TraceEvent): void => {
    if (event.type === "request" && event.service === "kamereon") this.#sent.push(this.#now());
  };

  /** Requests sent in the last hour. */
  used(): number {
    this.#forget();
    return this.#sent.length;
  }

  /**
   * How long to wait before `cost` more requests fit in the window (0 = now). A cost above the
   * whole budget waits for an empty window: the round then runs alone in its hour.
   * @unit milliseconds
   */
  delayFor(cost: number): number {
    this.#forget();
    const room = this.perHour - Math.min(cost, this.perHour);
    if (this.#sent.length <= room) return 0;
    // The oldest requests must leave the window until only `room` remain.
    const release = this.#sent[this.#sent.length - room - 1] ?? this.#now();
    return Math.max(0, release + BUDGET_WINDOW - this.#now());
  }

  #forget(): void {
    const since = this.#now() - BUDGET_WINDOW;
    while (this.#sent.length > 0 && (this.#sent[0] ?? 0) <= since) this.#sent.shift();
  }
}
