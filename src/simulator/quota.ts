/**
 * The per-account request quota: at most `limit` Kamereon requests per account in any sliding
 * window of `window` milliseconds (the community estimate is about 60 an hour; docs/api-notes.md, C.3).
 */
export class QuotaTracker {
  readonly limit: number;
  readonly window: number;
  readonly #accepted = new Map<string, number[]>();

  constructor(limit: number, window: number) {
    this.limit = limit;
    this.window = window;
  }

  /**
   * Counts a request for `accountId` at `now` when the account has quota left, and returns
   * undefined; otherwise counts nothing and returns how long until a request is accepted again.
   * @unit milliseconds
   */
  take(accountId: string, now: number): number | undefined {
    const times = this.#recent(accountId, now);
    if (times.length < this.limit) {
      times.push(now);
      return undefined;
    }
    return Math.max(1, (times[0] ?? now) + this.window - now);
  }

  #recent(accountId: string, now: number): number[] {
    let times = this.#accepted.get(accountId);
    if (!times) {
      times = [];
      this.#accepted.set(accountId, times);
    }
    while (times.length > 0 && (times[0] ?? 0) <= now - this.window) times.shift();
    return times;
  }
}
