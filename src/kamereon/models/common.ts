/**
 * Building blocks shared by the Kamereon models: lenient field schemas, the JSON:API envelope and
 * the single place where a body is validated (a mismatch becomes {@link InvalidResponseError}).
 */
import * as v from "valibot";
import { InvalidResponseError } from "../../errors.js";

const isJsonObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * A JSON object with these known fields; unknown fields are kept (`v.looseObject`). Unlike a bare
 * `v.looseObject`, an array is rejected instead of being turned into `{0: …, 1: …}`.
 */
export function obj<const TEntries extends v.ObjectEntries>(entries: TEntries) {
  return v.pipe(
    v.custom<Record<string, unknown>>(isJsonObject, "Invalid type: Expected Object"),
    v.looseObject(entries),
  );
}

/** An optional string that may also be `null`. */
export const str = () => v.nullish(v.string());
/** An optional number that may also be `null`. */
export const num = () => v.nullish(v.number());
/** An optional boolean that may also be `null`. */
export const bool = () => v.nullish(v.boolean());
/** A value seen both as a string and as a number (e.g. `hvacStatus`, see field notes B7). */
export const strOrNum = () => v.nullish(v.union([v.string(), v.number()]));

/** `{code, label, group}` groups of the vehicle details (brand, model, energy…). */
export const GroupSchema = obj({ code: str(), label: str(), group: str() });
/** A code/label group of the vehicle details. */
export type Group = v.InferOutput<typeof GroupSchema>;

/** The data member of a JSON:API document. */
const JsonApiDataSchema = obj({ type: str(), id: strOrNum(), attributes: v.nullish(obj({})) });

/** A JSON:API document: `{data: {type?, id?, attributes?}}`, all optional. */
const JsonApiDocumentSchema = obj({ data: v.nullish(JsonApiDataSchema) });

/** Attributes of an action answer; anything besides `action` is kept as is. */
export const ActionAttributesSchema = obj({ action: str() });
/** Attributes of an action answer (e.g. `{action: "start"}`). */
export type ActionAttributes = v.InferOutput<typeof ActionAttributesSchema>;

/** The answer to a JSON:API action (`data` of the response). */
export interface ActionResult {
  /** JSON:API type, e.g. `ChargingStart` (absent on some newer vehicles). */
  readonly type: string | undefined;
  /** Command id (`guid` in the fixtures). */
  readonly id: string | undefined;
  /** The echoed attributes; `{}` when the answer has none (refresh-location). */
  readonly attributes: ActionAttributes;
}

/**
 * Validates `value` against `schema`.
 * @param endpoint - what was read, for the error message
 * @throws {InvalidResponseError} the value does not have the expected shape
 */
export function parse<const TSchema extends v.GenericSchema>(
  schema: TSchema,
  value: unknown,
  endpoint: string,
): v.InferOutput<TSchema> {
  const result = v.safeParse(schema, value);
  if (!result.success) throw new InvalidResponseError(endpoint, v.summarize(result.issues));
  return result.output;
}

/**
 * The attributes of a JSON:API document, validated; missing `data` or `attributes` give `{}`.
 * @throws {InvalidResponseError} the document or its attributes do not have the expected shape
 */
export function parseAttributes<const TSchema extends v.GenericSchema>(
  schema: TSchema,
  body: unknown,
  endpoint: string,
): v.InferOutput<TSchema> {
  const document = parse(JsonApiDocumentSchema, body, endpoint);
  return parse(schema, document.data?.attributes ?? {}, endpoint);
}

/**
 * The `data` of an action answer.
 * @throws {InvalidResponseError} the answer is not a JSON:API document
 */
export function parseAction(body: unknown, endpoint: string): ActionResult {
  const data = parse(JsonApiDocumentSchema, body, endpoint).data;
  return {
    type: data?.type ?? undefined,
    id: data?.id === null || data?.id === undefined ? undefined : String(data.id),
    attributes: parse(ActionAttributesSchema, data?.attributes ?? {}, endpoint),
  };
}
