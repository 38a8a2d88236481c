/**
 * What each simulated model supports, as the simulator's own data: for every model, the keys whose
 * answer differs from the default KCA/KCM call, each with the route the car takes or the error
 * envelope it answers. A key a model does not list is served on its default route (the convention
 * of docs/api-notes.md: "a key not listed for a model falls back to the default").
 *
 * Sources: the Python client's model table (as docs/models.md lists it), the reasons its issues give,
 * docs/api-notes.md (B4, B5, C.5, models of 2026). This table is deliberately NOT derived
 * from the client's routing: test/simulator-contract.test.ts compares the two, so a wrong route in
 * the client fails a test instead of being simulated faithfully.
 */

/** The logical keys a car can be asked for (10 actions and 18 reads). */
export const SIM_KEYS = [
  "actions/charge-set-mode",
  "actions/charge-set-schedule",
  "actions/charge-start",
  "actions/charge-stop",
  "actions/horn-start",
  "actions/hvac-set-schedule",
  "actions/hvac-start",
  "actions/hvac-stop",
  "actions/lights-start",
  "actions/refresh-location",
  "alerts",
  "battery-status",
  "charge-history",
  "charge-mode",
  "charge-schedule",
  "charges",
  "charging-settings",
  "cockpit",
  "hvac-history",
  "hvac-sessions",
  "hvac-settings",
  "hvac-status",
  "location",
  "lock-status",
  "notification-settings",
  "pressure",
  "res-state",
  "soc-levels",
] as const;

/** One logical key (see {@link SIM_KEYS}). */
export type SimKey = (typeof SIM_KEYS)[number];

/** An error answer: HTTP status and the body (a fixture under `kamereon/error/`, or a built envelope). */
export interface Refusal {
  readonly status: number;
  /** Fixture path under the fixtures folder. */
  readonly fixture?: string;
  /** Vendor code and message of a built envelope, when no fixture has the case. */
  readonly code?: string;
  readonly message?: string;
}

/** 403 `err.func.wired.forbidden`: the most common answer to an unsupported action. */
export const FORBIDDEN: Refusal = { status: 403, fixture: "kamereon/error/forbidden.json" };
/** 404 `err.func.wired.notFound`: data the car does not report. */
export const NOT_FOUND: Refusal = { status: 404, fixture: "kamereon/error/resource_not_found.json" };
/** 404 `err.func.wired.not-found`: the other spelling, seen on newer models (docs/api-notes.md, 2026). */
export const NOT_FOUND_HYPHEN: Refusal = {
  status: 404,
  code: "err.func.wired.not-found",
  message: "Resource not found",
};
/** 501 `err.tech.501`: "not technically supported by this gateway". */
export const NOT_SUPPORTED: Refusal = { status: 501, fixture: "kamereon/error/not_supported.json" };
/** 403 `err.func.403` with inner 403011 "Operation not supported for this can (C1A)". */
export const CAN_NOT: Refusal = { status: 403, fixture: "kamereon/error/hvac-status.403.403011.json" };
/** 400 `err.func.wired.invalid-body-format`: the Megane E-Tech's charge stop (docs/api-notes.md, B5). */
export const INVALID_BODY_FORMAT: Refusal = {
  status: 400,
  code: "err.func.wired.invalid-body-format",
  message: "Invalid body format",
};
/** `400001` "The vehicle does not have a GDC gateway"; the HTTP status is not known, 400 is a guess. */
export const NO_GDC_GATEWAY: Refusal = {
  status: 400,
  code: "400001",
  message: "The vehicle does not have a GDC gateway",
};
/** `err.func.vcps.users-helper…` on notification-settings; the HTTP status is not known, 400 is a guess. */
export const USERS_HELPER_ERROR: Refusal = {
  status: 400,
  code: "err.func.vcps.users-helper.get-notification-settings.error",
  message: "Error while getting notification settings",
};

const KCA1 = "/kca/car-adapter/v1/cars/{vin}";
const KCA2 = "/kca/car-adapter/v2/cars/{vin}";
const KCM = "/kcm/v1/vehicles/{vin}";

