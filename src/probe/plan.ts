/**
 * What `probe` asks, in which order: the vehicle details, the person (only to learn what must be
 * kept out of the bundle), the car-adapter root, every read of the routing table at its default
 * path plus the variants some model uses (KCM `ev/settings` for the charge schedule), and, only on
 * request, the actions that do not overwrite the owner's settings.
 *
 * The variants and the action bodies are taken from the registry (src/registry/), not listed here: when a model entry gains a
 * new route for a read, the probe tries it too.
 */
export { variantsOf } from "../registry/index.js";
import {
  CAR_ADAPTER_ENDPOINT,
  DEFAULT_ENDPOINTS,
  ENDPOINT_KEYS,
  buildAction,
  isActionKey,
  variantsOf,
  type ActionArguments,
  type ActionKey,
  type EndpointDefinition,
  type EndpointKey,
} from "../registry/index.js";

/** What a step is for. */
export type ProbeStepKind = "details" | "person" | "car-adapter" | "read" | "action";

/** One request of a probe. */
export interface ProbeStep {
  /** Unique name in the report: `details`, `battery-status`, `charge-schedule (ev/settings)`… */
  readonly name: string;
  readonly kind: ProbeStepKind;
  /** The logical endpoint the step tells about (reads and actions). */
  readonly key?: EndpointKey | undefined;
  readonly method: "GET" | "POST";
  /**
   * Absolute path template with `{account_id}`, `{vin}` or `{person_id}`, e.g.
   * `/commerce/v1/accounts/{account_id}/kamereon/kca/car-adapter/v1/cars/{vin}/cockpit`.
   */
  readonly path: string;
  /** The routing entry the step tests (car-adapter, reads and actions). */
  readonly definition?: EndpointDefinition | undefined;
  /** Query parameters (history reads), besides `country`. */
  readonly query?: Readonly<Record<string, string>> | undefined;
  /** JSON body (actions). */
  readonly body?: unknown;
  /** What an action does to the car, for the confirmation prompt. */
  readonly effect?: string | undefined;
  /** Stem of the files the answer is saved as in the bundle, e.g. `cockpit`, `ev-settings`. */
  readonly stem: string;
}

/** The root of the paths of {@link EndpointDefinition}. */
export const KAMEREON_ROOT = "/commerce/v1/accounts/{account_id}/kamereon";

const CAR_ADAPTER = CAR_ADAPTER_ENDPOINT;

/**
 * The reads, most useful first: when the budget runs out or the quota is hit, what is missing is
 * the least asked-for. Every read key of the routing table appears once (a test checks it).
 */
export const READ_ORDER: readonly EndpointKey[] = [
  "battery-status",
  "cockpit",
  "location",
  "hvac-status",
  "charge-mode",
  "charging-settings",
  "charge-schedule",
  "soc-levels",
  "hvac-settings",
  "lock-status",
  "res-state",
  "pressure",
  "notification-settings",
  "alerts",
  "charges",
  "charge-history",
  "hvac-sessions",
  "hvac-history",
];

/**
 * The actions a probe may send (each after a confirmation). The schedule and charge-mode writes
 * are left out: they would replace the owner's settings.
 */
export const PROBED_ACTIONS: readonly {
  readonly key: EndpointKey;
  readonly body: unknown;
  readonly effect: string;
}[] = [
  {
    key: "actions/horn-start",
    body: defaultBody("actions/horn-start", {}),
    effect: "sounds the horn",
  },
  {
    key: "actions/lights-start",
    body: defaultBody("actions/lights-start", {}),
    effect: "flashes the lights",
  },
  {
    key: "actions/refresh-location",
    body: defaultBody("actions/refresh-location", {}),
    effect:
      "asks the car for a fresh position (a parked car may then report no position until its next trip)",
  },
  {
    key: "actions/hvac-start",
    body: defaultBody("actions/hvac-start", { temperature: 21 }),
    effect: "starts the climate control at 21 °C",
  },
  {
    key: "actions/hvac-stop",
    body: defaultBody("actions/hvac-stop", {}),
    effect: "stops the climate control",
  },
  {
    key: "actions/charge-start",
    body: defaultBody("actions/charge-start", {}),
    effect: "starts charging if the car is plugged in",
  },
  {
    key: "actions/charge-stop",
    body: defaultBody("actions/charge-stop", {}),
    effect: "stops charging",
  },
];

