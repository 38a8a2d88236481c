/**
 * Dates and times for the CLI: parsing `--from`/`--to`/`--at` (ISO or everyday phrases through
 * chrono-node) and converting between UTC and the local zone **per date** with `Intl`, so daylight
 * saving is right for the date concerned rather than for today (Python CLI defect 31). The zone is
 * `TZ` from the CLI's environment, else the system's.
 */
import { createRequire } from "node:module";
import { UsageError } from "./usage.js";

/** Wall-clock fields in a zone. `month` is 1-12. */
export interface WallClock {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string | undefined): Intl.DateTimeFormat {
  const key = timeZone ?? "";
  let formatter = formatters.get(key);
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat("en-US", {
        timeZone,
        hourCycle: "h23",
        year: "numeric",
        month: "2-digit",
        day: "2-digit",
        hour: "2-digit",
        minute: "2-digit",
        second: "2-digit",
      });
    } catch {
      throw new UsageError(`unknown time zone '${key}' (TZ)`);
    }
    formatters.set(key, formatter);
  }
  return formatter;
}

/** The wall clock of an instant in a zone (`undefined` = the system zone). */
export function wallClock(instant: Date, timeZone: string | undefined): WallClock {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? 1970,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: (parts.hour ?? 0) % 24,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

function utcOf(clock: WallClock): number {
  return Date.UTC(clock.year, clock.month - 1, clock.day, clock.hour, clock.minute, clock.second);
}

/** Offset of the zone from UTC at an instant, in milliseconds (east positive). */
export function offsetAt(instant: Date, timeZone: string | undefined): number {
  const floored = Math.floor(instant.getTime() / 1000) * 1000;
  return utcOf(wallClock(new Date(floored), timeZone)) - floored;
}

/**
 * The instant at which the zone's clock shows `clock`. In a daylight-saving gap the time is moved
 * forward by the gap; in an overlap the earlier instant is chosen.
 */
export function instantOf(clock: WallClock, timeZone: string | undefined): Date {
  const asUtc = utcOf(clock);
  const first = asUtc - offsetAt(new Date(asUtc), timeZone);
  const second = asUtc - offsetAt(new Date(first), timeZone);
  if (first === second) return new Date(first);
  // Offsets differ around a transition: prefer the candidate whose wall clock matches, earlier first.
  const candidates = [Math.min(first, second), Math.max(first, second)];
  const exact = candidates.find((candidate) => utcOf(wallClock(new Date(candidate), timeZone)) === asUtc);
  return new Date(exact ?? Math.max(first, second));
}

/** `YYYY-MM-DD HH:MM:SS` in the zone. */
export function formatWallClock(clock: WallClock, withSeconds = true): string {
  const pad = (value: number, size = 2) => String(value).padStart(size, "0");
  const date = `${pad(clock.year, 4)}-${pad(clock.month)}-${pad(clock.day)}`;
  const time = `${pad(clock.hour)}:${pad(clock.minute)}${withSeconds ? `:${pad(clock.second)}` : ""}`;
  return `${date} ${time}`;
}

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/** Options of {@link parseWhen}. */
export interface ParseWhenOptions {
  readonly now: Date;
  readonly timeZone: string | undefined;
  /** Prefer the future for ambiguous phrases ("monday", "9am"): `--at` does, `--from`/`--to` do not. */
  readonly forwardDate?: boolean;
  /** The option name, for the error message. */
  readonly option: string;
}

/**
 * Parses an ISO date/time or an everyday phrase ("yesterday", "3 days ago", "in 5 minutes",
 * "tomorrow at 9am"). Anything it cannot read completely is a usage error, never "now".
 */
export function parseWhen(text: string, options: ParseWhenOptions): Date {
  const input = text.trim();
  const fail = () =>
    new UsageError(
      `invalid value for ${options.option}: cannot read '${text}' as a date or time ` +
        `(try 2024-05-01, 2024-05-01T09:30, "yesterday", "3 days ago", "in 5 minutes" or "tomorrow at 9am")`,
    );
  if (input === "") throw fail();
  const iso = ISO.exec(input);
  if (iso) {
    const [, year, month, day, hour, minute, second, zone] = iso;
    const clock: WallClock = {
      year: Number(year),
      month: Number(month),
      day: Number(day),
      hour: Number(hour ?? 0),
      minute: Number(minute ?? 0),
      second: Number(second ?? 0),
    };
    checkCalendar(clock, text, options.option);
    if (zone !== undefined) {
      const parsed = new Date(input.replace(" ", "T"));
      if (Number.isNaN(parsed.getTime())) throw fail();
      return parsed;
    }
    return instantOf(clock, options.timeZone);
  }
  // chrono reads times in the process's zone; hand it a reference whose process-local wall clock
  // is the CLI zone's wall clock, then map the components it found back through the CLI zone.
  const now = wallClock(options.now, options.timeZone);
  const reference = new Date(now.year, now.month - 1, now.day, now.hour, now.minute, now.second);
  const results = englishChrono().parse(input, reference, { forwardDate: options.forwardDate ?? false });
  const result = results[0];
  if (results.length !== 1 || !result || !coversAll(input, result.index, result.text)) throw fail();
  const start = result.start;
  // "in 5 minutes", "2 hours ago": an exact distance from now, whatever the zone.
  if (result.tags().has("result/relativeDateAndTime")) {
    return new Date(options.now.getTime() + (start.date().getTime() - reference.getTime()));
  }
  if (start.isCertain("timezoneOffset")) return start.date();
  const parsed = start.date();
  return instantOf(
    {
      year: parsed.getFullYear(),
      month: parsed.getMonth() + 1,
      day: parsed.getDate(),
      hour: parsed.getHours(),
      minute: parsed.getMinutes(),
      second: parsed.getSeconds(),
    },
    options.timeZone,
  );
}

/** Years a date option accepts: no car data exists before 1970, and years of 5 digits are typos. */
export const YEARS = { min: 1970, max: 9999 } as const;

/** An ISO date must exist as written: `2024-02-30` is refused, not moved into March. */
function checkCalendar(clock: WallClock, text: string, option: string): void {
  const invalid = (why: string) => new UsageError(`invalid value for ${option}: '${text}' ${why}`);
  if (clock.year < YEARS.min || clock.year > YEARS.max) {
    throw invalid(`is out of range (years ${YEARS.min}–${YEARS.max})`);
  }
  if (clock.month < 1 || clock.month > 12) throw invalid("has no such month (01–12)");
  const days = new Date(Date.UTC(clock.year, clock.month, 0)).getUTCDate();
  if (clock.day < 1 || clock.day > days) {
    throw invalid(
      `has no such day (${String(clock.month).padStart(2, "0")}/${clock.year} has days 01–${days})`,
    );
  }
  if (clock.hour > 23 || clock.minute > 59 || clock.second > 59) {
    throw invalid("has no such time (00:00–23:59)");
  }
}

type EnglishChrono = typeof import("chrono-node/en");
let chrono: EnglishChrono | undefined;

/**
 * chrono-node's English parser, loaded on first use: the full package loads every language
 * (~300 modules, ~200 ms), which every command would pay at start-up for a date option few use.
 */
function englishChrono(): EnglishChrono {
  chrono ??= createRequire(import.meta.url)("chrono-node/en") as EnglishChrono;
  return chrono;
}

function coversAll(input: string, index: number, matched: string): boolean {
  const rest = input.slice(0, index) + input.slice(index + matched.length);
  return /^[\s,.]*$/.test(rest);
}

/** The calendar date of an instant in the zone: `YYYYMMDD` (day) or `YYYYMM` (month). */
export function periodKey(instant: Date, timeZone: string | undefined, period: "day" | "month"): string {
  const clock = wallClock(instant, timeZone);
  const month = `${String(clock.year).padStart(4, "0")}${String(clock.month).padStart(2, "0")}`;
  return period === "month" ? month : `${month}${String(clock.day).padStart(2, "0")}`;
}

const WEEKDAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"] as const;

/**
 * The next date (from `now`, today included) that falls on `weekday` in the zone. Schedules are
 * weekly, so their UTC↔local conversion uses the offset of the next time the day comes round.
 */
export function nextWeekday(weekday: string, now: Date, timeZone: string | undefined): WallClock {
  const target = WEEKDAYS.indexOf(weekday.toLowerCase() as (typeof WEEKDAYS)[number]);
  const today = wallClock(now, timeZone);
  const todayIndex = new Date(Date.UTC(today.year, today.month - 1, today.day)).getUTCDay();
  const ahead = (target - todayIndex + 7) % 7;
  const date = new Date(Date.UTC(today.year, today.month - 1, today.day + ahead));
  return {
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    hour: 0,
    minute: 0,
    second: 0,
  };
}

/** Minutes after midnight of a UTC `HH:MM` on the given date, as shown on the local clock. */
export function utcTimeToLocal(
  utcMinutes: number,
  date: WallClock,
  timeZone: string | undefined,
): { minutes: number; dayShift: number } {
  const instant = new Date(Date.UTC(date.year, date.month - 1, date.day) + utcMinutes * 60_000);
  const local = wallClock(instant, timeZone);
  const dayShift = Math.round(
    (Date.UTC(local.year, local.month - 1, local.day) - Date.UTC(date.year, date.month - 1, date.day)) /
      86_400_000,
  );
  return { minutes: local.hour * 60 + local.minute, dayShift };
}

/** Minutes after midnight UTC of a local `HH:MM` on the given date. */
export function localTimeToUtc(
  localMinutes: number,
  date: WallClock,
  timeZone: string | undefined,
): { minutes: number; dayShift: number } {
  const instant = instantOf(
    { ...date, hour: Math.floor(localMinutes / 60), minute: localMinutes % 60, second: 0 },
    timeZone,
  );
  const dayStart = Date.UTC(date.year, date.month - 1, date.day);
  const delta = Math.round((instant.getTime() - dayStart) / 60_000);
  const minutes = ((delta % 1440) + 1440) % 1440;
  return { minutes, dayShift: Math.floor(delta / 1440) };
}
