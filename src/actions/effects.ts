/**
 * Whether a state read back shows an action's effect, per action. The read is the registry's
 * `effectReadOf(key)` except for the charge schedules: the KCA `charge-schedule` calendar is
 * derived from them, while `charging-settings` holds them as sent.
 */
import type { EndpointKey } from "../registry/index.js";
import { effectReadOf } from "../registry/index.js";
import { serializeChargeSchedules, serializeHvacSchedules } from "../kamereon/schedules.js";
import { ACTION_KEYS, type ActionSpec } from "./spec.js";

/** What an effect is judged against. */
export interface EffectContext {
  /** When the action was sent (epoch ms, on the confirmation's clock). */
  readonly sentAt: number;
}

/** The read that shows an action's effect and how to judge it, or null (horn, lights). */
export interface Effect {
  readonly read: EndpointKey;
  seen(state: unknown, context: EffectContext): boolean;
}

const CHARGING = 1;

function field(state: unknown, name: string): unknown {
  return typeof state === "object" && state !== null ? (state as Record<string, unknown>)[name] : undefined;
}

/** Charge modes drift between generations (`always`/`always_charging`, `schedule_mode`/`scheduled`). */
function sameMode(read: unknown, wanted: string): boolean {
  if (typeof read !== "string") return false;
  const family = (mode: string) =>
    mode.startsWith("always") ? "always" : mode.startsWith("schedul") ? "scheduled" : mode;
  return family(read) === family(wanted);
}

/** Every posted schedule is in the read: same id, activation and days (a day sent as null is absent). */
function schedulesStored(state: unknown, posted: readonly Record<string, unknown>[]): boolean {
  const stored: unknown = field(state, "schedules");
  if (!Array.isArray(stored)) return false;
  return posted.every((schedule) => {
    const match: unknown = stored.find((candidate) => field(candidate, "id") === schedule.id);
    if (match === undefined) return false;
    return Object.entries(schedule).every(([name, value]) => {
      const actual = field(match, name);
      if (value === null || value === undefined) return actual === null || actual === undefined;
      if (typeof value !== "object") return actual === value;
      return Object.entries(value).every(([inner, expected]) => field(actual, inner) === expected);
    });
  });
}

/** A payload time at or after the send time (the cars stamp to the second). */
function stampedSince(value: unknown, sentAt: number): boolean {
  if (typeof value !== "string") return false;
  const time = Date.parse(value);
  return Number.isFinite(time) && time >= Math.floor(sentAt / 1000) * 1000;
}

/** How to see the effect of `spec`, or null when nothing can show it. */
export function effectOf(spec: ActionSpec): Effect | null {
  const read = (fallback: EndpointKey) => effectReadOf(ACTION_KEYS[spec.action]) ?? fallback;
  switch (spec.action) {
    case "charge-start":
      // A start later shows as "waiting for a planned charge" (0.1): any status above 0.
      return {
        read: read("battery-status"),
        seen: (state) => {
          const status = field(state, "chargingStatus");
          return typeof status === "number" && (spec.when === undefined ? status >= CHARGING : status > 0);
        },
      };
    case "charge-stop":
      return {
        read: read("battery-status"),
        seen: (state) => {
          const status = field(state, "chargingStatus");
          return typeof status === "number" && status < CHARGING;
        },
      };
    case "hvac-start": {
      const when = spec.when?.toISOString().replace(/\.\d{3}Z$/, "Z");
      return {
        read: read("hvac-status"),
        seen: (state) =>
          when === undefined
            ? field(state, "hvacStatus") === "on"
            : field(state, "nextHvacStartDate") === when,
      };
    }
    case "hvac-stop":
      return { read: read("hvac-status"), seen: (state) => field(state, "hvacStatus") === "off" };
    case "charge-mode":
      return { read: read("charge-mode"), seen: (state) => sameMode(field(state, "chargeMode"), spec.mode) };
    case "charge-schedules": {
      const posted = serializeChargeSchedules(spec.schedules) as unknown as Record<string, unknown>[];
      return { read: "charging-settings", seen: (state) => schedulesStored(state, posted) };
    }
    case "hvac-schedules": {
      const posted = serializeHvacSchedules(spec.schedules) as unknown as Record<string, unknown>[];
      return { read: read("hvac-settings"), seen: (state) => schedulesStored(state, posted) };
    }
    case "soc-levels":
      return {
        read: read("soc-levels"),
        seen: (state) =>
          field(state, "socMin") === spec.socMin && field(state, "socTarget") === spec.socTarget,
      };
    case "refresh-location":
      return {
        read: read("location"),
        seen: (state, context) => stampedSince(field(state, "lastUpdateTime"), context.sentAt),
      };
    case "horn":
    case "lights":
      return null;
  }
}
