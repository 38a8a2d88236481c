/**
 * `client.watch()` events (issue 16) → the bridge's {@link FeedEvent}s. The event types are
 * declared here with the shape of src/watch/events.ts (the root package does not export them
 * yet); a structural copy keeps this file compiling before and after the watcher lands on main.
 */
import {
  type BatteryStatus,
  type ChargeMode,
  type Cockpit,
  type HvacStatus,
  type Location,
  type LockStatus,
  type SocLevels,
  type TyrePressure,
  type VehicleDetails,
} from "renault-api";
import { positionOf, reportsChargingPowerInWatts } from "renault-api/models";
import type { Capability, FeedEvent, ReadingValue, VehicleDescription, VehiclePosition } from "./feed.js";
import {
  batteryReadings,
  cockpitReadings,
  hvacReadings,
  isoTime,
  lockReadings,
  tyreReadings,
} from "./readings.js";

/** An error as watch events carry it. */
interface WatchError {
  readonly name: string;
  readonly message: string;
  readonly at: string;
}

/** One read's last good value (src/watch/events.ts `Reading`). */
export interface WatchReading {
  readonly key: string;
  readonly value: unknown;
  readonly readAt: string;
  readonly reportedAt?: string | undefined;
  readonly ageMs: number;
  readonly lastError?: WatchError | undefined;
}

/** What `client.watch()` yields (src/watch/events.ts `WatchEvent`). */
export type WatchEventLike =
  | {
      readonly type: "snapshot";
      readonly vin: string;
      readonly accountId: string;
      readonly time: string;
      readonly readings: Readonly<Record<string, WatchReading | undefined>>;
    }
  | {
      readonly type: "change";
      readonly vin: string;
      readonly accountId: string;
      readonly time: string;
      readonly key: string;
      readonly reading: WatchReading;
    }
  | {
      readonly type: "health";
      readonly vin: string;
      readonly accountId: string;
      readonly time: string;
      readonly stale: boolean;
      readonly failing: boolean;
      readonly lastReportAt?: string | undefined;
      readonly lastError?: WatchError | undefined;
    }
  | {
      readonly type: "unsupported";
      readonly vin: string;
      readonly accountId: string;
      readonly time: string;
      readonly key: string;
    }
  | {
      readonly type: "quota";
      readonly accountId: string;
      readonly time: string;
      readonly lockedUntil?: string | undefined;
    }
  | {
      readonly type: "budget";
      readonly accountId: string;
      readonly time: string;
      readonly used: number;
      readonly budget: number;
    };

/** The charge modes the select offers; the read says `always` / `scheduled`. */
export function selectableChargeMode(mode: string | null | undefined): string | null {
  if (mode === "always_charging" || mode === "always") return "always_charging";
  if (mode === "schedule_mode" || mode === "scheduled" || mode === "schedule") return "schedule_mode";
  return null;
}

/** The readings and position one decoded read gives (the same for a poll and a watch). */
export function readingsOf(
  key: string,
  value: unknown,
  details: VehicleDetails,
): { readings: Record<string, ReadingValue>; position?: VehiclePosition | undefined } {
  switch (key) {
    case "battery-status":
      return { readings: batteryReadings(value as BatteryStatus, reportsChargingPowerInWatts(details)) };
    case "cockpit":
      return { readings: cockpitReadings(value as Cockpit) };
    case "hvac-status":
      return { readings: hvacReadings(value as HvacStatus) };
    case "pressure":
      return { readings: tyreReadings(value as TyrePressure) };
    case "lock-status":
      return { readings: lockReadings(value as LockStatus) };
    case "charge-mode":
      return { readings: { charge_mode: selectableChargeMode((value as ChargeMode).chargeMode) } };
    case "soc-levels": {
      const levels = value as SocLevels;
      return { readings: { soc_min: levels.socMin, soc_target: levels.socTarget } };
    }
    case "location": {
      const location = value as Location;
      const found = positionOf(location);
      return {
        readings: {},
        position: found ? { ...found, time: isoTime(location.lastUpdateTime) ?? undefined } : undefined,
      };
    }
    default:
      return { readings: {} };
  }
}

/** What the mapping needs to know of each watched vehicle. */
export interface WatchedVehicle {
  readonly details: VehicleDetails;
  readonly accountId: string;
  /** Learns a definite "not supported" and gives the new description (the entity goes then only). */
  unsupported(capability: Capability): VehicleDescription;
}

/**
 * Maps watch events to feed events: snapshot and change → readings; health → `ok`/`stale`/
 * `failing`; a quota lockout → `quota` for the account's vehicles (their last health back when it
 * ends); unsupported → a new description without the entity. Budget events are not published.
 */
export async function* watchToFeed(
  events: AsyncIterable<WatchEventLike>,
  vehicles: ReadonlyMap<string, WatchedVehicle>,
): AsyncGenerator<FeedEvent> {
  const health = new Map<string, FeedEvent & { type: "health" }>();
  const locked = new Map<string, string>();
  const readingsEvent = (vin: string, entries: readonly WatchReading[]): FeedEvent | undefined => {
    const vehicle = vehicles.get(vin);
    if (!vehicle) return undefined;
    const readings: Record<string, ReadingValue> = {};
    let position: VehiclePosition | undefined;
    for (const entry of entries) {
      const mapped = readingsOf(entry.key, entry.value, vehicle.details);
      Object.assign(readings, mapped.readings);
      position = mapped.position ?? position;
    }
    return { type: "readings", vin, readings, position };
  };
  for await (const event of events) {
    switch (event.type) {
      case "snapshot": {
        const entries = Object.values(event.readings).filter((r): r is WatchReading => r !== undefined);
        const mapped = readingsEvent(event.vin, entries);
        if (mapped) yield mapped;
        break;
      }
      case "change": {
        const mapped = readingsEvent(event.vin, [event.reading]);
        if (mapped) yield mapped;
        break;
      }
      case "health": {
        const mapped: FeedEvent & { type: "health" } = {
          type: "health",
          vin: event.vin,
          health: {
            status: event.failing ? "failing" : event.stale ? "stale" : "ok",
            lastReport: event.lastReportAt,
            lastError: event.lastError ? `${event.lastError.name}: ${event.lastError.message}` : undefined,
          },
        };
        health.set(event.vin, mapped);
        const until = locked.get(event.accountId);
        yield until === undefined
          ? mapped
          : { ...mapped, health: { ...mapped.health, status: "quota", quotaUntil: until } };
        break;
      }
      case "quota": {
        if (event.lockedUntil === undefined) locked.delete(event.accountId);
        else locked.set(event.accountId, event.lockedUntil);
        for (const [vin, vehicle] of vehicles) {
          if (vehicle.accountId !== event.accountId) continue;
          const last = health.get(vin) ?? { type: "health", vin, health: { status: "ok" } };
          yield event.lockedUntil === undefined
            ? last
            : { ...last, health: { ...last.health, status: "quota", quotaUntil: event.lockedUntil } };
        }
        break;
      }
      case "unsupported": {
        const vehicle = vehicles.get(event.vin);
        if (vehicle) yield { type: "vehicle", description: vehicle.unsupported(event.key as Capability) };
        break;
      }
      case "budget":
        break;
    }
  }
}
