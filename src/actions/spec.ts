/** The actions, described as data: what to send, and the key it goes to. */
import type { PostKey } from "../registry/index.js";
import type { ChargeSchedule, HvacSchedule } from "../kamereon/schedules.js";

/** One action and its arguments (the arguments of the matching vehicle method). */
export type ActionSpec =
  | { readonly action: "charge-start"; readonly when?: Date | undefined }
  | { readonly action: "charge-stop" }
  | { readonly action: "hvac-start"; readonly temperature: number; readonly when?: Date | undefined }
  | { readonly action: "hvac-stop" }
  | { readonly action: "charge-mode"; readonly mode: string }
  | { readonly action: "charge-schedules"; readonly schedules: readonly ChargeSchedule[] }
  | { readonly action: "hvac-schedules"; readonly schedules: readonly HvacSchedule[] }
  | { readonly action: "soc-levels"; readonly socMin: number; readonly socTarget: number }
  | { readonly action: "horn" }
  | { readonly action: "lights" }
  | { readonly action: "refresh-location" };

/** The names of the actions. */
export type ActionName = ActionSpec["action"];

/** The registry key each action is sent to. */
export const ACTION_KEYS: Readonly<Record<ActionName, PostKey>> = Object.freeze({
  "charge-start": "actions/charge-start",
  "charge-stop": "actions/charge-stop",
  "hvac-start": "actions/hvac-start",
  "hvac-stop": "actions/hvac-stop",
  "charge-mode": "actions/charge-set-mode",
  "charge-schedules": "actions/charge-set-schedule",
  "hvac-schedules": "actions/hvac-set-schedule",
  "soc-levels": "soc-levels",
  horn: "actions/horn-start",
  lights: "actions/lights-start",
  "refresh-location": "actions/refresh-location",
});
