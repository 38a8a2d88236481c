import { model, num, str } from "./common.js";
import {
  ChargeState,
  PlugState,
  type ChargeStateLabel,
  type ChargingStatusCode,
  type PlugStateLabel,
  type PlugStatusCode,
} from "./codes.js";

export {
  ChargeState,
  PlugState,
  type ChargeStateLabel,
  type ChargingStatusCode,
  type PlugStateLabel,
  type PlugStatusCode,
} from "./codes.js";

/**
 * Battery and charge state (`battery-status`), in the units the car reports them (see
 * {@link chargingPowerKw}). Fields the library does not declare: {@link rawPayload}.
 */
export interface BatteryStatus {
  /** When the car last sent these values, ISO 8601 (e.g. `2020-11-17T09:06:48Z`). */
  readonly timestamp?: string | null | undefined;
  /**
   * State of charge.
   * @unit percent (0–100)
   */
  readonly batteryLevel?: number | null | undefined;
  /**
   * Battery temperature; often missing, and wrong on ZOE phase 2.
   * @unit °C
   */
  readonly batteryTemperature?: number | null | undefined;
  /**
   * Electric range.
   * @unit km
   */
  readonly batteryAutonomy?: number | null | undefined;
  /**
   * Always 0 in practice.
   * @unit kWh
   */
  readonly batteryCapacity?: number | null | undefined;
  /**
   * Energy left in the battery.
   * @unit kWh
   */
  readonly batteryAvailableEnergy?: number | null | undefined;
  /** Whether a cable is plugged: see {@link PlugState} and {@link plugStateLabel}. */
  readonly plugStatus?: PlugStatusCode | null | undefined;
  /** Charging or not, and why: see {@link ChargeState} and {@link chargeStateLabel}. */
  readonly chargingStatus?: ChargingStatusCode | null | undefined;
  /**
   * Time left until the charge ends.
   * @unit minutes
   */
  readonly chargingRemainingTime?: number | null | undefined;
  /**
   * Charging power: kW on most models, **W** on ZOE phase 1: read it with {@link chargingPowerKw}.
   * @unit kW, or W on ZOE phase 1 (GDC gateway)
   */
  readonly chargingInstantaneousPower?: number | null | undefined;
  /** When `chargingRemainingTime` was computed, ISO 8601. */
  readonly chargingRemainingTimeLastUpdateDateTime?: string | null | undefined;
  /** Vehicle-to-load system state shown on the dashboard; the values' meanings are not known. */
  readonly V2L_SystemStatusDisplay?: number | null | undefined;
}
/** Reads {@link BatteryStatus} (the `battery-status` attributes). */
export const BatteryStatusSchema = model<BatteryStatus>()({
  timestamp: str(),
  batteryLevel: num(),
  batteryTemperature: num(),
  batteryAutonomy: num(),
  batteryCapacity: num(),
  batteryAvailableEnergy: num(),
  plugStatus: num(),
  chargingStatus: num(),
  chargingRemainingTime: num(),
  chargingInstantaneousPower: num(),
  chargingRemainingTimeLastUpdateDateTime: str(),
  V2L_SystemStatusDisplay: num(),
});

/** The battery charge limits (KCM `ev/soc-levels`, a flat body). */
export interface BatterySoc {
  /** When the limits were last changed, ISO 8601. */
  readonly lastEnergyUpdateTimestamp?: string | null | undefined;
  /**
   * Minimum state of charge kept for the next trip.
   * @unit percent (0–100)
   */
  readonly socMin?: number | null | undefined;
  /**
   * Target state of charge.
   * @unit percent (0–100)
   */
  readonly socTarget?: number | null | undefined;
}
/** Reads {@link BatterySoc}. */
export const BatterySocSchema = model<BatterySoc>()({
  lastEnergyUpdateTimestamp: str(),
  socMin: num(),
  socTarget: num(),
});

/** Answer to a `soc-levels` POST (flat), e.g. `{commandId, type: "SOC_SYNCH", status: "CREATED"}`. */
export interface SocLevelsAction {
  /** Id of the command the car will run. */
  readonly commandId?: string | null | undefined;
  /** e.g. `SOC_SYNCH`. */
  readonly type?: string | null | undefined;
  /** e.g. `CREATED`. */
  readonly status?: string | null | undefined;
}
/** Reads {@link SocLevelsAction}. */
export const SocLevelsActionSchema = model<SocLevelsAction>()({
  commandId: str(),
  type: str(),
  status: str(),
});

function labelOf<const T extends Readonly<Record<string, number>>>(
  table: T,
  value: number | null | undefined,
): keyof T | undefined {
  if (value === null || value === undefined) return undefined;
  return (Object.keys(table) as (keyof T)[]).find((name) => table[name] === value);
}

/**
 * The name of a `chargingStatus` value, e.g. `CHARGE_IN_PROGRESS`; `undefined` if absent or
 * unknown. To show an unknown value as it came, use `codeLabel("chargingStatus", value)`.
 */
export function chargeStateLabel(
  status: ChargingStatusCode | null | undefined,
): ChargeStateLabel | undefined {
  return labelOf(ChargeState, status);
}

/**
 * The name of a `plugStatus` value, e.g. `PLUGGED`; `undefined` if absent or unknown. To show an
 * unknown value as it came, use `codeLabel("plugStatus", value)`.
 */
export function plugStateLabel(status: PlugStatusCode | null | undefined): PlugStateLabel | undefined {
  return labelOf(PlugState, status);
}

/**
 * The charging power in kW, whatever unit the car reports.
 *
 * @param reportsInWatts - from {@link reportsChargingPowerInWatts} (details) or
 *   {@link gatewayReportsChargingPowerInWatts} (car adapter): true on ZOE phase 1 / GDC
 * @returns the power, in kW
 * @example chargingPowerKw(battery, reportsChargingPowerInWatts(details))
 */
export function chargingPowerKw(
  battery: Pick<BatteryStatus, "chargingInstantaneousPower">,
  reportsInWatts: boolean,
): number | undefined {
  const power = battery.chargingInstantaneousPower;
  if (power === null || power === undefined) return undefined;
  return reportsInWatts ? power / 1000 : power;
}
