/**
 * Per-model endpoint routing, as data: which path and strategy each logical endpoint uses on each
 * model, and which endpoints a model does not support at all.
 *
 * Transcribed from the Python project's per-model table (hacf-fr/renault-api 0.5.12), with its stale
 * keys translated into the real logical keys (they were never looked up there, so e.g. the Duster
 * III's HVAC start silently fell back to the default). The history endpoints go through the table
 * too, where the Python client bypassed it.
 *
 * Nothing here is mutable: warnings go to the `warn` callback, and the caller decides how often to
 * repeat them.
 */
import { EndpointNotAvailableError } from "../errors.js";

/**
 * How an endpoint is driven:
 * - `default`: the KCA car-adapter call;
 * - `kca-stop`: the HVAC start URL, stopped with `action: "stop"` instead of `"cancel"`;
 * - `kcm`: the KCM call (`charge/start`, `charge/schedule`);
 * - `kcm-settings`: KCM `ev/settings` (read, or read-modify-write to start charging);
 * - `kcm-pause-resume`: KCM `charge/pause-resume`.
 */
export type EndpointMode = "default" | "kca-stop" | "kcm" | "kcm-settings" | "kcm-pause-resume";

/** Where and how an endpoint is reached. */
export interface EndpointDefinition {
  /** Path template relative to `/commerce/v1/accounts/{account_id}/kamereon`, containing `{vin}`. */
  readonly path: string;
  readonly mode: EndpointMode;
}

/** The logical endpoints that per-model routing knows about (10 actions and 18 reads). */
export type EndpointKey =
  | "actions/charge-set-mode"
  | "actions/charge-set-schedule"
  | "actions/charge-start"
  | "actions/charge-stop"
  | "actions/horn-start"
  | "actions/hvac-set-schedule"
  | "actions/hvac-start"
  | "actions/hvac-stop"
  | "actions/lights-start"
  | "actions/refresh-location"
  | "alerts"
  | "battery-status"
  | "charge-history"
  | "charge-mode"
  | "charge-schedule"
  | "charges"
  | "charging-settings"
  | "cockpit"
  | "hvac-history"
  | "hvac-sessions"
  | "hvac-settings"
  | "hvac-status"
  | "location"
  | "lock-status"
  | "notification-settings"
  | "pressure"
  | "res-state"
  | "soc-levels";

const kca = (version: 1 | 2, leaf: string): EndpointDefinition => ({
  path: `/kca/car-adapter/v${version}/cars/{vin}/${leaf}`,
  mode: "default",
});

/** The definition of each endpoint for a model that does not say otherwise (sorted by key). */
export const DEFAULT_ENDPOINTS: Readonly<Record<EndpointKey, EndpointDefinition>> = deepFreeze({
  "actions/charge-set-mode": kca(1, "actions/charge-mode"),
  "actions/charge-set-schedule": kca(2, "actions/charge-schedule"),
  "actions/charge-start": kca(1, "actions/charging-start"),
  "actions/charge-stop": kca(1, "actions/charging-start"),
  "actions/horn-start": kca(1, "actions/horn-lights"),
  "actions/hvac-set-schedule": kca(2, "actions/hvac-schedule"),
  "actions/hvac-start": kca(1, "actions/hvac-start"),
  "actions/hvac-stop": kca(1, "actions/hvac-start"),
  "actions/lights-start": kca(1, "actions/horn-lights"),
  "actions/refresh-location": kca(1, "actions/refresh-location"),
  alerts: { path: "/vehicles/{vin}/alerts", mode: "default" },
  "battery-status": kca(2, "battery-status"),
  "charge-history": kca(1, "charge-history"),
  "charge-mode": kca(1, "charge-mode"),
  "charge-schedule": kca(1, "charge-schedule"),
  charges: kca(1, "charges"),
  "charging-settings": kca(1, "charging-settings"),
  cockpit: kca(1, "cockpit"),
  "hvac-history": kca(1, "hvac-history"),
  "hvac-sessions": kca(1, "hvac-sessions"),
  "hvac-settings": kca(1, "hvac-settings"),
  "hvac-status": kca(1, "hvac-status"),
  location: kca(1, "location"),
  "lock-status": kca(1, "lock-status"),
  "notification-settings": kca(1, "notification-settings"),
  pressure: kca(1, "pressure"),
  "res-state": kca(1, "res-state"),
  "soc-levels": { path: "/kcm/v1/vehicles/{vin}/ev/soc-levels", mode: "default" },
});

