import { InvalidArgumentError } from "./errors.js";
import type { UnsupportedEndpoint, VehicleMemory, VehicleMemoryOptions } from "./kamereon/memory.js";
import { SocLevelsActionSchema, type SocLevelsAction } from "./kamereon/models/battery.js";
import { EvSettingsSchema, type EvSettings } from "./kamereon/models/charge.js";
import { parse, parseAction, type ActionResult } from "./kamereon/models/common.js";
import type { CarAdapter, VehicleDetails } from "./kamereon/models/details.js";
import {
  serializeChargeSchedules,
  serializeHvacSchedules,
  type ChargeSchedule,
  type HvacSchedule,
} from "./kamereon/schedules.js";
import {
  isEndpointKey,
  limitsOf,
  type ActionArguments,
  type ActionLimits,
  type ActionKey,
  type EndpointKey,
  type ReadResult,
} from "./registry/index.js";
import type { CallOptions, RenaultSession } from "./session.js";
import {
  checkMode,
  checkSocLevels,
  checkTemperature,
  startDateTimeOf,
  type SocLevels,
  type StartOptions,
} from "./vehicle/arguments.js";
import { createVehicleCore, callOf, type VehicleCore } from "./vehicle/core.js";
import type { VehiclePersistence } from "./vehicle/persistence.js";
import { VehicleReads } from "./vehicle/reads.js";

export type { HistoryQuery, PeriodQuery, SocLevels, StartOptions } from "./vehicle/arguments.js";
export type { EndpointKey, ReadKey, ReadResult } from "./registry/index.js";

/** How {@link RenaultVehicle} is built; {@link RenaultAccount} does it for you. */
export interface RenaultVehicleOptions {
  readonly session: RenaultSession;
  readonly accountId: string;
  readonly vin: string;
  /** Details already known (from the account's vehicle list): saves the `/details` request. */
  readonly details?: VehicleDetails | undefined;
  /** Ignore the details kept in the credential store: the first need fetches them complete. */
  readonly freshDetails?: boolean | undefined;
  /** Car-adapter data already known. */
  readonly carAdapter?: CarAdapter | undefined;
  /**
   * Receives routing warnings (undocumented model or endpoint). The client passes one that repeats
   * each message only once per client. @default silent
   */
  readonly warn?: ((message: string) => void) | undefined;
  /**
   * Remember endpoints the server says this vehicle does not support (`false` turns it off).
   * Ignored when `memory` is given. @default { ttl: 86_400_000 } (24 hours)
   */
  readonly unsupportedMemory?: VehicleMemoryOptions["unsupportedMemory"];
  /** Cache successful reads for a while. Ignored when `memory` is given. @default off */
  readonly cache?: VehicleMemoryOptions["cache"];
  /** Clock of the memory and cache, in epoch milliseconds. @default Date.now */
  readonly now?: (() => number) | undefined;
  /** The memory to use, shared by every instance of the same vehicle (the client passes its own). */
  readonly memory?: VehicleMemory | undefined;
  /** Where what the vehicle learns is kept between processes (the client passes its store's). */
  readonly persistence?: VehiclePersistence | undefined;
}

/** What `getChargeSchedule` returns: the KCA calendar, or KCM `ev/settings` on KCM models. */
export type ChargeScheduleResult = ReadResult<"charge-schedule">;

/**
 * What `startCharge` returns, by the API it went through: the action answer (KCA
 * `charging-start`, KCM `charge/start` or `charge/pause-resume`), or the `ev/settings` written back.
 */
export type ChargeStartResult =
  | { readonly via: "kca" | "kcm" | "kcm-pause-resume"; readonly result: ActionResult }
  | { readonly via: "kcm-settings"; readonly settings: EvSettings };

/**
 * What `stopCharge` returns: KCA `charging-start` "stop", KCM pause-resume "pause", or (`kcm`) a
 * KCM `charge/start` planned 24 h ahead (ZOE phase 2).
 */
