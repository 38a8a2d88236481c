import type * as v from "valibot";
import { model, num, obj, str, strOrNum } from "./common.js";
import type { LockStatusCode, OpeningStatusCode } from "./codes.js";

/** Mileage and fuel (`cockpit`). Fields the library does not declare: {@link rawPayload}. */
export interface Cockpit {
  /**
   * Fuel range.
   * @unit km
   */
  readonly fuelAutonomy?: number | null | undefined;
  /**
   * Fuel in the tank.
   * @unit litres
   */
  readonly fuelQuantity?: number | null | undefined;
  /**
   * Odometer.
   * @unit km
   */
  readonly totalMileage?: number | null | undefined;
  /** When the car last sent these values, ISO 8601. */
  readonly timestamp?: string | null | undefined;
}
/** Reads {@link Cockpit}. */
export const CockpitSchema = model<Cockpit>()({
  fuelAutonomy: num(),
  fuelQuantity: num(),
  totalMileage: num(),
  timestamp: str(),
});

/** Tyre pressures (`pressure`): front/rear, left/right. */
export interface TyrePressure {
  /**
   * Front left (e.g. 2460).
   * @unit mbar
   */
  readonly flPressure?: number | null | undefined;
  /** @unit mbar */
  readonly frPressure?: number | null | undefined;
  /** @unit mbar */
  readonly rlPressure?: number | null | undefined;
  /** @unit mbar */
  readonly rrPressure?: number | null | undefined;
  /** Front left state code (`0` seen; other values' meanings are not known). */
  readonly flStatus?: number | null | undefined;
  /** Front right state code. */
  readonly frStatus?: number | null | undefined;
  /** Rear left state code. */
  readonly rlStatus?: number | null | undefined;
  /** Rear right state code. */
  readonly rrStatus?: number | null | undefined;
}
/** Reads {@link TyrePressure}. */
export const TyrePressureSchema = model<TyrePressure>()({
  flPressure: num(),
  frPressure: num(),
  rlPressure: num(),
  rrPressure: num(),
  flStatus: num(),
  frStatus: num(),
  rlStatus: num(),
  rrStatus: num(),
});

/** Locks and openings (`lock-status`). */
export interface LockStatus {
  /** `locked` / `unlocked`. */
  readonly lockStatus?: LockStatusCode | null | undefined;
  /** `open` / `closed`. */
  readonly doorStatusRearLeft?: OpeningStatusCode | null | undefined;
  /** `open` / `closed`. */
  readonly doorStatusRearRight?: OpeningStatusCode | null | undefined;
  /** `open` / `closed`. */
  readonly doorStatusDriver?: OpeningStatusCode | null | undefined;
  /** `open` / `closed`. */
  readonly doorStatusPassenger?: OpeningStatusCode | null | undefined;
  /** `open` / `closed`. */
  readonly hatchStatus?: OpeningStatusCode | null | undefined;
  /** When the car last sent these values, ISO 8601. */
  readonly lastUpdateTime?: string | null | undefined;
}
/** Reads {@link LockStatus}. */
export const LockStatusSchema = model<LockStatus>()({
  lockStatus: str(),
  doorStatusRearLeft: str(),
  doorStatusRearRight: str(),
  doorStatusDriver: str(),
  doorStatusPassenger: str(),
  hatchStatus: str(),
  lastUpdateTime: str(),
});

/** Remote engine start state (`res-state`). */
export interface ResState {
  /** e.g. `Stopped, ready for RES`, `Running`. */
  readonly details?: string | null | undefined;
  /** e.g. `"10"`, `"42"` (a string or a number; the meanings are not documented). */
  readonly code?: string | number | null | undefined;
}
/** Reads {@link ResState}. */
export const ResStateSchema = model<ResState>()({ details: str(), code: strOrNum() });

/**
 * Notification settings (`notification-settings`). No sample with data exists, so no field is
 * declared: read the payload, kept whole, with {@link rawPayload}.
 */
export type NotificationSettings = Readonly<Record<string, unknown>>;
/** Reads {@link NotificationSettings}. */
export const NotificationSettingsSchema = obj({}) as unknown as v.GenericSchema<
  unknown,
  NotificationSettings
>;
