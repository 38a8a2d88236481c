/** Pieces shared by `charge` and `hvac`: date ranges, weekly schedule options and their display. */
import { InvalidArgumentError } from "../../index.js";
import type { OptionSpec } from "../command.js";
import type { Context } from "../context.js";
import { localTimeToUtc, nextWeekday, periodKey, utcTimeToLocal, wallClock } from "../dates.js";
import { clockTime, duration, table } from "../render.js";
import { UsageError } from "../usage.js";

export const DAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"] as const;
export type Day = (typeof DAYS)[number];

/** `--from`, `--to` (and `--period`) as the Python CLI names them. */
export const RANGE_OPTIONS = {
  from: {
    type: "string",
    valueName: "DATE",
    required: true,
    description: 'date to start history from (ISO date or a phrase: "3 days ago", "last monday")',
  },
  to: {
    type: "string",
    valueName: "DATE",
    required: true,
    description: 'date to finish history at, not in the future (ISO date or a phrase: "today", "yesterday")',
  },
} as const satisfies Readonly<Record<string, OptionSpec>>;

export const PERIOD_OPTION = {
  period: {
    type: "string",
    valueName: "PERIOD",
    choices: ["day", "month"],
    default: "month",
    description: "totals per day or per month",
  },
} as const satisfies Readonly<Record<string, OptionSpec>>;

/**
 * The Date whose **process-local** calendar date is the CLI zone's calendar date of `instant`: the
 * library sends history dates from the Date's local calendar date, and `TZ` may differ in tests.
 */
function calendarDate(instant: Date, context: Context): Date {
  const clock = wallClock(instant, context.timeZone);
  return new Date(clock.year, clock.month - 1, clock.day, 12);
}

/** Parses `--from`/`--to` into the dates the library expects; `from` after `to` is a usage error. */
export function dateRange(context: Context, from: string, to: string): { start: Date; end: Date } {
  const start = context.when(from, "--from");
  const end = context.when(to, "--to");
  // Compared as calendar dates: "today" may read as noon while it is still morning.
  if (periodKey(end, context.timeZone, "day") > periodKey(context.now(), context.timeZone, "day")) {
    throw new UsageError(`--to (${to}) is in the future: give a date up to now (e.g. today)`);
  }
  if (start.getTime() > end.getTime()) {
    throw new UsageError(`--from (${from}) is after --to (${to})`);
  }
  return { start: calendarDate(start, context), end: calendarDate(end, context) };
}

/**
 * Runs a library call whose input checks throw `InvalidArgumentError` before anything is sent (SoC
 * bounds, schedule values…), turning those into usage errors (exit 2).
 */
export async function checked<T>(call: () => Promise<T> | T): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof InvalidArgumentError) throw new UsageError(error.message);
    throw error;
  }
}

/** Day options of `schedule set`, built for a value format. */
export function dayOptions(format: string, description: string): Record<Day, OptionSpec> {
  return Object.fromEntries(
    DAYS.map((day) => [day, { type: "string", valueName: format, description: `${description} on ${day}` }]),
  ) as Record<Day, OptionSpec>;
}

const TIME = /^(T)?([01]\d|2[0-3]):([0-5]\d)(Z)?$/;

/**
 * Reads `hh:mm` (local time, converted to UTC with the offset of the next such weekday, so DST is
 * right) or `Thh:mmZ` (UTC, kept). Returns minutes after midnight UTC. The whole value must match
 * (the Python CLI ignored trailing characters).
 */
export function parseScheduleTime(value: string, day: Day, context: Context, option: string): number {
  const match = TIME.exec(value.trim());
  if (!match) {
    throw new UsageError(
      `invalid value for ${option}: '${value}' (expected hh:mm in local time, or Thh:mmZ in UTC)`,
    );
  }
  const [, t, hours, minutes, z] = match;
  if ((t === undefined) !== (z === undefined)) {
    throw new UsageError(
      `invalid value for ${option}: '${value}' (use both T and Z for UTC, or neither for local time)`,
    );
  }
  const total = Number(hours) * 60 + Number(minutes);
  if (t !== undefined) return total;
  return localTimeToUtc(total, nextWeekday(day, context.now(), context.timeZone), context.timeZone).minutes;
}

/** Minutes after midnight UTC as the wire's `Thh:mmZ`. */
export function utcWire(minutes: number): string {
  return `T${clockTime(minutes)}Z`;
}

/** `Thh:mmZ` → minutes after midnight, or undefined. */
export function wireMinutes(value: string | null | undefined): number | undefined {
  const match = /^T(\d{2}):(\d{2})Z$/.exec(value ?? "");
  return match ? Number(match[1]) * 60 + Number(match[2]) : undefined;
}

/** A UTC time of a weekly schedule on `day`, shown on the local clock of the next such day. */
export function localScheduleTime(
  utcMinutes: number | undefined,
  day: Day,
  context: Context,
): string | undefined {
  if (utcMinutes === undefined) return undefined;
  // An end past midnight UTC (start + duration ≥ 24 h) is a day later than the schedule's day.
  const laterDays = Math.floor(utcMinutes / 1440);
  const local = utcTimeToLocal(
    utcMinutes - laterDays * 1440,
    nextWeekday(day, context.now(), context.timeZone),
    context.timeZone,
  );
  const dayShift = local.dayShift + laterDays;
  const shift = dayShift === 0 ? "" : dayShift > 0 ? ` (+${dayShift} day)` : ` (${dayShift} day)`;
  return clockTime(local.minutes) + shift;
}

/** Minutes shown as `H:MM:SS`. */
export function minutesText(minutes: number | null | undefined): string | undefined {
  return minutes === undefined || minutes === null ? undefined : duration(minutes * 60);
}

/** A Day/… table of one weekly schedule, only the days that are set. */
export function weekTable(
  headers: readonly string[],
  rows: readonly (readonly (string | number | boolean | undefined)[])[],
): string {
  return rows.length === 0 ? "  (no days set)\n" : table(headers, rows);
}

/** `monday` → `Monday`. */
export function dayName(day: string): string {
  return day.charAt(0).toUpperCase() + day.slice(1);
}

/** A schedule id given on the command line (a small positive integer). */
export { parseId } from "../values.js";
