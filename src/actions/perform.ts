/**
 * Sends an action and, when asked, confirms it (issue 17): refuses known no-ops before sending,
 * never sends twice (a lost answer is followed by confirmation reads, not a resend), and tells the
 * outcome with the requests it cost.
 */
import { HttpError, KamereonError, InvalidResponseError, NetworkError, TimeoutError } from "../errors.js";
import { modelCode as modelCodeOf } from "../kamereon/models/details.js";
import { resolveEndpoint, type EndpointKey, type HistoryKey, type ReadKey } from "../registry/index.js";
import type { CallOptions } from "../session.js";
import type { RenaultVehicle } from "../vehicle.js";
import { activeWatcherOf } from "../watch/running.js";
import { confirmEffect } from "./confirm.js";
import { effectOf } from "./effects.js";
import { refuseNoOp, type ActionFeatures } from "./no-op.js";
import { REAL_CLOCK, type ActionOutcome, type ConfirmOptions, type EffectReader } from "./outcome.js";
import { watcherReader } from "./shared-reader.js";
import { ACTION_KEYS, type ActionSpec } from "./spec.js";

/** How {@link performAction} sends and confirms. */
export interface PerformOptions {
  /**
   * Confirm the action by reading back its effect (`true`: the defaults). Without it, the outcome
   * is `accepted` (or `rejected`) once the service answers.
   */
  readonly confirm?: ConfirmOptions | boolean | undefined;
  /** The car's feature list, when known: rules out actions before sending. */
  readonly features?: ActionFeatures | undefined;
  /** Signal and timeout of the action request itself. */
  readonly call?: CallOptions | undefined;
}

/** What {@link performAction} returns: the service's answer (absent when refused or lost) and the outcome. */
export interface Performed {
  /** The vehicle method's result (the echo of the request, or the `ev/settings` written back). */
  readonly result?: unknown;
  readonly outcome: ActionOutcome;
}

/** Sent, but the answer never came: the car may have acted. */
export function isAnswerLost(error: unknown): boolean {
  if (error instanceof TimeoutError) return error.method === "POST";
  if (error instanceof NetworkError) return !error.notSent && error.method === "POST";
  // A success status whose body could not be read: the service took it.
  return error instanceof InvalidResponseError;
}

/** The service answered with a refusal. */
function isRefusal(error: unknown): boolean {
  return error instanceof KamereonError || error instanceof HttpError;
}

function send(vehicle: RenaultVehicle, spec: ActionSpec, call: CallOptions): Promise<unknown> {
  switch (spec.action) {
    case "charge-start":
      return vehicle.startCharge(spec.when === undefined ? {} : { when: spec.when }, call);
    case "charge-stop":
      return vehicle.stopCharge(call);
    case "hvac-start":
      return vehicle.startHvac(spec.temperature, spec.when === undefined ? {} : { when: spec.when }, call);
    case "hvac-stop":
      return vehicle.stopHvac(call);
    case "charge-mode":
      return vehicle.setChargeMode(spec.mode, call);
    case "charge-schedules":
      return vehicle.setChargeSchedules(spec.schedules, call);
    case "hvac-schedules":
      return vehicle.setHvacSchedules(spec.schedules, call);
    case "soc-levels":
      return vehicle.setSocLevels({ socMin: spec.socMin, socTarget: spec.socTarget }, call);
    case "horn":
      return vehicle.honkHorn(call);
    case "lights":
      return vehicle.flashLights(call);
    case "refresh-location":
      return vehicle.refreshLocation(call);
  }
}

/** The vehicle's own reads, bypassing its cache (a cached value cannot show a change). */
export function vehicleReader(vehicle: RenaultVehicle, call: CallOptions = {}): EffectReader {
  return {
    readNow(_vin: string, key: EndpointKey, signal?: AbortSignal) {
      vehicle.clearCache();
      return vehicle.read(key as Exclude<ReadKey, HistoryKey>, { ...call, signal: signal ?? call.signal });
    },
  };
}

/**
 * Sends `spec` to `vehicle` and tells how it ended.
 *
 * @example const { outcome } = await performAction(vehicle, { action: "charge-start" }, { confirm: true });
 *
 * @throws {ActionNotEffectiveError} a known no-op on this model, or ruled out by `features` (nothing is sent)
 * @throws {InvalidArgumentError} bad arguments (nothing is sent)
 * @throws {EndpointNotAvailableError} the model cannot do it (nothing is sent)
 * @throws {NetworkError} the request could not be sent (`notSent`)
 */
export async function performAction(
  vehicle: RenaultVehicle,
  spec: ActionSpec,
  options: PerformOptions = {},
): Promise<Performed> {
  const key = ACTION_KEYS[spec.action];
  const call = options.call ?? {};
  const model = modelCodeOf(await vehicle.getDetails(call));
  const route = resolveEndpoint(model, key);
  refuseNoOp(key, model, route.mode, options.features);
  const actionRequests = route.mode === "kcm-settings" ? 2 : 1;
  const confirm = options.confirm === true ? {} : options.confirm === false ? undefined : options.confirm;
  const clock = confirm?.clock ?? REAL_CLOCK;
  const sentAt = clock.now();
  let result: unknown;
  let answerLost = false;
  try {
    result = await send(vehicle, spec, call);
  } catch (error) {
    if (isRefusal(error)) {
      return { outcome: { outcome: "rejected", error, requests: actionRequests, reads: 0 } };
    }
    // Without a confirmation the caller learns of a lost answer from the error itself.
    if (!isAnswerLost(error) || confirm === undefined) throw error;
    answerLost = true;
  }
  const effect = effectOf(spec);
  if (confirm === undefined || effect === null) {
    const spent = { requests: actionRequests, reads: 0 };
    // Horn and lights leave nothing to read: a lost answer leaves it unknown.
    if (answerLost)
      return { outcome: { outcome: "unconfirmed", reason: "unreadable", ...spent, answerLost: true } };
    return { result, outcome: { outcome: "accepted", ...spent } };
  }
  const outcome = await confirmEffect(
    {
      vin: vehicle.vin,
      effect,
      sentAt,
      actionRequests,
      answerLost,
      reader: confirm.reader ?? sharedReader(vehicle) ?? vehicleReader(vehicle, call),
    },
    confirm,
  );
  return answerLost ? { outcome } : { result, outcome };
}

/** A watcher running on the vehicle's session reads for the confirmation, from its budget (issue 17). */
function sharedReader(vehicle: RenaultVehicle): EffectReader | undefined {
  const watcher = activeWatcherOf(vehicle.session, vehicle.vin);
  return watcher && watcherReader(watcher);
}
