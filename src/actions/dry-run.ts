/**
 * `--dry-run`: the exact request an action would send (method, path with query, JSON body),
 * built with the same checks and request builders as the real send, and nothing sent.
 */
import { encodeSegment, path } from "../http/path.js";
import { modelCode as modelCodeOf } from "../kamereon/models/details.js";
import { serializeChargeSchedules, serializeHvacSchedules } from "../kamereon/schedules.js";
import {
  buildAction,
  limitsOf,
  resolveEndpoint,
  type ActionArguments,
  type PostKey,
} from "../registry/index.js";
import { EndpointNotAvailableError } from "../errors.js";
import type { CallOptions } from "../session.js";
import type { RenaultVehicle } from "../vehicle.js";
import { checkMode, checkSocLevels, checkTemperature, startDateTimeOf } from "../vehicle/arguments.js";
import { refuseNoOp, type ActionFeatures } from "./no-op.js";
import { ACTION_KEYS, type ActionSpec } from "./spec.js";

/** A request as it would be sent. */
export type DescribedRequest =
  | {
      readonly method: "POST";
      readonly path: string;
      readonly query: Readonly<Record<string, string>>;
      readonly body: unknown;
    }
  | {
      /** KCM `ev/settings`: the current settings are read, then written back changed. */
      readonly method: "GET+POST";
      readonly path: string;
      readonly query: Readonly<Record<string, string>>;
      readonly change: string;
    };

function argumentsOf(spec: ActionSpec, modelCode: string | undefined): ActionArguments[PostKey] {
  switch (spec.action) {
    case "charge-start":
      return { startDateTime: startDateTimeOf({ when: spec.when }) };
    case "hvac-start":
      return {
        temperature: checkTemperature(spec.temperature),
        startDateTime: startDateTimeOf({ when: spec.when }),
      };
    case "charge-mode":
      return { mode: checkMode(spec.mode) };
    case "charge-schedules":
      return { schedules: serializeChargeSchedules(spec.schedules) };
    case "hvac-schedules":
      return { schedules: serializeHvacSchedules(spec.schedules) };
    case "soc-levels":
      return checkSocLevels({ socMin: spec.socMin, socTarget: spec.socTarget }, limitsOf(modelCode));
    case "charge-stop":
    case "hvac-stop":
    case "horn":
    case "lights":
    case "refresh-location":
      return {};
  }
}

/**
 * The request `spec` would send to `vehicle`. Needs the model (from the details, fetched once if
 * not kept); sends no action.
 * @throws {ActionNotEffectiveError} a known no-op (it would be refused before sending too)
 * @throws {InvalidArgumentError} bad arguments
 * @throws {EndpointNotAvailableError} the model cannot do it
 */
export async function describeAction(
  vehicle: RenaultVehicle,
  spec: ActionSpec,
  options: { readonly features?: ActionFeatures | undefined; readonly call?: CallOptions | undefined } = {},
): Promise<DescribedRequest> {
  const key = ACTION_KEYS[spec.action];
  const model = modelCodeOf(await vehicle.getDetails(options.call ?? {}));
  const route = resolveEndpoint(model, key);
  refuseNoOp(key, model, route.mode, options.features);
  const request = buildAction(key, route, argumentsOf(spec, model) as never);
  if (request === undefined) throw new EndpointNotAvailableError(key, model);
  const settings = await vehicle.session.getSettings();
  const url =
    path`/commerce/v1/accounts/${vehicle.accountId}/kamereon` +
    request.path.replaceAll("{vin}", encodeSegment(vehicle.vin));
  const query = { country: settings.country };
  if (request.method === "POST") return { method: "POST", path: url, query, body: request.body };
  return {
    method: "GET+POST",
    path: url,
    query,
    change: "every programs[].programActivationStatus set to false (the car then charges now)",
  };
}
