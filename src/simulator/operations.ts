import { SIM_KEYS, type SimKey } from "./models.js";

/** The reads a simulated car serves (KCA car-adapter reads, KCM reads and alerts). */
export type ReadName =
  | "car-adapter"
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
  | "soc-levels"
  | "ev-settings"
  | "alerts";

/** One HTTP operation on a car: method + path template, and the logical keys it serves. */
export interface Operation {
  /** The simulator's endpoint name (`RecordedRequest.endpoint`), e.g. `cockpit`, `actions/hvac-start`. */
  readonly name: string;
  readonly method: "GET" | "POST";
  /** Path template relative to `/commerce/v1/accounts/{account_id}/kamereon`. */
  readonly template: string;
  /**
   * The per-model keys ({@link SimKey}) this operation can serve. The car supports the URL when
   * at least one of them resolves to this template for its model. Empty: outside the matrix.
   */
  readonly keys: readonly SimKey[];
  /** The read it answers (GET only). */
  readonly read?: ReadName;
  /** For shared URLs: which key a body is for, from `data.attributes[field]`. */
  readonly bodyKeys?: { readonly field: string; readonly values: Readonly<Record<string, SimKey>> };
}

const KCA1 = "/kca/car-adapter/v1/cars/{vin}";
const KCA2 = "/kca/car-adapter/v2/cars/{vin}";
const KCM = "/kcm/v1/vehicles/{vin}";

const read = (name: ReadName, template: string, keys: readonly SimKey[]): Operation => ({
  name,
  method: "GET",
  template,
  keys,
  read: name,
});
const kcaRead = (name: ReadName & SimKey): Operation => read(name, `${KCA1}/${name}`, [name]);

/** Every vehicle operation the simulator serves: the 17 KCA reads, 7 KCA actions, 7 KCM calls, alerts. */
export const OPERATIONS: readonly Operation[] = [
  read("car-adapter", KCA2, []),
  read("battery-status", `${KCA2}/battery-status`, ["battery-status"]),
  kcaRead("charge-history"),
  kcaRead("charge-mode"),
  kcaRead("charge-schedule"),
  kcaRead("charges"),
  kcaRead("charging-settings"),
  kcaRead("cockpit"),
  kcaRead("hvac-history"),
  kcaRead("hvac-sessions"),
  kcaRead("hvac-settings"),
  kcaRead("hvac-status"),
  kcaRead("location"),
  kcaRead("lock-status"),
  kcaRead("notification-settings"),
  kcaRead("pressure"),
  kcaRead("res-state"),
  read("soc-levels", `${KCM}/ev/soc-levels`, ["soc-levels"]),
  read("ev-settings", `${KCM}/ev/settings`, ["charge-schedule", "actions/charge-start"]),
  read("alerts", "/vehicles/{vin}/alerts", ["alerts"]),
  { name: "soc-levels", method: "POST", template: `${KCM}/ev/soc-levels`, keys: ["soc-levels"] },
  { name: "ev-settings", method: "POST", template: `${KCM}/ev/settings`, keys: ["actions/charge-start"] },
  {
    name: "charge/start",
    method: "POST",
    template: `${KCM}/charge/start`,
    // A start now or at a time; the ZOE 50 stops a charge with a start 24 h ahead.
    keys: ["actions/charge-start", "actions/charge-stop"],
  },
  {
    name: "charge/pause-resume",
    method: "POST",
    template: `${KCM}/charge/pause-resume`,
    keys: ["actions/charge-start", "actions/charge-stop"],
    bodyKeys: { field: "action", values: { resume: "actions/charge-start", pause: "actions/charge-stop" } },
  },
  {
    name: "charge/schedule",
    method: "POST",
    template: `${KCM}/charge/schedule`,
    keys: ["actions/charge-set-schedule"],
  },
  {
    name: "actions/charge-mode",
    method: "POST",
    template: `${KCA1}/actions/charge-mode`,
    keys: ["actions/charge-set-mode"],
  },
  {
    name: "actions/charge-schedule",
    method: "POST",
    template: `${KCA2}/actions/charge-schedule`,
    keys: ["actions/charge-set-schedule"],
  },
  {
    name: "actions/charging-start",
    method: "POST",
    template: `${KCA1}/actions/charging-start`,
    keys: ["actions/charge-start", "actions/charge-stop"],
    bodyKeys: { field: "action", values: { start: "actions/charge-start", stop: "actions/charge-stop" } },
  },
  {
    name: "actions/horn-lights",
    method: "POST",
    template: `${KCA1}/actions/horn-lights`,
    keys: ["actions/horn-start", "actions/lights-start"],
    bodyKeys: { field: "target", values: { horn: "actions/horn-start", lights: "actions/lights-start" } },
  },
  {
    name: "actions/hvac-schedule",
    method: "POST",
    template: `${KCA2}/actions/hvac-schedule`,
    keys: ["actions/hvac-set-schedule"],
  },
  {
    name: "actions/hvac-start",
    method: "POST",
    template: `${KCA1}/actions/hvac-start`,
    keys: ["actions/hvac-start", "actions/hvac-stop"],
    bodyKeys: {
      field: "action",
      values: { start: "actions/hvac-start", cancel: "actions/hvac-stop", stop: "actions/hvac-stop" },
    },
  },
  {
    name: "actions/refresh-location",
    method: "POST",
    template: `${KCA1}/actions/refresh-location`,
    keys: ["actions/refresh-location"],
  },
];

