/**
 * Checks of values given on the command line (or saved by `set`) that the library would reject
 * late or not at all: each bad value is a usage error (exit 2) naming what is valid.
 */
import { UsageError } from "./usage.js";

/** Schedule ids are small integers (the cars keep up to 5 charge and 5 HVAC schedules). */
export const SCHEDULE_ID = { min: 1, max: 99 } as const;

/** A VIN or account id: it becomes one segment of a request path, so `.`, `..`, `/`… are refused. */
const ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/** Checks a `--temperature` for climate control against the model's bounds (`vehicle.hvacTemperatureLimits`). */
export function checkTemperature(
  value: number,
  bounds: { readonly min: number; readonly max: number },
  option = "--temperature",
): number {
  if (!Number.isFinite(value) || value < bounds.min || value > bounds.max) {
    throw new UsageError(
      `invalid value for ${option}: ${value} °C is out of range (${bounds.min}–${bounds.max} °C)`,
    );
  }
  return value;
}

/** A schedule id given on the command line. */
export function parseId(value: string): number {
  const id = /^\d{1,3}$/.test(value) ? Number(value) : Number.NaN;
  if (!(id >= SCHEDULE_ID.min && id <= SCHEDULE_ID.max)) {
    throw new UsageError(
      `invalid schedule ID '${value}' (a whole number from ${SCHEDULE_ID.min} to ${SCHEDULE_ID.max})`,
    );
  }
  return id;
}

/** Checks a VIN (`--vin`). */
export function checkVin(value: string, option = "--vin"): string {
  if (!ID.test(value)) {
    throw new UsageError(
      `invalid value for ${option}: '${value}' is not a VIN (letters and digits, 17 for a car)`,
    );
  }
  return value;
}

/** Checks an account id (`--account`). */
export function checkAccountId(value: string, option = "--account"): string {
  if (!ID.test(value)) {
    throw new UsageError(
      `invalid value for ${option}: '${value}' is not an account id (letters, digits, - and _)`,
    );
  }
  return value;
}
