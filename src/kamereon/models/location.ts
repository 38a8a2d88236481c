import * as v from "valibot";
import { num, obj, str } from "./common.js";

/** `location` attributes. */
export const LocationSchema = obj({
  lastUpdateTime: str(),
  gpsLatitude: num(),
  gpsLongitude: num(),
  gpsDirection: num(),
});
/** The last known position (`location`). */
export type Location = v.InferOutput<typeof LocationSchema>;

/** A usable position, in decimal degrees. */
export interface Position {
  readonly latitude: number;
  readonly longitude: number;
}

/**
 * The position of a location, or `undefined` when there is none: missing coordinates, or the
 * "no fix" sentinel 91/181 that a refresh on a parked car stores (field notes C.4). Any value out of
 * the WGS84 range is treated the same way.
 */
export function positionOf(location: Pick<Location, "gpsLatitude" | "gpsLongitude">): Position | undefined {
  const { gpsLatitude: latitude, gpsLongitude: longitude } = location;
  if (typeof latitude !== "number" || typeof longitude !== "number") return undefined;
  if (!Number.isFinite(latitude) || !Number.isFinite(longitude)) return undefined;
  if (Math.abs(latitude) > 90 || Math.abs(longitude) > 180) return undefined;
  return { latitude, longitude };
}
