/** When and how long to wait before repeating a failed read. */
export interface RetryOptions {
  /**
   * Attempts after the first one.
   * @default 2
   */
  readonly limit?: number | undefined;
  /**
   * Delay before retry number `attempt` (1-based), in milliseconds. Tests pass `() => 0`.
   * @default exponential backoff from 500 ms, doubling, capped at 8 s, with ±25 % jitter
   */
  readonly delay?: ((attempt: number) => number) | undefined;
  /**
   * Longest `Retry-After` the client is willing to wait; a longer one gives up at once.
   * @default 30_000
   * @unit milliseconds
   */
  readonly maxRetryAfter?: number | undefined;
}

/** The default backoff: 0.5 s, 1 s, 2 s … capped at 8 s, with ±25 % jitter. */
export function backoff(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(8_000, 500 * 2 ** Math.max(0, attempt - 1));
  return Math.round(base * (0.75 + random() * 0.5));
}

/**
 * The longest cooldown the client accepts from a server: 24 hours. A longer `Retry-After` (ten
 * years, a date in year 9999, 20 digits) would lock an account out for good (issue 20, defect 2).
 * @unit milliseconds
 */
export const MAX_COOLDOWN = 24 * 3600_000;

/**
 * Parses a `Retry-After` header (seconds or an HTTP date) into milliseconds from `now`, at most
 * {@link MAX_COOLDOWN}. Returns undefined when absent or unparseable; a past date gives 0.
 */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  if (value == null || value.trim() === "") return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return boundCooldown(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return boundCooldown(date - now);
}

/** A cooldown in milliseconds brought within 0…{@link MAX_COOLDOWN} (NaN counts as 0). */
export function boundCooldown(ms: number): number {
  if (!(ms > 0)) return 0;
  return Math.round(Math.min(ms, MAX_COOLDOWN));
}

/** Sleeps for `ms` milliseconds, or rejects with the signal's reason if it aborts first. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0 && !signal?.aborted) return Promise.resolve();
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason as Error);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason as Error);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