/** Where each key goes on a model that does not say otherwise (paths relative to `…/kamereon`). */
export const DEFAULT_PATHS: Readonly<Record<SimKey, string>> = {
  "actions/charge-set-mode": `${KCA1}/actions/charge-mode`,
  "actions/charge-set-schedule": `${KCA2}/actions/charge-schedule`,
  "actions/charge-start": `${KCA1}/actions/charging-start`,
  "actions/charge-stop": `${KCA1}/actions/charging-start`,
  "actions/horn-start": `${KCA1}/actions/horn-lights`,
  "actions/hvac-set-schedule": `${KCA2}/actions/hvac-schedule`,
  "actions/hvac-start": `${KCA1}/actions/hvac-start`,
  "actions/hvac-stop": `${KCA1}/actions/hvac-start`,
  "actions/lights-start": `${KCA1}/actions/horn-lights`,
  "actions/refresh-location": `${KCA1}/actions/refresh-location`,
  alerts: "/vehicles/{vin}/alerts",
  "battery-status": `${KCA2}/battery-status`,
  "charge-history": `${KCA1}/charge-history`,
  "charge-mode": `${KCA1}/charge-mode`,
  "charge-schedule": `${KCA1}/charge-schedule`,
  charges: `${KCA1}/charges`,
  "charging-settings": `${KCA1}/charging-settings`,
  cockpit: `${KCA1}/cockpit`,
  "hvac-history": `${KCA1}/hvac-history`,
  "hvac-sessions": `${KCA1}/hvac-sessions`,
  "hvac-settings": `${KCA1}/hvac-settings`,
  "hvac-status": `${KCA1}/hvac-status`,
  location: `${KCA1}/location`,
  "lock-status": `${KCA1}/lock-status`,
  "notification-settings": `${KCA1}/notification-settings`,
  pressure: `${KCA1}/pressure`,
  "res-state": `${KCA1}/res-state`,
  "soc-levels": `${KCM}/ev/soc-levels`,
};

/**
 * A route other than the default one:
 * - `kcm-charge-start`: KCM `charge/start` (a `startDateTime` plans the start);
 * - `kcm-charge-schedule`: KCM `charge/schedule`;
 * - `kcm-ev-settings`: KCM `ev/settings` (read, or read-modify-write with every program off to
 *   start charging);
 * - `kcm-pause-resume`: KCM `charge/pause-resume`;
 * - `hvac-stop-with-stop`: the KCA hvac-start URL with `action: "stop"` instead of `"cancel"`.
 */
export type Route =
  | "default"
  | "kcm-charge-start"
  | "kcm-charge-schedule"
  | "kcm-ev-settings"
  | "kcm-pause-resume"
  | "hvac-stop-with-stop";

/** The path of a route (`default` is the key's {@link DEFAULT_PATHS} entry). */
export function pathOf(route: Route, key: SimKey): string {
  switch (route) {
    case "kcm-charge-start":
      return `${KCM}/charge/start`;
    case "kcm-charge-schedule":
      return `${KCM}/charge/schedule`;
    case "kcm-ev-settings":
      return `${KCM}/ev/settings`;
    case "kcm-pause-resume":
      return `${KCM}/charge/pause-resume`;
    case "hvac-stop-with-stop":
      return `${KCA1}/actions/hvac-start`;
    case "default":
      return DEFAULT_PATHS[key];
  }
}

/** What a model does for a key: the routes it answers on (the first is the usual one), or a refusal. */
export type Cell = Route | readonly Route[] | Refusal;

const F = FORBIDDEN;
const N = NOT_FOUND;
const S = NOT_SUPPORTED;
const C = CAN_NOT;
const KCM_CHARGE_START: Route = "kcm-charge-start";
const KCM_CHARGE_SCHEDULE: Route = "kcm-charge-schedule";
const KCM_EV_SETTINGS: Route = "kcm-ev-settings";
const KCM_PAUSE_RESUME: Route = "kcm-pause-resume";
const HVAC_STOP_WITH_STOP: Route = "hvac-stop-with-stop";

/**
 * One row per simulated model: the keys that differ from the default route. F forbidden,
 * N `err.func.wired.notFound`, S `err.tech.501`, C 403011; other refusals by name.
 */
