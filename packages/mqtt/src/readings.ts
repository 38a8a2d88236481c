/**
 * The library's read results as bridge readings (the ids of ./entities.ts). Pure functions over
 * the library's types; nulls mean "not reported" and never blank a published value.
 */
import type { BatteryStatus, Cockpit, HvacStatus, LockStatus, TyrePressure } from "renault-api";
import { chargeStateLabel, chargingPowerKw, plugStateLabel } from "renault-api/models";
import type { ReadingValue } from "./feed.js";

type Readings = Record<string, ReadingValue>;

const num = (value: number | null | undefined): ReadingValue =>
  typeof value === "number" && Number.isFinite(value) ? value : null;

/** An ISO 8601 time with a zone (Home Assistant's timestamp sensor needs one), or null. */
export function isoTime(value: string | null | undefined): string | null {
  if (typeof value !== "string" || value === "") return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

/** Readings of `battery-status`. */
export function batteryReadings(battery: BatteryStatus, reportsInWatts: boolean): Readings {
  const plug = plugStateLabel(battery.plugStatus);
  const charge = chargeStateLabel(battery.chargingStatus);
  return {
    battery_level: num(battery.batteryLevel),
    battery_autonomy: num(battery.batteryAutonomy),
    battery_available_energy: num(battery.batteryAvailableEnergy),
    battery_temperature: num(battery.batteryTemperature),
    charging_power: num(chargingPowerKw(battery, reportsInWatts)),
    charging_remaining_time: num(battery.chargingRemainingTime),
    charge_state: charge === undefined ? null : charge.toLowerCase(),
    plugged_in: plug === "PLUGGED" ? true : plug === "UNPLUGGED" ? false : null,
    charging: charge === undefined ? null : charge === "CHARGE_IN_PROGRESS",
    last_report: isoTime(battery.timestamp),
  };
}

/** Readings of `cockpit`. */
export function cockpitReadings(cockpit: Cockpit): Readings {
  return {
    mileage: num(cockpit.totalMileage),
    fuel_autonomy: num(cockpit.fuelAutonomy),
    fuel_quantity: num(cockpit.fuelQuantity),
  };
}

/** Readings of `hvac-status`. */
export function hvacReadings(hvac: HvacStatus): Readings {
  const status = hvac.hvacStatus;
  return {
    outside_temperature: num(hvac.externalTemperature),
    hvac_on: status === null || status === undefined ? null : String(status).toLowerCase() === "on",
  };
}

/** Readings of `pressure` (millibars). */
export function tyreReadings(tyres: TyrePressure): Readings {
  return {
    tyre_pressure_front_left: num(tyres.flPressure),
    tyre_pressure_front_right: num(tyres.frPressure),
    tyre_pressure_rear_left: num(tyres.rlPressure),
    tyre_pressure_rear_right: num(tyres.rrPressure),
  };
}

const opened = (value: string | null | undefined): ReadingValue =>
  value === "open" ? true : value === "closed" ? false : null;

/** Readings of `lock-status`. */
export function lockReadings(lock: LockStatus): Readings {
  return {
    unlocked: lock.lockStatus === "unlocked" ? true : lock.lockStatus === "locked" ? false : null,
    door_driver_open: opened(lock.doorStatusDriver),
    door_passenger_open: opened(lock.doorStatusPassenger),
    door_rear_left_open: opened(lock.doorStatusRearLeft),
    door_rear_right_open: opened(lock.doorStatusRearRight),
    hatch_open: opened(lock.hatchStatus),
  };
}
