/**
 * The request ledger (issue 16, item 3): every Kamereon request this process sends is recorded
 * with its account and time in the credential store (`renault_api_ledger`), so that every process
 * on one store (two watchers, a watcher and CLI commands) sees the requests of all and together
 * stays inside one per-account budget. The value is untrusted: anything malformed counts as no
 * request (it only ever lowers what is spent, never locks an account out).
 */
import { type CredentialStore, updateIfUnchanged } from "../credentials/store.js";

/** The credential-store key of the ledger. */
export const LEDGER_KEY = "renault_api_ledger";
/** How far back the ledger remembers: the quota is counted per hour (field notes C.3). */
export const LEDGER_WINDOW = 3_600_000;
/** At most this many times are kept per account (a budget is far below it). */
export const MAX_LEDGER_ENTRIES = 1_000;
/** At most this many accounts are kept (the most recently used). */
export const MAX_LEDGER_ACCOUNTS = 50;

type Times = Record<string, number[]>;

/** Requests sent per account in the last hour, shared through a credential store. */
export class RequestLedger {
  readonly #store: CredentialStore;
  readonly #now: () => number;
  // Writes of this process one after another: each is a compare-and-set on the store.
  #writes: Promise<void> = Promise.resolve();
  // Slots taken by `reserve` and not yet used by a request, per account.
  readonly #reserved = new Map<string, number>();

  constructor(store: CredentialStore, now: () => number) {
    this.#store = store;
    this.#now = now;
  }

  /**
   * Records one request for `account` now, under the store's lock (compare-and-set, retried when
   * another process wrote in between). Best effort: a store that cannot be written must not stop
   * the request.
   */
  record(account: string): Promise<void> {
    const reserved = this.#reserved.get(account) ?? 0;
    if (reserved > 0) {
      this.#reserved.set(account, reserved - 1);
      return Promise.resolve();
    }
    const at = this.#now();
    const write = this.#writes.then(() => this.#record(account, at)).catch(() => undefined);
    this.#writes = write;
    return write;
  }

  /**
   * Takes one request slot for `account` if its last hour holds fewer than `limit`, checked and
   * recorded as one compare-and-set, so that two processes near the limit cannot both pass. The
   * next request this process sends for the account uses the slot instead of recording again.
   * Returns whether it took one (false: the store could not be written either).
   */
  async reserve(account: string, limit: number): Promise<boolean> {
    await this.#writes;
    for (let attempt = 0; attempt < 20; attempt++) {
      const before = (await this.#store.read())[LEDGER_KEY];
      const times = readLedger(before, this.#now());
      if ((times[account]?.length ?? 0) >= limit) return false;
      times[account] = [...(times[account] ?? []), this.#now()].slice(-MAX_LEDGER_ENTRIES);
      const after = JSON.stringify(bounded(times));
      if (await updateIfUnchanged(this.#store, { [LEDGER_KEY]: before }, { [LEDGER_KEY]: after })) {
        this.#reserved.set(account, (this.#reserved.get(account) ?? 0) + 1);
        return true;
      }
    }
    return false;
  }

  /** Drops the unused slots of `account` (the read was served without a request): they stay counted. */
  release(account: string): void {
    this.#reserved.delete(account);
  }

  /** Requests recorded for `account` in the hour before now (every process on the store). */
  async count(account: string): Promise<number> {
    return (await this.times(account)).length;
  }

  /** The times of the requests recorded for `account` in the last hour, oldest first. */
  async times(account: string): Promise<number[]> {
    await this.#writes;
    const values = await this.#store.read();
    return readLedger(values[LEDGER_KEY], this.#now())[account] ?? [];
  }

  async #record(account: string, at: number): Promise<void> {
    for (let attempt = 0; attempt < 20; attempt++) {
      const before = (await this.#store.read())[LEDGER_KEY];
      const times = readLedger(before, this.#now());
      times[account] = [...(times[account] ?? []), at].slice(-MAX_LEDGER_ENTRIES);
      const after = JSON.stringify(bounded(times));
      if (await updateIfUnchanged(this.#store, { [LEDGER_KEY]: before }, { [LEDGER_KEY]: after })) return;
    }
  }
}

/**
 * Parses a stored ledger, keeping per account only the times of the last hour (none in the future
 * beyond a minute of clock skew), sorted: anything else counts as no request.
 */
export function readLedger(text: string | undefined, now: number): Times {
  if (text === undefined || text.length > 2_000_000) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return {};
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return {};
  const times: Times = {};
  for (const [account, value] of Object.entries(parsed)) {
    if (!Array.isArray(value) || account.length > 200) continue;
    const recent = (value as unknown[])
      .filter(
        (at): at is number =>
          typeof at === "number" && Number.isFinite(at) && at > now - LEDGER_WINDOW && at <= now + 60_000,
      )
      .sort((a, b) => a - b)
      .slice(-MAX_LEDGER_ENTRIES);
    if (recent.length > 0) times[account] = recent;
  }
  return times;
}

/** The {@link MAX_LEDGER_ACCOUNTS} accounts used last. */
function bounded(times: Times): Times {
  const entries = Object.entries(times).sort((a, b) => (b[1].at(-1) ?? 0) - (a[1].at(-1) ?? 0));
  return Object.fromEntries(entries.slice(0, MAX_LEDGER_ACCOUNTS));
}
