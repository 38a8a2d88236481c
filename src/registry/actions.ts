/**
 * The request builders of the actions: for each key, one entry per route mode, each building the
 * request (method, path, body) from the arguments. A mode missing from a key's table means the
 * action cannot be sent that way (the client refuses before sending).
 */
import { InvalidArgumentError } from "../errors.js";
import type { EvSettings } from "../kamereon/models/charge.js";
import type { ActionKey, EndpointDefinition, EndpointMode } from "./keys.js";

/** Which API an action went through: the discriminant of the action results. */
export type ActionVia = "kca" | "kcm" | "kcm-pause-resume" | "kcm-settings";

/** One POST. */
export interface PostRequest {
  readonly via: ActionVia;
  readonly method: "POST";
  readonly path: string;
  readonly body: unknown;
}

/** A GET of the current value, then a POST of it changed (KCM `ev/settings`). */
export interface ReadModifyWriteRequest {
  readonly via: "kcm-settings";
  readonly method: "GET+POST";
  readonly path: string;
  modify(current: EvSettings): unknown;
}

export type ActionRequest = PostRequest | ReadModifyWriteRequest;

/** The arguments of each action, once checked (dates already in UTC text). */
export interface ActionArguments {
  "actions/charge-set-mode": { readonly mode: string };
  "actions/charge-set-schedule": { readonly schedules: readonly unknown[] };
  "actions/charge-start": { readonly startDateTime?: string | undefined };
  /** `now`: the clock the ZOE phase 2's stop (a start 24 h ahead) counts from (default: the system's). */
  "actions/charge-stop": { readonly now?: Date | undefined };
  "actions/horn-start": Record<string, never>;
  "actions/hvac-set-schedule": { readonly schedules: readonly unknown[] };
  "actions/hvac-start": { readonly temperature: number; readonly startDateTime?: string | undefined };
  "actions/hvac-stop": Record<string, never>;
  "actions/lights-start": Record<string, never>;
  "actions/refresh-location": Record<string, never>;
  "soc-levels": { readonly socMin: number; readonly socTarget: number };
}

/** The keys that are POSTed: the actions, and `soc-levels` (a read that is also written). */
export type PostKey = ActionKey | "soc-levels";

type Builder<K extends PostKey> = (route: EndpointDefinition, args: ActionArguments[K]) => ActionRequest;
type BuilderTable = { readonly [K in PostKey]: Readonly<Partial<Record<EndpointMode, Builder<K>>>> };

const jsonApi = (type: string, attributes: Readonly<Record<string, unknown>>) => ({
  data: { type, attributes },
});
const post =
  <A>(via: ActionVia, body: (args: A) => unknown) =>
  (route: EndpointDefinition, args: A): PostRequest => ({
    via,
    method: "POST",
    path: route.path,
    body: body(args),
  });

/** `when` is accepted by KCM `charge/start` only (the Python client silently ignored it elsewhere). */
function notLater(mode: EndpointMode, args: ActionArguments["actions/charge-start"]): void {
  if (args.startDateTime !== undefined) {
    throw new InvalidArgumentError(
      "when",
      `This vehicle cannot schedule a charge start (mode ${mode}); omit "when".`,
    );
  }
}

const kcaChargeStart = (route: EndpointDefinition, args: ActionArguments["actions/charge-start"]) => {
  notLater(route.mode, args);
  return post("kca", () => jsonApi("ChargingStart", { action: "start" }))(route, args);
};
const kcaChargeStop = post("kca", () => jsonApi("ChargingStart", { action: "stop" }));

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The start time of the ZOE phase 2's charge stop: UTC `now` + 24 h, written
 * `YYYY-MM-DDTHH:MM:00.000Z` (seconds 00, milliseconds `.000`), the only format the car was seen
 * to accept for it (X102VE in docs/models.md). Not the `YYYY-MM-DDTHH:MM:SSZ` of a delayed start.
 */
export function chargeStopStartDateTime(now: Date): string {
  return `${new Date(now.getTime() + DAY_MS).toISOString().slice(0, 16)}:00.000Z`;
}
const horn = (target: "horn" | "lights") =>
  post("kca", () => jsonApi("HornLights", { action: "start", target }));
