/**
 * The simulator's clock: real time by default, or a controllable one that starts where you say,
 * runs at any speed (0 = only when told) and can be moved forward. Every time the simulator uses
 * (JWT expiry, the quota window, the timestamps cars report, cars charging and driving) reads it.
 */
import { ConfigurationError } from "../errors.js";

/** Options of {@link SimulatorClock}. */
export interface SimulatorClockOptions {
  /** Where the clock starts: epoch milliseconds or an ISO date-time. @default the source's now */
  readonly start?: number | string;
  /**
   * Simulated milliseconds per real millisecond: `1` real time, `60` a minute per second, `0` a
   * clock that moves only with {@link SimulatorClock.advance}.
   * @default 1
   */
  readonly speed?: number;
  /** The real clock it follows, in epoch milliseconds. @default Date.now */
  readonly source?: () => number;
}

/**
 * A controllable clock for the simulator (option `clock`).
 *
 * @example
 * const clock = new SimulatorClock({ start: "2026-12-01T05:00:00Z", speed: 0 });
 * const sim = await startSimulator({ clock });
 * clock.advance(40 * 60_000); // forty minutes pass at once
 */
export class SimulatorClock {
  readonly #source: () => number;
  readonly #speed: number;
  readonly #realStart: number;
  #base: number;

  /** @throws {ConfigurationError} a negative or non-finite speed, or an invalid start */
  constructor(options: SimulatorClockOptions = {}) {
    const speed = options.speed ?? 1;
    if (!Number.isFinite(speed) || speed < 0)
      throw new ConfigurationError(`clock speed must be a number ≥ 0, got ${String(speed)}`);
    this.#source = options.source ?? Date.now;
    this.#speed = speed;
    this.#realStart = this.#source();
    const start = options.start === undefined ? this.#realStart : toEpoch(options.start);
    if (!Number.isFinite(start)) throw new ConfigurationError(`invalid clock start ${String(options.start)}`);
    this.#base = start;
  }

  /** The simulated time, in epoch milliseconds. */
  now(): number {
    return this.#base + (this.#source() - this.#realStart) * this.#speed;
  }

  /**
   * Moves the clock forward; what the cars do meanwhile (charging, scripted trips, actions that
   * take effect late) happens at the right simulated times.
   * @throws {ConfigurationError} a negative or non-finite duration
   * @unit milliseconds
   */
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0)
      throw new ConfigurationError(`the clock only moves forward, got ${String(ms)} ms`);
    this.#base += ms;
  }

  /**
   * Moves the clock forward to `time` (epoch ms, ISO date-time, or `HH:MM` UTC: the next such time).
   * @throws {ConfigurationError} a time in the past, or an invalid one
   */
  advanceTo(time: number | string): void {
    const target = resolveTime(time, this.now());
    this.advance(target - this.now());
  }
}

function toEpoch(value: number | string): number {
  return typeof value === "number" ? value : Date.parse(value);
}

/**
 * A script time as epoch milliseconds: a number, an ISO date-time, `HH:MM` (UTC; the first such
 * time at or after `from`), or `+N` with a unit `s`, `m` or `h` after `from`.
 * @throws {ConfigurationError} an invalid time
 */
export function resolveTime(time: number | string, from: number): number {
  if (typeof time === "number") {
    if (Number.isFinite(time)) return time;
  } else {
    const relative = /^\+(\d+(?:\.\d+)?)(s|m|h)$/.exec(time);
    if (relative)
      return from + Number(relative[1]) * { s: 1000, m: 60_000, h: 3_600_000 }[relative[2] as "s"];
    const clock = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
    if (clock) {
      const day = new Date(from);
      day.setUTCHours(Number(clock[1]), Number(clock[2]), 0, 0);
      return day.getTime() >= from ? day.getTime() : day.getTime() + 24 * 3_600_000;
    }
    const parsed = Date.parse(time);
    if (/^\d{4}-\d\d-\d\dT/.test(time) && Number.isFinite(parsed)) return parsed;
  }
  throw new ConfigurationError(
    `invalid time ${JSON.stringify(time)}: use epoch ms, an ISO date-time, HH:MM or +N[s|m|h]`,
  );
}
