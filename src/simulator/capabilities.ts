/**
 * Which car answers what: the simulator follows its own per-model data (`models.ts`), and answers
 * the requests a model does not support with the error the real API gives in that case.
 */
import {
  NOT_FOUND,
  OFF_ROUTE_ANSWERS,
  pathOf,
  type Refusal,
  refusalOf,
  routesOf,
  type SimKey,
} from "./models.js";
import type { Operation } from "./operations.js";

/** An error answer (kept under its old name for the modules that use it). */
export type UnsupportedAnswer = Refusal;

/** The answer for data a supported endpoint has none of (e.g. the battery of a petrol car). */
export const NO_DATA_ANSWER: Refusal = NOT_FOUND;

/** Whether a car of `modelCode` answers `operation` for `bodyKey`, and if not, how it refuses. */
export type SupportVerdict =
  | { readonly supported: true }
  | { readonly supported: false; readonly key: SimKey; readonly answer: Refusal };

/** Whether the model serves `key` on the URL `template`. */
export function servesOn(modelCode: string, key: SimKey, template: string): boolean {
  return routesOf(modelCode, key).some((route) => pathOf(route, key) === template);
}

/**
 * The support rule:
 * 1. An operation with no keys (the car-adapter root) is always served.
 * 2. The URL is served when the model routes one of the operation's keys to it (e.g. `ev/settings`
 *    exists on an R5, whose charge-schedule and charge-start go there; a ZOE 40 has neither there).
 * 3. On a served URL, a body for a key the model refuses is refused too (e.g. `{action: "stop"}` to
 *    `charging-start` on a model without charge stop).
 * A refusal answers with the refused key's entry of the model's row.
 */
export function checkSupport(
  modelCode: string,
  operation: Operation,
  bodyKey: SimKey | undefined,
): SupportVerdict {
  const [firstKey] = operation.keys;
  if (firstKey === undefined) return { supported: true };
  const urlServed = operation.keys.some((key) => servesOn(modelCode, key, operation.template));
  if (!urlServed) return refuse(modelCode, bodyKey ?? firstKey);
  if (bodyKey !== undefined && refusalOf(modelCode, bodyKey) !== undefined) return refuse(modelCode, bodyKey);
  return { supported: true };
}

function refuse(modelCode: string, key: SimKey): SupportVerdict {
  return { supported: false, key, answer: refusalOf(modelCode, key) ?? OFF_ROUTE_ANSWERS[key] };
}
