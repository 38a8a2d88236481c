import { model, num, str } from "./common.js";

/** The last known position (`location`). Fields the library does not declare: {@link rawPayload}. */
export interface Location {
  /** When the position was stored, ISO 8601. */
  readonly lastUpdateTime?: string | null | undefined;
  /**
   * Latitude (WGS84); 91 means "no fix" (see {@link positionOf}).
   * @unit decimal degrees
   */
  readonly gpsLatitude?: number | null | undefined;
  /**
   * Longitude (WGS84); 181 means "no fix" (see {@link positionOf}).
   * @unit decimal degrees
   */
  readonly gpsLongitude?: number | null | undefined;
  /**
   * Heading.
   * @unit degrees
   */
  readonly gpsDirection?: number | null | undefined;
}
/** Reads {@link Location}. */
export const LocationSchema = model<Location>()({
  lastUpdateTime: str(),
  gpsLatitude: num(),
  gpsLongitude: num(),
  gpsDirection: num(),
});

/** A usable position. */
export interface Position {
  /** @unit decimal degrees */
  readonly latitude: number;
  /** @unit decimal degrees */
  readonly longitude: number;
}

/**
 * The position of a location, or `undefined` when there is none: missing coordinates, or the
 * "no fix" sentinel 91/181 that a refresh on a parked car stores until its next trip
 * (`vehicle.refreshLocation`, A5E1AE in docs/models.md). Any value out of
 * the WGS84 range is treated the same way.
 */
export function positionOf(location: Pick<Location, "gpsLatitude" | "gpsLongitude">): Position | undefined {
  const { gpsLatitude: latitude, gpsLongitude: longitude } = location;
  if (typeof latitude !== "number" || typeof longitude !== "number") return undefined;
  if (!Number.isFinite(latitude) || !Number.isFinite(longitude)) return undefined;
  if (Math.abs(latitude) > 90 || Math.abs(longitude) > 180) return undefined;
  return { latitude, longitude };
}
