/**
 * `settings`' view of the vehicle memory the library keeps in the credential file (see
 * src/vehicle/persistence.ts): one row per VIN instead of the stored one-line JSON. The value is
 * untrusted: whatever does not parse is shown as unreadable, never a crash.
 */
import { CredentialKey } from "../index.js";

/** The CLI's older key, still read by the library (LEGACY_MODELS_KEY of src/vehicle/persistence.ts). */
const LEGACY_MODELS_KEY = "vehicle_models";

/** Credential-file keys shown by {@link vehicleMemory} rather than as a raw value. */
export const VEHICLE_MEMORY_KEYS: ReadonlySet<string> = new Set([CredentialKey.vehicles, LEGACY_MODELS_KEY]);

/** What was learnt about one VIN. */
export interface LearntVehicle {
  readonly vin: string;
  /** The model code (`X101VE`…), when known. */
  readonly model: string | undefined;
  /** Endpoints that answered. */
  readonly worked: readonly string[];
  /** Endpoints the car refused, and until when they are not asked again. */
  readonly refused: readonly { readonly endpoint: string; readonly until: Date | undefined }[];
  /** Which key it was read from (`vehicle_models` is the CLI's older one: details only). */
  readonly key: string;
}

/** The vehicles of `renault_api_vehicles` and the older `vehicle_models`, one entry per VIN and key. */
export function vehicleMemory(values: Readonly<Record<string, string>>): LearntVehicle[] | undefined {
  const found: LearntVehicle[] = [];
  let any = false;
  for (const key of VEHICLE_MEMORY_KEYS) {
    const value = values[key];
    if (value === undefined) continue;
    any = true;
    for (const [vin, entry] of Object.entries(objectOf(parse(value)))) {
      const record = objectOf(entry);
      const details = objectOf(record.details);
      found.push({
        vin,
        model: stringOf(objectOf(details.model).code),
        worked: arrayOf(record.worked).flatMap((item) => stringOf(objectOf(item).endpoint) ?? []),
        refused: arrayOf(record.unsupported).flatMap((item) => {
          const endpoint = stringOf(objectOf(item).endpoint);
          const until = objectOf(item).until;
          const date = typeof until === "number" ? new Date(until) : undefined;
          return endpoint === undefined
            ? []
            : [{ endpoint, until: date && Number.isFinite(date.getTime()) ? date : undefined }];
        }),
        key,
      });
    }
  }
  return any ? found : undefined;
}

function parse(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}

function objectOf(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function arrayOf(value: unknown): unknown[] {
  return Array.isArray(value) ? (value as unknown[]) : [];
}

function stringOf(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}