export interface ChargeStopResult {
  readonly via: "kca" | "kcm" | "kcm-pause-resume";
  readonly result: ActionResult;
}

/** The keys whose route tells KCA from KCM (see `remoteProtocol`). */
const PROTOCOL_KEYS: readonly EndpointKey[] = [
  "actions/hvac-start",
  "actions/charge-start",
  "battery-status",
];

/** The bounds of `setSocLevels` (see `socLimits`), in percent. */
export type SocLimits = ActionLimits["soc"];

/** The bounds of `startHvac`'s temperature (see `hvacTemperatureLimits`), in °C. */
export type HvacTemperatureLimits = ActionLimits["hvacTemperature"];

/**
 * One vehicle of an account: thin methods, one per endpoint or action, over the endpoint registry
 * (src/registry/). Creating it does no I/O.
 *
 * Every endpoint goes through per-model routing: the model code comes from the vehicle details
 * (fetched once, on first need, unless preloaded or persisted), and an endpoint the model does not
 * support throws {@link EndpointNotAvailableError} before anything is sent.
 *
 * An endpoint the server answered as unsupported (`err.func.wired.notFound`, `…forbidden`,
 * `err.tech.501`, 403011) is remembered for a while (24 hours by default): meanwhile it throws
 * {@link EndpointNotAvailableError}, with that answer as `cause`, without a request. Transient
 * failures are never remembered. Reads may also be cached (`cache` option, off by default); actions
 * drop the cached reads they change. See docs/reliability.md.
 */
export class RenaultVehicle extends VehicleReads {
  readonly #core: VehicleCore;

  /** @throws {InvalidArgumentError} an empty account id or VIN */
  constructor(options: RenaultVehicleOptions) {
    const core = createVehicleCore(options);
    super(options, core);
    this.#core = core;
  }

  // --- actions ----------------------------------------------------------------------------------

  /**
   * Starts climate control at `temperature` °C, now or at `when`.
   * @throws {InvalidArgumentError} a bad temperature or date (nothing is sent)
   * @throws {EndpointNotAvailableError}
   */
  async startHvac(
    temperature: number,
    start: StartOptions = {},
    options: CallOptions = {},
  ): Promise<ActionResult> {
    const bounds = limitsOf(this.#core.knownModelCode()).hvacTemperature;
    const args = {
      temperature: checkTemperature(temperature, bounds),
      startDateTime: startDateTimeOf(start),
    };
    return this.#action("actions/hvac-start", args, options);
  }

  /**
   * Stops (or cancels) climate control: `cancel`, or `stop` on models that need it (A290, R5, Spring).
   * @throws {EndpointNotAvailableError}
   */
  async stopHvac(options: CallOptions = {}): Promise<ActionResult> {
    return this.#action("actions/hvac-stop", {}, options);
  }

  /**
   * Replaces the HVAC schedules. Send them all: the car keeps only what is posted.
   * @throws {RangeError} a malformed schedule (nothing is sent)
   * @throws {EndpointNotAvailableError}
   */
  async setHvacSchedules(
    schedules: readonly HvacSchedule[],
    options: CallOptions = {},
  ): Promise<ActionResult> {
    const args = { schedules: serializeHvacSchedules(schedules) };
    return this.#action("actions/hvac-set-schedule", args, options);
  }

  /**
   * Replaces the charge schedules (KCA, or KCM `charge/schedule` on the Megane E-Tech). Send them
   * all: the car keeps only what is posted.
   * @throws {RangeError} a malformed schedule (nothing is sent)
   * @throws {EndpointNotAvailableError}
   */
  async setChargeSchedules(
    schedules: readonly ChargeSchedule[],
    options: CallOptions = {},
  ): Promise<ActionResult> {
    const args = { schedules: serializeChargeSchedules(schedules) };
    return this.#action("actions/charge-set-schedule", args, options);
  }

  /**
   * Sets the charge mode, e.g. `always_charging` or `schedule_mode` (sent as given: values differ
   * between generations).
   * @throws {InvalidArgumentError} an empty mode (nothing is sent)
   * @throws {EndpointNotAvailableError}
   */
  async setChargeMode(mode: string, options: CallOptions = {}): Promise<ActionResult> {
    return this.#action("actions/charge-set-mode", { mode: checkMode(mode) }, options);
  }

  /**
   * Starts charging, with the model's strategy (the result's `via` says which):
   * - `kca`: KCA `charging-start` (default);
   * - `kcm`: KCM `charge/start`, which alone accepts `when` (Megane E-Tech, ZOE phase 2);
   * - `kcm-pause-resume`: KCM `charge/pause-resume` "resume" (Spring);
   * - `kcm-settings`: KCM `ev/settings` read, then written back with every program deactivated,
   *   which makes the car charge now (Renault 5, 4, A290, Master, Scenic). The programs stay
   *   deactivated.
   *
   * @throws {InvalidArgumentError} `when` on a model that cannot start later, or not a valid Date
   *   (nothing is sent)
   * @throws {EndpointNotAvailableError}
   */
  async startCharge(start: StartOptions = {}, options: CallOptions = {}): Promise<ChargeStartResult> {
    const { via, answer } = await this.#core.act(
      "actions/charge-start",
      { startDateTime: startDateTimeOf(start) },
      options,
    );
    if (via === "kcm-settings")
      return { via, settings: parse(EvSettingsSchema, answer, "actions/charge-start") };
    return { via, result: parseAction(answer, "actions/charge-start") };
  }

