/**
 * The probe: every read endpoint of one vehicle asked once, one request at a time, within a
 * request budget, through the public session API, so that it reaches even the endpoints the
 * routing table says the model lacks (the point is to find out). It stops at the first quota error
 * and still returns a valid (partial) report.
 *
 * It runs on its own session (same settings, same credential store) without retries: every
 * request it sends is one the budget counts, and a transient failure is recorded as such instead of
 * being repeated.
 */
import { KamereonError, NetworkError, QuotaLimitError, type KamereonErrorEntry } from "../errors.js";
import { encodeSegment } from "../http/path.js";
import { modelCode as modelCodeOf, type VehicleDetails } from "../kamereon/models/details.js";
import { MODEL_NAMES } from "../registry/index.js";
import { RenaultSession, type TraceEvent } from "../session.js";
import type { RenaultVehicle } from "../vehicle.js";
import { classifyAnswer, classifyError, isFatal, isRecord, type ProbeVerdict } from "./classify.js";
import { planProbe, type ProbeStep } from "./plan.js";

/** The default request budget of a probe. */
export const DEFAULT_PROBE_BUDGET = 30;

/** The outcome of one step of a probe. */
export interface ProbeResult {
  readonly step: ProbeStep;
  readonly verdict: ProbeVerdict;
  /** HTTP status of the answer, when one came. */
  readonly status?: number | undefined;
  /** Vendor code of an error answer, e.g. `err.func.wired.forbidden`. */
  readonly code?: string | undefined;
  /** Inner code of an error answer, e.g. `403011`. */
  readonly innerCode?: string | undefined;
  /** Vendor details of an error answer (may name the car: anonymised before it is written). */
  readonly details?: string | undefined;
  /** The error class, for failures. */
  readonly error?: string | undefined;
  /** Fields seen in a 2xx answer, sorted. */
  readonly fields?: readonly string[] | undefined;
  /** Why a step was not sent: `budget`, `quota`, `declined`. */
  readonly reason?: "budget" | "quota" | "declined" | undefined;
  /**
   * The answer: the JSON body of a 2xx answer, or the Kamereon error envelope rebuilt from the
   * parsed error (same codes, inner code and details). Holds personal data until anonymised.
   */
  readonly body?: unknown;
}

/** What a probe found. Holds the raw answers: write it with `writeProbeBundle`, never as is. */
export interface ProbeReport {
  /** When the probe started (ISO 8601). */
  readonly probedAt: string;
  readonly accountId: string;
  readonly vin: string;
  /** `vehicleDetails.model.code`, when the details could be read. */
  readonly modelCode: string | undefined;
  /** The model's name: the project's name for a documented model, else the details' label. */
  readonly modelName: string | undefined;
  readonly budget: number;
  /** Kamereon requests sent (Gigya calls to renew the JWT are not counted). */
  readonly used: number;
  /** `complete`, or what cut the probe short. */
  readonly stopped: "complete" | "budget" | "quota";
  /** The quota error that stopped the probe, if one did. */
  readonly quotaError?: QuotaLimitError | undefined;
  /** One result per planned step, in order (the steps after a stop are `not-probed`). */
  readonly results: readonly ProbeResult[];
}

/** Options of {@link probeVehicle}. */
export interface ProbeOptions {
  /** Most Kamereon requests to send, the details read included. @default 30 */
  readonly budget?: number | undefined;
  /** Also send the actions, each after `confirmAction` said yes. @default false */
  readonly actions?: boolean | undefined;
  /** Asked before each action; required with `actions`. Answer false to skip the action. */
  readonly confirmAction?: ((step: ProbeStep) => Promise<boolean>) | undefined;
  /** Called after each step (progress). */
  readonly onResult?: ((result: ProbeResult, used: number) => void) | undefined;
  /** Cancels the probe; its reason is rethrown. */
  readonly signal?: AbortSignal | undefined;
  /** Per-request timeout. @default the session's default (30 s) @unit milliseconds */
  readonly timeout?: number | undefined;
  /** The `fetch` to use. @default globalThis.fetch */
  readonly fetch?: typeof fetch | undefined;
  /** Receives the probe's requests and answers, secrets redacted (as `RenaultSession.onTrace`). */
  readonly onTrace?: ((event: TraceEvent) => void) | undefined;
  /** The clock (report date, history periods). @default () => new Date() */
  readonly now?: (() => Date) | undefined;
}

/** Thrown by the counting `fetch` when a request would go over the budget. */
class BudgetExhausted extends Error {
  override name = "BudgetExhausted";
}

/**
 * Probes a vehicle: reads its details and every read endpoint, one request at a time, and
 * classifies each (works, not supported, no data yet, failed). Nothing is written: pass the report
 * to `writeProbeBundle`.
 *
 * @throws {RangeError} a budget that is not a positive integer
 * @throws {TypeError} `actions` without `confirmAction`
 * @throws {NotAuthenticatedError | UnauthorizedError | InvalidApiKeyError | GigyaError} nothing
 *   can work (the login or a key): the probe stops without a report
 */