/** Every logical endpoint key, sorted. */
export const ENDPOINT_KEYS: readonly EndpointKey[] = Object.freeze(
  Object.keys(DEFAULT_ENDPOINTS) as EndpointKey[],
);

/**
 * The vehicle's car-adapter root (`get_car_adapter` in Python). No model is known to lack it, so it
 * has no per-model entry; it still goes through the model lookup (and its warning) like every read.
 */
export const CAR_ADAPTER_ENDPOINT: EndpointDefinition = Object.freeze({
  path: "/kca/car-adapter/v2/cars/{vin}",
  mode: "default",
});

const KCM_CHARGE_START: EndpointDefinition = { path: "/kcm/v1/vehicles/{vin}/charge/start", mode: "kcm" };
const KCM_CHARGE_SCHEDULE: EndpointDefinition = {
  path: "/kcm/v1/vehicles/{vin}/charge/schedule",
  mode: "kcm",
};
const KCM_EV_SETTINGS: EndpointDefinition = {
  path: "/kcm/v1/vehicles/{vin}/ev/settings",
  mode: "kcm-settings",
};
const KCM_PAUSE_RESUME: EndpointDefinition = {
  path: "/kcm/v1/vehicles/{vin}/charge/pause-resume",
  mode: "kcm-pause-resume",
};
const KCA_HVAC_STOP: EndpointDefinition = { ...kca(1, "actions/hvac-start"), mode: "kca-stop" };

/** Marks an entry as "explicitly the default definition of this key". */
const D = "default";
type Cell = EndpointDefinition | null | typeof D;

/*
 * The per-model table: D = the default definition (checked on this model), null = not available
 * (the API answers forbidden / not found), a definition = a model-specific route. A key a model
 * does not list is undocumented for it and falls back to the default with a warning.
 */
