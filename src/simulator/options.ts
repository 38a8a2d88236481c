/** The simulator's options, and their validation. */
import { ConfigurationError } from "../errors.js";
import type { SimulatorClock } from "./clock.js";
import type { FaultSpecs } from "./faults.js";
import type { RecordedRequest } from "./server.js";

/** Options of {@link startSimulator}. */
export interface SimulatorOptions {
  /** TCP port on 127.0.0.1. @default 0 (any free port) */
  readonly port?: number;
  /**
   * Latency added to every answer: fixed milliseconds, or a `[min, max]` range drawn uniformly.
   * @default 0
   * @unit milliseconds
   */
  readonly latency?: number | readonly [number, number];
  /**
   * Faults to inject: a spec string such as `"5xx@battery-status:2,reset@5"` (see
   * `parseFaultSpec` and docs/simulator.md), structured specs, or a list mixing both.
   * @default none
   */
  readonly faults?: FaultSpecs;
  /**
   * Lifetime of minted JWTs, capped by the `expiration` the client asks for. Kamereon rejects an
   * expired JWT with 401 `err.func.wired.unauthorized`.
   * @default the asked expiration
   * @unit seconds
   */
  readonly jwtTtl?: number;
  /**
   * Requests per Kamereon account per sliding window ({@link SimulatorOptions.quotaWindow}); the
   * next one gets 429 `err.func.wired.overloaded` with `Retry-After`. Only accepted account
   * requests count (the person read does not).
   * @default unlimited
   */
  readonly quota?: number;
  /**
   * Length of the quota's sliding window.
   * @default 3600
   * @unit seconds
   */
  readonly quotaWindow?: number;
  /** Clock in epoch milliseconds: JWT expiry, quota window, data timestamps. @default Date.now */
  readonly now?: () => number;
  /**
   * A controllable clock (instead of `now`): may start anywhere, run faster than real time, and
   * be moved forward; the cars charge, drive and act on it. @default real time
   */
  readonly clock?: SimulatorClock;
  /**
   * How long cars take to act on an accepted action, on the simulator's clock (the answer comes
   * at once, as the real service queues the command); a car's `state.actionDelay` overrides it.
   * @default 0
   * @unit milliseconds
   */
  readonly actionDelay?: number;
  /**
   * Cars act as their model was reported to: 10–30 s to act (15 s, or `actionDelay`; 30 s for a
   * Scenic's charge start, 12 s for an A290's refresh), and known no-ops accepted but ignored
   * (a ZOE 50's KCM pause, an R5's HVAC stop). See `IGNORED_ACTIONS` in models.ts.
   * @default false
   */
  readonly modelQuirks?: boolean;
  /**
   * Also serve the cars of docs/api-notes.md, 2026 (Bigster, Scenic, Espace VI, A290, Captur LPG,
   * Megane estate PHEV, and a Megane E-Tech on `SRP`) in a third account, `account-id-2026`.
   * @default false
   */
  readonly newModels?: boolean;
  /**
   * Send a `Date` header this far from the simulator's clock (a server whose clock disagrees with
   * this machine's: a fresh JWT then looks expired or not yet valid). @default the real date
   * @unit milliseconds
   */
  readonly dateOffset?: number;
  /**
   * Called once per request when its outcome is decided (answered, reset, or left hanging); the
   * CLI prints its request log from here. Exceptions it throws are ignored.
   */
  readonly onRequest?: (request: RecordedRequest) => void;
  /**
   * How many requests {@link Simulator.requests} keeps (the oldest go first), so a long-running
   * simulator does not grow without bound.
   * @default 10_000
   */
  readonly maxRecorded?: number;
  /**
   * A probe bundle (`renault-api probe`) whose car is served next to the demo cars, answering as
   * the bundle recorded (see docs/probe.md).
   * @default none
   */
  readonly fixtures?: string;
}

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
  if (options.dateOffset !== undefined && !Number.isFinite(options.dateOffset))
    throw new ConfigurationError("Simulator option dateOffset must be a number of milliseconds.");
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
