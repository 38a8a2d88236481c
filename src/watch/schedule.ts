/**
 * Where the watcher spends its budget (issue 16, item 2). One read per vehicle is the probe
 * (`battery-status`, else `cockpit`): it shows plug-in, charge start and end, and a trip's end
 * (the battery is committed with the mileage at ignition-off; field notes C.4), so it gets what
 * the slow reads leave of the budget, at its fastest while the car is awake. Cockpit and location
 * are read when the probe shows the car moved, else hourly; HVAC every few minutes only while it
 * runs; what changes rarely (charge mode, settings, schedules) a few times a day.
 */
import type { ReadKey } from "../registry/keys.js";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** The keys watched by default (each only if the vehicle supports it). */
export const DEFAULT_WATCH_KEYS: readonly ReadKey[] = [
  "battery-status",
  "cockpit",
  "location",
  "hvac-status",
  "charge-mode",
];

/** How often a read is due when nothing calls for it. @unit milliseconds */
const SLOW_INTERVALS: Partial<Record<ReadKey, number>> = {
  cockpit: HOUR,
  location: HOUR,
  "hvac-status": HOUR,
  "charge-mode": 6 * HOUR,
};
/** Anything else (settings, schedules, pressure…): once a day. */
const DAILY = 24 * HOUR;
/** The fastest any read is repeated. */
export const MIN_INTERVAL = MINUTE;
/** How long a car counts as awake after it reported, or after an action. */
export const AWAKE_FOR = 15 * MINUTE;
/** How much slower the probe runs on a parked, quiet car. */
const IDLE_STRETCH = 1.2;
/** The share of the budget the schedule plans to spend; the rest absorbs retries. */
const PLANNED_SHARE = 0.97;

/** What the schedule needs to know about one vehicle. */
export interface VehicleActivity {
  readonly probe: ReadKey | undefined;
  readonly keys: readonly ReadKey[];
  /** `chargingStatus` ≥ 1, or `plugStatus` ≥ 1 (a charge may start), in the last battery-status. */
  readonly charging: boolean;
  readonly hvacOn: boolean;
  /** The car reported, or an action was sent, within {@link AWAKE_FOR}. */
  readonly awake: boolean;
}

/** The probe of a vehicle: the read that shows most of what a car does. */
export function probeOf(keys: readonly ReadKey[]): ReadKey | undefined {
  return keys.includes("battery-status")
    ? "battery-status"
    : keys.includes("cockpit")
      ? "cockpit"
      : undefined;
}

/** The slow interval of a read that is not the probe. @unit milliseconds */
function slowInterval(key: ReadKey): number {
  return SLOW_INTERVALS[key] ?? DAILY;
}

/**
 * The interval of `key` for a vehicle that gets `perVehicle` requests an hour, stretched by
 * `pressure` (≥ 1) when the account's ledger shows more spent than planned (other processes).
 * @unit milliseconds
 */
export function intervalOf(
  key: ReadKey,
  activity: VehicleActivity,
  perVehicle: number,
  pressure = 1,
): number {
  const stretch = (ms: number) => Math.max(MIN_INTERVAL, ms * pressure);
  if (key === "hvac-status" && activity.hvacOn) return stretch(5 * MINUTE);
  if (key !== activity.probe) return stretch(slowInterval(key));
  const slow = activity.keys
    .filter((other) => other !== activity.probe)
    .reduce((sum, other) => sum + HOUR / slowInterval(other), 0);
  // One an hour kept for the reads the probe triggers (cockpit and location after a trip).
  const probeRate = Math.max(1, perVehicle * PLANNED_SHARE - slow - 1);
  const fastest = HOUR / probeRate;
  // Parked and quiet: a slower probe; what is left stays unspent for the app and other tools.
  return stretch(activity.charging || activity.hvacOn || activity.awake ? fastest : fastest * IDLE_STRETCH);
}