const MODEL_TABLE: Readonly<Record<string, Readonly<Partial<Record<EndpointKey, Cell>>>>> = {
  A4E1VE: {
    "actions/charge-set-mode": null,
    "actions/charge-set-schedule": null,
    "actions/charge-start": KCM_EV_SETTINGS,
    "actions/charge-stop": null,
    "actions/horn-start": D,
    "actions/hvac-set-schedule": null,
    "actions/hvac-start": D,
    "actions/hvac-stop": D,
    "actions/lights-start": D,
    "battery-status": D,
    "charge-history": null,
    "charge-mode": null,
    "charge-schedule": KCM_EV_SETTINGS,
    charges: D,
    cockpit: D,
    "hvac-status": D,
    location: D,
    "lock-status": null,
    "notification-settings": null,
    pressure: null,
    "res-state": null,
    "soc-levels": D,
  },
  A5E1AE: {
    "actions/charge-set-mode": null,
    "actions/charge-set-schedule": null,
    "actions/charge-start": KCM_EV_SETTINGS,
    "actions/charge-stop": null,
    "actions/horn-start": D,
    "actions/hvac-set-schedule": null,
    "actions/hvac-start": D,
    "actions/hvac-stop": KCA_HVAC_STOP,
    "actions/lights-start": D,
    alerts: null,
    "battery-status": D,
    "charge-history": null,
    "charge-mode": null,
    "charge-schedule": KCM_EV_SETTINGS,
    charges: D,
    "charging-settings": null,
    cockpit: D,
    "hvac-history": null,
    "hvac-sessions": null,
    "hvac-settings": D,
    "hvac-status": D,
    location: D,
    "lock-status": null,
    "notification-settings": null,
    pressure: null,
    "res-state": null,
    "soc-levels": D,
  },
  DU31SU: {
    "actions/charge-start": null, // Python: stale key "charging-start"
    "actions/charge-stop": null, // Python: stale key "charging-start"
    "actions/horn-start": null,
    "actions/hvac-set-schedule": null, // Python: stale key "hvac-schedule"
    "actions/hvac-start": null, // Python: stale key "hvac-start"
    "actions/hvac-stop": null, // Python: stale key "hvac-start"
    "actions/lights-start": null,
    "battery-status": null,
    "charge-history": null,
    "charge-mode": null,
    "charge-schedule": null,
    charges: null,
    "charging-settings": null,
    cockpit: D,
    "hvac-history": null,
    "hvac-sessions": null,
    "hvac-settings": null,
    "hvac-status": null,
    location: D,
    "lock-status": null,
    pressure: null,
    "res-state": null,
    "soc-levels": null,
  },
  R5E1VE: {
    "actions/charge-set-mode": null,
    "actions/charge-set-schedule": null,
    "actions/charge-start": KCM_EV_SETTINGS,
    "actions/charge-stop": null,
    "actions/horn-start": D,
    "actions/hvac-set-schedule": null,
    "actions/hvac-start": D,
    "actions/hvac-stop": KCA_HVAC_STOP,
    "actions/lights-start": D,
    "actions/refresh-location": D,
    alerts: D,
    "battery-status": D,
    "charge-history": null,
    "charge-mode": null,
    "charge-schedule": KCM_EV_SETTINGS,
    charges: D,
    "charging-settings": null,
    cockpit: D,
    "hvac-history": null,
    "hvac-sessions": null,
    "hvac-settings": D,
    "hvac-status": D,
    location: D,
    "lock-status": null,
    "notification-settings": null,
    pressure: null,
    "res-state": null,
    "soc-levels": D,
  },
  X071VE: {
    "battery-status": D,
    "charge-history": null,
    "charge-mode": null,
    "charge-schedule": null,
    "charging-settings": D,
    cockpit: D,
    "hvac-history": null,
    "hvac-sessions": null,
    "hvac-settings": D,
    "hvac-status": D,
    location: D,
    "lock-status": null,
    "notification-settings": null,
    pressure: null,
    "res-state": null,
  },
  X101VE: {
    "actions/charge-set-schedule": D,
    "actions/charge-start": D,
    "actions/hvac-start": D,
    "actions/hvac-stop": D,
    "battery-status": D,
    "charge-mode": D,
    "charge-schedule": D,
    cockpit: D,
    "hvac-status": D,
    location: null,
    "lock-status": null,
    pressure: null,
    "res-state": null,
    "soc-levels": null,
  },
  X102VE: {
    "actions/charge-start": D,
    "actions/charge-stop": KCM_PAUSE_RESUME,
    "actions/horn-start": null,
    "actions/hvac-start": D,
    "actions/lights-start": null,
    "battery-status": D,
    "charge-mode": null,
    "charge-schedule": null,
    "charging-settings": D,
    cockpit: D,
    "hvac-settings": D,
    "hvac-status": D,
    location: D,
    "lock-status": null,
    pressure: D,
    "res-state": null,
    "soc-levels": null,
  },
  XBG1VE: {
    "actions/charge-start": KCM_PAUSE_RESUME,
    "actions/charge-stop": KCM_PAUSE_RESUME,
    "actions/horn-start": null,
    "actions/hvac-start": D,
    "actions/hvac-stop": KCA_HVAC_STOP,
    "actions/lights-start": null,
    "actions/refresh-location": D,
    alerts: null,
    "battery-status": D,
    "charge-history": null,
    "charge-mode": null,
    "charge-schedule": null,
    "charging-settings": null,
    cockpit: D,
    "hvac-history": null,
    "hvac-sessions": null,
    "hvac-settings": null,
    "hvac-status": D,
    location: D,
    "lock-status": null,
    "notification-settings": null,
    pressure: null,
    "res-state": null,
    "soc-levels": null,
  },
  XCB1SE: {
    "battery-status": D,
    "charge-mode": null,
    "charge-schedule": KCM_EV_SETTINGS,
    cockpit: D,
    "hvac-settings": D,
    "hvac-status": D,
    location: D,
    "lock-status": null,
    "res-state": null,
  },
  XCB1VE: {
    "actions/charge-set-schedule": KCM_CHARGE_SCHEDULE,
    "actions/charge-start": KCM_CHARGE_START,
    "actions/charge-stop": null,
    "actions/horn-start": D,
    "actions/hvac-start": D,
    "actions/lights-start": D,
    "battery-status": D,
    "charge-history": null,
    "charge-mode": null,
    "charge-schedule": null,
    "charging-settings": D,
    cockpit: D,
    "hvac-history": null,
    "hvac-sessions": null,
    "hvac-settings": D,
    "hvac-status": D,
    location: D,
    "lock-status": null,
    "notification-settings": null,
    pressure: null,
    "res-state": null,
    "soc-levels": D,
  },
  XDD1VE: {
    "actions/charge-set-mode": D,
    "actions/charge-set-schedule": null,
    "actions/charge-start": KCM_EV_SETTINGS,
    "actions/charge-stop": null,
    "actions/horn-start": D,
    "actions/hvac-start": D,
    "actions/hvac-stop": D,
    "actions/lights-start": D,
    "battery-status": D,
    "charge-history": null,
    "charge-mode": null,
    "charge-schedule": KCM_EV_SETTINGS,
    "charging-settings": null,
    cockpit: D,
    "hvac-history": null,
    "hvac-sessions": null,
    "hvac-settings": D,
    "hvac-status": D,
    location: D,
    "lock-status": null,
    "notification-settings": null,
    pressure: null,
    "res-state": null,
    "soc-levels": D,
  },
  XFB2BI: {
    "battery-status": D,
    "charge-history": null,
    "charge-mode": null,
    "charge-schedule": null,
    "charging-settings": D,
    cockpit: D,
    "hvac-history": null,
    "hvac-sessions": null,
    "hvac-settings": D,
    "hvac-status": D,
    location: null,
    "lock-status": null,
    "notification-settings": null,
    pressure: null,
    "res-state": null,
  },
  XHN1CP: {
    "actions/charge-start": null,
    "actions/horn-start": D,
    "actions/lights-start": D,
    "battery-status": D,
    "charge-history": null,
    "charge-mode": null,
    "charge-schedule": KCM_EV_SETTINGS,
    "charging-settings": null,
    cockpit: D,
    "hvac-history": null,
    "hvac-sessions": null,
    "hvac-settings": D,
    "hvac-status": D,
    location: D,
    "lock-status": null,
    "notification-settings": null,
    pressure: null,
    "res-state": null,
  },
  XHN1ML: {
    "actions/horn-start": D,
    "actions/hvac-start": null,
    "actions/lights-start": D,
    "battery-status": null,
    "charge-history": null,
    "charge-mode": null,
    "charge-schedule": null,
    charges: null,
    "charging-settings": null,
    cockpit: D,
    "hvac-history": null,
    "hvac-sessions": null,
    "hvac-settings": null,
    "hvac-status": null,
    location: D,
    "lock-status": null,
    "notification-settings": null,
    pressure: null,
    "res-state": null,
    "soc-levels": null,
  },
  XHN1SU: {
    "actions/charge-start": null,
    "actions/charge-stop": null,
    "actions/horn-start": D,
    "actions/hvac-start": null,
    "actions/lights-start": D,
    "battery-status": null,
    "charge-history": null,
    "charge-mode": null,
    "charging-settings": null,
    cockpit: D,
    "hvac-status": null,
    location: D,
    "lock-status": null,
    pressure: null,
    "res-state": null,
    "soc-levels": null,
  },
  XJA1VP: {
    "actions/charge-start": null,
    "actions/charge-stop": null,
    "actions/horn-start": null,
    "actions/hvac-set-schedule": null, // Python: stale key "hvac-schedule"
    "actions/hvac-start": null,
    "actions/hvac-stop": null, // Python: stale key "hvac-start"
    "actions/lights-start": null,
    alerts: null,
    "battery-status": null,
    "charge-history": null,
    "charge-mode": null,
    "charge-schedule": null,
    charges: null,
    "charging-settings": null,
    cockpit: D,
    "hvac-history": null,
    "hvac-sessions": null,
    "hvac-settings": null,
    "hvac-status": null,
    location: D,
    "lock-status": null,
    "notification-settings": null,
    pressure: null,
    "res-state": null,
    "soc-levels": null,
  },
  XJA2VP: {
    "actions/charge-start": null,
    "actions/charge-stop": null,
    "actions/horn-start": null,
    "actions/hvac-set-schedule": null, // Python: stale key "hvac-schedule"
    "actions/hvac-start": null,
    "actions/hvac-stop": null, // Python: stale key "hvac-start"
    "actions/lights-start": null,
    alerts: null,
    "battery-status": null,
    "charge-history": null,
    "charge-mode": null,
    "charge-schedule": null,
    charges: null,
    "charging-settings": null,
    cockpit: D,
    "hvac-history": null,
    "hvac-sessions": null,
    "hvac-settings": null,
    "hvac-status": null,
    location: D,
    "lock-status": null,
    "notification-settings": null,
    pressure: null,
    "res-state": null,
    "soc-levels": null,
  },
  XJB1SU: {
    "actions/charge-start": null,
    "actions/charge-stop": null,
    "actions/horn-start": null,
    "actions/hvac-start": D,
    "actions/lights-start": null,
    "battery-status": D,
    "charge-history": null,
    "charge-mode": null,
    "charge-schedule": null,
    "charging-settings": D,
    cockpit: D,
    "hvac-history": null,
    "hvac-sessions": null,
    "hvac-settings": D,
    "hvac-status": D,
    location: D,
    "lock-status": null,
    "notification-settings": null,
    pressure: null,
    "res-state": null,
    "soc-levels": null,
  },
  XJB2CP: {
    "actions/charge-start": null,
    "actions/charge-stop": null,
    "actions/horn-start": D,
    "actions/hvac-start": null,
    "actions/lights-start": D,
    "battery-status": null,
    "charge-mode": null,
    "charging-settings": null,
    cockpit: D,
    "hvac-status": null,
    location: D,
    "lock-status": null,
    pressure: null,
    "res-state": null,
    "soc-levels": null,
  },
  XJF2BI: {
    "actions/charge-set-mode": null,
    "actions/charge-set-schedule": null,
    "actions/charge-start": null,
    "actions/charge-stop": null,
    "actions/horn-start": D,
    "actions/hvac-set-schedule": null,
    "actions/hvac-start": null,
    "actions/hvac-stop": null,
    "actions/lights-start": D,
    "actions/refresh-location": D,
    alerts: null,
    "battery-status": null,
    "charge-history": null,
    "charge-mode": null,
    "charge-schedule": null,
    charges: null,
    "charging-settings": null,
    cockpit: D,
    "hvac-history": null,
    "hvac-sessions": null,
    "hvac-settings": null,
    "hvac-status": null,
    location: D,
    "lock-status": null,
    "notification-settings": null,
    pressure: null,
    "res-state": null,
    "soc-levels": null,
  },
  XJL2TR: {
    "actions/hvac-set-schedule": null, // Python: stale key "hvac-schedule"
    "actions/hvac-start": null, // Python: stale key "hvac-start"
    "actions/hvac-stop": null, // Python: stale key "hvac-start"
    "charge-history": null,
    "charge-mode": null,
    "charge-schedule": null,
    "charging-settings": null,
    cockpit: D,
    "hvac-history": null,
    "hvac-sessions": null,
    "hvac-settings": null,
    "hvac-status": null,
    location: D,
    "lock-status": null,
    pressure: null,
    "res-state": null,
  },
};

