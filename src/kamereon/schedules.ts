/**
 * Charge and HVAC schedules: read them from `charging-settings`, `hvac-settings` and KCM
 * `ev/settings`, change them with pure functions (each returns a new list), and serialise them to
 * the exact bodies the API expects. Every function checks its input and throws `TypeError` or
 * `RangeError` on bad values, so nothing malformed is ever sent.
 *
 * Times of KCA schedules are UTC and written `Thh:mmZ` (e.g. `T23:30Z`); durations are minutes.
 */
import { InvalidArgumentError } from "../errors.js";
import type { ChargingSettings, EvSettings } from "./models/charge.js";
import type { EvProgramTypeCode } from "./models/codes.js";
import type { HvacSettings } from "./models/hvac.js";

/** The days of a weekly schedule, in wire order. */
export const WEEKDAYS = [
  "monday",
  "tuesday",
  "wednesday",
  "thursday",
  "friday",
  "saturday",
  "sunday",
] as const;
/** A day of the week, as the schedule keys name it. */
export type Weekday = (typeof WEEKDAYS)[number];

/** One day of a charge schedule. */
export interface ChargeDaySchedule {
  /** Start time, UTC, `Thh:mmZ`. */
  readonly startTime: string;
  /**
   * How long to charge.
   * @unit minutes
   */
  readonly duration: number;
}

/** One day of an HVAC schedule. */
export interface HvacDaySchedule {
  /** When the car must be ready, UTC, `Thh:mmZ`. */
  readonly readyAtTime: string;
}

/** A weekly schedule: every day is present, `null` meaning "nothing that day". */
export type Schedule<Day> = { readonly id: number; readonly activated: boolean } & {
  readonly [D in Weekday]: Day | null;
};
/** A charge schedule (KCA `charging-settings`, or the KCM `charge/schedule` body). */
export type ChargeSchedule = Schedule<ChargeDaySchedule>;
/** An HVAC schedule (`hvac-settings`). */
export type HvacSchedule = Schedule<HvacDaySchedule>;

/** Changes to a schedule: `activated`, and days to replace (an object) or clear (`null`). */
export type ScheduleChanges<Day> = { readonly activated?: boolean } & {
  readonly [D in Weekday]?: Day | null;
};

/** The wire form of a schedule: `id`, `activated`, then all seven days in order. */
export type ScheduleBody<Day> = { id: number; activated: boolean } & { [D in Weekday]: Day | null };

const TIME = /^T([01]\d|2[0-3]):([0-5]\d)Z$/;
const CLOCK = /^([01]\d|2[0-3]):([0-5]\d)$/;

// --- reading ------------------------------------------------------------------------------------

type ScheduleData<DayData> = { readonly id: number; readonly activated?: boolean | null | undefined } & {
  readonly [D in Weekday]?: DayData | null | undefined;
};

function readSchedules<DayData, Day>(
  schedules: readonly ScheduleData<DayData>[] | null | undefined,
  readDay: (day: DayData) => Day | null,
): Schedule<Day>[] {
  return (schedules ?? []).map((schedule) => {
    const days = Object.fromEntries(
      WEEKDAYS.map((day) => {
        const data = schedule[day];
        return [day, data === null || data === undefined ? null : readDay(data)];
      }),
    ) as { [D in Weekday]: Day | null };
    return { id: schedule.id, activated: schedule.activated === true, ...days };
  });
}

/**
 * The charge schedules of `charging-settings` (or of a charge-schedule action answer). Absent days
 * become `null`; a day without a start time or duration cannot be used and is read as `null` too.
 */
export function chargeSchedulesOf(settings: Pick<ChargingSettings, "schedules">): ChargeSchedule[] {
  return readSchedules(settings.schedules, ({ startTime, duration }) =>
    typeof startTime === "string" && typeof duration === "number" ? { startTime, duration } : null,
  );
}

/** The HVAC schedules of `hvac-settings`. Absent days (or days without a time) become `null`. */
export function hvacSchedulesOf(settings: Pick<HvacSettings, "schedules">): HvacSchedule[] {
  return readSchedules(settings.schedules, ({ readyAtTime }) =>
    typeof readyAtTime === "string" ? { readyAtTime } : null,
  );
}

