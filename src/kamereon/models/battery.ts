import * as v from "valibot";
import { num, obj, str } from "./common.js";

/** `battery-status` attributes. Units as the car reports them; see {@link chargingPowerKw}. */
export const BatteryStatusSchema = obj({
  timestamp: str(),
  /** State of charge, in percent. */
  batteryLevel: num(),
  /** Often missing, and wrong on ZOE phase 2. */
  batteryTemperature: num(),
  /** Range, in km. */
  batteryAutonomy: num(),
  /** Always 0 in practice. */
  batteryCapacity: num(),
  /** In kWh. */
  batteryAvailableEnergy: num(),
  /** See {@link PlugState} and {@link plugStateLabel}. */
  plugStatus: num(),
  /** See {@link ChargeState} and {@link chargeStateLabel}. */
  chargingStatus: num(),
  /** In minutes. */
  chargingRemainingTime: num(),
  /** kW on most models, W on ZOE phase 1: use {@link chargingPowerKw}. */
  chargingInstantaneousPower: num(),
  chargingRemainingTimeLastUpdateDateTime: str(),
  V2L_SystemStatusDisplay: num(),
});
/** Battery and charge state (`battery-status`). */
export type BatteryStatus = v.InferOutput<typeof BatteryStatusSchema>;

/** KCM `ev/soc-levels` (flat): the charge limits. */
export const BatterySocSchema = obj({
  lastEnergyUpdateTimestamp: str(),
  /** Minimum state of charge kept for the next trip, in percent. */
  socMin: num(),
  /** Target state of charge, in percent. */
  socTarget: num(),
});
/** The battery charge limits (`soc-levels`). */
export type BatterySoc = v.InferOutput<typeof BatterySocSchema>;

/** Answer to a `soc-levels` POST (flat), e.g. `{commandId, type: "SOC_SYNCH", status: "CREATED"}`. */
export const SocLevelsActionSchema = obj({ commandId: str(), type: str(), status: str() });
/** Answer to `RenaultVehicle.setBatterySoc`. */
export type SocLevelsAction = v.InferOutput<typeof SocLevelsActionSchema>;

/** Values of `battery-status.chargingStatus`. */
export const ChargeState = {
  NOT_IN_CHARGE: 0.0,
  WAITING_FOR_A_PLANNED_CHARGE: 0.1,
  CHARGE_ENDED: 0.2,
  WAITING_FOR_CURRENT_CHARGE: 0.3,
  ENERGY_FLAP_OPENED: 0.4,
  CHARGE_IN_PROGRESS: 1.0,
  /** "Not charging" on ZOE phase 1, "error" on ZOE phase 2. */
  CHARGE_ERROR: -1.0,
  UNAVAILABLE: -1.1,
  V2G_CHARGING_WAITING: -1.3,
  V2L_CONNECTED: -1.4,
  V2G_DISCHARGING: -1.5,
  V2G_CHARGING_NORMAL: -1.6,
} as const;
/** Name of a known `chargingStatus` value. */
export type ChargeStateLabel = keyof typeof ChargeState;

/** Values of `battery-status.plugStatus`. */
export const PlugState = {
  UNPLUGGED: 0,
  PLUGGED: 1,
  PLUG_ERROR: -1,
  PLUG_UNKNOWN: -2147483648,
} as const;
/** Name of a known `plugStatus` value. */
export type PlugStateLabel = keyof typeof PlugState;

function labelOf<const T extends Readonly<Record<string, number>>>(
  table: T,
  value: number | null | undefined,
): keyof T | undefined {
  if (value === null || value === undefined) return undefined;
  return (Object.keys(table) as (keyof T)[]).find((name) => table[name] === value);
}

/** The name of a `chargingStatus` value, e.g. `CHARGE_IN_PROGRESS`; `undefined` if absent or unknown. */
export function chargeStateLabel(status: number | null | undefined): ChargeStateLabel | undefined {
  return labelOf(ChargeState, status);
}

/** The name of a `plugStatus` value, e.g. `PLUGGED`; `undefined` if absent or unknown. */
export function plugStateLabel(status: number | null | undefined): PlugStateLabel | undefined {
  return labelOf(PlugState, status);
}

/**
 * The charging power in kW, whatever unit the car reports.
 *
 * @param reportsInWatts - from {@link reportsChargingPowerInWatts} (details) or
 *   {@link gatewayReportsChargingPowerInWatts} (car adapter): true on ZOE phase 1 / GDC
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
