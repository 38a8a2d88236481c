import type * as v from "valibot";
import { EndpointNotAvailableError, KamereonError } from "./errors.js";
import { encodeSegment, path } from "./http/path.js";
import {
  CAR_ADAPTER_ENDPOINT,
  type EndpointDefinition,
  type EndpointKey,
  resolveEndpoint,
  supportsEndpoint,
  warnIfUndocumentedModel,
} from "./kamereon/endpoints.js";
import { AlertsSchema, ContractsSchema, type Alert, type Contract } from "./kamereon/models/account.js";
import {
  BatterySocSchema,
  BatteryStatusSchema,
  SocLevelsActionSchema,
  type BatterySoc,
  type BatteryStatus,
  type SocLevelsAction,
} from "./kamereon/models/battery.js";
import {
  ChargeHistorySchema,
  ChargeModeSchema,
  ChargesSchema,
  ChargingSettingsSchema,
  EvSettingsSchema,
  KcaChargeScheduleSchema,
  type ChargeHistory,
  type ChargeMode,
  type Charges,
  type ChargingSettings,
  type EvSettings,
  type KcaChargeSchedule,
} from "./kamereon/models/charge.js";
import { parse, parseAction, parseAttributes, type ActionResult } from "./kamereon/models/common.js";
import {
  CarAdapterSchema,
  VehicleDetailsSchema,
  brandLabel,
  modelCode,
  type CarAdapter,
  type VehicleDetails,
} from "./kamereon/models/details.js";
import {
  HvacHistorySchema,
  HvacSessionsSchema,
  HvacSettingsSchema,
  HvacStatusSchema,
  type HvacHistory,
  type HvacSessions,
  type HvacSettings,
  type HvacStatus,
} from "./kamereon/models/hvac.js";
import {
  INVALIDATED_BY,
  type EndpointUse,
  type UnsupportedEndpoint,
  VehicleMemory,
  type VehicleMemoryOptions,
} from "./kamereon/memory.js";
import { LocationSchema, type Location } from "./kamereon/models/location.js";
import {
  CockpitSchema,
  LockStatusSchema,
  NotificationSettingsSchema,
  ResStateSchema,
  TyrePressureSchema,
  type Cockpit,
  type LockStatus,
  type NotificationSettings,
  type ResState,
  type TyrePressure,
} from "./kamereon/models/status.js";
import {
  serializeChargeSchedules,
  serializeHvacSchedules,
  type ChargeSchedule,
  type HvacSchedule,
} from "./kamereon/schedules.js";
import type { CallOptions, RenaultSession, RequestOptions } from "./session.js";

/** Bounds of {@link RenaultVehicle.setBatterySoc}, as the MyRenault app enforces them. */
export const SOC_LIMITS = {
  minSocMin: 15,
  maxSocMin: 45,
  minSocTarget: 55,
  maxSocTarget: 100,
  step: 5,
} as const;

/** How {@link RenaultVehicle} is built; {@link RenaultAccount} does it for you. */
export interface RenaultVehicleOptions {
  readonly session: RenaultSession;
  readonly accountId: string;
  readonly vin: string;
  /** Details already known (from the account's vehicle list): saves the `/details` request. */
  readonly details?: VehicleDetails | undefined;
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
  /**
   * The memory to use, shared by every instance of the same vehicle: the client passes its own
   * (built from the client's `cache` and `unsupportedMemory` options).
   */
  readonly memory?: VehicleMemory | undefined;
}

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

/** When to start (`setAcStart`, `setChargeStart`). */
export interface StartOptions {
  /** Start later, at this instant (sent in UTC). Omit to start now. */
  readonly when?: Date | undefined;
}

/** Charge limits of {@link RenaultVehicle.setBatterySoc}, in percent. */
export interface SocLevels {
  /** 15 to 45, by steps of 5. */
  readonly min: number;
  /** 55 to 100, by steps of 5. */
  readonly target: number;
}