// --- checking -----------------------------------------------------------------------------------

function checkId(id: unknown): number {
  if (typeof id !== "number") throw invalidSchedule(`Schedule id must be a number, got ${typeof id}.`);
  if (!Number.isInteger(id) || id < 1)
    throw invalidSchedule(`Schedule id must be a positive integer, got ${id}.`);
  return id;
}

function checkTime(value: unknown, name: string): string {
  if (typeof value !== "string") throw invalidSchedule(`${name} must be a string like "T23:30Z".`);
  if (!TIME.test(value)) throw invalidSchedule(`${name} must be a UTC time "Thh:mmZ", got "${value}".`);
  return value;
}

function checkDuration(value: unknown): number {
  if (typeof value !== "number") throw invalidSchedule("duration must be a number of minutes.");
  if (!Number.isInteger(value) || value < 0) {
    throw invalidSchedule(`duration must be a non-negative whole number of minutes, got ${value}.`);
  }
  return value;
}

function checkObject(value: unknown, name: string): Readonly<Record<string, unknown>> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw invalidSchedule(`${name} must be an object.`);
  }
  return value as Readonly<Record<string, unknown>>;
}

function checkChargeDay(value: unknown, day: Weekday): ChargeDaySchedule {
  const { startTime, duration } = checkObject(value, day);
  return { startTime: checkTime(startTime, `${day}.startTime`), duration: checkDuration(duration) };
}

function checkHvacDay(value: unknown, day: Weekday): HvacDaySchedule {
  const { readyAtTime } = checkObject(value, day);
  return { readyAtTime: checkTime(readyAtTime, `${day}.readyAtTime`) };
}

const CHANGE_KEYS: ReadonlySet<string> = new Set(["activated", ...WEEKDAYS]);

// --- changing -----------------------------------------------------------------------------------

function updateSchedule<Day>(
  schedules: readonly Schedule<Day>[],
  id: number,
  changes: ScheduleChanges<Day>,
  checkDay: (value: unknown, day: Weekday) => Day,
): Schedule<Day>[] {
  checkId(id);
  for (const key of Object.keys(checkObject(changes, "changes"))) {
    if (!CHANGE_KEYS.has(key)) throw invalidSchedule(`Unknown schedule field "${key}".`);
  }
  if (changes.activated !== undefined && typeof changes.activated !== "boolean") {
    throw invalidSchedule("activated must be a boolean.");
  }
  const patch = (base: Schedule<Day>): Schedule<Day> => {
    const days = Object.fromEntries(
      WEEKDAYS.map((day) => {
        const change = changes[day];
        if (change === undefined) return [day, base[day]];
        return [day, change === null ? null : checkDay(change, day)];
      }),
    ) as { [D in Weekday]: Day | null };
    return { id: base.id, activated: changes.activated ?? base.activated, ...days };
  };
  const index = schedules.findIndex((schedule) => schedule.id === id);
  if (index === -1) {
    const empty = Object.fromEntries(WEEKDAYS.map((day) => [day, null])) as { [D in Weekday]: null };
    return [...schedules, patch({ id, activated: false, ...empty })];
  }
  return schedules.map((schedule, position) => (position === index ? patch(schedule) : schedule));
}

/**
 * Changes the charge schedule `id`, or adds it (deactivated unless `changes.activated`) when the
 * list has no such id. Days given as an object replace the day, `null` clears it, absent days stay.
 *
 * @example updateChargeSchedule(schedules, 1, { activated: true, monday: { startTime: "T23:30Z", duration: 480 }, sunday: null })
 * @throws {TypeError} a value of the wrong type, or an unknown field
 * @throws {RangeError} an id that is not a positive integer, a time not `Thh:mmZ`, a negative or
 *   fractional duration
 */
export function updateChargeSchedule(
  schedules: readonly ChargeSchedule[],
  id: number,
  changes: ScheduleChanges<ChargeDaySchedule>,
): ChargeSchedule[] {
  return updateSchedule(schedules, id, changes, checkChargeDay);
}

