/** The actions a simulated car accepts: how each body is checked, and what it does to the car. */
import { loadFixture } from "./fixtures.js";
import { routesOf } from "./models.js";
import { attributesOf, isRecord } from "./operations.js";
import { isoTime, type SimVehicle } from "./world.js";

/** The days of a schedule, in the API's order. */
export const DAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"] as const;

/** Stamps `field` with the time `at`. */
export function touch(attributes: Record<string, unknown>, field: string, at: number): void {
  attributes[field] = isoTime(at);
}

export const PAST_DATE = "\0past-date";
const CHARGING = 1;
const NOT_CHARGING = 0;
export const WAITING_FOR_PLANNED_CHARGE = 0.1;

/** How an action is checked and what it does. */
export interface ActionHandler {
  /** A reason the body is refused, {@link PAST_DATE}, or undefined when it is fine. */
  check(body: unknown, now: number): string | undefined;
  /** Applies the action and returns the answer body. */
  apply(vehicle: SimVehicle, body: unknown, now: number): unknown;
}

/** The charge modes `actions/charge-mode` accepts (documented and seen in the field, notes B7). */
export const CHARGE_MODES = ["always", "always_charging", "schedule_mode", "scheduled"] as const;

const jsonApi = (
  type: string,
  check: (attributes: Record<string, unknown>, now: number) => string | undefined,
  apply: (vehicle: SimVehicle, attributes: Record<string, unknown>, now: number) => void,
  answer: (attributes: Record<string, unknown>) => string,
): ActionHandler => ({
  check(body, now) {
    if (!isRecord(body) || !isRecord(body.data))
      return "a JSON:API document {data: {type, attributes}} is expected";
    if (body.data.type !== type) return `data.type must be ${type}`;
    const attributes = attributesOf(body);
    if (attributes === undefined && type !== "RefreshLocation") return "data.attributes is missing";
    return check(attributes ?? {}, now);
  },
  apply(vehicle, body, now) {
    const attributes = attributesOf(body) ?? {};
    apply(vehicle, attributes, now);
    return actionAnswer(answer(attributes), type === "RefreshLocation" ? undefined : attributes);
  },
});

/** The answer: the vehicle_action fixture of that action, echoing the attributes that were sent. */
function actionAnswer(fixture: string, attributes: Record<string, unknown> | undefined): unknown {
  const document = loadFixture(`kamereon/${fixture}`) as { data: Record<string, unknown> };
  if (attributes !== undefined) document.data.attributes = structuredClone(attributes);
  return document;
}

const oneOf = (value: unknown, allowed: readonly string[], field: string): string | undefined =>
  typeof value === "string" && allowed.includes(value)
    ? undefined
    : `${field} must be one of ${allowed.join(", ")}`;

function checkDate(value: unknown, now: number): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string" || !/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?Z$/.test(value))
    return "startDateTime must be a UTC date-time such as 2026-01-02T03:04:05Z";
  return Date.parse(value) <= now ? PAST_DATE : undefined;
}

const TIME = /^T([01]\d|2[0-3]):[0-5]\dZ$/;

function checkSchedules(
  attributes: Record<string, unknown>,
  checkDay: (day: Record<string, unknown>) => string | undefined,
): string | undefined {
  const { schedules } = attributes;
  if (!Array.isArray(schedules)) return "attributes.schedules must be an array";
  for (const [index, schedule] of schedules.entries()) {
    const where = `schedules[${index}]`;
    if (!isRecord(schedule)) return `${where} must be an object`;
    if (!Number.isInteger(schedule.id)) return `${where}.id must be an integer`;
    if (schedule.activated !== undefined && typeof schedule.activated !== "boolean")
      return `${where}.activated must be a boolean`;
    for (const day of DAYS) {
      const value = schedule[day];
      if (value === undefined || value === null) continue;
      if (!isRecord(value)) return `${where}.${day} must be an object or null`;
      const problem = checkDay(value);
      if (problem !== undefined) return `${where}.${day}.${problem}`;
    }
  }
  return undefined;
}

const checkChargeDay = (day: Record<string, unknown>): string | undefined => {
  if (typeof day.startTime !== "string" || !TIME.test(day.startTime)) return "startTime must be Thh:mmZ";
  if (!Number.isInteger(day.duration) || (day.duration as number) <= 0)
    return "duration must be a positive integer";
  return undefined;
};
const checkHvacDay = (day: Record<string, unknown>): string | undefined =>
  typeof day.readyAtTime === "string" && TIME.test(day.readyAtTime)
    ? undefined
    : "readyAtTime must be Thh:mmZ";