export const MODEL_SUPPORT: Readonly<Record<string, Readonly<Partial<Record<SimKey, Cell>>>>> = {
  A4E1VE: {
    "actions/charge-set-mode": F,
    "actions/charge-set-schedule": F,
    "actions/charge-start": KCM_EV_SETTINGS,
    "actions/charge-stop": F,
    "actions/hvac-set-schedule": F,
    "charge-history": N,
    "charge-mode": F,
    "charge-schedule": KCM_EV_SETTINGS,
    "lock-status": N,
    "notification-settings": S,
    pressure: N,
    "res-state": N,
  },
  // docs/api-notes.md, 2026 (merged 2026-09): refresh-location on its default route.
  A5E1AE: {
    "actions/charge-set-mode": F,
    "actions/charge-set-schedule": F,
    "actions/charge-start": KCM_EV_SETTINGS,
    "actions/charge-stop": F,
    "actions/hvac-set-schedule": F,
    "actions/hvac-stop": HVAC_STOP_WITH_STOP,
    alerts: S,
    "charge-history": N,
    "charge-mode": F,
    "charge-schedule": KCM_EV_SETTINGS,
    "charging-settings": F,
    "hvac-history": N,
    "hvac-sessions": N,
    "lock-status": N,
    "notification-settings": S,
    pressure: N,
    "res-state": N,
  },
  // docs/api-notes.md, 2026: Dacia Bigster Hybrid 155 (merged 2026-08).
  BD11SL: {
    "actions/charge-start": F,
    "actions/horn-start": F,
    "actions/lights-start": F,
    alerts: NOT_FOUND_HYPHEN,
    "battery-status": N,
    "charge-history": NOT_FOUND_HYPHEN,
    "charge-mode": F,
    "charge-schedule": F,
    "charging-settings": F,
    "hvac-history": NOT_FOUND_HYPHEN,
    "hvac-sessions": NOT_FOUND_HYPHEN,
    "hvac-settings": F,
    "hvac-status": N,
    "lock-status": N,
    "notification-settings": NO_GDC_GATEWAY,
    pressure: N,
    "res-state": N,
    "soc-levels": F,
  },
  DU31SU: {
    "actions/charge-start": F,
    "actions/charge-stop": F,
    "actions/horn-start": F,
    "actions/hvac-set-schedule": F,
    "actions/hvac-start": F,
    "actions/hvac-stop": F,
    "actions/lights-start": F,
    "battery-status": N,
    "charge-history": N,
    "charge-mode": F,
    "charge-schedule": S,
    charges: N,
    "charging-settings": F,
    "hvac-history": N,
    "hvac-sessions": N,
    "hvac-settings": S,
    "hvac-status": C,
    "lock-status": N,
    pressure: N,
    "res-state": N,
    "soc-levels": F,
  },
  R5E1VE: {
    "actions/charge-set-mode": F,
    "actions/charge-set-schedule": F,
    "actions/charge-start": KCM_EV_SETTINGS,
    "actions/charge-stop": F,
    "actions/hvac-set-schedule": F,
    "actions/hvac-stop": HVAC_STOP_WITH_STOP,
    "charge-history": N,
    "charge-mode": F,
    "charge-schedule": KCM_EV_SETTINGS,
    "charging-settings": F,
    "hvac-history": N,
    "hvac-sessions": N,
    "lock-status": N,
    "notification-settings": S,
    pressure: N,
    "res-state": N,
  },
  X071VE: {
    "charge-history": N,
    "charge-mode": F,
    "charge-schedule": S,
    "hvac-history": N,
    "hvac-sessions": N,
    "lock-status": N,
    "notification-settings": S,
    pressure: N,
    "res-state": N,
  },
  X101VE: { location: N, "lock-status": N, pressure: N, "res-state": N, "soc-levels": F },
  // docs/api-notes.md, 2026 (open pull request, tested on a car): charge start through KCM
  // charge/start, charge stop as a KCM start 24 h ahead; the KCA start and the pause are still served.
  X102VE: {
    "actions/charge-start": ["default", KCM_CHARGE_START],
    "actions/charge-stop": [KCM_PAUSE_RESUME, KCM_CHARGE_START],
    "actions/horn-start": F,
    "actions/lights-start": F,
    "charge-mode": F,
    "charge-schedule": S,
    "lock-status": N,
    "res-state": N,
    "soc-levels": F,
  },
  XBG1VE: {
    "actions/charge-start": KCM_PAUSE_RESUME,
    "actions/charge-stop": KCM_PAUSE_RESUME,
    "actions/horn-start": F,
    "actions/hvac-stop": HVAC_STOP_WITH_STOP,
    "actions/lights-start": F,
    alerts: S,
    "charge-history": N,
    "charge-mode": F,
    "charge-schedule": S,
    "charging-settings": F,
    "hvac-history": N,
    "hvac-sessions": N,
    "hvac-settings": S,
    "lock-status": N,
    "notification-settings": S,
    pressure: N,
    "res-state": N,
    "soc-levels": F,
  },
  // docs/api-notes.md, 2026 (merged 2026-08).
  XCB1SE: {
    "actions/charge-start": KCM_EV_SETTINGS,
    "actions/charge-stop": INVALID_BODY_FORMAT,
    "charge-mode": F,
    "charge-schedule": KCM_EV_SETTINGS,
    "charging-settings": F,
    "lock-status": N,
    pressure: N,
    "res-state": N,
  },
  XCB1VE: {
    // docs/api-notes.md, 2026 (merged 2026-09): HVAC stop is `stop`, not `cancel`.
    "actions/hvac-stop": HVAC_STOP_WITH_STOP,
    "actions/charge-set-schedule": KCM_CHARGE_SCHEDULE,
    "actions/charge-start": KCM_CHARGE_START,
    "actions/charge-stop": INVALID_BODY_FORMAT,
    "charge-history": N,
    "charge-mode": F,
    "charge-schedule": S,
    "hvac-history": N,
    "hvac-sessions": N,
    "lock-status": N,
    "notification-settings": S,
    pressure: N,
    "res-state": N,
  },
  XDD1VE: {
    "actions/charge-set-schedule": F,
    "actions/charge-start": KCM_EV_SETTINGS,
    "actions/charge-stop": F,
    "charge-history": N,
    "charge-mode": F,
    "charge-schedule": KCM_EV_SETTINGS,
    "charging-settings": F,
    "hvac-history": N,
    "hvac-sessions": N,
    "lock-status": N,
    "notification-settings": S,
    pressure: N,
    "res-state": N,
  },
  // docs/api-notes.md, 2026: Megane IV estate plug-in hybrid (merged 2026-08).
  XFB2BK: {
    "actions/horn-start": F,
    "actions/lights-start": F,
    "hvac-history": NOT_FOUND_HYPHEN,
    "hvac-sessions": NOT_FOUND_HYPHEN,
    "hvac-settings": NOT_FOUND_HYPHEN,
    "lock-status": N,
    "notification-settings": USERS_HELPER_ERROR,
    pressure: N,
    "res-state": N,
  },
  XFB2BI: {
    "charge-history": N,
    "charge-mode": F,
    "charge-schedule": S,
    "hvac-history": N,
    "hvac-sessions": N,
    location: N,
    "lock-status": N,
    "notification-settings": S,
    pressure: N,
    "res-state": N,
  },
  XHN1CP: {
    "actions/charge-start": F,
    "charge-history": N,
    "charge-mode": F,
    "charge-schedule": KCM_EV_SETTINGS,
    "charging-settings": F,
    "hvac-history": N,
    "hvac-sessions": N,
    "lock-status": N,
    "notification-settings": S,
    pressure: N,
    "res-state": N,
  },
  // docs/api-notes.md, 2026 (merged 2026-09): charge start/stop none, refresh-location works.
  XHN1ML: {
    "actions/charge-start": F,
    "actions/charge-stop": NOT_FOUND_HYPHEN,
    "actions/hvac-start": F,
    alerts: NOT_FOUND_HYPHEN,
    "battery-status": N,
    "charge-history": N,
    "charge-mode": F,
    "charge-schedule": S,
    charges: N,
    "charging-settings": F,
    "hvac-history": N,
    "hvac-sessions": N,
    "hvac-settings": S,
    "hvac-status": C,
    "lock-status": N,
    "notification-settings": S,
    pressure: N,
    "res-state": N,
    "soc-levels": F,
  },
  XHN1SU: {
    "actions/charge-start": F,
    "actions/charge-stop": F,
    "actions/hvac-start": F,
    "battery-status": N,
    "charge-history": N,
    "charge-mode": F,
    "charging-settings": F,
    "hvac-status": C,
    "lock-status": N,
    pressure: N,
    "res-state": N,
    "soc-levels": F,
  },
  XJA1VP: {
    "actions/charge-start": F,
    "actions/charge-stop": F,
    "actions/horn-start": F,
    "actions/hvac-set-schedule": F,
    "actions/hvac-start": F,
    "actions/hvac-stop": F,
    "actions/lights-start": F,
    alerts: S,
    "battery-status": N,
    "charge-history": N,
    "charge-mode": F,
    "charge-schedule": S,
    charges: N,
    "charging-settings": F,
    "hvac-history": N,
    "hvac-sessions": N,
    "hvac-settings": S,
    "hvac-status": C,
    "lock-status": N,
    "notification-settings": S,
    pressure: N,
    "res-state": N,
    "soc-levels": F,
  },
  XJA2VP: {
    "actions/charge-start": F,
    "actions/charge-stop": F,
    "actions/horn-start": F,
    "actions/hvac-set-schedule": F,
    "actions/hvac-start": F,
    "actions/hvac-stop": F,
    "actions/lights-start": F,
    alerts: S,
    "battery-status": N,
    "charge-history": N,
    "charge-mode": F,
    "charge-schedule": S,
    charges: N,
    "charging-settings": F,
    "hvac-history": N,
    "hvac-sessions": N,
    "hvac-settings": S,
    "hvac-status": C,
    "lock-status": N,
    "notification-settings": S,
    pressure: N,
    "res-state": N,
    "soc-levels": F,
  },
  XJB1SU: {
    "actions/charge-start": F,
    "actions/charge-stop": F,
    "actions/horn-start": F,
    "actions/lights-start": F,
    "charge-history": N,
    "charge-mode": F,
    "charge-schedule": S,
    "hvac-history": N,
    "hvac-sessions": N,
    "lock-status": N,
    "notification-settings": S,
    pressure: N,
    "res-state": N,
    "soc-levels": F,
  },
  // docs/api-notes.md, 2026: Captur II LPG (merged 2026-07).
  XJB2SU: {
    "actions/charge-start": NOT_FOUND_HYPHEN,
    "actions/charge-stop": NOT_FOUND_HYPHEN,
    "actions/hvac-start": NOT_FOUND_HYPHEN,
    alerts: NOT_FOUND_HYPHEN,
    "battery-status": NOT_FOUND_HYPHEN,
    "charge-history": NOT_FOUND_HYPHEN,
    "charge-mode": F,
    "charge-schedule": F,
    charges: N,
    "charging-settings": F,
    "hvac-history": NOT_FOUND_HYPHEN,
    "hvac-sessions": NOT_FOUND_HYPHEN,
    "hvac-settings": F,
    "hvac-status": NOT_FOUND_HYPHEN,
    "lock-status": N,
    "notification-settings": USERS_HELPER_ERROR,
    pressure: N,
    "res-state": N,
    "soc-levels": NOT_FOUND_HYPHEN,
  },
  XJB2CP: {
    "actions/charge-start": F,
    "actions/charge-stop": F,
    "actions/hvac-start": F,
    "battery-status": N,
    "charge-mode": F,
    "charging-settings": F,
    "hvac-status": C,
    "lock-status": N,
    pressure: N,
    "res-state": N,
    "soc-levels": F,
  },
  XJF2BI: {
    "actions/charge-set-mode": F,
    "actions/charge-set-schedule": F,
    "actions/charge-start": F,
    "actions/charge-stop": F,
    "actions/hvac-set-schedule": F,
    "actions/hvac-start": F,
    "actions/hvac-stop": F,
    alerts: S,
    "battery-status": N,
    "charge-history": N,
    "charge-mode": F,
    "charge-schedule": S,
    charges: N,
    "charging-settings": F,
    "hvac-history": N,
    "hvac-sessions": N,
    "hvac-settings": S,
    "hvac-status": C,
    "lock-status": N,
    "notification-settings": S,
    pressure: N,
    "res-state": N,
    "soc-levels": F,
  },
  XJL2TR: {
    "actions/hvac-set-schedule": F,
    "actions/hvac-start": F,
    "actions/hvac-stop": F,
    "charge-history": N,
    "charge-mode": F,
    "charge-schedule": S,
    "charging-settings": F,
    "hvac-history": N,
    "hvac-sessions": N,
    "hvac-settings": S,
    "hvac-status": C,
    "lock-status": N,
    pressure: N,
    "res-state": N,
  },
};

