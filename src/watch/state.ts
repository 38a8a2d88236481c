/**
 * What a watcher keeps between processes (issue 16, item 4), under `renault_api_watch`: the VINs
 * of each account and the last good reading of each watched read with its times, so that a restart
 * sends no discovery request and reads only what is due. Non-secret (no token, no id beyond
 * account ids and VINs), bounded, and untrusted when read back: an entry that does not validate is
 * dropped, and the watcher reads it again.
 */
import { isEndpointKey, isActionKey, type ReadKey } from "../registry/keys.js";

/** The credential-store key of the watch state. */
export const WATCH_STATE_KEY = "renault_api_watch";
const MAX_VEHICLES = 50;
const MAX_VALUE_BYTES = 50_000;

/** One stored reading. */
export interface StoredReading {
  readonly value: unknown;
  /** Epoch ms. */
  readonly readAt: number;
  readonly reportedAt?: number | undefined;
}

/** The stored watch state. */
export interface WatchState {
  readonly accounts: Record<string, string[]>;
  readonly readings: Record<string, Partial<Record<ReadKey, StoredReading>>>;
}

/** Parses a stored watch state; anything invalid is dropped, entry by entry. */
export function readWatchState(text: string | undefined): WatchState {
  const state: WatchState = { accounts: {}, readings: {} };
  const parsed = parseJson(text);
  if (!isRecord(parsed)) return state;
  if (isRecord(parsed.accounts))
    for (const [account, vins] of Object.entries(parsed.accounts))
      if (isId(account) && Array.isArray(vins) && vins.every(isId)) state.accounts[account] = vins;
  if (isRecord(parsed.readings))
    for (const [vin, readings] of Object.entries(parsed.readings).slice(0, MAX_VEHICLES)) {
      if (!isId(vin) || !isRecord(readings)) continue;
      const valid: Partial<Record<ReadKey, StoredReading>> = {};
      for (const [key, reading] of Object.entries(readings))
        if (isReadKey(key) && isStoredReading(reading)) valid[key] = reading;
      state.readings[vin] = valid;
    }
  return state;
}

/** The stored text of a state (values too large to keep are left out). */
export function writeWatchState(state: WatchState): string {
  const readings: WatchState["readings"] = {};
  for (const [vin, byKey] of Object.entries(state.readings).slice(-MAX_VEHICLES)) {
    readings[vin] = Object.fromEntries(
      Object.entries(byKey).filter(([, reading]) => JSON.stringify(reading.value).length <= MAX_VALUE_BYTES),
    );
  }
  return JSON.stringify({ accounts: state.accounts, readings });
}

function isStoredReading(value: unknown): value is StoredReading {
  return (
    isRecord(value) &&
    isRecord(value.value) &&
    isTime(value.readAt) &&
    (value.reportedAt === undefined || isTime(value.reportedAt))
  );
}

function isReadKey(key: string): key is ReadKey {
  return isEndpointKey(key) && !isActionKey(key);
}

function isTime(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value) && value > 0;
}

function isId(value: unknown): value is string {
  return typeof value === "string" && /^[\w.:@-]{1,200}$/.test(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function parseJson(text: string | undefined): unknown {
  if (text === undefined || text.length > 5_000_000) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
