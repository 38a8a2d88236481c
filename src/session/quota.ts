import { CredentialKey } from "../credentials/store.js";
import { QuotaLimitError } from "../errors.js";
import { MAX_COOLDOWN } from "../http/retry.js";
import type { StoreView } from "./store-view.js";
import type { Tracer } from "./trace.js";

interface Lockout {
  readonly until: number;
  readonly error: QuotaLimitError;
}

/**
 * Quota lockouts per account, kept in the store (`kamereon_quota_until`): the quota is per
 * account, not per process, so the next process does not send into one either.
 */
export class QuotaLedger {
  readonly #view: StoreView;
  readonly #tracer: Tracer;
  readonly #now: () => number;
  readonly #lockouts = new Map<string, Lockout>();

  constructor(view: StoreView, tracer: Tracer, now: () => number) {
    this.#view = view;
    this.#tracer = tracer;
    this.#now = now;
  }

  /** Throws the quota error of a lockout still running for `account` (sends nothing). */
  async check(account: string, where: { readonly method: string; readonly path: string }): Promise<void> {
    const lockout = this.#lockouts.get(account) ?? (await this.#stored(account, where));
    if (!lockout) return;
    if (lockout.until > this.#now()) throw lockout.error;
    this.#lockouts.delete(account);
    this.#tracer.emit({ type: "quota-lockout-end", account });
  }

  /** Starts a lockout for `account` until the error's `retryAt` (at most a day away). */
  async remember(account: string, error: QuotaLimitError): Promise<void> {
    const now = this.#now();
    const until = Math.min(error.retryAt, now + MAX_COOLDOWN);
    this.#lockouts.set(account, { until, error });
    this.#tracer.emit({ type: "quota-lockout-start", account, until });
    const lockouts = readLockouts(await this.#view.get(CredentialKey.quotaUntil), now);
    lockouts[account] = until;
    // Best effort: a store that cannot be written must not hide the quota error itself.
    await this.#view.update({ [CredentialKey.quotaUntil]: JSON.stringify(lockouts) }).catch(() => undefined);
  }

  async #stored(account: string, where: { readonly method: string; readonly path: string }) {
    const until = readLockouts(await this.#view.get(CredentialKey.quotaUntil), this.#now())[account];
    if (until === undefined) return undefined;
    const error = new QuotaLimitError({
      method: where.method,
      url: where.path,
      status: 429,
      errors: [{ code: "err.func.wired.overloaded", details: "quota reached earlier; no request sent" }],
      retryAt: until,
    });
    const lockout = { until, error };
    this.#lockouts.set(account, lockout);
    return lockout;
  }
}

/**
 * Parses stored lockouts, keeping only those running now and at most {@link MAX_COOLDOWN} away:
 * anything else (malformed, ended, absurd) counts as none. It is only an optimisation, and a bad
 * value must never lock an account out (issue 20, defect 2).
 */
export function readLockouts(text: string | undefined, now: number): Record<string, number> {
  if (text === undefined) return {};
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return {};
    return Object.fromEntries(
      Object.entries(parsed).filter(
        (entry): entry is [string, number] =>
          typeof entry[1] === "number" && entry[1] > now && entry[1] <= now + MAX_COOLDOWN,
      ),
    );
  } catch {
    return {};
  }
}