/**
 * What a car answers on a key's URL when the model routes that key elsewhere (e.g. the KCA
 * charge-schedule of an R5, whose schedule lives in KCM `ev/settings`): docs/api-notes.md (B4, C.5)
 * give the usual answer per kind of endpoint.
 */
export const OFF_ROUTE_ANSWERS: Readonly<Record<SimKey, Refusal>> = {
  "actions/charge-set-mode": F,
  "actions/charge-set-schedule": F,
  "actions/charge-start": F,
  "actions/charge-stop": F,
  "actions/horn-start": F,
  "actions/hvac-set-schedule": F,
  "actions/hvac-start": F,
  "actions/hvac-stop": F,
  "actions/lights-start": F,
  "actions/refresh-location": F,
  alerts: S,
  "battery-status": N,
  "charge-history": N,
  "charge-mode": F,
  "charge-schedule": S,
  charges: N,
  "charging-settings": F,
  cockpit: N,
  "hvac-history": N,
  "hvac-sessions": N,
  "hvac-settings": S,
  "hvac-status": C,
  location: N,
  "lock-status": N,
  "notification-settings": S,
  pressure: N,
  "res-state": N,
  "soc-levels": F,
};

/**
 * Actions a model accepts and answers as usual but does not act on (with the option `modelQuirks`),
 * by endpoint name or logical key.
 */