/**
 * Per-model routing, keyed by model code (`vehicleDetails.model.code`), models and keys sorted.
 * `null` means "not available on this model"; keys a model does not list fall back to
 * {@link DEFAULT_ENDPOINTS}.
 */
export const MODEL_ENDPOINTS: Readonly<
  Record<string, Readonly<Partial<Record<EndpointKey, EndpointDefinition | null>>>>
> = deepFreeze(
  Object.fromEntries(
    Object.entries(MODEL_TABLE).map(([model, cells]) => [
      model,
      Object.fromEntries(
        Object.entries(cells).map(([key, cell]) => [
          key,
          cell === D ? DEFAULT_ENDPOINTS[key as EndpointKey] : cell,
        ]),
      ),
    ]),
  ),
);

/** Human names of the documented model codes. */
export const MODEL_NAMES: Readonly<Record<string, string>> = Object.freeze({
  A4E1VE: "Renault 4 E-Tech",
  A5E1AE: "Alpine A290",
  DU31SU: "Dacia Duster III",
  R5E1VE: "Renault 5 E-Tech",
  X071VE: "Twingo III (Z.E.)",
  X101VE: "ZOE phase 1 (ZE40)",
  X102VE: "ZOE phase 2 (ZE50)",
  XBG1VE: "Dacia Spring",
  XCB1SE: "Scenic E-Tech",
  XCB1VE: "Megane E-Tech",
  XDD1VE: "Master E-Tech (Master IV)",
  XFB2BI: "Megane IV",
  XHN1CP: "Rafale",
  XHN1ML: "Espace VI (OpenR Link)",
  XHN1SU: "Austral",
  XJA1VP: "Clio V",
  XJA2VP: "Clio V",
  XJB1SU: "Captur II",
  XJB2CP: "Symbioz (2025)",
  XJF2BI: "Dacia Sandero III ECO-G",
  XJL2TR: "Arkana E-Tech full hybrid",
});

