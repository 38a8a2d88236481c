/**
 * Time passing for a simulated car. The simulator is driven by requests, so a car catches up with
 * the clock whenever it is asked something: its timeline (scripted events, actions that take
 * effect late, HVAC and delayed charges that start or stop by themselves) runs in time order, and
 * a charging car gains charge at its charging power in between.
 *
 * What the cars report follows docs/api-notes.md (C.4 and "Data freshness"):
 * a charging car reports its battery every {@link CHARGE_REPORT_INTERVAL}; a driven car commits
 * mileage, position and battery together at ignition-off; a parked car reports nothing, so its
 * data keeps its old timestamps.
 */
import { startCharging, stopCharging, touch, WAITING_FOR_PLANNED_CHARGE } from "./car-actions.js";
import { routesOf } from "./models.js";
import type { SimVehicle, TimedEvent } from "./world.js";

/** How often a charging car reports its battery. @unit milliseconds */
export const CHARGE_REPORT_INTERVAL = 10 * 60_000;
/** Energy a car uses per km driven. @unit kWh */
export const KWH_PER_KM = 0.17;
const HOUR = 3_600_000;
// Charge states (src/kamereon/models/codes.ts: 0 not charging, 0.2 charge ended, 1 charging).
const CHARGING = 1;
const NOT_IN_CHARGE = 0;
const CHARGE_ENDED = 0.2;

/** Adds an event to a car's timeline (kept in time order; equal times keep insertion order). */
export function schedule(vehicle: SimVehicle, event: TimedEvent): void {
  const timeline = vehicle.state.timeline;
  const index = timeline.findIndex((other) => other.at > event.at);
  if (index === -1) timeline.push(event);
  else timeline.splice(index, 0, event);
}

/** Brings a car up to `now`: every event due runs at its own time, charging accrues in between. */
export function settle(vehicle: SimVehicle, now: number): void {
  for (;;) {
    const next = nextEvent(vehicle, now);
    if (next === undefined) break;
    chargeUntil(vehicle, next.at);
    next.apply(vehicle, next.at);
  }
  chargeUntil(vehicle, now);
}

/** The earliest event due by `now`: from the timeline, or the car's own HVAC and charge timers. */
function nextEvent(vehicle: SimVehicle, now: number): TimedEvent | undefined {
  const candidates: TimedEvent[] = [];
  const [scripted] = vehicle.state.timeline;
  if (scripted !== undefined && scripted.at <= now) candidates.push(scripted);
  const hvac = vehicle.attributes("hvac-status");
  const planned = typeof hvac.nextHvacStartDate === "string" ? Date.parse(hvac.nextHvacStartDate) : NaN;
  if (planned <= now) candidates.push({ at: planned, label: "hvac-planned-start", apply: startPlannedHvac });
  const offAt = vehicle.state.hvacOffAt;
  if (hvac.hvacStatus === "on" && offAt !== undefined && offAt <= now)
    candidates.push({ at: offAt, label: "hvac-off", apply: hvacOff });
  const settings = vehicle.attributes("charging-settings");
  const battery = vehicle.attributes("battery-status");
  const delayed = typeof settings.startDateTime === "string" ? Date.parse(settings.startDateTime) : NaN;
  if (battery.chargingStatus === WAITING_FOR_PLANNED_CHARGE && delayed <= now)
    candidates.push({ at: delayed, label: "planned-charge", apply: startCharging });
  const first = candidates.reduce<TimedEvent | undefined>(
    (best, event) => (best === undefined || event.at < best.at ? event : best),
    undefined,
  );
  if (first !== undefined && first === scripted) vehicle.state.timeline.shift();
  return first;
}

function startPlannedHvac(vehicle: SimVehicle, at: number): void {
  const hvac = vehicle.attributes("hvac-status");
  delete hvac.nextHvacStartDate;
  hvac.hvacStatus = "on";
  vehicle.state.hvacOffAt = at + vehicle.profile.hvacMinutes * 60_000;
  touch(hvac, "lastUpdateTime", at);
}

function hvacOff(vehicle: SimVehicle, at: number): void {
  const hvac = vehicle.attributes("hvac-status");
  hvac.hvacStatus = "off";
  touch(hvac, "lastUpdateTime", at);
  vehicle.state.hvacOffAt = undefined;
}

/** Usable battery energy. @unit kWh */
function capacityOf(vehicle: SimVehicle): number {
  return vehicle.profile.batteryKwh ?? 52;
}

/** The charging power in kW (the ZOE 40 reports watts: protocol §5.4). */
function powerKw(vehicle: SimVehicle): number {
  const reported = vehicle.attributes("battery-status").chargingInstantaneousPower;
  const power = typeof reported === "number" && reported > 0 ? reported : vehicle.profile.chargingPower;
  return power >= 1000 ? power / 1000 : power;
}

/** Where charging stops: the SoC target on cars that have one (KCM soc-levels), else full. */
function chargeTarget(vehicle: SimVehicle): number {
  if (routesOf(vehicle.modelCode, "soc-levels").length === 0) return 100;
  const target = vehicle.attributes("soc-levels").socTarget;
  return typeof target === "number" && target > 0 && target <= 100 ? target : 100;
}

/** The exact battery level (the reported one until the car moves it). @unit percent */
export function levelOf(vehicle: SimVehicle): number {
  if (vehicle.state.level !== undefined) return vehicle.state.level;
  const reported = vehicle.attributes("battery-status").batteryLevel;
  return typeof reported === "number" ? reported : 0;
}