/** Names of the Kamereon calls that are not per-vehicle operations. */
export const COMMERCE_ENDPOINTS = [
  "person",
  "notifications",
  "vehicles",
  "details",
  "contracts",
  "myr/connected-vehicles",
  "myr/remotes",
] as const;
/** Names of the Gigya calls. */
export const GIGYA_ENDPOINTS: Readonly<Record<string, string>> = {
  "/accounts.login": "login",
  "/accounts.getAccountInfo": "account-info",
  "/accounts.getJWT": "jwt",
};

/** Every name that selects requests exactly (endpoint names and logical keys, with and without `actions/`). */
export const ENDPOINT_NAMES: ReadonlySet<string> = new Set(
  [
    ...OPERATIONS.map((operation) => operation.name),
    ...COMMERCE_ENDPOINTS,
    ...Object.values(GIGYA_ENDPOINTS),
    ...SIM_KEYS,
  ].flatMap((name) => (name.startsWith("actions/") ? [name, name.slice("actions/".length)] : [name])),
);

/** What a request is about, worked out from its method, path and body alone. */
export interface Classification {
  /** Endpoint name (see {@link Operation.name}, {@link COMMERCE_ENDPOINTS}, {@link GIGYA_ENDPOINTS}). */
  readonly endpoint: string | undefined;
  readonly accountId?: string | undefined;
  readonly vin?: string | undefined;
  /** The vehicle operation, when the path and method name one. */
  readonly operation?: Operation | undefined;
  /** A vehicle path that exists, requested with another method. */
  readonly wrongMethod?: boolean;
  /** The logical keys the request is for: the body's key on shared URLs, else the operation's keys. */
  readonly keys: readonly SimKey[];
}

const COMMERCE = /^\/commerce\/v1\/accounts\/([^/]+)(?:\/(.*))?$/;
const VEHICLE_PATHS: readonly RegExp[] = [
  /^(\/kca\/car-adapter\/v\d+\/cars\/)([^/]+)(\/.*)?$/,
  /^(\/kcm\/v\d+\/vehicles\/)([^/]+)(\/.*)?$/,
  /^(\/vehicles\/)([^/]+)(\/alerts)$/,
];

/** Classifies a request (no state involved; used for the log, fault targets and routing). */
export function classify(
  service: "gigya" | "kamereon",
  method: string,
  path: string,
  body: unknown,
): Classification {
  if (service === "gigya") return { endpoint: GIGYA_ENDPOINTS[path] ?? path.slice(1), keys: [] };
  const myr = /^\/myr\/api\/v1\/accounts\/([^/]+)\/(connected-vehicles|vehicles\/([^/]+)\/remotes)$/.exec(
    path,
  );
  if (myr) {
    const endpoint = myr[3] === undefined ? "myr/connected-vehicles" : "myr/remotes";
    return {
      endpoint,
      accountId: decode(myr[1]),
      vin: myr[3] === undefined ? undefined : decode(myr[3]),
      keys: [],
    };
  }
  const person = /^\/commerce\/v1\/persons\/[^/]+(\/notifications\/kmr)?$/.exec(path);
  if (person) return { endpoint: person[1] ? "notifications" : "person", keys: [] };
  const account = COMMERCE.exec(path);
  if (!account) return { endpoint: undefined, keys: [] };
  const accountId = decode(account[1]);
  const rest = account[2] ?? "";
  if (rest === "vehicles") return { endpoint: "vehicles", accountId, keys: [] };
  const commerce = /^vehicles\/([^/]+)\/(details|contracts)$/.exec(rest);
  if (commerce) return { endpoint: commerce[2], accountId, vin: decode(commerce[1]), keys: [] };
  if (!rest.startsWith("kamereon/")) return { endpoint: undefined, accountId, keys: [] };
  const relative = rest.slice("kamereon".length);
  for (const pattern of VEHICLE_PATHS) {
    const match = pattern.exec(relative);
    if (!match) continue;
    const vin = decode(match[2]);
    const template = `${match[1] ?? ""}{vin}${match[3] ?? ""}`;
    const candidates = OPERATIONS.filter((operation) => operation.template === template);
    const operation = candidates.find((candidate) => candidate.method === method);
    if (!operation) {
      return { endpoint: candidates[0]?.name, accountId, vin, wrongMethod: candidates.length > 0, keys: [] };
    }
    return { endpoint: operation.name, accountId, vin, operation, keys: keysOf(operation, body) };
  }
  return { endpoint: undefined, accountId, keys: [] };
}

/** The key a body is for on a shared URL (e.g. `actions/hvac-stop` for `{action: "cancel"}`). */
export function bodyKeyOf(operation: Operation, body: unknown): SimKey | undefined {
  if (!operation.bodyKeys) return operation.keys.length === 1 ? operation.keys[0] : undefined;
  const value = attributesOf(body)?.[operation.bodyKeys.field];
  return typeof value === "string" && Object.hasOwn(operation.bodyKeys.values, value)
    ? operation.bodyKeys.values[value]
    : undefined;
}

function keysOf(operation: Operation, body: unknown): readonly SimKey[] {
  if (!operation.bodyKeys) return operation.keys;
  const key = bodyKeyOf(operation, body);
  return key === undefined ? operation.keys : [key];
}

/** `data.attributes` of a JSON:API body, when it has one. */
export function attributesOf(body: unknown): Record<string, unknown> | undefined {
  const data = isRecord(body) ? body.data : undefined;
  const attributes = isRecord(data) ? data.attributes : undefined;
  return isRecord(attributes) ? attributes : undefined;
}

/** Whether a JSON value is an object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function decode(segment: string | undefined): string {
  try {
    return decodeURIComponent(segment ?? "");
  } catch {
    return segment ?? "";
  }
}