export async function probeVehicle(
  vehicle: RenaultVehicle,
  options: ProbeOptions = {},
): Promise<ProbeReport> {
  const budget = options.budget ?? DEFAULT_PROBE_BUDGET;
  if (!Number.isInteger(budget) || budget < 1) throw new RangeError("The budget must be a positive integer.");
  if (options.actions === true && options.confirmAction === undefined)
    throw new TypeError("Probing actions needs confirmAction: each action is confirmed before it is sent.");
  const now = options.now ?? (() => new Date());
  const started = now();
  const settings = await vehicle.session.getSettings();
  let used = 0;
  const baseFetch = options.fetch ?? globalThis.fetch;
  const countingFetch: typeof fetch = (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (url.startsWith(settings.kamereonUrl)) {
      if (used >= budget) return Promise.reject(new BudgetExhausted("request budget used up"));
      used++;
    }
    return baseFetch(input, init);
  };
  const session = new RenaultSession({
    locale: settings.locale,
    country: settings.country,
    gigyaUrl: settings.gigyaUrl,
    gigyaApiKey: settings.gigyaApiKey,
    kamereonUrl: settings.kamereonUrl,
    kamereonApiKey: settings.kamereonApiKey,
    credentialStore: vehicle.session.credentialStore,
    fetch: countingFetch,
    retry: false,
    timeout: options.timeout,
    onTrace: options.onTrace,
  });
  const call = { signal: options.signal };
  const ids: Record<string, string> = { account_id: vehicle.accountId, vin: vehicle.vin };
  const resolve = (template: string) =>
    template.replace(/\{(account_id|vin|person_id)\}/g, (_match, name: string) =>
      encodeSegment(ids[name] ?? ""),
    );

  const plan = planProbe({ actions: options.actions, now: started });
  const results: ProbeResult[] = [];
  let stopped: ProbeReport["stopped"] = "complete";
  let quotaError: QuotaLimitError | undefined;
  let details: VehicleDetails | undefined;

  const record = (result: ProbeResult) => {
    results.push(result);
    options.onResult?.(result, used);
  };

  for (const step of plan) {
    if (stopped !== "complete") {
      record({ step, verdict: "not-probed", reason: stopped });
      continue;
    }
    if (used >= budget) {
      stopped = "budget";
      record({ step, verdict: "not-probed", reason: "budget" });
      continue;
    }
    if (step.kind === "action" && !(await options.confirmAction?.(step))) {
      record({ step, verdict: "not-probed", reason: "declined" });
      continue;
    }
    try {
      if (step.kind === "person") ids.person_id = await session.getPersonId(call);
      const body = await session.request(step.method, resolve(step.path), {
        ...call,
        query: step.query,
        body: step.body,
        // Bare arrays (alerts) come back wrapped under this key: unwrapped below, as sent.
        arrayKey: BARE_ARRAY,
      });
      const answer = unwrap(body);
      if (step.kind === "details") {
        details = detailsOf(answer, vehicle.vin);
        const found = details !== undefined;
        record({
          step,
          verdict: found ? "works" : "no-data",
          status: 200,
          fields: found ? ["vehicleDetails"] : [],
          body: answer,
        });
        continue;
      }
      const seen = classifyAnswer(answer);
      record({ step, verdict: seen.verdict, status: 200, fields: seen.fields, body: answer });
    } catch (error) {
      if (options.signal?.aborted) throw options.signal.reason;
      if (error instanceof QuotaLimitError) {
        stopped = "quota";
        quotaError = error;
        record({ step, verdict: "not-probed", reason: "quota", status: error.status, code: error.code });
        continue;
      }
      if (error instanceof NetworkError && error.cause instanceof BudgetExhausted) {
        stopped = "budget";
        record({ step, verdict: "not-probed", reason: "budget" });
        continue;
      }
      if (isFatal(error)) throw error;
      const evidence = classifyError(error);
      record({
        step,
        ...evidence,
        body: error instanceof KamereonError ? errorEnvelope(error) : undefined,
      });
    }
  }

  const code = details === undefined ? undefined : (modelCodeOf(details) ?? undefined);
  return {
    probedAt: started.toISOString(),
    accountId: vehicle.accountId,
    vin: vehicle.vin,
    modelCode: code,
    modelName:
      (code !== undefined && Object.hasOwn(MODEL_NAMES, code) ? MODEL_NAMES[code] : undefined) ??
      details?.model?.label ??
      undefined,
    budget,
    used,
    stopped,
    quotaError,
    results,
  };
}

/** Key under which the session wraps a bare JSON array; nothing real is named like this. */
const BARE_ARRAY = "\u0000bare-array";

function unwrap(body: unknown): unknown {
  if (isRecord(body) && Object.keys(body).length === 1 && Array.isArray(body[BARE_ARRAY]))
    return body[BARE_ARRAY];
  return body;
}

/** The details of the probed car in the account's vehicle list. */
function detailsOf(list: unknown, vin: string): VehicleDetails | undefined {
  const links = isRecord(list) && Array.isArray(list.vehicleLinks) ? list.vehicleLinks : [];
  for (const link of links) {
    if (isRecord(link) && link.vin === vin && isRecord(link.vehicleDetails)) return link.vehicleDetails;
  }
  return undefined;
}

/**
 * The Kamereon error envelope of a parsed error, as the service sends it. The inner code goes back
 * into a nested JSON:API message, so the client parses the rebuilt body into the same error (class,
 * code, inner code, details); it is not the original text byte for byte.
 */
export function errorEnvelope(error: KamereonError): unknown {
  const type = error.status >= 500 ? "TECHNICAL" : "FUNCTIONAL";
  const message = (entry: KamereonErrorEntry, index: number) =>
    index === 0 && error.innerCode !== undefined
      ? JSON.stringify({
          errors: [{ status: String(error.status), code: error.innerCode, detail: entry.details }],
        })
      : entry.details;
  return {
    type,
    messages: error.errors.map((entry, index) => ({ code: entry.code, message: message(entry, index) })),
    errors: error.errors.map((entry, index) => ({
      errorCode: entry.code,
      errorMessage: message(entry, index),
    })),
    error_reference: type,
  };
}