/** Reporting quirks of a model or gateway. */
export interface ReportingSpecification {
  /** `chargingInstantaneousPower` (and charge start power) is in watts, not kilowatts. */
  readonly "reports-in-watts"?: boolean;
  /** Charge-session durations (`charges[].chargeDuration`) are in minutes, not seconds. */
  readonly "reports-charge-session-durations-in-minutes"?: boolean;
  /**
   * Charging is controlled through KCM (pause-resume) rather than the KCA car adapter. Kept for
   * parity with the Python table; routing uses {@link MODEL_ENDPOINTS}.
   */
  readonly "control-charge-via-kcm"?: boolean;
}

/** Reporting quirks keyed by model code (`vehicleDetails.model.code`). */
export const VEHICLE_SPECIFICATIONS: Readonly<Record<string, ReportingSpecification>> = deepFreeze({
  X101VE: { "reports-charge-session-durations-in-minutes": true, "reports-in-watts": true },
  XBG1VE: { "control-charge-via-kcm": true },
});

/** Reporting quirks keyed by the car adapter's `carGateway` (GDC = ZOE phase 1). */
export const GATEWAY_SPECIFICATIONS: Readonly<Record<string, ReportingSpecification>> = deepFreeze({
  GDC: { "reports-charge-session-durations-in-minutes": true, "reports-in-watts": true },
});

