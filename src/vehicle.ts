import { InvalidArgumentError } from "./errors.js";
import { path } from "./http/path.js";
import { type UnsupportedEndpoint, VehicleMemory, type VehicleMemoryOptions } from "./kamereon/memory.js";
import { ContractsSchema, type Alert, type Contract } from "./kamereon/models/account.js";
import {
  SocLevelsActionSchema,
  type BatterySoc,
  type BatteryStatus,
  type SocLevelsAction,
} from "./kamereon/models/battery.js";
import {
  EvSettingsSchema,
  type ChargeHistory,
  type ChargeMode,
  type Charges,
  type ChargingSettings,
  type EvSettings,
} from "./kamereon/models/charge.js";
import { parse, parseAction, parseAttributes, type ActionResult } from "./kamereon/models/common.js";
import {
  CarAdapterSchema,
  brandLabel,
  type CarAdapter,
  type VehicleDetails,
} from "./kamereon/models/details.js";
import type { HvacHistory, HvacSessions, HvacSettings, HvacStatus } from "./kamereon/models/hvac.js";
import type { Location } from "./kamereon/models/location.js";
import type {
  Cockpit,
  LockStatus,
  NotificationSettings,
  ResState,
  TyrePressure,
} from "./kamereon/models/status.js";
import {
  serializeChargeSchedules,
  serializeHvacSchedules,
  type ChargeSchedule,
  type HvacSchedule,
} from "./kamereon/schedules.js";
import {
  CAR_ADAPTER_ENDPOINT,
  isEndpointKey,
  limitsOf,
  type ActionArguments,
  type ActionKey,
  type EndpointKey,
  type HistoryKey,
  type ReadKey,
  type ReadResult,
} from "./registry/index.js";
import type { CallOptions, RenaultSession } from "./session.js";
import {
  checkMode,
  checkSocLevels,
  checkTemperature,
  historyQuery,
  periodQuery,
  startDateTimeOf,
  type HistoryQuery,
  type PeriodQuery,
  type SocLevels,
  type StartOptions,
} from "./vehicle/arguments.js";
import { VehicleCore, callOf } from "./vehicle/core.js";
import type { VehiclePersistence } from "./vehicle/persistence.js";

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
export class RenaultVehicle {
  /** The session all requests go through. */
  readonly session: RenaultSession;
  /** The Kamereon account the vehicle belongs to. */
  readonly accountId: string;
  /** The vehicle identification number. */
  readonly vin: string;
  readonly #core: VehicleCore;
  #carAdapter: Promise<CarAdapter> | undefined;
  #contracts: Promise<Contract[]> | undefined;

