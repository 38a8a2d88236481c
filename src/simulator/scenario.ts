/**
 * Scripted scenarios: what happens to the cars by themselves, at simulated times (`sim.script`).
 * A day with a trip and a charge, for tests and the benchmark:
 *
 * ```ts
 * sim.script([
 *   { at: "07:00", vin, event: "trip", minutes: 40, km: 30 },
 *   { at: "18:30", event: "plug-in" },            // same car as the previous event
 *   { at: "+3h", event: "unplug" },
 * ]);
 * ```
 */
import { ConfigurationError } from "../errors.js";
import { startCharging, stopCharging } from "./car-actions.js";
import { plugIn, schedule, scheduleTrip, unplug } from "./car-time.js";
import { resolveTime } from "./clock.js";
import type { World } from "./world.js";

/**
 * When a scripted event happens: epoch ms, an ISO date-time, `HH:MM` (UTC, the first such time
 * after the previous event, so a script can run past midnight) or `+N[s|m|h]` after the previous
 * event (the first event counts from the clock's now).
 */
export type ScriptTime = number | string;

interface EventBase {
  readonly at: ScriptTime;
  /** The car; defaults to the previous event's. */
  readonly vin?: string;
}

/** One scripted event. */
export type ScriptEvent = EventBase &
  (
    | {
        /** Plugged in; starts charging unless `charge` is false. */
        readonly event: "plug-in";
        readonly charge?: boolean;
      }
    | { readonly event: "unplug" | "charge-start" | "charge-stop" }
    | {
        /** Driven for `minutes` (unplugged first); committed at ignition-off. */
        readonly event: "trip";
        readonly minutes: number;
        readonly km: number;
      }
    | {
        /** Privacy mode switched on or off in the car. */
        readonly event: "privacy";
        readonly on: boolean;
      }
  );

/** A scripted event as scheduled: its time resolved and its car known. */
export interface ScheduledEvent {
  readonly at: number;
  readonly vin: string;
  readonly event: ScriptEvent["event"];
}

/**
 * Puts the events on their cars' timelines; they happen when the clock reaches them.
 * @throws {ConfigurationError} an unknown car, a time in the past, a trip without minutes or km
 */
export function scriptEvents(world: World, events: readonly ScriptEvent[]): ScheduledEvent[] {
  const now = world.now();
  let previous = now;
  let previousVin: string | undefined;
  const checked = events.map((item, index) => {
    const at = resolveTime(item.at, previous);
    if (at < now) throw new ConfigurationError(`script event ${index + 1} is in the past`);
    const vin = item.vin ?? previousVin;
    if (vin === undefined || !world.vehicles.has(vin))
      throw new ConfigurationError(`script event ${index + 1}: no car ${vin ?? "(no vin given)"}`);
    if (item.event === "trip" && !(item.minutes > 0 && item.km >= 0))
      throw new ConfigurationError(`script event ${index + 1}: a trip needs minutes > 0 and km ≥ 0`);
    previous = at;
    previousVin = vin;
    return { item, at, vin };
  });
  return checked.map(({ item, at, vin }) => {
    const vehicle = world.vehicle(vin);
    if (item.event === "trip") scheduleTrip(vehicle, at, item.minutes, item.km);
    else
      schedule(vehicle, {
        at,
        label: item.event,
        apply: (car, time) => {
          apply(item, car, time);
        },
      });
    return { at, vin, event: item.event };
  });
}

function apply(item: ScriptEvent, vehicle: Parameters<typeof plugIn>[0], at: number): void {
  switch (item.event) {
    case "plug-in":
      plugIn(vehicle, at, item.charge !== false);
      break;
    case "unplug":
      unplug(vehicle, at);
      break;
    case "charge-start":
      startCharging(vehicle, at);
      break;
    case "charge-stop":
      stopCharging(vehicle, at);
      break;
    case "privacy":
      vehicle.state.privacy = item.on;
      break;
    case "trip":
      break;
  }
}