const own = <T>(table: Readonly<Record<string, T>>, key: string): T | undefined =>
  Object.hasOwn(table, key) ? table[key] : undefined;

/**
 * The definition of `key` for a model.
 *
 * - No model code: the default, silently.
 * - A model missing from {@link MODEL_ENDPOINTS}: the default, and `warn` is told the model is
 *   undocumented (the same message for every key, so a caller deduplicating messages warns once).
 * - A documented model that does not list the key: the default, and `warn` names the model and key.
 *
 * @throws {EndpointNotAvailableError} the model is documented as not supporting the endpoint
 */
export function resolveEndpoint(
  modelCode: string | undefined,
  key: EndpointKey,
  warn?: (message: string) => void,
): EndpointDefinition {
  const fallback = own(DEFAULT_ENDPOINTS, key);
  if (fallback === undefined) throw new EndpointNotAvailableError(key, modelCode);
  if (modelCode === undefined || modelCode === "") return fallback;
  const table = own(MODEL_ENDPOINTS, modelCode);
  if (table === undefined) {
    warnIfUndocumentedModel(modelCode, warn);
    return fallback;
  }
  const entry = own(table, key);
  if (entry === null) throw new EndpointNotAvailableError(key, modelCode);
  if (entry === undefined) {
    warn?.(`Endpoint '${key}' is not documented for model ${modelCode}: using the default endpoint.`);
    return fallback;
  }
  return entry;
}

/**
 * Tells `warn` when a model code is missing from {@link MODEL_ENDPOINTS} (always the same message
 * for a model, so that a caller deduplicating messages warns once).
 */
export function warnIfUndocumentedModel(
  modelCode: string | undefined,
  warn: ((message: string) => void) | undefined,
): void {
  if (modelCode === undefined || modelCode === "" || own(MODEL_ENDPOINTS, modelCode) !== undefined) return;
  warn?.(
    `Model ${modelCode} is not documented: using the default endpoints, which may fail. ` +
      "Please report which endpoints work (https://github.com/hacf-fr/renault-api/issues/1747).",
  );
}

/** A model code, or vehicle details carrying one in `model.code`. */
export type ModelCodeSource =
  | string
  | null
  | undefined
  | { readonly model?: { readonly code?: string | null | undefined } | null | undefined };

/**
 * Whether the model may support `key`: false only when the table says it does not. Undocumented
 * models and unknown codes "support" every endpoint (the defaults are tried). Never warns.
 */
export function supportsEndpoint(model: ModelCodeSource, key: EndpointKey): boolean {
  const modelCode = typeof model === "object" && model !== null ? (model.model?.code ?? undefined) : model;
  try {
    resolveEndpoint(modelCode ?? undefined, key);
    return true;
  } catch (error) {
    if (error instanceof EndpointNotAvailableError) return false;
    throw error;
  }
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
