/**
 * The reads of {@link RenaultVehicle}: one thin method per read endpoint, over
 * {@link VehicleCore.read}, plus the details, contracts and car adapter kept per instance.
 * The actions and the rest of the vehicle API are in src/vehicle.ts.
 */
import { path } from "../http/path.js";
import { ContractsSchema, type Alert, type Contract } from "../kamereon/models/account.js";
import type { BatterySoc, BatteryStatus } from "../kamereon/models/battery.js";
import type { ChargeHistory, ChargeMode, Charges, ChargingSettings } from "../kamereon/models/charge.js";
import { parse, parseAttributes } from "../kamereon/models/common.js";
import {
  CarAdapterSchema,
  brandLabel,
  type CarAdapter,
  type VehicleDetails,
} from "../kamereon/models/details.js";
import type { HvacHistory, HvacSessions, HvacSettings, HvacStatus } from "../kamereon/models/hvac.js";
import type { Location } from "../kamereon/models/location.js";
import type {
  Cockpit,
  LockStatus,
  NotificationSettings,
  ResState,
  TyrePressure,
} from "../kamereon/models/status.js";
import { CAR_ADAPTER_ENDPOINT, type HistoryKey, type ReadKey, type ReadResult } from "../registry/index.js";
import type { CallOptions, RenaultSession } from "../session.js";
import type { ChargeScheduleResult, RenaultVehicleOptions } from "../vehicle.js";
import { historyQuery, periodQuery, type HistoryQuery, type PeriodQuery } from "./arguments.js";
import { callOf, type VehicleCore } from "./core.js";

/** The read half of {@link RenaultVehicle} (use that class: this one is its base). */
export class VehicleReads {
  /** The session all requests go through. */
  readonly session: RenaultSession;
  /** The Kamereon account the vehicle belongs to. */
  readonly accountId: string;
  /** The vehicle identification number. */
  readonly vin: string;
  readonly #core: VehicleCore;
  #carAdapter: Promise<CarAdapter> | undefined;
  #contracts: Promise<Contract[]> | undefined;

  /** @internal Built by {@link RenaultVehicle}'s constructor, which checks the options. */
  constructor(options: RenaultVehicleOptions, core: VehicleCore) {
    this.session = options.session;
    this.accountId = options.accountId;
    this.vin = options.vin;
    this.#core = core;
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
}
