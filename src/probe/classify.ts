/**
 * What one answer says about an endpoint (docs/api-notes.md, B4, C.5): it works (and which fields it
 * has), the model does not support it (the error code is the evidence), it exists but has no data
 * yet, or the request failed for a reason that says nothing about the model (5xx, network, timeout,
 * privacy mode). Only "not supported" becomes a `null` in the capability report: a transient
 * failure is never read as "unsupported" (what IOBR and MAG get wrong).
 */
import {
  AccessDeniedError,
  ForbiddenError,
  HttpError,
  InvalidApiKeyError,
  KamereonError,
  NetworkError,
  NotSupportedError,
  PrivacyModeOnError,
  QuotaLimitError,
  RenaultError,
  ResourceNotFoundError,
  TimeoutError,
  UnauthorizedError,
  ConfigurationError,
  GigyaError,
  NotAuthenticatedError,
} from "../errors.js";

/** The outcome of one probe step. */
export type ProbeVerdict =
  /** A 2xx answer with data. */
  | "works"
  /** The model or gateway refused the endpoint (forbidden, not found, not supported, 403011…). */
  | "not-supported"
  /** A 2xx answer with nothing in it, or 404 "There is no data for this vin and uid". */
  | "no-data"
  /** 5xx, network error, timeout, privacy mode, an unexpected answer: says nothing about the model. */
  | "failed"
  /** Not sent: the budget or the quota ran out, actions were not enabled, or the owner declined. */
  | "not-probed";

/** What an error answer says, without the secrets it may carry (the details are anonymised later). */
export interface ErrorEvidence {
  readonly verdict: "not-supported" | "no-data" | "failed";
  readonly status?: number | undefined;
  readonly code?: string | undefined;
  readonly innerCode?: string | undefined;
  readonly details?: string | undefined;
  /** The error's class name, e.g. `ForbiddenError`, `TimeoutError`. */
  readonly error: string;
}

/** Functional codes that are about the request or the account, not about what the model supports. */
const NOT_ABOUT_THE_MODEL = new Set([
  "err.func.wired.overloaded",
  "err.func.wired.unauthorized",
  "err.func.wired.missingRequestParam",
  "err.func.wired.empty-vehicle-link",
]);

/** The "no data yet" wording of a 404 (docs/api-notes.md, B4). */
const NO_DATA = /no data/i;

/** Whether an error ends the probe as a whole (nothing else can work): rethrown. */
export function isFatal(error: unknown): boolean {
  if (!(error instanceof RenaultError)) return true;
  return (
    error instanceof UnauthorizedError ||
    error instanceof InvalidApiKeyError ||
    error instanceof NotAuthenticatedError ||
    error instanceof GigyaError ||
    error instanceof ConfigurationError
  );
}

/** Classifies a failed request. Quota and fatal errors are handled by the caller. */
export function classifyError(error: unknown): ErrorEvidence {
  const name = error instanceof Error ? error.name : "Error";
  if (error instanceof KamereonError) {
    const evidence = {
      status: error.status,
      code: error.code,
      innerCode: error.innerCode,
      details: error.details,
      error: name,
    };
    if (error instanceof QuotaLimitError || error instanceof PrivacyModeOnError)
      return { verdict: "failed", ...evidence };
    if (error.status === 404 && NO_DATA.test(error.details)) return { verdict: "no-data", ...evidence };
    if (isUnsupportedAnswer(error)) return { verdict: "not-supported", ...evidence };
    return { verdict: "failed", ...evidence };
  }
  if (error instanceof HttpError) {
    // No vendor body: a plain 404 is a route that does not exist (or an outage, renault-api #857).
    return { verdict: "failed", status: error.status, error: name };
  }
  if (error instanceof NetworkError || error instanceof TimeoutError)
    return { verdict: "failed", error: name };
  return { verdict: "failed", error: name, details: error instanceof Error ? error.message : String(error) };
}

/**
 * The answers that mean "this model does not have this endpoint" (docs/api-notes.md, C.5):
 * `err.func.wired.notFound`/`not-found`, `err.func.wired.forbidden`, `err.tech.501`, `err.func.403`
 * with inner code 403011, other `err.func.wired.*` functional codes (methodNotAllowed,
 * invalid-body…: a wrong strategy for this model), `err.func.vcps.*` and 400001 (no GDC gateway).
 */
export function isUnsupportedAnswer(error: KamereonError): boolean {
  if (error instanceof ResourceNotFoundError || error instanceof ForbiddenError) return true;
  if (error instanceof NotSupportedError) return true;
  if (error instanceof AccessDeniedError) return error.innerCode === "403011";
  if (error.innerCode === "403011" || error.innerCode === "400001" || error.code === "400001") return true;
  if (error.code.startsWith("err.func.vcps.")) return true;
  return error.code.startsWith("err.func.wired.") && !NOT_ABOUT_THE_MODEL.has(error.code);
}

/** What a 2xx answer holds: data (and its fields) or nothing yet. */
export function classifyAnswer(body: unknown): { verdict: "works" | "no-data"; fields: string[] } {
  if (Array.isArray(body)) return { verdict: "works", fields: fieldsOf(body[0]) };
  if (!isRecord(body)) return { verdict: "no-data", fields: [] };
  const data = body.data;
  if (Array.isArray(data)) return { verdict: "works", fields: fieldsOf(data[0]) };
  if (isRecord(data)) {
    // JSON:API: the attributes are the data; `type` and `id` alone mean nothing was reported.
    const fields = fieldsOf(data.attributes);
    return { verdict: fields.length > 0 ? "works" : "no-data", fields };
  }
  // A flat answer (KCM reads, the vehicle list).
  const fields = fieldsOf(body);
  return { verdict: fields.length > 0 ? "works" : "no-data", fields };
}

/** The names of the fields that carry a value, sorted. */
function fieldsOf(value: unknown): string[] {
  if (!isRecord(value)) return [];
  return Object.entries(value)
    .filter(([, field]) => field !== null && field !== undefined)
    .map(([name]) => name)
    .sort();
}

/** Whether a JSON value is an object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