export const IGNORED_ACTIONS: Readonly<Record<string, readonly string[]>> = {
  // docs/api-notes.md, 2026, X102VE: "the KCM pause is accepted but does nothing on this car".
  X102VE: ["charge/pause-resume"],
  // docs/api-notes.md, B7: "R5 hvac-stop returns OK but does nothing (#1625)".
  R5E1VE: ["actions/hvac-stop"],
};

/** How long a car takes to act on an action (with `modelQuirks`): "10–30 s" (docs/api-notes.md, 2026). */
export const DEFAULT_ACTION_DELAY = 15_000;
/** Delays measured on a model, by logical key. @unit milliseconds */
export const ACTION_DELAYS: Readonly<Record<string, Readonly<Partial<Record<SimKey, number>>>>> = {
  // docs/api-notes.md, 2026: "Charging began about 30 s later"; "The car answered 12 s later".
  XCB1SE: { "actions/charge-start": 30_000 },
  A5E1AE: { "actions/refresh-location": 12_000 },
};

/** What an `SRP` car answers to a direct Kamereon action: errorCode 6 (docs/api-notes.md, C.5; status a guess). */
export const SRP_REFUSAL: Refusal = { status: 403, code: "6", message: "CONTACT_SRC" };

const own = <T>(table: Readonly<Record<string, T>>, key: string): T | undefined =>
  Object.hasOwn(table, key) ? table[key] : undefined;

/** What a car of `modelCode` does for `key` (an unknown model, or an unlisted key: the default route). */
export function cellOf(modelCode: string, key: SimKey): Cell {
  return own(MODEL_SUPPORT, modelCode)?.[key] ?? "default";
}

/** The refusal of `key` on this model, or undefined when the model serves it. */
export function refusalOf(modelCode: string, key: SimKey): Refusal | undefined {
  const cell = cellOf(modelCode, key);
  return typeof cell === "object" && !Array.isArray(cell) ? (cell as Refusal) : undefined;
}

/** The routes `key` is served on for this model (empty when it is refused). */
export function routesOf(modelCode: string, key: SimKey): readonly Route[] {
  const cell = cellOf(modelCode, key);
  if (typeof cell === "string") return [cell];
  return Array.isArray(cell) ? (cell as readonly Route[]) : [];
}