/** What `getChargeSchedule` returns: the KCA calendar, or KCM `ev/settings` on KCM models. */
export type ChargeScheduleResult = KcaChargeSchedule | EvSettings;

/** What `setChargeStart` returns: the action answer, or the `ev/settings` written back. */
export type ChargeStartResult = ActionResult | EvSettings;

/**
 * One vehicle of an account: ~40 thin methods, one per endpoint or action. Creating it does no I/O.
 *
 * Every endpoint goes through per-model routing: the model code comes from the vehicle details
 * (fetched once, on first need, unless the account preloaded them), and an endpoint the model does
 * not support throws {@link EndpointNotAvailableError} before anything is sent.
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
  readonly #warn: (message: string) => void;
  readonly #memory: VehicleMemory;
  #details: Promise<VehicleDetails> | undefined;
  #carAdapter: Promise<CarAdapter> | undefined;
  #contracts: Promise<Contract[]> | undefined;

  /** @throws {TypeError} an empty account id or VIN */
  constructor(options: RenaultVehicleOptions) {
    if (typeof options.accountId !== "string" || options.accountId === "") {
      throw new TypeError("accountId must be a non-empty string.");
    }
    if (typeof options.vin !== "string" || options.vin === "") {
      throw new TypeError("vin must be a non-empty string.");
    }
    this.session = options.session;
    this.accountId = options.accountId;
    this.vin = options.vin;
    this.#warn = options.warn ?? (() => undefined);
    this.#memory =
      options.memory ??
      new VehicleMemory({ unsupportedMemory: options.unsupportedMemory, cache: options.cache }, options.now);
    if (options.details) this.#details = Promise.resolve(options.details);
    if (options.carAdapter) this.#carAdapter = Promise.resolve(options.carAdapter);
  }

  // --- commerce ---------------------------------------------------------------------------------

  /** Brand, model, energy and pictures; fetched once per instance (or preloaded by the account). */
  getDetails(options: CallOptions = {}): Promise<VehicleDetails> {
    this.#details ??= this.#fetch(
      path`/commerce/v1/accounts/${this.accountId}/vehicles/${this.vin}/details`,
      VehicleDetailsSchema,
      "details",
      options,
    ).catch((error: unknown) => {
      this.#details = undefined;
      throw error;
    });
    return this.#details;
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

  /** Active vehicle alerts (e.g. a faulty airbag). @throws {EndpointNotAvailableError} */
  getAlerts(options: CallOptions = {}): Promise<Alert[]> {
    return this.#routedRead("alerts", options, undefined, async (definition) => {
      const body = await this.#send("read", "alerts", "GET", this.#url(definition), {
        ...callOf(options),
        arrayKey: "data",
      });
      return parse(AlertsSchema, body, "alerts").data ?? [];
    });
  }

  // --- reads ------------------------------------------------------------------------------------

  /**
   * The car adapter's view of the vehicle (gateway, CAN generation, privacy mode). Cached per
   * instance.
   */
  getCarAdapter(options: CallOptions = {}): Promise<CarAdapter> {
    this.#carAdapter ??= (async () => {
      // No model is known to lack the car adapter, but the model lookup (and its warning) still applies.
      await this.#modelCode(options);
      const body = await this.session.request("GET", this.#url(CAR_ADAPTER_ENDPOINT), callOf(options));
      return parseAttributes(CarAdapterSchema, body, "car-adapter");
    })().catch((error: unknown) => {
      this.#carAdapter = undefined;
      throw error;
    });
    return this.#carAdapter;
  }

  /** Battery level, range, plug and charge state. @throws {EndpointNotAvailableError} */
  getBatteryStatus(options: CallOptions = {}): Promise<BatteryStatus> {
    return this.#read("battery-status", BatteryStatusSchema, options);
  }

  /** The charge limits (KCM `ev/soc-levels`). @throws {EndpointNotAvailableError} */
  getBatterySoc(options: CallOptions = {}): Promise<BatterySoc> {
    return this.#routedRead("soc-levels", options, undefined, async (definition) => {
      const body = await this.#send("read", "soc-levels", "GET", this.#url(definition), callOf(options));
      return parse(BatterySocSchema, body, "soc-levels");
    });
  }

  /** Tyre pressures. @throws {EndpointNotAvailableError} */
  getTyrePressure(options: CallOptions = {}): Promise<TyrePressure> {
    return this.#read("pressure", TyrePressureSchema, options);
  }

  /**
   * The last known position (updated at ignition-off; see `positionOf` for the "no fix" sentinel).
   * @throws {EndpointNotAvailableError}
   */
  getLocation(options: CallOptions = {}): Promise<Location> {
    return this.#read("location", LocationSchema, options);
  }

  /** Climate-control state and temperatures. @throws {EndpointNotAvailableError} */
  getHvacStatus(options: CallOptions = {}): Promise<HvacStatus> {
    return this.#read("hvac-status", HvacStatusSchema, options);
  }

  /** HVAC mode and schedules (read them with `hvacSchedulesOf`). @throws {EndpointNotAvailableError} */
  getHvacSettings(options: CallOptions = {}): Promise<HvacSettings> {
    return this.#read("hvac-settings", HvacSettingsSchema, options);
  }

  /** The charge mode (ZOE phase 1 only). @throws {EndpointNotAvailableError} */
  getChargeMode(options: CallOptions = {}): Promise<ChargeMode> {
    return this.#read("charge-mode", ChargeModeSchema, options);
  }

  /** Charge mode and schedules (read them with `chargeSchedulesOf`). @throws {EndpointNotAvailableError} */
  getChargingSettings(options: CallOptions = {}): Promise<ChargingSettings> {
    return this.#read("charging-settings", ChargingSettingsSchema, options);
  }

  /** Mileage and fuel. @throws {EndpointNotAvailableError} */
  getCockpit(options: CallOptions = {}): Promise<Cockpit> {
    return this.#read("cockpit", CockpitSchema, options);
  }

  /** Locks, doors and hatch. @throws {EndpointNotAvailableError} */
  getLockStatus(options: CallOptions = {}): Promise<LockStatus> {
    return this.#read("lock-status", LockStatusSchema, options);
  }

  /** Remote engine start state. @throws {EndpointNotAvailableError} */
  getResState(options: CallOptions = {}): Promise<ResState> {
    return this.#read("res-state", ResStateSchema, options);
  }

  /**
   * The charge schedule: the KCA weekly calendar, or the whole KCM `ev/settings` object on models
   * that keep their schedule there (Renault 5, 4, A290, Master, Scenic…).
   * @throws {EndpointNotAvailableError}
   */
  getChargeSchedule(options: CallOptions = {}): Promise<ChargeScheduleResult> {
    const key = "charge-schedule";
    return this.#routedRead(key, options, undefined, async (definition) => {
      const body = await this.#send("read", key, "GET", this.#url(definition), callOf(options));
      return definition.mode === "kcm-settings"
        ? parse(EvSettingsSchema, body, key)
        : parseAttributes(KcaChargeScheduleSchema, body, key);
    });
  }

  /** Notification settings. @throws {EndpointNotAvailableError} */
  getNotificationSettings(options: CallOptions = {}): Promise<NotificationSettings> {
    return this.#read("notification-settings", NotificationSettingsSchema, options);
  }

  /**
   * Charge totals per day or month. `start`/`end` are sent from the Dates' local calendar dates.
   * @throws {TypeError} a value of the wrong type (nothing is sent)
   * @throws {RangeError} a bad period or dates (nothing is sent)
   * @throws {EndpointNotAvailableError}
   */
  async getChargeHistory(query: HistoryQuery, options: CallOptions = {}): Promise<ChargeHistory> {
    const params = historyQuery(query);
    return await this.#read("charge-history", ChargeHistorySchema, options, params);
  }

  /**
   * Charge sessions between two days (local calendar dates, sent as `YYYYMMDD`). Durations are in
   * minutes or seconds depending on the model: see `chargeDurationMinutes`.
   * @throws {TypeError} a value of the wrong type (nothing is sent)
   * @throws {RangeError} bad dates (nothing is sent)
   * @throws {EndpointNotAvailableError}
   */
  async getCharges(query: PeriodQuery, options: CallOptions = {}): Promise<Charges> {
    const params = periodQuery(query);
    return await this.#read("charges", ChargesSchema, options, params);
  }

  /**
   * HVAC use per day or month (local calendar dates).
   * @throws {TypeError} a value of the wrong type (nothing is sent)
   * @throws {RangeError} a bad period or dates (nothing is sent)
   * @throws {EndpointNotAvailableError}
   */
  async getHvacHistory(query: HistoryQuery, options: CallOptions = {}): Promise<HvacHistory> {
    const params = historyQuery(query);
    return await this.#read("hvac-history", HvacHistorySchema, options, params);
  }

  /**
   * HVAC sessions between two days (local calendar dates, sent as `YYYYMMDD`).
   * @throws {TypeError} a value of the wrong type (nothing is sent)
   * @throws {RangeError} bad dates (nothing is sent)
   * @throws {EndpointNotAvailableError}
   */
  async getHvacSessions(query: PeriodQuery, options: CallOptions = {}): Promise<HvacSessions> {
    const params = periodQuery(query);
    return await this.#read("hvac-sessions", HvacSessionsSchema, options, params);
  }

  // --- actions ----------------------------------------------------------------------------------

  /**
   * Starts climate control at `temperature` °C, now or at `when`.
   * @throws {TypeError} a value of the wrong type (nothing is sent)
   * @throws {RangeError} a bad temperature or date (nothing is sent)
   * @throws {EndpointNotAvailableError}
   */
  async setAcStart(
    temperature: number,
    start: StartOptions = {},
    options: CallOptions = {},
  ): Promise<ActionResult> {
    if (typeof temperature !== "number" || !Number.isFinite(temperature)) {
      throw new TypeError("temperature must be a finite number (°C).");
    }
    const startDateTime = start.when === undefined ? {} : { startDateTime: utcDateTime(start.when) };
    const definition = await this.#actionEndpoint("actions/hvac-start", options);
    return this.#action(
      definition,
      "actions/hvac-start",
      jsonApi("HvacStart", { action: "start", targetTemperature: temperature, ...startDateTime }),
      options,
    );
  }

  /**
   * Stops (or cancels) climate control: `cancel`, or `stop` on models that need it (A290, R5, Spring).
   * @throws {EndpointNotAvailableError}
   */
  async setAcStop(options: CallOptions = {}): Promise<ActionResult> {
    const definition = await this.#actionEndpoint("actions/hvac-stop", options);
    const action = definition.mode === "kca-stop" ? "stop" : "cancel";
    return this.#action(definition, "actions/hvac-stop", jsonApi("HvacStart", { action }), options);
  }

  /**
   * Replaces the HVAC schedules. Send them all: the car keeps only what is posted.
   * @throws {TypeError} a value of the wrong type (nothing is sent)
   * @throws {RangeError} a malformed schedule (nothing is sent)
   * @throws {EndpointNotAvailableError}
   */
  async setHvacSchedules(
    schedules: readonly HvacSchedule[],
    options: CallOptions = {},
  ): Promise<ActionResult> {
    const body = jsonApi("HvacSchedule", { schedules: serializeHvacSchedules(schedules) });
    const definition = await this.#actionEndpoint("actions/hvac-set-schedule", options);
    return this.#action(definition, "actions/hvac-set-schedule", body, options);
  }

  /**
   * Replaces the charge schedules (KCA, or KCM `charge/schedule` on the Megane E-Tech). Send them
   * all: the car keeps only what is posted.
   * @throws {TypeError} a value of the wrong type (nothing is sent)
   * @throws {RangeError} a malformed schedule (nothing is sent)
   * @throws {EndpointNotAvailableError}
   */
  async setChargeSchedules(
    schedules: readonly ChargeSchedule[],
    options: CallOptions = {},
  ): Promise<ActionResult> {
    const body = jsonApi("ChargeSchedule", { schedules: serializeChargeSchedules(schedules) });
    const definition = await this.#actionEndpoint("actions/charge-set-schedule", options);
    return this.#action(definition, "actions/charge-set-schedule", body, options);
  }

  /**
   * Sets the charge mode, e.g. `always_charging` or `schedule_mode` (sent as given: values differ
   * between generations).
   * @throws {TypeError} an empty mode (nothing is sent)
   * @throws {EndpointNotAvailableError}
   */
  async setChargeMode(mode: string, options: CallOptions = {}): Promise<ActionResult> {
    if (typeof mode !== "string" || mode.trim() === "")
      throw new TypeError("mode must be a non-empty string.");
    const definition = await this.#actionEndpoint("actions/charge-set-mode", options);
    return this.#action(
      definition,
      "actions/charge-set-mode",
      jsonApi("ChargeMode", { action: mode }),
      options,
    );
  }

  /**
   * Starts charging, with the model's strategy:
   * - KCA `charging-start` (default);
   * - KCM `charge/start`, which alone accepts `when` (Megane E-Tech);
   * - KCM `charge/pause-resume` "resume" (Spring);
   * - KCM `ev/settings`: read it, then write it back with every program deactivated, which makes
   *   the car charge now (Renault 5, 4, A290, Master). The programs stay deactivated.
   *
   * @throws {TypeError} `when` on a model that cannot start later, or not a valid Date (nothing is sent)
   * @throws {EndpointNotAvailableError}
   */
  async setChargeStart(start: StartOptions = {}, options: CallOptions = {}): Promise<ChargeStartResult> {
    const startDateTime = start.when === undefined ? undefined : utcDateTime(start.when);
    const key = "actions/charge-start";
    const definition = await this.#actionEndpoint(key, options);
    if (startDateTime !== undefined && definition.mode !== "kcm") {
      // The Python client silently ignored `when` here and started at once.
      throw new TypeError(
        `This vehicle cannot schedule a charge start (mode ${definition.mode}); omit "when".`,
      );
    }
    switch (definition.mode) {
      case "kcm":
        return this.#action(
          definition,
          key,
          jsonApi("ChargingStart", { action: "start", ...(startDateTime ? { startDateTime } : {}) }),
          options,
        );
      case "kcm-pause-resume":
        return this.#action(definition, key, jsonApi("ChargePauseResume", { action: "resume" }), options);
      case "kcm-settings": {
        // Disabling every program makes the car charge now (upstream issue #1348).
        const url = this.#url(definition);
        const current = parse(
          EvSettingsSchema,
          await this.#send("action", key, "GET", url, callOf(options)),
          "ev/settings",
        );
        const body =
          current.programs === null || current.programs === undefined
            ? current
            : {
                ...current,
                programs: current.programs.map((program) => ({ ...program, programActivationStatus: false })),
              };
        return parse(
          EvSettingsSchema,
          await this.#send("action", key, "POST", url, { ...callOf(options), body }),
          key,
        );
      }
      case "default":
      case "kca-stop":
        return this.#action(definition, key, jsonApi("ChargingStart", { action: "start" }), options);
    }
  }

  /**
   * Stops charging: KCA `charging-start` "stop", or KCM pause-resume "pause" (ZOE phase 2, Spring).
   * @throws {EndpointNotAvailableError} the model has no remote stop (R5, R4, A290, Master, Megane…)
   */
  async setChargeStop(options: CallOptions = {}): Promise<ActionResult> {
    const key = "actions/charge-stop";
    const definition = await this.#actionEndpoint(key, options);
    switch (definition.mode) {
      case "kcm-pause-resume":
        return this.#action(definition, key, jsonApi("ChargePauseResume", { action: "pause" }), options);
      case "default":
      case "kca-stop":
        return this.#action(definition, key, jsonApi("ChargingStart", { action: "stop" }), options);
      case "kcm":
      case "kcm-settings":
        throw new EndpointNotAvailableError(key, await this.#modelCode(options));
    }
  }

  /**
   * Sets the charge limits (KCM `ev/soc-levels`).
   * @throws {TypeError} a value of the wrong type (nothing is sent)
   * @throws {RangeError} limits outside the app's bounds: min 15–45 and target
   *   55–100, by steps of 5 (nothing is sent)
   * @throws {EndpointNotAvailableError}
   */
  async setBatterySoc(levels: SocLevels, options: CallOptions = {}): Promise<SocLevelsAction> {
    const { min, target } = levels;
    if (typeof min !== "number" || typeof target !== "number")
      throw new TypeError("min and target must be numbers.");
    if (!isStep(min, SOC_LIMITS.minSocMin, SOC_LIMITS.maxSocMin)) {
      throw new RangeError("Minimum state of charge level must be between 15 and 45 with a step of 5.");
    }
    if (!isStep(target, SOC_LIMITS.minSocTarget, SOC_LIMITS.maxSocTarget)) {
      throw new RangeError("Target state of charge level must be between 55 and 100 with a step of 5.");
    }
    const definition = await this.#actionEndpoint("soc-levels", options);
    const body = await this.#send("action", "soc-levels", "POST", this.#url(definition), {
      ...callOf(options),
      body: { socMin: min, socTarget: target },
    });
    return parse(SocLevelsActionSchema, body, "soc-levels");
  }

  /** Sounds the horn. @throws {EndpointNotAvailableError} */
  async startHorn(options: CallOptions = {}): Promise<ActionResult> {
    const definition = await this.#actionEndpoint("actions/horn-start", options);
    return this.#action(
      definition,
      "actions/horn-start",
      jsonApi("HornLights", { action: "start", target: "horn" }),
      options,
    );
  }

  /** Flashes the lights. @throws {EndpointNotAvailableError} */
  async startLights(options: CallOptions = {}): Promise<ActionResult> {
    const definition = await this.#actionEndpoint("actions/lights-start", options);
    return this.#action(
      definition,
      "actions/lights-start",
      jsonApi("HornLights", { action: "start", target: "lights" }),
      options,
    );
  }

  /**
   * Asks the car for a fresh position. On a parked car this may replace a good fix with "no fix"
   * (91/181) until the next trip (field notes C.4).
   * @throws {EndpointNotAvailableError}
   */
  async refreshLocation(options: CallOptions = {}): Promise<ActionResult> {
    const definition = await this.#actionEndpoint("actions/refresh-location", options);
    return this.#action(
      definition,
      "actions/refresh-location",
      { data: { type: "RefreshLocation" } },
      options,
    );
  }

  // --- routing and raw access -------------------------------------------------------------------

  /**
   * Whether the vehicle's model may support `key`: false when documented as unsupported, or when
   * the server answered so recently (see {@link knownUnsupported}). Needs the details once; no
   * request after that.
   */
  async supportsEndpoint(key: EndpointKey, options: CallOptions = {}): Promise<boolean> {
    if (this.#memory.isKnownUnsupported(useOf(key), key)) return false;
    return supportsEndpoint(await this.getDetails(options), key);
  }

  /**
   * The endpoints the server answered as unsupported for this vehicle, and until when they are
   * not asked again. No request.
   */
  knownUnsupported(): UnsupportedEndpoint[] {
    return this.#memory.knownUnsupported();
  }

  /** Forgets what was learned about `key` (or every endpoint): the next call asks the server again. */
  forgetUnsupported(key?: EndpointKey): void {
    this.#memory.forgetUnsupported(key);
  }

  /** Drops every cached read of this vehicle (no-op when the cache is off). */
  clearCache(): void {
    this.#memory.clearCache();
  }

  /**
   * GETs any Kamereon path, with `{account_id}` and `{vin}` replaced by this vehicle's (encoded).
   * The answer is returned as parsed JSON, unvalidated.
   * @param rawPath - absolute path, e.g. `/commerce/v1/accounts/{account_id}/kamereon/kca/car-adapter/v1/cars/{vin}/cockpit`
   * @throws {TypeError} a path that does not start with `/`
   */
  async httpGet(rawPath: string, options: CallOptions = {}): Promise<unknown> {
    const resolved = this.#rawPath(rawPath);
    return await this.session.request("GET", resolved, callOf(options));
  }

  /**
   * POSTs `body` (as JSON) to any Kamereon path, with `{account_id}` and `{vin}` replaced.
   * @throws {TypeError} a path that does not start with `/`
   */
  async httpPost(rawPath: string, body: unknown, options: CallOptions = {}): Promise<unknown> {
    const resolved = this.#rawPath(rawPath);
    try {
      return await this.session.request("POST", resolved, { ...callOf(options), body });
    } finally {
      // Its effect is unknown: nothing cached can be trusted any more.
      this.#memory.clearCache();
    }
  }

  // --- internals --------------------------------------------------------------------------------

  async #modelCode(options: CallOptions): Promise<string | undefined> {
    const code = modelCode(await this.getDetails(options));
    warnIfUndocumentedModel(code, this.#warn);
    return code;
  }

  async #endpoint(key: EndpointKey, options: CallOptions): Promise<EndpointDefinition> {
    return resolveEndpoint(modelCode(await this.getDetails(options)), key, this.#warn);
  }

  #url(definition: EndpointDefinition): string {
    return (
      path`/commerce/v1/accounts/${this.accountId}/kamereon` +
      definition.path.replaceAll("{vin}", encodeSegment(this.vin))
    );
  }

  #rawPath(rawPath: string): string {
    if (typeof rawPath !== "string" || !rawPath.startsWith("/")) {
      throw new TypeError('The path must be absolute, e.g. "/commerce/v1/accounts/{account_id}/…".');
    }
    return rawPath
      .replaceAll("{account_id}", encodeSegment(this.accountId))
      .replaceAll("{vin}", encodeSegment(this.vin));
  }

  #read<const TSchema extends v.GenericSchema>(
    key: EndpointKey,
    schema: TSchema,
    options: CallOptions,
    query?: Readonly<Record<string, string>>,
  ): Promise<v.InferOutput<TSchema>> {
    return this.#routedRead(key, options, query, async (definition) => {
      const url = this.#url(definition);
      const body = await this.#send(
        "read",
        key,
        "GET",
        url,
        { ...callOf(options), query },
        query !== undefined,
      );
      return parseAttributes(schema, body, key);
    });
  }

  /**
   * A routed read: a cached value when there is one; else, unless the endpoint is known
   * unsupported, the request; a value that parsed is cached (when the cache is on).
   */
  async #routedRead<T>(
    key: EndpointKey,
    options: CallOptions,
    query: Readonly<Record<string, string>> | undefined,
    read: (definition: EndpointDefinition) => Promise<T>,
  ): Promise<T> {
    const hit = this.#memory.cached(key, query);
    if (hit) return hit.value as T;
    this.#memory.check("read", key);
    const generation = this.#memory.generation(key);
    const value = await read(await this.#endpoint(key, options));
    this.#memory.store(key, query, value, generation);
    return value;
  }

  /** The definition of an action, unless the endpoint is known unsupported. */
  async #actionEndpoint(key: EndpointKey, options: CallOptions): Promise<EndpointDefinition> {
    this.#memory.check("action", key);
    return this.#endpoint(key, options);
  }

  /**
   * Sends a routed request and learns from its answer: a success marks the endpoint as working, an
   * "unsupported" answer is remembered. An action drops the cached reads it changes, whatever its
   * outcome (it may have reached the car even when the answer was lost).
   */
  async #send(
    use: EndpointUse,
    key: EndpointKey,
    method: "GET" | "POST",
    url: string,
    request: RequestOptions,
    period = false,
  ): Promise<unknown> {
    try {
      const body = await this.session.request(method, url, request);
      this.#memory.succeeded(use, key);
      return body;
    } catch (error) {
      if (error instanceof KamereonError) {
        const details = await this.#details?.catch(() => undefined);
        this.#memory.failed(use, key, error, { modelCode: details && modelCode(details), period });
      }
      throw error;
    } finally {
      if (method === "POST") this.#memory.invalidate(INVALIDATED_BY[key] ?? []);
    }
  }

  async #fetch<const TSchema extends v.GenericSchema>(
    url: string,
    schema: TSchema,
    endpoint: string,
    options: CallOptions,
  ): Promise<v.InferOutput<TSchema>> {
    return parse(schema, await this.session.request("GET", url, callOf(options)), endpoint);
  }

  async #action(
    definition: EndpointDefinition,
    key: EndpointKey,
    body: unknown,
    options: CallOptions,
  ): Promise<ActionResult> {
    const answer = await this.#send("action", key, "POST", this.#url(definition), {
      ...callOf(options),
      body,
    });
    return parseAction(answer, key);
  }
}