/** Charging between `chargedUntil` and `until`, with the reports the car sends meanwhile. */
function chargeUntil(vehicle: SimVehicle, until: number): void {
  const state = vehicle.state;
  const from = state.chargedUntil;
  if (until <= from) return;
  state.chargedUntil = until;
  const battery = vehicle.attributes("battery-status");
  if (battery.chargingStatus !== CHARGING) {
    state.chargeReportedAt = until;
    return;
  }
  const start = levelOf(vehicle);
  const perMs = (powerKw(vehicle) / capacityOf(vehicle)) * (100 / HOUR);
  const target = Math.max(chargeTarget(vehicle), Math.min(start, 100));
  const full = perMs > 0 ? from + (target - start) / perMs : Number.POSITIVE_INFINITY;
  const levelAt = (at: number) => Math.min(target, start + perMs * (Math.min(at, full) - from));
  let reportAt = state.chargeReportedAt + CHARGE_REPORT_INTERVAL;
  while (reportAt <= until && reportAt < full) {
    report(vehicle, levelAt(reportAt), reportAt);
    state.chargeReportedAt = reportAt;
    reportAt += CHARGE_REPORT_INTERVAL;
  }
  state.level = levelAt(until);
  if (full <= until) {
    report(vehicle, target, full);
    stopCharging(vehicle, full);
    battery.chargingStatus = CHARGE_ENDED;
    state.chargeReportedAt = full;
  }
}

/** The car reports its battery: level (rounded, as cars do), energy, range, remaining time. */
export function report(vehicle: SimVehicle, level: number, at: number): void {
  const battery = vehicle.attributes("battery-status");
  const previous = typeof battery.batteryLevel === "number" ? battery.batteryLevel : 0;
  if (typeof battery.batteryAutonomy === "number" && previous > 0)
    battery.batteryAutonomy = Math.round((battery.batteryAutonomy * level) / previous);
  if (typeof battery.batteryAvailableEnergy === "number" && battery.batteryAvailableEnergy > 0)
    battery.batteryAvailableEnergy = Math.round((capacityOf(vehicle) * level) / 100);
  battery.batteryLevel = Math.round(level);
  if (typeof battery.chargingRemainingTime === "number") {
    const hours = ((chargeTarget(vehicle) - level) / 100) * (capacityOf(vehicle) / powerKw(vehicle));
    battery.chargingRemainingTime = Math.max(0, Math.round(hours * 60));
  }
  vehicle.state.level = level;
  touch(battery, "timestamp", at);
}

/** The car is plugged in (and starts charging unless `charge` is false). */
export function plugIn(vehicle: SimVehicle, at: number, charge: boolean): void {
  const battery = vehicle.attributes("battery-status");
  battery.plugStatus = 1;
  if (charge) startCharging(vehicle, at);
  else {
    battery.chargingStatus = NOT_IN_CHARGE;
    touch(battery, "timestamp", at);
  }
  vehicle.state.chargeReportedAt = at;
}

/** The car is unplugged (a charge in progress ends). */
export function unplug(vehicle: SimVehicle, at: number): void {
  const battery = vehicle.attributes("battery-status");
  if (battery.chargingStatus === CHARGING) stopCharging(vehicle, at);
  battery.plugStatus = 0;
  battery.chargingStatus = NOT_IN_CHARGE;
  touch(battery, "timestamp", at);
}

/**
 * A trip: at its start the car is unplugged; at ignition-off (`minutes` later) mileage, position
 * and battery are committed together with that time. A "no fix" position (91/181 after a refresh)
 * gets a real one again.
 */
export function scheduleTrip(vehicle: SimVehicle, at: number, minutes: number, km: number): void {
  schedule(vehicle, {
    at,
    label: "trip-start",
    apply: (car, start) => {
      if (car.attributes("battery-status").plugStatus === 1) unplug(car, start);
    },
  });
  schedule(vehicle, {
    at: at + minutes * 60_000,
    label: "trip-end",
    apply: (car, end) => {
      commitTrip(car, end, km);
    },
  });
}

function commitTrip(vehicle: SimVehicle, end: number, km: number): void {
  const cockpit = vehicle.attributes("cockpit");
  if (typeof cockpit.totalMileage === "number")
    cockpit.totalMileage = Math.round((cockpit.totalMileage + km) * 100) / 100;
  const location = vehicle.attributes("location");
  const fix =
    location.gpsLatitude === 91 && vehicle.state.lastFix !== undefined
      ? vehicle.state.lastFix
      : { latitude: Number(location.gpsLatitude), longitude: Number(location.gpsLongitude) };
  if (Number.isFinite(fix.latitude) && Number.isFinite(fix.longitude)) {
    // Ends `km` away, north-east of the start (about 111 km per degree of latitude).
    const degrees = km / 111 / Math.SQRT2;
    location.gpsLatitude = round7(fix.latitude + degrees);
    location.gpsLongitude = round7(fix.longitude + degrees / Math.cos((fix.latitude * Math.PI) / 180));
    vehicle.state.lastFix = undefined;
  }
  touch(location, "lastUpdateTime", end);
  if ("timestamp" in cockpit) touch(cockpit, "timestamp", end);
  if (vehicle.profile.noData.includes("battery-status")) return;
  const used = ((km * KWH_PER_KM) / capacityOf(vehicle)) * 100;
  report(vehicle, Math.max(0, levelOf(vehicle) - used), end);
}

function round7(value: number): number {
  return Math.round(value * 1e7) / 1e7;
}
