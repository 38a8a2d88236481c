/**
 * Vehicle-side learning kept between processes (issue 13, item 7): for each VIN, the part of the
 * details that routing, units and labels need (nothing personal), and the endpoints that worked
 * and those refused with their expiry. One credential-store key, `renault_api_vehicles` (JSON:
 * VIN → record). The stored value is untrusted: a record that does not validate is ignored (the
 * vehicle relearns it), never a crash. It is written only when it changes.
 *
 * The CLI's older `vehicle_models` key (VIN → `{ at, details }`) is still read for the details.
 */
import * as v from "valibot";
import {
  AccessDeniedError,
  ForbiddenError,
  KamereonError,
  NotSupportedError,
  ResourceNotFoundError,
} from "../errors.js";
import { CredentialKey } from "../credentials/store.js";
import type { LearntEndpoints, UnsupportedEndpoint } from "../kamereon/memory.js";
import type { VehicleDetails } from "../kamereon/models/details.js";
import { isEndpointKey } from "../registry/index.js";

/** The CLI's former key of the models of recently used VINs. */
export const LEGACY_MODELS_KEY = "vehicle_models";

const text = v.optional(v.string());
const group = v.optional(v.object({ code: text, label: text }));
const DetailsSchema = v.object({ model: group, energy: group, brand: group, engineEnergyType: text });
const Use = v.picklist(["read", "action"]);
const Key = v.custom<string>(isEndpointKey);
const CauseSchema = v.object({
  name: v.string(),
  method: v.string(),
  url: v.string(),
  status: v.number(),
  code: v.string(),
  details: v.string(),
  innerCode: text,
});
const RecordSchema = v.object({
  details: v.optional(DetailsSchema),
  worked: v.optional(v.array(v.object({ use: Use, endpoint: Key })), []),
  unsupported: v.optional(
    v.array(v.object({ use: Use, endpoint: Key, until: v.number(), modelCode: text, cause: CauseSchema })),
    [],
  ),
});
type StoredRecord = v.InferOutput<typeof RecordSchema>;

/** What is restored for one vehicle. */
export interface VehicleRecord {
  readonly details?: VehicleDetails | undefined;
  readonly learnt: LearntEndpoints;
}

/** The part of the details that routing, units and labels need; nothing personal. */
export function modelOf(details: VehicleDetails): VehicleDetails {
  const part = (value: { code?: unknown; label?: unknown } | null | undefined) =>
    value ? { code: stringOr(value.code), label: stringOr(value.label) } : undefined;
  return {
    model: part(details.model),
    energy: part(details.energy),
    brand: part(details.brand),
    engineEnergyType: stringOr(details.engineEnergyType),
  };
}

/** The credential store as the session sees it (its cache stays coherent with these writes). */
export interface StoredValues {
  getStoredValue(key: string): Promise<string | undefined>;
  storeValues(changes: Readonly<Record<string, string | undefined>>): Promise<void>;
}

/** The per-VIN records of one credential store; shared by every vehicle of a client. */
export class VehiclePersistence {
  readonly #store: StoredValues;
  #writes: Promise<void> = Promise.resolve();

  /** @param store - the client's session */
  constructor(store: StoredValues) {
    this.#store = store;
  }

  /** The record of `vin`, or undefined when there is none or it does not validate. */
  async load(vin: string): Promise<VehicleRecord | undefined> {
    const read = (key: string) =>
      Promise.resolve()
        .then(() => this.#store.getStoredValue(key))
        .catch(() => undefined);
    const stored = readAll(await read(CredentialKey.vehicles))[vin];
    const legacy = readLegacyDetails(await read(LEGACY_MODELS_KEY), vin);
    if (stored === undefined) return legacy === undefined ? undefined : { details: legacy, learnt: EMPTY };
    return {
      details: stored.details?.model?.code ? stored.details : legacy,
      learnt: {
        worked: stored.worked as LearntEndpoints["worked"],
        unsupported: stored.unsupported.map(
          (entry) => ({ ...entry, cause: causeOf(entry.cause) }) as UnsupportedEndpoint,
        ),
      },
    };
  }

  /**
   * Stores the record of `vin` when it differs from the stored one (other VINs are kept). Writes
   * are queued, and a store that cannot be written is not an error of the read that taught it.
   */
  save(vin: string, record: VehicleRecord): Promise<void> {
    this.#writes = this.#writes.then(async () => {
      const all = readAll(await this.#store.getStoredValue(CredentialKey.vehicles));
      const next = toStored(record);
      if (JSON.stringify(all[vin]) === JSON.stringify(next)) return;
      await this.#store.storeValues({ [CredentialKey.vehicles]: JSON.stringify({ ...all, [vin]: next }) });
    });
    this.#writes = this.#writes.catch(() => undefined);
    return this.#writes;
  }
}

const EMPTY: LearntEndpoints = { worked: [], unsupported: [] };

function readAll(value: string | undefined): Record<string, StoredRecord> {
  const parsed = parseJson(value);
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return {};
  const records: Record<string, StoredRecord> = {};
  for (const [vin, entry] of Object.entries(parsed)) {
    const result = v.safeParse(RecordSchema, entry);
    if (result.success) records[vin] = result.output;
  }
  return records;
}

function readLegacyDetails(value: string | undefined, vin: string): VehicleDetails | undefined {
  const parsed = parseJson(value);
  if (typeof parsed !== "object" || parsed === null || !Object.hasOwn(parsed, vin)) return undefined;
  const entry = (parsed as Record<string, { details?: unknown } | null | undefined>)[vin];
  const result = v.safeParse(DetailsSchema, entry?.details);
  return result.success && result.output.model?.code ? result.output : undefined;
}

function toStored(record: VehicleRecord): StoredRecord {
  const details = record.details && modelOf(record.details);
  return {
    ...(details?.model?.code ? { details: details as StoredRecord["details"] } : {}),
    worked: record.learnt.worked.map(({ use, endpoint }) => ({ use, endpoint })),
    unsupported: record.learnt.unsupported.map((entry) => ({
      use: entry.use,
      endpoint: entry.endpoint,
      until: entry.until,
      modelCode: entry.modelCode,
      cause: {
        name: entry.cause.name,
        method: entry.cause.method,
        url: entry.cause.url,
        status: entry.cause.status,
        code: entry.cause.code,
        details: entry.cause.details,
        innerCode: entry.cause.innerCode,
      },
    })),
  };
}

const CAUSES = { AccessDeniedError, ForbiddenError, NotSupportedError, ResourceNotFoundError } as const;

/** The answer a refusal was learnt from, rebuilt as its class (the URL was already redacted). */
function causeOf(cause: v.InferOutput<typeof CauseSchema>): KamereonError {
  const Class = Object.hasOwn(CAUSES, cause.name) ? CAUSES[cause.name as keyof typeof CAUSES] : KamereonError;
  return new Class({
    method: cause.method,
    url: cause.url,
    status: cause.status,
    errors: [{ code: cause.code, details: cause.details }],
    innerCode: cause.innerCode,
  });
}

function parseJson(value: string | undefined): unknown {
  if (value === undefined) return undefined;
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}

function stringOr(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}
