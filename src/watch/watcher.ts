/**
 * The watch loop (issue 16): reads each watched vehicle's reads when due, inside a per-account
 * budget counted by the session's request ledger (every process on the credential store), and
 * turns the answers into events: a snapshot, then changes only, health, quota and budget.
 */
import type { RenaultClient } from "../client.js";
import type { RenaultVehicle } from "../vehicle.js";
import {
  EndpointNotAvailableError,
  InvalidCredentialsError,
  KamereonError,
  NotAuthenticatedError,
  QuotaLimitError,
  TwoFactorRequiredError,
} from "../errors.js";
import type { ReadKey } from "../registry/keys.js";
import { LEDGER_WINDOW } from "../session/ledger.js";
import type { Reading, Readings, WatchError, WatchEvent, WatchHandle, WatchOptions } from "./events.js";
import { EventQueue } from "./queue.js";
import { changedFields, describe, isCharging, isPlugged, iso, reportedAtOf, timerSleep } from "./readings.js";
import { AWAKE_FOR, DEFAULT_WATCH_KEYS, intervalOf, probeOf } from "./schedule.js";
import {
  readWatchState,
  type StoredReading,
  WATCH_STATE_KEY,
  type WatchState,
  writeWatchState,
} from "./state.js";

type Read = Parameters<RenaultVehicle["read"]>[0];

interface Watched {
  readonly vin: string;
  readonly accountId: string;
  readonly vehicle: RenaultVehicle;
  keys: ReadKey[];
  probe: ReadKey | undefined;
  readonly readings: Map<ReadKey, StoredReading & { lastError?: WatchError | undefined }>;
  readonly due: Map<ReadKey, number>;
  awakeUntil: number;
  failures: number;
  lastError: WatchError | undefined;
  health: { stale: boolean; failing: boolean };
  snapshotSent: boolean;
}

const BUDGET_EVENT_EVERY = 10 * 60_000;

/** A running watch: see {@link RenaultClient.watch}. */
export class Watcher implements WatchHandle {
  readonly #client: RenaultClient;
  readonly #budget: number;
  readonly #staleAfter: number;
  readonly #now: () => number;
  readonly #sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  readonly #signal: AbortSignal;
  readonly #options: WatchOptions;
  readonly #queue = new EventQueue<WatchEvent>();
  readonly #watched: Watched[] = [];
  readonly #lockedUntil = new Map<string, number>();
  readonly #budgetEventAt = new Map<string, number>();
  #state: WatchState = { accounts: {}, readings: {} };
  #wake = new AbortController();

  constructor(client: RenaultClient, options: WatchOptions, signal: AbortSignal) {
    const budget = options.budget ?? 45;
    if (!Number.isInteger(budget) || budget < 1) throw new RangeError("budget must be an integer ≥ 1");
    this.#client = client;
    this.#options = options;
    this.#budget = budget;
    this.#staleAfter = options.staleAfter ?? 86_400_000;
    this.#now = options.now ?? Date.now;
    this.#sleep = options.sleep ?? timerSleep;
    this.#signal = signal;
  }

  get vins(): readonly string[] {
    return this.#watched.map((watched) => watched.vin);
  }

  /** The events, until the signal aborts (then the loop has no request in flight). */
  events(): EventQueue<WatchEvent> {
    return this.#queue;
  }

  /** Runs the loop; closes the queue when it ends (with the error that ended it, if any). */
  async run(): Promise<void> {
    try {
      await this.#discover();
      while (!this.#signal.aborted) await this.#step();
      this.#queue.close();
    } catch (error) {
      this.#queue.close(
        this.#signal.aborted
          ? undefined
          : { error: error instanceof Error ? error : new Error(String(error)) },
      );
    }
  }