/**
 * Changes the HVAC schedule `id`, or adds it (deactivated unless `changes.activated`) when the list
 * has no such id (the Python client cannot create HVAC schedules; this one can).
 *
 * @throws {TypeError} a value of the wrong type, or an unknown field
 * @throws {RangeError} an id that is not a positive integer, or a time not `Thh:mmZ`
 */
export function updateHvacSchedule(
  schedules: readonly HvacSchedule[],
  id: number,
  changes: ScheduleChanges<HvacDaySchedule>,
): HvacSchedule[] {
  return updateSchedule(schedules, id, changes, checkHvacDay);
}

// --- writing ------------------------------------------------------------------------------------

function serializeSchedules<Day>(
  schedules: readonly Schedule<Day>[],
  checkDay: (value: unknown, day: Weekday) => Day,
): ScheduleBody<Day>[] {
  if (!Array.isArray(schedules)) throw invalidSchedule("schedules must be an array.");
  const seen = new Set<number>();
  return schedules.map((value: unknown) => {
    const schedule = checkObject(value, "schedule");
    const id = checkId(schedule.id);
    if (seen.has(id)) throw invalidSchedule(`Schedule id ${id} appears twice.`);
    seen.add(id);
    if (typeof schedule.activated !== "boolean") throw invalidSchedule("activated must be a boolean.");
    const body = { id, activated: schedule.activated } as ScheduleBody<Day>;
    for (const day of WEEKDAYS) {
      const entry = schedule[day];
      body[day] = entry === null || entry === undefined ? null : checkDay(entry, day);
    }
    return body;
  });
}

/**
 * The wire form of charge schedules: keys `id`, `activated`, then `monday`…`sunday` (a day without
 * charge is `null`), each day `{startTime, duration}` and nothing else.
 *
 * @throws {TypeError} a value of the wrong type
 * @throws {RangeError} a bad id (or a duplicate), time or duration
 */
export function serializeChargeSchedules(
  schedules: readonly ChargeSchedule[],
): ScheduleBody<ChargeDaySchedule>[] {
  return serializeSchedules(schedules, checkChargeDay);
}

/**
 * The wire form of HVAC schedules: keys `id`, `activated`, then `monday`…`sunday`, each day
 * `{readyAtTime}` or `null`.
 *
 * @throws {TypeError} a value of the wrong type
 * @throws {RangeError} a bad id (or a duplicate) or time
 */
export function serializeHvacSchedules(schedules: readonly HvacSchedule[]): ScheduleBody<HvacDaySchedule>[] {
  return serializeSchedules(schedules, checkHvacDay);
}

/**
 * When a charge day ends, as `Thh:mmZ`: start plus duration, wrapping past midnight (any duration,
 * unlike the Python CLI, which was only right for whole hours).
 *
 * @example chargeEndTime({ startTime: "T23:30Z", duration: 45 }) // "T00:15Z"
 * @throws {TypeError} a start time or duration of the wrong type
 * @throws {RangeError} a start time not `Thh:mmZ`, or a negative or fractional duration
 */
export function chargeEndTime(day: ChargeDaySchedule): string {
  const match = TIME.exec(checkTime(day.startTime, "startTime"));
  const start = Number(match?.[1]) * 60 + Number(match?.[2]);
  const end = (start + checkDuration(day.duration)) % (24 * 60);
  const pad = (value: number) => String(value).padStart(2, "0");
  return `T${pad(Math.floor(end / 60))}:${pad(end % 60)}Z`;
}

// --- KCM ev/settings programs -------------------------------------------------------------------

/** A KCM `ev/settings` program: departure time and the days it applies to. */
export interface EvProgram {
  readonly activated: boolean;
  /** `CHARGE`, `PRECONDITIONING` or `CHARGE_AND_PRECONDITIONING` (others kept as sent). */
  readonly type: EvProgramTypeCode;
  /** Departure time, `HH:MM` (as the car shows it). */
  readonly departureTime: string;
  readonly days: Readonly<Record<Weekday, boolean>>;
}

/** Changes to a KCM program; `days` lists only the days that change. */
export interface EvProgramChanges {
  readonly activated?: boolean;
  readonly type?: EvProgramTypeCode;
  readonly departureTime?: string;
  readonly days?: Readonly<Partial<Record<Weekday, boolean>>>;
}

