/**
 * Checks of the arguments of the vehicle methods: a bad one throws {@link InvalidArgumentError}
 * before anything is sent.
 */
import { InvalidArgumentError } from "../errors.js";
import { DEFAULT_LIMITS, type ActionLimits } from "../registry/index.js";

/** Bounds of `setSocLevels` on every documented model (from the registry). */
export const SOC_LIMITS: ActionLimits["soc"] = DEFAULT_LIMITS.soc;

/** Period of the history reads: `start`/`end` are sent as local calendar dates. */
export interface PeriodQuery {
  /** First day, taken from the Date's **local** calendar date. */
  readonly start: Date;
  /** Last day, taken from the Date's **local** calendar date. */
  readonly end: Date;
}

/** Period and granularity of `charge-history` / `hvac-history`. */
export interface HistoryQuery extends PeriodQuery {
  /** Totals per `day` (dates sent as `YYYYMMDD`) or per `month` (`YYYYMM`). */
  readonly period: "day" | "month";
}

/** When to start (`startHvac`, `startCharge`). */
export interface StartOptions {
  /** Start later, at this instant (sent in UTC). Omit to start now. */
  readonly when?: Date | undefined;
}

/** Charge limits of `setSocLevels`, in percent (the names of `getSocLevels`'s answer). */
export interface SocLevels {
  /** 15 to 45, by steps of 5. */
  readonly socMin: number;
  /** 55 to 100, by steps of 5. */
  readonly socTarget: number;
}

function checkDate(value: unknown, name: string): Date {
  if (!(value instanceof Date)) throw new InvalidArgumentError(name, `${name} must be a Date.`);
  if (Number.isNaN(value.getTime())) throw new InvalidArgumentError(name, `${name} is an invalid Date.`);
  return value;
}

/** `YYYY-MM-DDTHH:MM:SSZ` in UTC, as the actions expect; undefined stays undefined. */
export function startDateTimeOf(start: StartOptions | undefined): string | undefined {
  const when = (start as { when?: unknown } | undefined)?.when;
  if (when === undefined) return undefined;
  return checkDate(when, "when")
    .toISOString()
    .replace(/\.\d{3}Z$/, "Z");
}

/** The local calendar date of a Date, as `YYYYMMDD` (day) or `YYYYMM` (month). */
function localDate(value: Date, period: "day" | "month"): string {
  const month = `${value.getFullYear()}${String(value.getMonth() + 1).padStart(2, "0")}`;
  return period === "month" ? month : `${month}${String(value.getDate()).padStart(2, "0")}`;
}

function periodOf(query: PeriodQuery, period: "day" | "month"): { start: string; end: string } {
  if (typeof query !== "object" || (query as unknown) === null)
    throw new InvalidArgumentError("query", "A period is required.");
  const start = localDate(checkDate(query.start, "start"), period);
  const end = localDate(checkDate(query.end, "end"), period);
  if (start > end) throw new InvalidArgumentError("start", `start (${start}) is after end (${end}).`);
  return { start, end };
}

/** The query of the session reads (`charges`, `hvac-sessions`). */
export function periodQuery(query: PeriodQuery): Record<string, string> {
  return periodOf(query, "day");
}

/** The query of the totals (`charge-history`, `hvac-history`). */
export function historyQuery(query: HistoryQuery): Record<string, string> {
  const period = (query as { period?: unknown } | null)?.period;
  if (period !== "day" && period !== "month")
    throw new InvalidArgumentError("period", 'period must be "day" or "month".');
  return { type: period, ...periodOf(query, period) };
}

/** A finite temperature in °C, within the model's bounds (src/registry/models.ts). */
export function checkTemperature(
  temperature: unknown,
  bounds: { readonly min: number; readonly max: number } = DEFAULT_LIMITS.hvacTemperature,
): number {
  if (typeof temperature !== "number" || !Number.isFinite(temperature)) {
    throw new InvalidArgumentError("temperature", "temperature must be a finite number (°C).");
  }
  if (temperature < bounds.min || temperature > bounds.max) {
    throw new InvalidArgumentError(
      "temperature",
      `temperature ${temperature} °C is out of range (${bounds.min}–${bounds.max} °C).`,
    );
  }
  return temperature;
}

/** A non-empty charge mode. */
export function checkMode(mode: unknown): string {
  if (typeof mode !== "string" || mode.trim() === "")
    throw new InvalidArgumentError("mode", "mode must be a non-empty string.");
  return mode;
}

/** Charge limits within the model's bounds (from the registry). */
export function checkSocLevels(levels: unknown, limits: ActionLimits): SocLevels {
  const { socMin, socTarget } = (levels ?? {}) as Partial<Record<keyof SocLevels, unknown>>;
  if (typeof socMin !== "number" || typeof socTarget !== "number")
    throw new InvalidArgumentError("levels", "socMin and socTarget must be numbers.");
  const { soc } = limits;
  const isStep = (value: number, min: number, max: number) =>
    Number.isInteger(value) && value >= min && value <= max && value % soc.step === 0;
  if (!isStep(socMin, soc.minSocMin, soc.maxSocMin)) {
    throw new InvalidArgumentError(
      "socMin",
      `Minimum state of charge level must be between ${soc.minSocMin} and ${soc.maxSocMin} with a step of ${soc.step}.`,
    );
  }
  if (!isStep(socTarget, soc.minSocTarget, soc.maxSocTarget)) {
    throw new InvalidArgumentError(
      "socTarget",
      `Target state of charge level must be between ${soc.minSocTarget} and ${soc.maxSocTarget} with a step of ${soc.step}.`,
    );
  }
  return { socMin, socTarget };
}