function useOf(key: EndpointKey): EndpointUse {
  return key.startsWith("actions/") ? "action" : "read";
}

function callOf(options: CallOptions): CallOptions {
  return { signal: options.signal, timeout: options.timeout };
}

function jsonApi(type: string, attributes: Readonly<Record<string, unknown>>) {
  return { data: { type, attributes } };
}

function isStep(value: number, min: number, max: number): boolean {
  return Number.isInteger(value) && value >= min && value <= max && value % SOC_LIMITS.step === 0;
}

function checkDate(value: unknown, name: string): Date {
  if (!(value instanceof Date)) throw new TypeError(`${name} must be a Date.`);
  if (Number.isNaN(value.getTime())) throw new RangeError(`${name} is an invalid Date.`);
  return value;
}

/** `YYYY-MM-DDTHH:MM:SSZ` in UTC, as the actions expect. */
function utcDateTime(value: unknown): string {
  return checkDate(value, "when")
    .toISOString()
    .replace(/\.\d{3}Z$/, "Z");
}

/** The local calendar date of a Date, as `YYYYMMDD` (day) or `YYYYMM` (month). */
function localDate(value: Date, period: "day" | "month"): string {
  const month = `${value.getFullYear()}${String(value.getMonth() + 1).padStart(2, "0")}`;
  return period === "month" ? month : `${month}${String(value.getDate()).padStart(2, "0")}`;
}

function periodOf(query: PeriodQuery, period: "day" | "month"): { start: string; end: string } {
  if (typeof query !== "object" || (query as unknown) === null) throw new TypeError("A period is required.");
  const start = localDate(checkDate(query.start, "start"), period);
  const end = localDate(checkDate(query.end, "end"), period);
  if (start > end) throw new RangeError(`start (${start}) is after end (${end}).`);
  return { start, end };
}

function periodQuery(query: PeriodQuery): Record<string, string> {
  return periodOf(query, "day");
}

function historyQuery(query: HistoryQuery): Record<string, string> {
  const period = (query as { period?: unknown } | null)?.period;
  if (period !== "day" && period !== "month") throw new RangeError('period must be "day" or "month".');
  return { type: period, ...periodOf(query, period) };
}