const hvacStop = (action: "cancel" | "stop") => post("kca", () => jsonApi("HvacStart", { action }));

/** Every action's request, per route mode. */
export const ACTION_BUILDERS: BuilderTable = {
  "actions/charge-set-mode": {
    default: post("kca", (args: ActionArguments["actions/charge-set-mode"]) =>
      jsonApi("ChargeMode", { action: args.mode }),
    ),
  },
  "actions/charge-set-schedule": {
    default: post("kca", (args: ActionArguments["actions/charge-set-schedule"]) =>
      jsonApi("ChargeSchedule", { schedules: args.schedules }),
    ),
    kcm: post("kcm", (args: ActionArguments["actions/charge-set-schedule"]) =>
      jsonApi("ChargeSchedule", { schedules: args.schedules }),
    ),
  },
  "actions/charge-start": {
    default: kcaChargeStart,
    "kca-stop": kcaChargeStart,
    kcm: post("kcm", (args: ActionArguments["actions/charge-start"]) =>
      jsonApi("ChargingStart", {
        action: "start",
        ...(args.startDateTime ? { startDateTime: args.startDateTime } : {}),
      }),
    ),
    "kcm-pause-resume": (route, args) => {
      notLater(route.mode, args);
      return post("kcm-pause-resume", () => jsonApi("ChargePauseResume", { action: "resume" }))(route, args);
    },
    // Disabling every program makes the car charge now (upstream issue #1348); they stay disabled.
    "kcm-settings": (route, args) => {
      notLater(route.mode, args);
      return {
        via: "kcm-settings",
        method: "GET+POST",
        path: route.path,
        modify: (current) =>
          current.programs === null || current.programs === undefined
            ? current
            : {
                ...current,
                programs: current.programs.map((program) => ({ ...program, programActivationStatus: false })),
              },
      };
    },
  },
  "actions/charge-stop": {
    default: kcaChargeStop,
    "kca-stop": kcaChargeStop,
    "kcm-pause-resume": post("kcm-pause-resume", () => jsonApi("ChargePauseResume", { action: "pause" })),
    // The ZOE phase 2 ignores the pause; a start planned a day ahead ends the charge in progress.
    "kcm-start-later": post("kcm", (args: ActionArguments["actions/charge-stop"]) =>
      jsonApi("ChargingStart", {
        action: "start",
        startDateTime: chargeStopStartDateTime(args.now ?? new Date()),
      }),
    ),
  },
  "actions/horn-start": { default: horn("horn") },
  "actions/hvac-set-schedule": {
    default: post("kca", (args: ActionArguments["actions/hvac-set-schedule"]) =>
      jsonApi("HvacSchedule", { schedules: args.schedules }),
    ),
  },
  "actions/hvac-start": {
    default: post("kca", (args: ActionArguments["actions/hvac-start"]) =>
      jsonApi("HvacStart", {
        action: "start",
        targetTemperature: args.temperature,
        ...(args.startDateTime === undefined ? {} : { startDateTime: args.startDateTime }),
      }),
    ),
  },
  "actions/hvac-stop": { default: hvacStop("cancel"), "kca-stop": hvacStop("stop") },
  "actions/lights-start": { default: horn("lights") },
  "actions/refresh-location": { default: post("kca", () => ({ data: { type: "RefreshLocation" } })) },
  "soc-levels": {
    default: post("kcm", (args: ActionArguments["soc-levels"]) => ({
      socMin: args.socMin,
      socTarget: args.socTarget,
    })),
  },
};

/** The request of `key` on `route`, or undefined when the route's mode cannot send it. */
export function buildAction<K extends PostKey>(
  key: K,
  route: EndpointDefinition,
  args: ActionArguments[K],
): ActionRequest | undefined {
  const builder = (ACTION_BUILDERS[key] as Readonly<Partial<Record<EndpointMode, Builder<K>>>>)[route.mode];
  return builder?.(route, args);
}
