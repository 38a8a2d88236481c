/**
 * Which car answers what: the simulator follows the per-model matrix of `src/kamereon/endpoints.ts`,
 * and answers the requests a model does not support with the error the real API gives in that case.
 */
import { EndpointNotAvailableError } from "../errors.js";
import { type EndpointDefinition, type EndpointKey, resolveEndpoint } from "../kamereon/endpoints.js";
import type { Operation } from "./operations.js";

/** An error answer: HTTP status and the body (a fixture under `kamereon/error/`, or a built envelope). */
export interface UnsupportedAnswer {
  readonly status: number;
  /** Fixture path under the fixtures folder. */
  readonly fixture?: string;
  /** Vendor code and message of a built envelope, when no fixture has the case. */
  readonly code?: string;
  readonly message?: string;
}

const FORBIDDEN: UnsupportedAnswer = { status: 403, fixture: "kamereon/error/forbidden.json" };
const NOT_FOUND: UnsupportedAnswer = { status: 404, fixture: "kamereon/error/resource_not_found.json" };
const NOT_SUPPORTED: UnsupportedAnswer = { status: 501, fixture: "kamereon/error/not_supported.json" };
const CAN_NOT_SUPPORTED: UnsupportedAnswer = {
  status: 403,
  fixture: "kamereon/error/hvac-status.403.403011.json",
};
const INVALID_BODY_FORMAT: UnsupportedAnswer = {
  status: 400,
  code: "err.func.wired.invalid-body-format",
  message: "Invalid body format",
};

/**
 * The answer to an endpoint a model does not support, by logical key. Sources: the reasons recorded
 * next to the Python matrix (protocol §4.5) and the field notes (B4, B5, C.5):
 * - actions: `err.func.wired.forbidden` (403), the most common answer to unsupported actions;
 * - car data that the car does not report (battery, location, lock, pressure, RES, histories):
 *   `err.func.wired.notFound` (404);
 * - charge-mode, charging-settings, soc-levels: `err.func.wired.forbidden` (403);
 * - hvac-status: `err.func.403` with inner code 403011 "Operation not supported for this can";
 * - settings the gateway cannot serve (charge-schedule, hvac-settings, notification-settings) and
 *   alerts: `err.tech.501` "not technically supported by this gateway" (501).
 */
export const UNSUPPORTED_ANSWERS: Readonly<Record<EndpointKey, UnsupportedAnswer>> = {
  "actions/charge-set-mode": FORBIDDEN,
  "actions/charge-set-schedule": FORBIDDEN,
  "actions/charge-start": FORBIDDEN,
  "actions/charge-stop": FORBIDDEN,
  "actions/horn-start": FORBIDDEN,
  "actions/hvac-set-schedule": FORBIDDEN,
  "actions/hvac-start": FORBIDDEN,
  "actions/hvac-stop": FORBIDDEN,
  "actions/lights-start": FORBIDDEN,
  "actions/refresh-location": FORBIDDEN,
  alerts: NOT_SUPPORTED,
  "battery-status": NOT_FOUND,
  "charge-history": NOT_FOUND,
  "charge-mode": FORBIDDEN,
  "charge-schedule": NOT_SUPPORTED,
  charges: NOT_FOUND,
  "charging-settings": FORBIDDEN,
  cockpit: NOT_FOUND,
  "hvac-history": NOT_FOUND,
  "hvac-sessions": NOT_FOUND,
  "hvac-settings": NOT_SUPPORTED,
  "hvac-status": CAN_NOT_SUPPORTED,
  location: NOT_FOUND,
  "lock-status": NOT_FOUND,
  "notification-settings": NOT_SUPPORTED,
  pressure: NOT_FOUND,
  "res-state": NOT_FOUND,
  "soc-levels": FORBIDDEN,
};

/** Model-specific answers that differ from {@link UNSUPPORTED_ANSWERS}. */
export const MODEL_UNSUPPORTED_ANSWERS: Readonly<
  Record<string, Readonly<Partial<Record<EndpointKey, UnsupportedAnswer>>>>
> = {
  // Field notes B5: "Megane E-Tech: charge stop fails with err.func.wired.invalid-body-format".
  XCB1VE: { "actions/charge-stop": INVALID_BODY_FORMAT },
};

/** The answer for data a supported endpoint has none of (e.g. the battery of a petrol car). */
export const NO_DATA_ANSWER: UnsupportedAnswer = NOT_FOUND;

/** The model's definition of `key`, or null when the model does not support it. */
export function definitionOf(modelCode: string, key: EndpointKey): EndpointDefinition | null {
  try {
    return resolveEndpoint(modelCode, key);
  } catch (error) {
    if (error instanceof EndpointNotAvailableError) return null;
    throw error;
  }
}

/** Whether a car of `modelCode` answers `operation` for `bodyKey`, and if not, how it refuses. */
export type SupportVerdict =
  | { readonly supported: true }
  | { readonly supported: false; readonly key: EndpointKey; readonly answer: UnsupportedAnswer };

/**
 * The support rule:
 * 1. An operation outside the matrix (the car-adapter root) is always served.
 * 2. The URL is served when one of the operation's keys resolves, for this model, to this URL
 *    (e.g. `ev/settings` exists on an R5, whose charge-schedule and charge-start go there; a ZOE 40
 *    has neither there).
 * 3. On a served URL, a body for a key the model explicitly does not support is refused too
 *    (e.g. `{action: "stop"}` to `charging-start` on a model without charge stop).
 * A refusal answers with the refused key's entry of {@link MODEL_UNSUPPORTED_ANSWERS} or
 * {@link UNSUPPORTED_ANSWERS}.
 */
export function checkSupport(
  modelCode: string,
  operation: Operation,
  bodyKey: EndpointKey | undefined,
): SupportVerdict {
  const [firstKey] = operation.keys;
  if (firstKey === undefined) return { supported: true };
  const urlServed = operation.keys.some((key) => definitionOf(modelCode, key)?.path === operation.template);
  if (!urlServed) return refuse(modelCode, bodyKey ?? firstKey);
  if (bodyKey !== undefined && definitionOf(modelCode, bodyKey) === null) return refuse(modelCode, bodyKey);
  return { supported: true };
}

function refuse(modelCode: string, key: EndpointKey): SupportVerdict {
  const answer = MODEL_UNSUPPORTED_ANSWERS[modelCode]?.[key] ?? UNSUPPORTED_ANSWERS[key];
  return { supported: false, key, answer };
}
