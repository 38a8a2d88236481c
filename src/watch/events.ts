/**
 * What `client.watch()` yields (issue 16), and the seam other parts of the library use to share a
 * running watcher's reads and budget in-process.
 *
 * Seam (used by confirmed actions, issue 17): a running watcher registers itself on its client;
 * `activeWatcher(client)` (from `src/watch/index.ts`) returns its {@link WatchHandle} while it
 * runs, else `undefined`. `readNow(vin, key)` reads at once, spending from the watcher's budget
 * (`undefined` when the budget or a quota lockout forbids it: nothing is sent), and publishes the
 * resulting change on the watch's stream; `nudge(vin, key?)` tells the watcher an action was just
 * sent, so that it polls the effect read sooner.
 */
import type { EndpointKey, ReadKey } from "../registry/keys.js";

/** An error as events carry it: its name and (secret-free) message, and when it happened. */
export interface WatchError {
  readonly name: string;
  readonly message: string;
  /** ISO date-time. */
  readonly at: string;
}

/** The last good value of one read, with how fresh it is. */
export interface Reading {
  readonly key: ReadKey;
  /** The decoded read, as `vehicle.read(key)` returns it. */
  readonly value: unknown;
  /** When it was read (ISO). */
  readonly readAt: string;
  /** When the car reported it, from the payload's own timestamp (`timestamp`, `lastUpdateTime`). */
  readonly reportedAt?: string | undefined;
  /** How old the value is at the event's time (since `reportedAt`, else `readAt`). @unit milliseconds */
  readonly ageMs: number;
  /** The last read that failed since this value was read: the value stays. */
  readonly lastError?: WatchError | undefined;
}

/** The last good reading of each read of a vehicle. */
export type Readings = Partial<Record<ReadKey, Reading>>;

/** One field of a reading that changed. */
export interface FieldChange {
  /** Top-level field name of the decoded read. */
  readonly field: string;
  readonly old: unknown;
  readonly new: unknown;
}

/** Fields every event has. */
interface EventBase {
  readonly accountId: string;
  /** When the event was emitted, on the watcher's clock (ISO). */
  readonly time: string;
}

/** The first full picture of a vehicle (once per vehicle, from the store after a restart). */
export interface SnapshotEvent extends EventBase {
  readonly type: "snapshot";
  readonly vin: string;
  readonly readings: Readings;
}

/** A read whose value changed: only the fields that did. */
export interface ChangeEvent extends EventBase {
  readonly type: "change";
  readonly vin: string;
  readonly key: ReadKey;
  readonly changes: readonly FieldChange[];
  readonly reading: Reading;
}

/**
 * Two separate signals: `stale`, the car has not reported for a while (its newest payload
 * timestamp is old); `failing`, the service cannot be reached (reads keep failing). Emitted when
 * either changes.
 */
export interface HealthEvent extends EventBase {
  readonly type: "health";
  readonly vin: string;
  readonly stale: boolean;
  readonly failing: boolean;
  readonly lastReportAt?: string | undefined;
  readonly lastError?: WatchError | undefined;
}

/** A read the vehicle definitely does not support: it is never polled again by this watcher. */
export interface UnsupportedEvent extends EventBase {
  readonly type: "unsupported";
  readonly vin: string;
  readonly key: EndpointKey;
}

/** A quota lockout of an account started (`lockedUntil`) or ended (absent). */
export interface QuotaEvent extends EventBase {
  readonly type: "quota";
  readonly lockedUntil?: string | undefined;
}

/** Requests spent on an account in the last hour (every process on the store), and the budget. */
export interface BudgetEvent extends EventBase {
  readonly type: "budget";
  readonly used: number;
  readonly budget: number;
}

/** Everything a watch yields. */
export type WatchEvent =
  SnapshotEvent | ChangeEvent | HealthEvent | UnsupportedEvent | QuotaEvent | BudgetEvent;

/** Options of `client.watch()`. */
export interface WatchOptions {
  /** The vehicles to watch. @default every vehicle of every account */
  readonly vins?: readonly string[] | undefined;
  /** Requests per hour per account, every process on the credential store counted. @default 45 */
  readonly budget?: number | undefined;
  /** Ends the watch: within a second, with no request left in flight. */
  readonly signal?: AbortSignal | undefined;
  /**
   * The reads to keep; the others are never polled. @default battery-status, cockpit, location,
   * hvac-status, charge-mode (those the vehicle supports)
   */
  readonly keys?: readonly ReadKey[] | undefined;
  /** A vehicle is `stale` when its newest report is older than this. @default 86_400_000 (a day) @unit milliseconds */
  readonly staleAfter?: number | undefined;
  /** The watcher's clock, epoch ms (give the session's). @default the session's clock, Date.now */
  readonly now?: (() => number) | undefined;
  /**
   * How the watcher waits (tests give one that moves a simulated clock). Must resolve early when
   * `signal` aborts. @default a timer
   */
  readonly sleep?: ((ms: number, signal: AbortSignal) => Promise<void>) | undefined;
}

/** A running watcher, as other parts of the library share it (see the module comment). */
export interface WatchHandle {
  /** The vehicles being watched. */
  readonly vins: readonly string[];
  /**
   * Reads `key` of `vin` now, from the same budget, and publishes the change on the watch's
   * stream. `undefined`: the budget or a lockout forbids it (nothing sent), or the vehicle is not
   * watched. @throws what the read throws (the error is also on the vehicle's reading)
   */
  readNow(
    vin: string,
    key: ReadKey,
    options?: { readonly signal?: AbortSignal },
  ): Promise<Reading | undefined>;
  /** An action was just sent to `vin`: poll its effect read (`key`, default all fast reads) sooner. */
  nudge(vin: string, key?: ReadKey): void;
  /** The last good readings of `vin`. */
  readings(vin: string): Readings;
}