  /** @throws {InvalidArgumentError} an empty account id or VIN */
  constructor(options: RenaultVehicleOptions) {
    if (typeof options.accountId !== "string" || options.accountId === "") {
      throw new InvalidArgumentError("accountId", "accountId must be a non-empty string.");
    }
    if (typeof options.vin !== "string" || options.vin === "") {
      throw new InvalidArgumentError("vin", "vin must be a non-empty string.");
    }
    this.session = options.session;
    this.accountId = options.accountId;
    this.vin = options.vin;
    this.#core = new VehicleCore({
      session: options.session,
      accountId: options.accountId,
      vin: options.vin,
      warn: options.warn ?? (() => undefined),
      memory:
        options.memory ??
        new VehicleMemory(
          { unsupportedMemory: options.unsupportedMemory, cache: options.cache },
          options.now,
        ),
      details: options.details,
      freshDetails: options.freshDetails,
      persistence: options.persistence,
    });
    if (options.carAdapter) this.#carAdapter = Promise.resolve(options.carAdapter);
  }

  // --- commerce ---------------------------------------------------------------------------------

  /**
   * Brand, model, energy and pictures; fetched once per instance (or preloaded by the account, or
   * the model part kept from an earlier run in the credential store).
   */
  getDetails(options: CallOptions = {}): Promise<VehicleDetails> {
    return this.#core.details(options);
  }

  /**
   * Warranty and connected-services contracts, in the session's locale and for the vehicle's
   * brand. Cached per instance.
   */
  getContracts(options: CallOptions = {}): Promise<Contract[]> {
    this.#contracts ??= (async () => {
      const [settings, details] = await Promise.all([this.session.getSettings(), this.getDetails(options)]);
      const brand = brandLabel(details);
      const body = await this.session.request(
        "GET",
        path`/commerce/v1/accounts/${this.accountId}/vehicles/${this.vin}/contracts`,
        {
          ...callOf(options),
          arrayKey: "contractList",
          query: {
            ...(settings.locale === undefined ? {} : { locale: settings.locale }),
            ...(brand === undefined ? {} : { brand }),
            connectedServicesContracts: "true",
            warranty: "true",
            warrantyMaintenanceContracts: "true",
          },
        },
      );
      return parse(ContractsSchema, body, "contracts").contractList ?? [];
    })().catch((error: unknown) => {
      this.#contracts = undefined;
      throw error;
    });
    return this.#contracts;
  }

  // --- reads ------------------------------------------------------------------------------------

  /**
   * Any read without parameters, by its endpoint key; the result type follows from the key.
   * @example const battery = await vehicle.read("battery-status");
   * @throws {EndpointNotAvailableError}
   */
  read<K extends Exclude<ReadKey, HistoryKey>>(key: K, options: CallOptions = {}): Promise<ReadResult<K>> {
    return this.#core.read(key, options);
  }

  /** Active vehicle alerts (e.g. a faulty airbag). @throws {EndpointNotAvailableError} */
  getAlerts(options: CallOptions = {}): Promise<Alert[]> {
    return this.read("alerts", options);
  }

  /**
   * The car adapter's view of the vehicle (gateway, CAN generation, privacy mode). Cached per
   * instance.
   */
  getCarAdapter(options: CallOptions = {}): Promise<CarAdapter> {
    this.#carAdapter ??= (async () => {
      // No model is known to lack the car adapter, but the model lookup (and its warning) still applies.
      await this.#core.modelCode(options);
      const body = await this.session.request("GET", this.#core.url(CAR_ADAPTER_ENDPOINT), callOf(options));
      return parseAttributes(CarAdapterSchema, body, "car-adapter");
    })().catch((error: unknown) => {
      this.#carAdapter = undefined;
      throw error;
    });
    return this.#carAdapter;
  }

  /** Battery level, range, plug and charge state. @throws {EndpointNotAvailableError} */
  getBatteryStatus(options: CallOptions = {}): Promise<BatteryStatus> {
    return this.read("battery-status", options);
  }

  /** The charge limits `socMin`/`socTarget` (KCM `ev/soc-levels`). @throws {EndpointNotAvailableError} */
  getSocLevels(options: CallOptions = {}): Promise<BatterySoc> {
    return this.read("soc-levels", options);
  }

  /** Tyre pressures. @throws {EndpointNotAvailableError} */
  getTyrePressure(options: CallOptions = {}): Promise<TyrePressure> {
    return this.read("pressure", options);
  }

  /**
   * The last known position (updated at ignition-off; see `positionOf` for the "no fix" sentinel).
   * @throws {EndpointNotAvailableError}
   */
  getLocation(options: CallOptions = {}): Promise<Location> {
    return this.read("location", options);
  }

  /** Climate-control state and temperatures. @throws {EndpointNotAvailableError} */
  getHvacStatus(options: CallOptions = {}): Promise<HvacStatus> {
    return this.read("hvac-status", options);
  }

  /** HVAC mode and schedules (read them with `hvacSchedulesOf`). @throws {EndpointNotAvailableError} */
  getHvacSettings(options: CallOptions = {}): Promise<HvacSettings> {
    return this.read("hvac-settings", options);
  }

  /** The charge mode (ZOE phase 1 only). @throws {EndpointNotAvailableError} */
  getChargeMode(options: CallOptions = {}): Promise<ChargeMode> {
    return this.read("charge-mode", options);
  }

  /** Charge mode and schedules (read them with `chargeSchedulesOf`). @throws {EndpointNotAvailableError} */
  getChargingSettings(options: CallOptions = {}): Promise<ChargingSettings> {
    return this.read("charging-settings", options);
  }

  /** Mileage and fuel. @throws {EndpointNotAvailableError} */
  getCockpit(options: CallOptions = {}): Promise<Cockpit> {
    return this.read("cockpit", options);
  }

  /** Locks, doors and hatch. @throws {EndpointNotAvailableError} */
  getLockStatus(options: CallOptions = {}): Promise<LockStatus> {
    return this.read("lock-status", options);
  }

  /** Remote engine start state. @throws {EndpointNotAvailableError} */
  getResState(options: CallOptions = {}): Promise<ResState> {
    return this.read("res-state", options);
  }

  /**
   * The charge schedule: the KCA weekly calendar, or the whole KCM `ev/settings` object on models
   * that keep their schedule there (Renault 5, 4, A290, Master, Scenic…).
   * @throws {EndpointNotAvailableError}
   */
  getChargeSchedule(options: CallOptions = {}): Promise<ChargeScheduleResult> {
    return this.read("charge-schedule", options);
  }

  /** Notification settings. @throws {EndpointNotAvailableError} */
  getNotificationSettings(options: CallOptions = {}): Promise<NotificationSettings> {
    return this.read("notification-settings", options);
  }

  /**
   * Charge totals per day or month. `start`/`end` are sent from the Dates' local calendar dates.
   * @throws {InvalidArgumentError} a bad period or dates (nothing is sent)
   * @throws {EndpointNotAvailableError}
   */
  async getChargeHistory(query: HistoryQuery, options: CallOptions = {}): Promise<ChargeHistory> {
    return await this.#core.read("charge-history", options, historyQuery(query));
  }

  /**
   * Charge sessions between two days (local calendar dates, sent as `YYYYMMDD`). Durations are in
   * minutes or seconds depending on the model: see `chargeDurationMinutes`.
   * @throws {InvalidArgumentError} bad dates (nothing is sent)
   * @throws {EndpointNotAvailableError}
   */
  async getChargeSessions(query: PeriodQuery, options: CallOptions = {}): Promise<Charges> {
    return await this.#core.read("charges", options, periodQuery(query));
  }

  /**
   * HVAC use per day or month (local calendar dates).
   * @throws {InvalidArgumentError} a bad period or dates (nothing is sent)
   * @throws {EndpointNotAvailableError}
   */
  async getHvacHistory(query: HistoryQuery, options: CallOptions = {}): Promise<HvacHistory> {
    return await this.#core.read("hvac-history", options, historyQuery(query));
  }

  /**
   * HVAC sessions between two days (local calendar dates, sent as `YYYYMMDD`).
   * @throws {InvalidArgumentError} bad dates (nothing is sent)
   * @throws {EndpointNotAvailableError}
   */
  async getHvacSessions(query: PeriodQuery, options: CallOptions = {}): Promise<HvacSessions> {
    return await this.#core.read("hvac-sessions", options, periodQuery(query));
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
    const args = { temperature: checkTemperature(temperature), startDateTime: startDateTimeOf(start) };
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
