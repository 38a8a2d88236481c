/**
 * Per-model routing, read from the grid of `models.ts`: which route each key takes on a model, and
 * which keys a model does not support at all. Nothing here is mutable: warnings go to the `warn`
 * callback, and the caller decides how often to repeat them.
 */
import { EndpointNotAvailableError } from "../errors.js";
import {
  DEFAULT_ENDPOINTS,
  ENDPOINT_KEYS,
  ENDPOINTS,
  KCA_HVAC_STOP,
  KCM_EV_SETTINGS,
  KCM_PAUSE_RESUME,
  KCM_START_LATER,
  deepFreeze,
  type EndpointDefinition,
  type EndpointKey,
} from "./keys.js";
import { DEFAULT_LIMITS, MODEL_GRID, MODEL_LIMITS, type ActionLimits } from "./models.js";

/** One model's routes: `null` = not available; a key it does not list falls back to the default. */
export type ModelRoutes = Readonly<Partial<Record<EndpointKey, EndpointDefinition | null>>>;

function cellOf(key: EndpointKey, cell: string, model: string): EndpointDefinition | null | undefined {
  switch (cell) {
    case ".":
      return undefined;
    case "x":
      return null;
    case "D":
      return DEFAULT_ENDPOINTS[key];
    case "K": {
      const route = ENDPOINTS[key].kcm;
      if (route === undefined) throw new Error(`models.ts: ${model} ${key}: no KCM route for K`);
      return route;
    }
    case "KS":
      return KCM_EV_SETTINGS;
    case "KP":
      return KCM_PAUSE_RESUME;
    case "KL":
      return KCM_START_LATER;
    case "AS":
      return KCA_HVAC_STOP;
    default:
      throw new Error(`models.ts: ${model} ${key}: unknown cell '${cell}'`);
  }
}

/** Parses the grid; a malformed grid fails at load (and in the tests), never at a request. */
function parseGrid(grid: string): { routes: Record<string, ModelRoutes>; names: Record<string, string> } {
  const [header, ...rows] = grid.trim().split("\n");
  const columns = (header ?? "").trim().split(/\s+/).slice(1, -1);
  const aliases = ENDPOINT_KEYS.map((key) => ENDPOINTS[key].alias);
  if (columns.join(" ") !== aliases.join(" "))
    throw new Error("models.ts: the grid's columns are not the keys");
  const routes: Record<string, ModelRoutes> = {};
  const names: Record<string, string> = {};
  for (const row of rows) {
    const [model = "", ...rest] = row.trim().split(/\s+/);
    const cells = rest.slice(0, ENDPOINT_KEYS.length);
    const entry: Partial<Record<EndpointKey, EndpointDefinition | null>> = {};
    ENDPOINT_KEYS.forEach((key, index) => {
      const route = cellOf(key, cells[index] ?? "", model);
      if (route !== undefined) entry[key] = route;
    });
    routes[model] = entry;
    names[model] = rest.slice(ENDPOINT_KEYS.length).join(" ");
  }
  return { routes, names };
}

const PARSED = parseGrid(MODEL_GRID);

/**
 * Per-model routing, keyed by model code, models sorted. `null` means "not available on this
 * model"; keys a model does not list fall back to the default route.
 */
export const MODEL_ENDPOINTS: Readonly<Record<string, ModelRoutes>> = deepFreeze(PARSED.routes);

/** Human names of the documented model codes. */
export const MODEL_NAMES: Readonly<Record<string, string>> = deepFreeze(PARSED.names);

const own = <T>(table: Readonly<Record<string, T>>, key: string): T | undefined =>
  Object.hasOwn(table, key) ? table[key] : undefined;

/**
 * The route of `key` for a model.
 *
 * - No model code: the default, silently.
 * - A model missing from the grid: the default, and `warn` is told the model is undocumented (the
 *   same message for every key, so a caller deduplicating messages warns once).
 * - A documented model that does not list the key: the default, and `warn` names the model and key.
 *
 * @throws {EndpointNotAvailableError} the model is documented as not supporting the endpoint
 */
export function resolveEndpoint(
  modelCode: string | undefined,
  key: EndpointKey,
  warn?: (message: string) => void,
): EndpointDefinition {
  const fallback = own(DEFAULT_ENDPOINTS, key);
  if (fallback === undefined) throw new EndpointNotAvailableError(key, modelCode);
  if (modelCode === undefined || modelCode === "") return fallback;
  const table = own(MODEL_ENDPOINTS, modelCode);
  if (table === undefined) {
    warnIfUndocumentedModel(modelCode, warn);
    return fallback;
  }
  const entry = own(table, key);
  if (entry === null) throw new EndpointNotAvailableError(key, modelCode);
  if (entry === undefined) {
    warn?.(`Endpoint '${key}' is not documented for model ${modelCode}: using the default endpoint.`);
    return fallback;
  }
  return entry;
}

/** Tells `warn` when a model code is missing from the grid (always the same message for a model). */
export function warnIfUndocumentedModel(
  modelCode: string | undefined,
  warn: ((message: string) => void) | undefined,
): void {
  if (modelCode === undefined || modelCode === "" || own(MODEL_ENDPOINTS, modelCode) !== undefined) return;
  warn?.(
    `Model ${modelCode} is not documented: using the default endpoints, which may fail. ` +
      "Please report which endpoints work (https://github.com/hacf-fr/renault-api/issues/1747).",
  );
}

/** A model code, or vehicle details carrying one in `model.code`. */
export type ModelCodeSource =
  | string
  | null
  | undefined
  | { readonly model?: { readonly code?: string | null | undefined } | null | undefined };

/**
 * Whether a model may support `key`: false only when the grid says it does not. Undocumented
 * models and unknown codes "support" every endpoint (the defaults are tried). Never warns.
 */
export function supportsEndpoint(model: ModelCodeSource, key: EndpointKey): boolean {
  const modelCode = typeof model === "object" && model !== null ? (model.model?.code ?? undefined) : model;
  try {
    resolveEndpoint(modelCode ?? undefined, key);
    return true;
  } catch (error) {
    if (error instanceof EndpointNotAvailableError) return false;
    throw error;
  }
}

/**
 * The routes some documented model uses for `key` besides the default one (e.g. KCM `ev/settings`
 * for `charge-schedule`), in the order the grid first lists them.
 */
export function variantsOf(key: EndpointKey): EndpointDefinition[] {
  const fallback = DEFAULT_ENDPOINTS[key];
  const seen = new Map<string, EndpointDefinition>();
  for (const entry of Object.values(MODEL_ENDPOINTS)) {
    const definition = entry[key];
    if (!definition) continue;
    if (definition.path === fallback.path && definition.mode === fallback.mode) continue;
    seen.set(`${definition.mode} ${definition.path}`, { path: definition.path, mode: definition.mode });
  }
  return [...seen.values()];
}

/** The bounds of the actions' arguments on a model. */
export function limitsOf(modelCode: string | undefined): ActionLimits {
  return (modelCode === undefined ? undefined : own(MODEL_LIMITS, modelCode)) ?? DEFAULT_LIMITS;
}
