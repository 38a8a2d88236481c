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

/**
 * The schema of a model typed as `T`: its known fields only, with no index signature, so a misspelt
 * field name does not compile. At run time it is {@link obj}: every field the server adds is kept
 * as it came, reachable through {@link rawPayload}.
 *
 * The entries are checked against `T` at compile time: the same field names, and each entry's
 * output assignable to the field's type (a code union such as `PlugStatusCode` accepts any number).
 */
export function model<T extends object>() {
  return <const TEntries extends v.ObjectEntries>(
    entries: TEntries & MatchingEntries<TEntries, T>,
  ): ModelSchema<T> => obj(entries) as unknown as ModelSchema<T>;
}

/** A schema whose output is the model `T`. */
export type ModelSchema<T> = v.GenericSchema<unknown, T>;

type KnownOutput<TEntries extends v.ObjectEntries> = v.InferOutput<v.ObjectSchema<TEntries, undefined>>;
type MatchingEntries<TEntries extends v.ObjectEntries, T> = [keyof KnownOutput<TEntries>] extends [keyof T]
  ? [keyof T] extends [keyof KnownOutput<TEntries>]
    ? KnownOutput<TEntries> extends T
      ? unknown
      : { readonly "entries do not match the model's field types": T }
    : { readonly "the model has fields the entries lack": Exclude<keyof T, keyof KnownOutput<TEntries>> }
  : { readonly "the entries have fields the model lacks": Exclude<keyof KnownOutput<TEntries>, keyof T> };

/**
 * The payload of a model as the server sent it, every field included (those the library does not
 * declare as well). Nothing is copied: a parsed model keeps the unknown fields as its own
 * properties (so `--json`, `structuredClone` and the read cache keep them), and this gives the
 * typed view of them.
 *
 * @example rawPayload(battery)["newField"] // unknown, to be checked before use
 */
export function rawPayload(model: object): Readonly<Record<string, unknown>> {
  return model as Readonly<Record<string, unknown>>;
}

/** An optional string that may also be `null`. */
export const str = () => v.nullish(v.string());
/** An optional number that may also be `null`. */
export const num = () => v.nullish(v.number());
/** An optional boolean that may also be `null`. */
export const bool = () => v.nullish(v.boolean());
/** A value seen both as a string and as a number (e.g. `hvacStatus`, see docs/api-notes.md, B7). */
export const strOrNum = () => v.nullish(v.union([v.string(), v.number()]));

/** A code/label group of the vehicle details (brand, model, energy…). */
export interface Group {
  /** e.g. `X101VE` (model), `ELEC` (energy). */
  readonly code?: string | null | undefined;
  /** e.g. `ZOE`, `RENAULT`. */
  readonly label?: string | null | undefined;
  readonly group?: string | null | undefined;
}
/** Reads a {@link Group}. */
export const GroupSchema = model<Group>()({ code: str(), label: str(), group: str() });

/** The data member of a JSON:API document. */
const JsonApiDataSchema = obj({ type: str(), id: strOrNum(), attributes: v.nullish(obj({})) });

/** A JSON:API document: `{data: {type?, id?, attributes?}}`, all optional. */
const JsonApiDocumentSchema = obj({ data: v.nullish(JsonApiDataSchema) });

/** Attributes of an action answer (e.g. `{action: "start"}`); the others: {@link rawPayload}. */
export interface ActionAttributes {
  /** The action echoed, e.g. `start`, `cancel`, `schedule_mode`. */
  readonly action?: string | null | undefined;
}
/** Reads {@link ActionAttributes}; anything besides `action` is kept as is. */
export const ActionAttributesSchema = model<ActionAttributes>()({ action: str() });

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