/** Schedules as the car stores them: the days sent as null are simply absent. */
function storedSchedules(schedules: unknown): unknown[] {
  if (!Array.isArray(schedules)) return [];
  return schedules
    .filter(isRecord)
    .map((schedule) =>
      Object.fromEntries(
        Object.entries(schedule).filter(([, value]) => value !== null && value !== undefined),
      ),
    );
}

export function startCharging(vehicle: SimVehicle, at: number): void {
  vehicle.state.chargeReportedAt = at;
  const battery = vehicle.attributes("battery-status");
  battery.plugStatus = 1;
  battery.chargingStatus = CHARGING;
  battery.chargingInstantaneousPower = vehicle.profile.chargingPower;
  touch(battery, "timestamp", at);
}

export function stopCharging(vehicle: SimVehicle, at: number): void {
  const battery = vehicle.attributes("battery-status");
  battery.chargingStatus = NOT_CHARGING;
  // The car reports the level it reached when the charge stops.
  if (vehicle.state.level !== undefined) battery.batteryLevel = Math.round(vehicle.state.level);
  battery.chargingInstantaneousPower = 0;
  touch(battery, "timestamp", at);
}

function setChargeSchedules(vehicle: SimVehicle, attributes: Record<string, unknown>, now: number): void {
  const settings = vehicle.attributes("charging-settings");
  settings.schedules = storedSchedules(attributes.schedules);
  if ("dateTime" in settings) touch(settings, "dateTime", now);
  vehicle.state.calendarFromSchedules = true;
}

const chargeSchedule = jsonApi(
  "ChargeSchedule",
  (attributes) => checkSchedules(attributes, checkChargeDay),
  (vehicle, attributes, now) => {
    setChargeSchedules(vehicle, attributes, now);
  },
  () => "vehicle_action/charge-schedule.schedules.json",
);