  /**
   * Stops charging, with the model's strategy (the result's `via` says which):
   * - `kca`: KCA `charging-start` "stop" (default);
   * - `kcm-pause-resume`: KCM `charge/pause-resume` "pause" (Spring);
   * - `kcm`: KCM `charge/start` with a start 24 h ahead (ZOE phase 2, which accepts the pause but
   *   ignores it); the car then waits for that start, so start it again to charge sooner.
   * @throws {EndpointNotAvailableError} the model has no remote stop (R5, R4, A290, Master, Megane,
   *   Scenic…)
   */
  async stopCharge(options: CallOptions = {}): Promise<ChargeStopResult> {
    const { via, answer } = await this.#core.act("actions/charge-stop", {}, options);
    const result = parseAction(answer, "actions/charge-stop");
    return { via: via === "kcm-pause-resume" || via === "kcm" ? via : "kca", result };
  }

  /**
   * Sets the charge limits (KCM `ev/soc-levels`), within the model's bounds: `socMin` 15–45 and
   * `socTarget` 55–100, by steps of 5.
   * @throws {InvalidArgumentError} a value of the wrong type or out of bounds (nothing is sent)
   * @throws {EndpointNotAvailableError}
   */
  async setSocLevels(levels: SocLevels, options: CallOptions = {}): Promise<SocLevelsAction> {
    const checked = checkSocLevels(levels, limitsOf(this.#core.knownModelCode()));
    const { answer } = await this.#core.act("soc-levels", checked, options);
    return parse(SocLevelsActionSchema, answer, "soc-levels");
  }

  /** Sounds the horn. @throws {EndpointNotAvailableError} */
  async honkHorn(options: CallOptions = {}): Promise<ActionResult> {
    return this.#action("actions/horn-start", {}, options);
  }

  /** Flashes the lights. @throws {EndpointNotAvailableError} */
  async flashLights(options: CallOptions = {}): Promise<ActionResult> {
    return this.#action("actions/lights-start", {}, options);
  }

  /**
   * Asks the car for a fresh position (the car answers after about 12 s).
   *
   * On a **parked** car the position and cockpit are only committed at ignition-off, so a refresh
   * replaces the stored fix with "no fix" (latitude 91, longitude 181, a fresh `lastUpdateTime`)
   * until the next trip, also in the MyRenault app: `positionOf` then returns `undefined`.
   * Refresh a moving or just-parked car only, or accept losing the position until it moves
   * (A5E1AE in docs/models.md).
   * @throws {EndpointNotAvailableError}
   */
  async refreshLocation(options: CallOptions = {}): Promise<ActionResult> {
    return this.#action("actions/refresh-location", {}, options);
  }

  // --- routing and raw access -------------------------------------------------------------------

  /**
   * The bounds `setSocLevels` accepts for this vehicle's model, in percent. Needs the details once;
   * no request after that.
   */
  async socLimits(options: CallOptions = {}): Promise<SocLimits> {
    return limitsOf(await this.#core.modelCode(options)).soc;
  }

  /**
   * The target temperatures `startHvac` accepts for this vehicle's model, in °C. Needs the details
   * once; no request after that.
   */
  async hvacTemperatureLimits(options: CallOptions = {}): Promise<HvacTemperatureLimits> {
    return limitsOf(await this.#core.modelCode(options)).hvacTemperature;
  }

  /**
   * The API the car's remote actions go through: `kca` (the car adapter) or `kcm` (the newer
   * vehicle API), from the route of the first of HVAC start, charge start and battery status the
   * model supports; undefined when it supports none. Needs the details once; no request after that.
   */
  async remoteProtocol(options: CallOptions = {}): Promise<"kca" | "kcm" | undefined> {
    for (const key of PROTOCOL_KEYS) {
      if (!(await this.#core.supports(key, options))) continue;
      const route = await this.#core.route(key, options);
      return route.path.startsWith("/kcm/") ? "kcm" : "kca";
    }
    return undefined;
  }

  /**
   * Whether the vehicle's model may support `key`: false when documented as unsupported, or when
   * the server answered so recently (see {@link knownUnsupported}). Needs the details once; no
   * request after that.
   * @throws {InvalidArgumentError} an unknown key
   */
  async supports(key: EndpointKey, options: CallOptions = {}): Promise<boolean> {
    if (!isEndpointKey(key)) throw new InvalidArgumentError("key", `Unknown endpoint key '${String(key)}'.`);
    return this.#core.supports(key, options);
  }

  /**
   * The endpoints the server answered as unsupported for this vehicle (or an earlier process with
   * the same credential store, once this vehicle has sent a request), and until when they are not
   * asked again. No request.
   */
  knownUnsupported(): UnsupportedEndpoint[] {
    return this.#core.memory.knownUnsupported();
  }

  /** Forgets what was learned about `key` (or every endpoint): the next call asks the server again. */
  forgetUnsupported(key?: EndpointKey): void {
    this.#core.memory.forgetUnsupported(key);
  }

  /** Drops every cached read of this vehicle (no-op when the cache is off). */
  clearCache(): void {
    this.#core.memory.clearCache();
  }

  /**
   * GETs any Kamereon path, with `{account_id}` and `{vin}` replaced by this vehicle's (encoded).
   * The answer is returned as parsed JSON, unvalidated.
   * @param rawPath - absolute path, e.g. `/commerce/v1/accounts/{account_id}/kamereon/kca/car-adapter/v1/cars/{vin}/cockpit`
   * @throws {InvalidArgumentError} a path that does not start with `/`
   */
  async httpGet(rawPath: string, options: CallOptions = {}): Promise<unknown> {
    const resolved = this.#core.rawPath(rawPath);
    return await this.session.request("GET", resolved, callOf(options));
  }

  /**
   * POSTs `body` (as JSON) to any Kamereon path, with `{account_id}` and `{vin}` replaced.
   * @throws {InvalidArgumentError} a path that does not start with `/`
   */
  async httpPost(rawPath: string, body: unknown, options: CallOptions = {}): Promise<unknown> {
    const resolved = this.#core.rawPath(rawPath);
    try {
      return await this.session.request("POST", resolved, { ...callOf(options), body });
    } finally {
      // Its effect is unknown: nothing cached can be trusted any more.
      this.#core.memory.clearCache();
    }
  }

  async #action<K extends ActionKey>(
    key: K,
    args: ActionArguments[K],
    options: CallOptions,
  ): Promise<ActionResult> {
    const { answer } = await this.#core.act(key, args, options);
    return parseAction(answer, key);
  }
}
