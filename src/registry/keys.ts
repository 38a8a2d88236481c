/**
 * The endpoint keys and what is known about each one whatever the model: its kind, its default
 * route, the column alias of the per-model grid (`models.ts`), what an action invalidates in the
 * read cache and which read shows its effect. The schemas are in `reads.ts`, the request builders
 * of the actions in `actions.ts`, the per-model routes in `models.ts`.
 */

/**
 * How an endpoint is driven:
 * - `default`: the KCA car-adapter call;
 * - `kca-stop`: the HVAC start URL, stopped with `action: "stop"` instead of `"cancel"`;
 * - `kcm`: the KCM call (`charge/start`, `charge/schedule`);
 * - `kcm-settings`: KCM `ev/settings` (read, or read-modify-write to start charging);
 * - `kcm-pause-resume`: KCM `charge/pause-resume`;
 * - `kcm-start-later`: KCM `charge/start` planned 24 h ahead, the charge stop of the ZOE phase 2
 *   (whose pause is accepted but ignored).
 */
export type EndpointMode =
  "default" | "kca-stop" | "kcm" | "kcm-settings" | "kcm-pause-resume" | "kcm-start-later";

/** Where and how an endpoint is reached. */
export interface EndpointDefinition {
  /** Path template relative to `/commerce/v1/accounts/{account_id}/kamereon`, containing `{vin}`. */
  readonly path: string;
  readonly mode: EndpointMode;
}

/**
 * - `read`: a GET without parameters;
 * - `history`: a GET for a period (`query: "period"` sends `start`/`end`, `"history"` adds `type`);
 * - `action`: a POST that changes something on the car.
 */
export type EndpointKind = "read" | "history" | "action";

/** What the registry says about one endpoint key, whatever the model. */
export interface EndpointSpec<Key extends string = EndpointKey> {
  readonly kind: EndpointKind;
  /** The route of a model that does not say otherwise. */
  readonly route: EndpointDefinition;
  /** Its column in the per-model grid of `models.ts` (3 letters: lower case actions, upper case reads). */
  readonly alias: string;
  /** The route the grid's `K` cell stands for (KCM `charge/start`, `charge/schedule`). */
  readonly kcm?: EndpointDefinition;
  /** History reads: which parameters the period is sent with. */
  readonly query?: "period" | "history";
  /** The reads a POST to this key changes, dropped from the cache when it is sent. */
  readonly invalidates?: readonly Key[];
  /** The read that shows the effect of a POST to this key (`null`: none, e.g. the horn). */
  readonly effectRead?: Key | null;
}

const kca = (version: 1 | 2, leaf: string): EndpointDefinition => ({
  path: `/kca/car-adapter/v${version}/cars/{vin}/${leaf}`,
  mode: "default",
});
const kcm = (leaf: string, mode: EndpointMode = "kcm"): EndpointDefinition => ({
  path: `/kcm/v1/vehicles/{vin}/${leaf}`,
  mode,
});

/** KCM `ev/settings`: the charge schedule of the newest models, and their way to start charging. */
export const KCM_EV_SETTINGS = kcm("ev/settings", "kcm-settings");
/** KCM `charge/pause-resume`: charge start and stop of the ZOE phase 2 and the Spring. */
export const KCM_PAUSE_RESUME = kcm("charge/pause-resume", "kcm-pause-resume");
/** KCM `charge/start` with a start 24 h ahead: how the ZOE phase 2 stops charging. */
export const KCM_START_LATER = kcm("charge/start", "kcm-start-later");
/** The KCA HVAC URL, stopped with `stop`. */
export const KCA_HVAC_STOP: EndpointDefinition = { ...kca(1, "actions/hvac-start"), mode: "kca-stop" };

const CHARGE_READS = ["battery-status", "charge-mode", "charging-settings", "charge-schedule"] as const;

/*
 * Every key, sorted. Actions first (`actions/…`), then the reads; `soc-levels` is a read that is
 * also written (POST), hence its `invalidates`.
 */