/** Every action the simulator accepts, by endpoint name. */
export const ACTIONS: Readonly<Record<string, ActionHandler>> = {
  "actions/charge-mode": jsonApi(
    "ChargeMode",
    (attributes) => oneOf(attributes.action, CHARGE_MODES, "action"),
    (vehicle, attributes, now) => {
      const mode = attributes.action as string;
      vehicle.attributes("charge-mode").chargeMode = mode;
      const settings = vehicle.attributes("charging-settings");
      settings.mode = mode.startsWith("always") ? "always" : "scheduled";
      if ("dateTime" in settings) touch(settings, "dateTime", now);
    },
    () => "vehicle_action/charge-mode.schedule_mode.json",
  ),
  "actions/charge-schedule": chargeSchedule,
  "charge/schedule": chargeSchedule,
  "actions/charging-start": jsonApi(
    "ChargingStart",
    (attributes) => oneOf(attributes.action, ["start", "stop"], "action"),
    (vehicle, attributes, now) => {
      if (attributes.action === "start") startCharging(vehicle, now);
      else stopCharging(vehicle, now);
    },
    (attributes) => `vehicle_action/charging-start.${attributes.action === "stop" ? "stop" : "start"}.json`,
  ),
  "charge/start": jsonApi(
    "ChargingStart",
    (attributes, now) =>
      oneOf(attributes.action, ["start"], "action") ?? checkDate(attributes.startDateTime, now),
    (vehicle, attributes, now) => {
      if (typeof attributes.startDateTime !== "string") {
        startCharging(vehicle, now);
        return;
      }
      const settings = vehicle.attributes("charging-settings");
      settings.mode = "delayed";
      settings.startDateTime = attributes.startDateTime;
      const battery = vehicle.attributes("battery-status");
      battery.chargingStatus = WAITING_FOR_PLANNED_CHARGE;
      touch(battery, "timestamp", now);
    },
    (attributes) =>
      `vehicle_kcm_action/charging-start.${attributes.startDateTime === undefined ? "now" : "delayed"}.json`,
  ),
  "charge/pause-resume": jsonApi(
    "ChargePauseResume",
    (attributes) => oneOf(attributes.action, ["pause", "resume"], "action"),
    (vehicle, attributes, now) => {
      if (attributes.action === "resume") startCharging(vehicle, now);
      else stopCharging(vehicle, now);
    },
    (attributes) =>
      `vehicle_kcm_action/charge-pause-resume.${attributes.action === "pause" ? "pause" : "resume"}.json`,
  ),
  "actions/horn-lights": jsonApi(
    "HornLights",
    (attributes) =>
      oneOf(attributes.action, ["start"], "action") ?? oneOf(attributes.target, ["horn", "lights"], "target"),
    () => undefined,
    // The upstream files hornlights-horn/-lights are swapped; horn-lights.<target>.json are right.
    (attributes) => `vehicle_action/horn-lights.${attributes.target === "lights" ? "lights" : "horn"}.json`,
  ),
  "actions/hvac-schedule": jsonApi(
    "HvacSchedule",
    (attributes) => checkSchedules(attributes, checkHvacDay),
    (vehicle, attributes, now) => {
      const settings = vehicle.attributes("hvac-settings");
      settings.schedules = storedSchedules(attributes.schedules);
      if ("dateTime" in settings) touch(settings, "dateTime", now);
    },
    () => "vehicle_action/hvac-schedule.schedules.json",
  ),
  "actions/hvac-start": jsonApi(
    "HvacStart",
    (attributes, now) => {
      const action = oneOf(attributes.action, ["start", "cancel", "stop"], "action");
      if (action !== undefined || attributes.action !== "start") return action;
      if (typeof attributes.targetTemperature !== "number" || !Number.isFinite(attributes.targetTemperature))
        return "targetTemperature must be a number";
      return checkDate(attributes.startDateTime, now);
    },
    (vehicle, attributes, now) => {
      const hvac = vehicle.attributes("hvac-status");
      if (attributes.action !== "start") {
        hvac.hvacStatus = "off";
        delete hvac.nextHvacStartDate;
        vehicle.state.hvacOffAt = undefined;
      } else if (typeof attributes.startDateTime === "string") {
        hvac.nextHvacStartDate = attributes.startDateTime;
      } else {
        hvac.hvacStatus = "on";
        vehicle.state.hvacOffAt = now + vehicle.profile.hvacMinutes * 60_000;
      }
      touch(hvac, "lastUpdateTime", now);
    },
    (attributes) =>
      `vehicle_action/hvac-start.${attributes.action === "start" ? "start" : attributes.action === "stop" ? "stop" : "cancel"}.json`,
  ),
  "actions/refresh-location": jsonApi(
    "RefreshLocation",
    () => undefined,
    (vehicle, _attributes, now) => {
      // A parked car answers a refresh with the "no fix" sentinel 91/181 and a fresh timestamp,
      // also in the official app, until its next trip (docs/api-notes.md, C.4, renault-api #2250).
      const location = vehicle.attributes("location");
      const [latitude, longitude] = [location.gpsLatitude, location.gpsLongitude];
      if (typeof latitude === "number" && typeof longitude === "number" && latitude !== 91)
        vehicle.state.lastFix = { latitude, longitude };
      location.gpsLatitude = 91;
      location.gpsLongitude = 181;
      touch(location, "lastUpdateTime", now);
    },
    () => "vehicle_action/refresh-location.json",
  ),
  "ev-settings": {
    check(body) {
      if (!isRecord(body)) return "an ev/settings object is expected";
      if (!Array.isArray(body.programs) || !body.programs.every(isRecord))
        return "programs must be an array of objects";
      if (body.chargeModeRq !== undefined)
        return oneOf(body.chargeModeRq, ["ALWAYS", "SCHEDULED"], "chargeModeRq");
      return undefined;
    },
    apply(vehicle, body, now) {
      const settings = vehicle.attributes("ev-settings");
      Object.assign(settings, structuredClone(body));
      touch(settings, "lastSettingsUpdateTimestamp", now);
      const programs = (settings.programs ?? []) as Record<string, unknown>[];
      // Charge-start on kcm-settings models: disabling every program makes the car charge now
      // (upstream issue #1348).
      const startsCharge = routesOf(vehicle.modelCode, "actions/charge-start").includes("kcm-ev-settings");
      const always =
        settings.chargeModeRq === "ALWAYS" ||
        programs.every((program) => program.programActivationStatus !== true);
      if (startsCharge && always) startCharging(vehicle, now);
      return { chargeModeRq: settings.chargeModeRq, programs: structuredClone(settings.programs) };
    },
  },
  "soc-levels": {
    check(body) {
      if (!isRecord(body)) return "a {socMin, socTarget} object is expected";
      for (const field of ["socMin", "socTarget"]) {
        const value = body[field];
        if (!Number.isInteger(value) || (value as number) < 0 || (value as number) > 100)
          return `${field} must be an integer from 0 to 100`;
      }
      return (body.socMin as number) < (body.socTarget as number)
        ? undefined
        : "socMin must be below socTarget";
    },
    apply(vehicle, body, now) {
      const levels = vehicle.attributes("soc-levels");
      const { socMin, socTarget } = body as { socMin: number; socTarget: number };
      Object.assign(levels, { socMin, socTarget });
      touch(levels, "lastEnergyUpdateTimestamp", now);
      const answer = loadFixture("kamereon/vehicle_kcm_action/ev-soc-levels.json") as Record<string, unknown>;
      answer.commandId = `commandId-${vehicle.state.actions.length}`;
      return answer;
    },
  },
};

/** The endpoint names of the actions, for documentation and tests. */
export const ACTION_ENDPOINTS: readonly string[] = Object.keys(ACTIONS);