const dayFlag = (day: Weekday) =>
  `programActivation${day.charAt(0).toUpperCase()}${day.slice(1)}` as `programActivation${Capitalize<Weekday>}`;

/** The programs of KCM `ev/settings`, in order (their position is their identity). */
export function evProgramsOf(settings: Pick<EvSettings, "programs">): EvProgram[] {
  return (settings.programs ?? []).map((program) => ({
    activated: program.programActivationStatus === true,
    type: program.programType ?? "",
    departureTime: program.programDepartureTime ?? "",
    days: Object.fromEntries(WEEKDAYS.map((day) => [day, program[dayFlag(day)] === true])) as Record<
      Weekday,
      boolean
    >,
  }));
}

/**
 * Changes the program at `index` (from 0), or appends one when `index` is the list's length (it
 * then needs a `departureTime`; type defaults to `CHARGE`, days to none).
 *
 * @throws {TypeError} a value of the wrong type, or an unknown field
 * @throws {RangeError} an index past the end (programs have no ids, so that one cannot be created),
 *   or a departure time not `HH:MM`
 */
export function updateEvProgram(
  programs: readonly EvProgram[],
  index: number,
  changes: EvProgramChanges,
): EvProgram[] {
  if (typeof index !== "number") throw invalidSchedule("Program index must be a number.");
  if (!Number.isInteger(index) || index < 0 || index > programs.length) {
    throw invalidSchedule(`No program at index ${index} (there are ${programs.length}).`);
  }
  for (const key of Object.keys(checkObject(changes, "changes"))) {
    if (!["activated", "type", "departureTime", "days"].includes(key)) {
      throw invalidSchedule(`Unknown program field "${key}".`);
    }
  }
  const { activated, type, departureTime, days } = changes;
  if (activated !== undefined && typeof activated !== "boolean")
    throw invalidSchedule("activated must be a boolean.");
  if (type !== undefined && (typeof type !== "string" || type === "")) {
    throw invalidSchedule("type must be a non-empty string.");
  }
  if (departureTime !== undefined) {
    if (typeof departureTime !== "string")
      throw invalidSchedule('departureTime must be a string like "07:30".');
    if (!CLOCK.test(departureTime))
      throw invalidSchedule(`departureTime must be "HH:MM", got "${departureTime}".`);
  }
  for (const [day, value] of Object.entries(days === undefined ? {} : checkObject(days, "days"))) {
    if (!(WEEKDAYS as readonly string[]).includes(day)) throw invalidSchedule(`Unknown day "${day}".`);
    if (typeof value !== "boolean") throw invalidSchedule(`days.${day} must be a boolean.`);
  }
  const base = programs[index];
  if (base === undefined && departureTime === undefined) {
    throw invalidSchedule("A new program needs a departureTime.");
  }
  const next: EvProgram = {
    activated: activated ?? base?.activated ?? false,
    type: type ?? base?.type ?? "CHARGE",
    departureTime: departureTime ?? base?.departureTime ?? "",
    days: Object.fromEntries(WEEKDAYS.map((day) => [day, days?.[day] ?? base?.days[day] ?? false])) as Record<
      Weekday,
      boolean
    >,
  };
  return base === undefined
    ? [...programs, next]
    : programs.map((program, position) => (position === index ? next : program));
}

/**
 * The `ev/settings` body with its programs replaced: every other field (and every unknown field of
 * an existing program) is kept as received.
 */
export function evSettingsWithPrograms(settings: EvSettings, programs: readonly EvProgram[]): EvSettings {
  const previous = settings.programs ?? [];
  return {
    ...settings,
    programs: programs.map((program, index) => ({
      ...previous[index],
      programActivationStatus: program.activated,
      programType: program.type,
      programDepartureTime: program.departureTime,
      ...Object.fromEntries(WEEKDAYS.map((day) => [dayFlag(day), program.days[day]])),
    })),
  };
}

/** A schedule or programme argument the service would refuse: nothing is sent. */
function invalidSchedule(message: string): InvalidArgumentError {
  return new InvalidArgumentError("schedules", message);
}