const SPECS = {
  "actions/charge-set-mode": {
    kind: "action",
    route: kca(1, "actions/charge-mode"),
    alias: "cMd",
    invalidates: ["charge-mode", "charging-settings", "charge-schedule"],
    effectRead: "charge-mode",
  },
  "actions/charge-set-schedule": {
    kind: "action",
    route: kca(2, "actions/charge-schedule"),
    alias: "cSc",
    kcm: kcm("charge/schedule"),
    invalidates: ["charging-settings", "charge-schedule"],
    effectRead: "charge-schedule",
  },
  "actions/charge-start": {
    kind: "action",
    route: kca(1, "actions/charging-start"),
    alias: "cGo",
    kcm: kcm("charge/start"),
    invalidates: CHARGE_READS,
    effectRead: "battery-status",
  },
  "actions/charge-stop": {
    kind: "action",
    route: kca(1, "actions/charging-start"),
    alias: "cSt",
    invalidates: CHARGE_READS,
    effectRead: "battery-status",
  },
  "actions/horn-start": {
    kind: "action",
    route: kca(1, "actions/horn-lights"),
    alias: "hrn",
    effectRead: null,
  },
  "actions/hvac-set-schedule": {
    kind: "action",
    route: kca(2, "actions/hvac-schedule"),
    alias: "hSc",
    invalidates: ["hvac-settings", "hvac-status"],
    effectRead: "hvac-settings",
  },
  "actions/hvac-start": {
    kind: "action",
    route: kca(1, "actions/hvac-start"),
    alias: "hGo",
    invalidates: ["hvac-status"],
    effectRead: "hvac-status",
  },
  "actions/hvac-stop": {
    kind: "action",
    route: kca(1, "actions/hvac-start"),
    alias: "hSt",
    invalidates: ["hvac-status"],
    effectRead: "hvac-status",
  },
  "actions/lights-start": {
    kind: "action",
    route: kca(1, "actions/horn-lights"),
    alias: "lgt",
    effectRead: null,
  },
  "actions/refresh-location": {
    kind: "action",
    route: kca(1, "actions/refresh-location"),
    alias: "rLo",
    invalidates: ["location"],
    effectRead: "location",
  },
  alerts: { kind: "read", route: { path: "/vehicles/{vin}/alerts", mode: "default" }, alias: "ALR" },
  "battery-status": { kind: "read", route: kca(2, "battery-status"), alias: "BAT" },
  "charge-history": { kind: "history", route: kca(1, "charge-history"), alias: "CHH", query: "history" },
  "charge-mode": { kind: "read", route: kca(1, "charge-mode"), alias: "CMO" },
  "charge-schedule": { kind: "read", route: kca(1, "charge-schedule"), alias: "CSC" },
  charges: { kind: "history", route: kca(1, "charges"), alias: "CHS", query: "period" },
  "charging-settings": { kind: "read", route: kca(1, "charging-settings"), alias: "CST" },
  cockpit: { kind: "read", route: kca(1, "cockpit"), alias: "CKP" },
  "hvac-history": { kind: "history", route: kca(1, "hvac-history"), alias: "HHI", query: "history" },
  "hvac-sessions": { kind: "history", route: kca(1, "hvac-sessions"), alias: "HSE", query: "period" },
  "hvac-settings": { kind: "read", route: kca(1, "hvac-settings"), alias: "HSG" },
  "hvac-status": { kind: "read", route: kca(1, "hvac-status"), alias: "HVS" },
  location: { kind: "read", route: kca(1, "location"), alias: "LOC" },
  "lock-status": { kind: "read", route: kca(1, "lock-status"), alias: "LCK" },
  "notification-settings": { kind: "read", route: kca(1, "notification-settings"), alias: "NOT" },
  pressure: { kind: "read", route: kca(1, "pressure"), alias: "PRS" },
  "res-state": { kind: "read", route: kca(1, "res-state"), alias: "RES" },
  "soc-levels": {
    kind: "read",
    route: kcm("ev/soc-levels", "default"),
    alias: "SOC",
    invalidates: ["soc-levels", "battery-status"],
    effectRead: "soc-levels",
  },
} as const satisfies Record<string, EndpointSpec<string>>;

/** The logical endpoints (10 actions and 18 reads). */
export type EndpointKey = keyof typeof SPECS;
/** The keys read with a GET (the history reads included). */
export type ReadKey = {
  [K in EndpointKey]: (typeof SPECS)[K]["kind"] extends "action" ? never : K;
}[EndpointKey];
/** The history reads (a period is required). */
export type HistoryKey = {
  [K in EndpointKey]: (typeof SPECS)[K]["kind"] extends "history" ? K : never;
}[EndpointKey];
/** The actions (POST). */
export type ActionKey = Exclude<EndpointKey, ReadKey>;

/** Every endpoint's spec, frozen. */
export const ENDPOINTS: Readonly<Record<EndpointKey, EndpointSpec>> = deepFreeze(SPECS);

/** Every logical endpoint key, sorted. */
export const ENDPOINT_KEYS: readonly EndpointKey[] = Object.freeze(Object.keys(SPECS) as EndpointKey[]);

/** The default route of each key. */
export const DEFAULT_ENDPOINTS: Readonly<Record<EndpointKey, EndpointDefinition>> = Object.freeze(
  Object.fromEntries(ENDPOINT_KEYS.map((key) => [key, ENDPOINTS[key].route])) as Record<
    EndpointKey,
    EndpointDefinition
  >,
);

/**
 * The vehicle's car-adapter root (`get_car_adapter` in Python). No model is known to lack it, so it
 * has no column in the grid; it still goes through the model lookup (and its warning) like every read.
 */
export const CAR_ADAPTER_ENDPOINT: EndpointDefinition = Object.freeze({
  path: "/kca/car-adapter/v2/cars/{vin}",
  mode: "default",
});

/** Whether `key` is an action (a POST that changes the car). */
export function isActionKey(key: EndpointKey): key is ActionKey {
  return ENDPOINTS[key].kind === "action";
}

/** Whether `value` is an endpoint key (for untrusted input, e.g. a stored record). */
export function isEndpointKey(value: unknown): value is EndpointKey {
  return typeof value === "string" && Object.hasOwn(SPECS, value);
}

/** The reads a POST to `key` changes. */
export function invalidatedBy(key: EndpointKey): readonly EndpointKey[] {
  return ENDPOINTS[key].invalidates ?? [];
}

/** The read that shows the effect of a POST to `key`, or null when none does. */
export function effectReadOf(key: EndpointKey): EndpointKey | null {
  return ENDPOINTS[key].effectRead ?? null;
}

export function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
