import * as v from "valibot";
import { num, obj, str, strOrNum } from "./common.js";

/** `cockpit` attributes. */
export const CockpitSchema = obj({
  /** In km. */
  fuelAutonomy: num(),
  /** In litres. */
  fuelQuantity: num(),
  /** In km. */
  totalMileage: num(),
  timestamp: str(),
});
/** Mileage and fuel (`cockpit`). */
export type Cockpit = v.InferOutput<typeof CockpitSchema>;

/** `pressure` attributes. */
export const TyrePressureSchema = obj({
  /** In mbar (e.g. 2460). */
  flPressure: num(),
  frPressure: num(),
  rlPressure: num(),
  rrPressure: num(),
  flStatus: num(),
  frStatus: num(),
  rlStatus: num(),
  rrStatus: num(),
});
/** Tyre pressures (`pressure`). */
export type TyrePressure = v.InferOutput<typeof TyrePressureSchema>;

/** `lock-status` attributes. */
export const LockStatusSchema = obj({
  /** `locked` / `unlocked`. */
  lockStatus: str(),
  doorStatusRearLeft: str(),
  doorStatusRearRight: str(),
  doorStatusDriver: str(),
  doorStatusPassenger: str(),
  hatchStatus: str(),
  lastUpdateTime: str(),
});
/** Locks and openings (`lock-status`). */
export type LockStatus = v.InferOutput<typeof LockStatusSchema>;

/** `res-state` attributes (remote engine start). */
export const ResStateSchema = obj({
  /** e.g. `Stopped, ready for RES`, `Running`. */
  details: str(),
  /** e.g. `"10"`, `"42"`. */
  code: strOrNum(),
});
/** Remote engine start state (`res-state`). */
export type ResState = v.InferOutput<typeof ResStateSchema>;

/** `notification-settings` attributes (no sample with data exists; everything is kept). */
export const NotificationSettingsSchema = obj({});
/** Notification settings (`notification-settings`). */
export type NotificationSettings = v.InferOutput<typeof NotificationSettingsSchema>;
