/**
 * The models of recently used VINs, kept in the credential file under `vehicle_models` (the Python
 * client ignores the key), so a later run needs no details request before its first read.
 */
import type { VehicleDetails } from "../index.js";

/** Credential-file key of the kept models. */
export const MODEL_CACHE_KEY = "vehicle_models";
/** A kept model is trusted this long before the details are read again. */
const MODEL_CACHE_TTL = 7 * 24 * 3600_000;
/** How many VINs are kept. */
const MODEL_CACHE_SIZE = 5;

interface ModelCacheEntry {
  readonly at: number;
  readonly details: VehicleDetails;
}

/** The part of the details that routing, units and labels need; nothing personal. */
function modelOf(details: VehicleDetails): VehicleDetails {
  const group = (value: { code?: unknown; label?: unknown } | null | undefined) =>
    value ? { code: stringOr(value.code), label: stringOr(value.label) } : undefined;
  return {
    model: group(details.model),
    energy: group(details.energy),
    brand: group(details.brand),
    engineEnergyType: stringOr(details.engineEnergyType),
  };
}

function stringOr(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

/** Parses the kept models; the file is untrusted, so anything malformed is dropped. */
function parseModelCache(text: string | undefined): Record<string, ModelCacheEntry> {
  if (text === undefined) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return {};
  }
  if (typeof parsed !== "object" || parsed === null) return {};
  const result: Record<string, ModelCacheEntry> = {};
  for (const [vin, entry] of Object.entries(parsed)) {
    const { at, details } = (entry ?? {}) as { at?: unknown; details?: unknown };
    if (typeof at !== "number" || typeof details !== "object" || details === null) continue;
    const clean = modelOf(details);
    if (clean.model?.code) result[vin] = { at, details: clean };
  }
  return result;
}

/** The kept model of `vin` if it is recent enough. */
export function readModelCache(text: string | undefined, vin: string, now: Date): VehicleDetails | undefined {
  const cache = parseModelCache(text);
  const entry = Object.hasOwn(cache, vin) ? cache[vin] : undefined;
  return entry && now.getTime() - entry.at < MODEL_CACHE_TTL && entry.at <= now.getTime()
    ? entry.details
    : undefined;
}

/** The new value of the key with `details` kept for `vin` (`undefined`: nothing worth keeping). */
export function rememberModel(
  text: string | undefined,
  vin: string,
  details: VehicleDetails,
  now: Date,
): string | undefined {
  const entry = modelOf(details);
  if (!entry.model?.code) return undefined;
  const entries = { ...parseModelCache(text), [vin]: { at: now.getTime(), details: entry } };
  const newest = Object.entries(entries)
    .sort(([, a], [, b]) => b.at - a.at)
    .slice(0, MODEL_CACHE_SIZE);
  return JSON.stringify(Object.fromEntries(newest));
}