/** The actions a probe never sends, and why. */
export const UNPROBED_ACTIONS: Readonly<Partial<Record<EndpointKey, string>>> = {
  "actions/charge-set-mode": "would change the charge mode",
  "actions/charge-set-schedule": "would replace the charge schedules",
  "actions/hvac-set-schedule": "would replace the HVAC schedules",
};

/** Options of {@link planProbe}. */
export interface PlanOptions {
  /** Include the actions (each one is confirmed before it is sent). @default false */
  readonly actions?: boolean | undefined;
  /** The clock, for the periods of the history reads. @default new Date() */
  readonly now?: Date | undefined;
}

/** Every request a probe sends, in order (the budget may stop it before the end). */
export function planProbe(options: PlanOptions = {}): ProbeStep[] {
  const now = options.now ?? new Date();
  const steps: ProbeStep[] = [
    {
      name: "details",
      kind: "details",
      method: "GET",
      path: "/commerce/v1/accounts/{account_id}/vehicles",
      stem: "vehicles",
    },
    {
      name: "person",
      kind: "person",
      method: "GET",
      path: "/commerce/v1/persons/{person_id}",
      stem: "person",
    },
    {
      name: "car-adapter",
      kind: "car-adapter",
      method: "GET",
      path: KAMEREON_ROOT + CAR_ADAPTER.path,
      definition: CAR_ADAPTER,
      stem: "car-adapter",
    },
  ];
  for (const key of READ_ORDER) {
    const query = historyQuery(key, now);
    for (const definition of [DEFAULT_ENDPOINTS[key], ...variantsOf(key)]) {
      const variant = definition !== DEFAULT_ENDPOINTS[key];
      steps.push({
        name: variant ? `${key} (${shortPath(definition)})` : key,
        kind: "read",
        key,
        method: "GET",
        path: KAMEREON_ROOT + definition.path,
        definition: { path: definition.path, mode: definition.mode },
        query,
        stem: variant ? fileStem(definition) : key,
      });
    }
  }
  if (options.actions === true) {
    for (const action of PROBED_ACTIONS) {
      const definition = DEFAULT_ENDPOINTS[action.key];
      steps.push({
        name: action.key,
        kind: "action",
        key: action.key,
        method: "POST",
        path: KAMEREON_ROOT + definition.path,
        definition: { path: definition.path, mode: definition.mode },
        body: action.body,
        effect: action.effect,
        stem: action.key.slice("actions/".length),
      });
    }
  }
  return steps;
}

/** The read keys of the routing table (everything but `actions/…`). */
export function readKeys(): EndpointKey[] {
  return ENDPOINT_KEYS.filter((key) => !isActionKey(key));
}

/** `ev/settings` for `/kcm/v1/vehicles/{vin}/ev/settings`: what distinguishes a variant. */
function shortPath(definition: EndpointDefinition): string {
  return definition.path.replace(/^.*\{vin\}\/?/, "") || definition.path;
}

function fileStem(definition: EndpointDefinition): string {
  return shortPath(definition).replaceAll("/", "-");
}

/**
 * The period the history reads need (the real API refuses them without one): the last three
 * months for the monthly totals, the last 30 days for the sessions, as local calendar dates.
 */
function historyQuery(key: EndpointKey, now: Date): Readonly<Record<string, string>> | undefined {
  const day = (date: Date) =>
    `${date.getFullYear()}${String(date.getMonth() + 1).padStart(2, "0")}${String(date.getDate()).padStart(2, "0")}`;
  if (key === "charge-history" || key === "hvac-history") {
    const start = new Date(now.getFullYear(), now.getMonth() - 2, 1);
    return { type: "month", start: day(start).slice(0, 6), end: day(now).slice(0, 6) };
  }
  if (key === "charges" || key === "hvac-sessions") {
    const start = new Date(now.getFullYear(), now.getMonth(), now.getDate() - 30);
    return { start: day(start), end: day(now) };
  }
  return undefined;
}

/** The body the registry builds for an action on its default route. */
function defaultBody<K extends ActionKey>(key: K, args: ActionArguments[K]): unknown {
  const request = buildAction(key, DEFAULT_ENDPOINTS[key], args);
  return request?.method === "POST" ? request.body : undefined;
}