  async readNow(vin: string, key: ReadKey, options: { readonly signal?: AbortSignal } = {}) {
    const watched = this.#watched.find((entry) => entry.vin === vin);
    if (!watched || !watched.keys.includes(key) || (await this.#waitFor(watched.accountId)) > 0)
      return undefined;
    const signal = options.signal ? AbortSignal.any([options.signal, this.#signal]) : this.#signal;
    await this.#read(watched, key, signal);
    return this.readings(vin)[key];
  }

  nudge(vin: string, key?: ReadKey): void {
    const watched = this.#watched.find((entry) => entry.vin === vin);
    if (!watched) return;
    watched.awakeUntil = this.#now() + AWAKE_FOR;
    const target = key && watched.keys.includes(key) ? key : watched.probe;
    if (target) watched.due.set(target, this.#now());
    this.#wake.abort();
  }

  readings(vin: string): Readings {
    const watched = this.#watched.find((entry) => entry.vin === vin);
    const readings: Readings = {};
    if (watched) for (const [key, stored] of watched.readings) readings[key] = this.#reading(key, stored);
    return readings;
  }

  async #discover(): Promise<void> {
    const session = this.#client.session;
    this.#state = readWatchState(await session.getStoredValue(WATCH_STATE_KEY));
    const options = { signal: this.#signal };
    const accounts = await this.#client.getAccounts(options);
    const wanted = this.#options.vins;
    const known = (vin: string) => Object.values(this.#state.accounts).some((vins) => vins.includes(vin));
    // The VINs come from the store; an account is asked again only when a wanted VIN is nowhere.
    const refresh = wanted?.some((vin) => !known(vin)) ?? false;
    for (const account of accounts) {
      let vins = this.#state.accounts[account.id];
      if (vins === undefined || refresh) {
        vins = (await account.getVehicles(options)).map((vehicle) => vehicle.vin);
        this.#state.accounts[account.id] = vins;
      }
      for (const vin of vins) {
        if (wanted && !wanted.includes(vin)) continue;
        this.#watched.push(await this.#watch(account.id, account.vehicle(vin)));
      }
    }
    await this.#save();
  }

  async #watch(accountId: string, vehicle: RenaultVehicle): Promise<Watched> {
    const keys: ReadKey[] = [];
    for (const key of this.#options.keys ?? DEFAULT_WATCH_KEYS) {
      if (await vehicle.supports(key, { signal: this.#signal })) keys.push(key);
      else this.#emit({ type: "unsupported", vin: vehicle.vin, accountId, key });
    }
    const stored = this.#state.readings[vehicle.vin] ?? {};
    const watched: Watched = {
      vin: vehicle.vin,
      accountId,
      vehicle,
      keys,
      probe: probeOf(keys),
      readings: new Map(keys.flatMap((key) => (stored[key] ? [[key, stored[key]] as const] : []))),
      due: new Map(),
      awakeUntil: 0,
      failures: 0,
      lastError: undefined,
      health: { stale: false, failing: false },
      snapshotSent: false,
    };
    for (const key of keys) {
      const reading = watched.readings.get(key);
      watched.due.set(key, reading ? reading.readAt + (await this.#interval(watched, key)) : this.#now());
    }
    return watched;
  }

  async #step(): Promise<void> {
    const now = this.#now();
    for (const watched of this.#watched)
      if (!watched.snapshotSent && [...watched.due.values()].every((at) => at > now)) this.#snapshot(watched);
    let next: { watched: Watched; key: ReadKey; at: number } | undefined;
    for (const watched of this.#watched)
      for (const [key, at] of watched.due) if (!next || at < next.at) next = { watched, key, at };
    if (!next || next.at > now) {
      this.#wake = new AbortController();
      const wait = next ? Math.min(next.at - now, 3_600_000) : 3_600_000;
      await this.#sleep(Math.max(1, wait), AbortSignal.any([this.#signal, this.#wake.signal]));
      return;
    }
    const ledger = this.#client.session.requestLedger;
    let blocked = await this.#waitFor(next.watched.accountId);
    // Another process may have taken the last slot since the count: a failed reservation waits.
    if (blocked === 0 && !(await ledger.reserve(next.watched.accountId, this.#budget))) blocked = 1_000;
    if (blocked > 0) {
      for (const watched of this.#watched)
        if (watched.accountId === next.watched.accountId)
          for (const [key, at] of watched.due) watched.due.set(key, Math.max(at, now + blocked));
      return;
    }
    await this.#read(next.watched, next.key, this.#signal);
  }

  /** How long `account` must wait before a request: a lockout, or a budget spent. @unit ms */
  async #waitFor(account: string): Promise<number> {
    const now = this.#now();
    const locked = this.#lockedUntil.get(account);
    if (locked !== undefined && locked > now) return locked - now;
    if (locked !== undefined) {
      this.#lockedUntil.delete(account);
      this.#emit({ type: "quota", accountId: account });
    }
    const times = await this.#client.session.requestLedger.times(account);
    if (times.length < this.#budget) return 0;
    this.#budgetEvent(account, times.length, true);
    return (times[times.length - this.#budget] ?? now) + LEDGER_WINDOW - now + 1;
  }

  async #read(watched: Watched, key: ReadKey, signal: AbortSignal): Promise<void> {
    const previous = watched.readings.get(key);
    try {
      const value: unknown = await watched.vehicle.read(key as Read, { signal });
      const now = this.#now();
      const reportedAt = reportedAtOf(value, now);
      watched.readings.set(key, { value, readAt: now, reportedAt });
      watched.failures = 0;
      if (reportedAt !== undefined && reportedAt > now - AWAKE_FOR)
        watched.awakeUntil = Math.max(watched.awakeUntil, reportedAt + AWAKE_FOR);
      const changes = previous ? changedFields(previous.value, value) : [];
      if (watched.snapshotSent && (changes.length > 0 || !previous))
        this.#emit({
          type: "change",
          vin: watched.vin,
          accountId: watched.accountId,
          key,
          changes: previous ? changes : changedFields({}, value),
          reading: this.#reading(key, watched.readings.get(key) ?? { value, readAt: now, reportedAt }),
        });
      if (changes.length > 0 && key === watched.probe) this.#triggered(watched, changes);
      watched.due.set(key, now + (await this.#interval(watched, key)));
      this.#state.readings[watched.vin] = Object.fromEntries(watched.readings);
      await this.#save();
    } catch (error) {
      if (signal.aborted) return;
      await this.#failed(watched, key, error);
    } finally {
      this.#client.session.requestLedger.release(watched.accountId);
      this.#health(watched);
      const used = await this.#client.session.requestLedger.count(watched.accountId);
      this.#budgetEvent(watched.accountId, used, false);
    }
  }

  /** The probe moved: a trip may have ended (read cockpit and location), the plug changed. */
  #triggered(watched: Watched, changes: readonly { field: string }[]): void {
    const now = this.#now();
    const fields = new Set(changes.map((change) => change.field));
    const charging = isCharging(watched.readings.get("battery-status")?.value);
    const follow: ReadKey[] = [];
    if (
      !charging &&
      (fields.has("batteryLevel") || fields.has("batteryAutonomy") || watched.probe === "cockpit")
    )
      follow.push("cockpit", "location");
    if (fields.has("plugStatus") || fields.has("chargingStatus")) follow.push("charge-mode");
    for (const key of follow) if (key !== watched.probe && watched.due.has(key)) watched.due.set(key, now);
  }

  async #failed(watched: Watched, key: ReadKey, error: unknown): Promise<void> {
    if (
      error instanceof NotAuthenticatedError ||
      error instanceof TwoFactorRequiredError ||
      error instanceof InvalidCredentialsError
    )
      throw error;
    const now = this.#now();
    if (error instanceof QuotaLimitError) {
      const until = Math.max(error.retryAt, now + 1);
      this.#lockedUntil.set(watched.accountId, until);
      this.#emit({ type: "quota", accountId: watched.accountId, lockedUntil: iso(until) });
      watched.due.set(key, until);
      return;
    }
    const definite =
      error instanceof EndpointNotAvailableError ||
      (error instanceof KamereonError && !(await watched.vehicle.supports(key).catch(() => true)));
    if (definite) {
      watched.keys = watched.keys.filter((other) => other !== key);
      watched.due.delete(key);
      watched.readings.delete(key);
      if (watched.probe === key) watched.probe = probeOf(watched.keys);
      this.#emit({ type: "unsupported", vin: watched.vin, accountId: watched.accountId, key });
      return;
    }
    const failure = describe(error, now);
    watched.failures++;
    watched.lastError = failure;
    const reading = watched.readings.get(key);
    if (reading) watched.readings.set(key, { ...reading, lastError: failure });
    // Backing off (2, 4, 8… up to 30 minutes) keeps an outage from eating the budget; the whole
    // vehicle waits, as an outage is seldom one endpoint's.
    const backoff = Math.min(30 * 60_000, 2 * 60_000 * 2 ** Math.min(watched.failures - 1, 5));
    watched.due.set(key, now + Math.max(backoff, await this.#interval(watched, key)));
    for (const [other, at] of watched.due)
      if (other !== key) watched.due.set(other, Math.max(at, now + backoff / 2));
  }

  async #interval(watched: Watched, key: ReadKey): Promise<number> {
    const vehicles = this.#watched.filter((other) => other.accountId === watched.accountId).length || 1;
    const used = await this.#client.session.requestLedger.count(watched.accountId);
    const planned = this.#budget * 0.97;
    const battery = watched.readings.get("battery-status")?.value;
    const hvac = watched.readings.get("hvac-status")?.value as { hvacStatus?: unknown } | undefined;
    const activity = {
      probe: watched.probe,
      keys: watched.keys,
      charging: isCharging(battery) || isPlugged(battery),
      hvacOn: hvac?.hvacStatus === "on",
      awake: watched.awakeUntil > this.#now(),
    };
    return intervalOf(key, activity, this.#budget / vehicles, Math.max(1, used / planned));
  }

  #snapshot(watched: Watched): void {
    watched.snapshotSent = true;
    this.#emit({
      type: "snapshot",
      vin: watched.vin,
      accountId: watched.accountId,
      readings: this.readings(watched.vin),
    });
  }

  #health(watched: Watched): void {
    const now = this.#now();
    const reports = [...watched.readings.values()].flatMap((reading) => reading.reportedAt ?? []);
    const lastReport = reports.length > 0 ? Math.max(...reports) : undefined;
    const stale = lastReport !== undefined && lastReport < now - this.#staleAfter;
    const failing = watched.failures >= 2;
    if (stale === watched.health.stale && failing === watched.health.failing) return;
    watched.health = { stale, failing };
    this.#emit({
      type: "health",
      vin: watched.vin,
      accountId: watched.accountId,
      stale,
      failing,
      lastReportAt: lastReport === undefined ? undefined : iso(lastReport),
      lastError: watched.lastError,
    });
  }

  #budgetEvent(account: string, used: number, force: boolean): void {
    const now = this.#now();
    const last = this.#budgetEventAt.get(account);
    if (!force && last !== undefined && now - last < BUDGET_EVENT_EVERY) return;
    if (force && last !== undefined && now - last < 60_000) return;
    this.#budgetEventAt.set(account, now);
    this.#emit({ type: "budget", accountId: account, used, budget: this.#budget });
  }

  #reading(key: ReadKey, stored: StoredReading & { lastError?: WatchError | undefined }): Reading {
    const now = this.#now();
    return {
      key,
      value: stored.value,
      readAt: iso(stored.readAt),
      reportedAt: stored.reportedAt === undefined ? undefined : iso(stored.reportedAt),
      ageMs: Math.max(0, now - (stored.reportedAt ?? stored.readAt)),
      lastError: stored.lastError,
    };
  }

  #emit(event: DistributiveOmit<WatchEvent, "time">): void {
    const time = iso(this.#now());
    this.#queue.push({ ...event, time });
  }

  /** Best effort: the watch goes on if the store cannot keep its state. */
  async #save(): Promise<void> {
    const value = writeWatchState(this.#state);
    await this.#client.session.storeValues({ [WATCH_STATE_KEY]: value }).catch(() => undefined);
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
