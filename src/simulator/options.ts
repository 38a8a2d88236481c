/** Validation of the simulator's options. */
import { ConfigurationError } from "../errors.js";
import type { SimulatorOptions } from "./server.js";

/**
 * Checks the options of `startSimulator`.
 * @throws {ConfigurationError} naming the first invalid option
 */
export function checkOptions(options: SimulatorOptions): void {
  const positive = (name: string, value: number | undefined, integer = false) => {
    if (value === undefined) return;
    if (!Number.isFinite(value) || value <= 0 || (integer && !Number.isInteger(value)))
      throw new ConfigurationError(
        `Simulator option ${name} must be a positive ${integer ? "integer" : "number"}.`,
      );
  };
  if (options.clock !== undefined && options.now !== undefined)
    throw new ConfigurationError("Simulator options clock and now exclude each other: give one.");
  if (
    options.actionDelay !== undefined &&
    !(Number.isFinite(options.actionDelay) && options.actionDelay >= 0)
  )
    throw new ConfigurationError("Simulator option actionDelay must be milliseconds ≥ 0.");
  positive("quota", options.quota, true);
  positive("quotaWindow", options.quotaWindow);
  positive("jwtTtl", options.jwtTtl);
  positive("maxRecorded", options.maxRecorded, true);
  const latency = options.latency;
  const [min, max]: readonly number[] =
    latency === undefined ? [0, 0] : typeof latency === "number" ? [latency, latency] : latency;
  if (min === undefined || max === undefined || !(min >= 0 && max >= min && Number.isFinite(max)))
    throw new ConfigurationError("Simulator option latency must be milliseconds ≥ 0, or a [min, max] range.");
}
