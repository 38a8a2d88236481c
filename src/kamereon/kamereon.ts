import {
  AccessDeniedError,
  ChargeModeInProgressError,
  ContractEndedError,
  EmptyGarageError,
  FailedForwardError,
  ForbiddenError,
  HttpError,
  InvalidApiKeyError,
  InvalidInputError,
  InvalidResponseError,
  InvalidUpstreamError,
  KamereonError,
  type KamereonErrorEntry,
  NoGdcGatewayError,
  NotSupportedError,
  PrivacyModeOnError,
  QuotaLimitError,
  ResourceNotFoundError,
  UnauthorizedError,
} from "../errors.js";
import { cleanCause, cleanText } from "../http/clean-text.js";
import { parseRetryAfter } from "../http/retry.js";
import type { HttpRequest, HttpResponse } from "../http/transport.js";

/** Everything a Kamereon call needs besides the path. */
export interface KamereonContext {
  /** Kamereon base URL, without a trailing slash. */
  readonly url: string;
  readonly apiKey: string;
  readonly country: string;
  readonly jwt: string;
  readonly send: (request: HttpRequest) => Promise<HttpResponse>;
  /** Current time in epoch milliseconds. */
  readonly now: () => number;
  /** How long a quota error locks the account out when the server gives no `Retry-After`, in ms. */
  readonly quotaCooldown: number;
  /**
   * Other secrets to redact from vendor text before it goes into an error (login token, Gigya key,
   * device ids); the API key and JWT of this context are always redacted.
   */
  readonly secrets?: readonly string[] | undefined;
}

/** One Kamereon call. */
export interface KamereonCall {
  readonly method: "GET" | "POST";
  /** Path from the root, starting with `/commerce/v1/…`; already percent-encoded. */
  readonly path: string;
  /** Extra query parameters; `country` is always added. */
  readonly query?: Readonly<Record<string, string>> | undefined;
  /** JSON body of a POST. */
  readonly body?: unknown;
  /** Key under which a bare JSON array answer is wrapped (`data`, or `contractList` for contracts). */
  readonly arrayKey?: string | undefined;
}

/** Builds the full URL of a call: root + path + `country` and the extra parameters, sorted by name. */
export function kamereonUrl(
  root: string,
  country: string,
  call: Pick<KamereonCall, "path" | "query">,
): string {
  const params = new URLSearchParams(
    Object.entries({ country, ...call.query }).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  );
  return `${root}${call.path}?${params.toString()}`;
}

/**
 * Sends one Kamereon request and returns its parsed JSON body, or throws the typed error that the
 * answer carries. Vendor errors take precedence over the HTTP status; every error of the list is kept.
 */
export async function kamereonRequest(context: KamereonContext, call: KamereonCall): Promise<unknown> {
  const url = kamereonUrl(context.url, context.country, call);
  const response = await context.send({
    method: call.method,
    url,
    headers: {
      apikey: context.apiKey,
      "x-gigya-id_token": context.jwt,
      "content-type": "application/vnd.api+json",
    },
    body: call.body === undefined ? undefined : JSON.stringify(call.body),
  });
  const secrets = [context.apiKey, context.jwt, ...(context.secrets ?? [])];
  return parseKamereonResponse({ ...context, secrets }, call, url, response);
}

/** Turns a raw Kamereon response into data or a typed error (exported for the property tests). */
export function parseKamereonResponse(
  context: Pick<KamereonContext, "now" | "quotaCooldown" | "secrets">,
  call: Pick<KamereonCall, "method" | "path" | "arrayKey">,
  url: string,
  response: HttpResponse,
): unknown {
  const text = response.text.trim();
  const secrets = context.secrets ?? [];
  const retryAfter = parseRetryAfter(response.headers.get("retry-after"), context.now());
  const where = { method: call.method, url: redactPath(url), status: response.status };
  let json: unknown;
  if (response.status === 429 && !text.startsWith("{")) json = {};
  try {
    json ??= text === "" && response.status < 400 ? {} : JSON.parse(text);
  } catch (error) {
    // The HTML "502 Bad Gateway" page and other non-JSON error pages: keep the status.
    if (response.status >= 400)
      throw new HttpError(
        { ...where, retryAfter: seconds(retryAfter) },
        { cause: cleanCause(error, secrets) },
      );
    throw new InvalidResponseError(call.path, "Kamereon responded with invalid JSON", {
      cause: cleanCause(error, secrets),
    });
  }
  if (Array.isArray(json) && response.status < 400) return { [call.arrayKey ?? "data"]: json };
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    if (response.status >= 400) throw new HttpError({ ...where, retryAfter: seconds(retryAfter) });
    throw new InvalidResponseError(call.path, "expected a JSON object");
  }
  const errors = readErrors(json, secrets);
  if (errors.length > 0) throw toKamereonError(context, where, errors, retryAfter);
  if (response.status === 429) {
    const quota = [{ code: "429", details: "Too many requests", innerCode: undefined }];
    throw toKamereonError(context, where, quota, retryAfter);
  }
  if (response.status >= 400) {
    if ((json as { error?: unknown }).error === "access_denied" || response.status === 401) {
      throw new InvalidApiKeyError({
        ...where,
        errors: [{ code: "access_denied", details: "Unauthorized: the Kamereon API key is probably stale" }],
      });
    }
    throw new HttpError({ ...where, retryAfter: seconds(retryAfter) });
  }
  return json;
}

interface ParsedEntry extends KamereonErrorEntry {
  readonly innerCode: string | undefined;
}

/** The vendor's error list, its text cleaned of control characters and secrets (issue 20). */
function readErrors(json: object, secrets: readonly string[]): ParsedEntry[] {
  const list = (json as { errors?: unknown }).errors;
  if (!Array.isArray(list)) return [];
  return list.flatMap((item: unknown): ParsedEntry[] => {
    if (typeof item !== "object" || item === null) return [];
    const { errorCode, errorMessage } = item as { errorCode?: unknown; errorMessage?: unknown };
    const code =
      typeof errorCode === "string" || typeof errorCode === "number" ? String(errorCode) : "unknown";
    const message = typeof errorMessage === "string" ? errorMessage : "";
    const { details, innerCode } = extractDetails(message);
    return [
      {
        code: cleanText(code, secrets),
        details: cleanText(details, secrets),
        innerCode: innerCode === undefined ? undefined : cleanText(innerCode, secrets),
      },
    ];
  });
}

/**
 * `errorMessage` may itself be a JSON string holding `{"errors":[{code,title,detail,source}]}`, or
 * `{"errors":[{errorCode,errorMessage}]}` (an ended contract, src/simulator/faults.ts). Details are
 * the non-empty `[title, source.pointer, detail, errorMessage]` of each inner error, joined.
 */
export function extractDetails(message: string): { details: string; innerCode: string | undefined } {
  let inner: unknown;
  try {
    inner = JSON.parse(message);
  } catch {
    return { details: message, innerCode: undefined };
  }
  const errors = (inner as { errors?: unknown } | null)?.errors;
  if (!Array.isArray(errors)) return { details: message, innerCode: undefined };
  let innerCode: string | undefined;
  const parts = errors.map((entry: unknown) => {
    if (typeof entry !== "object" || entry === null) return "";
    const { title, detail, source, code, errorCode, errorMessage } = entry as Record<string, unknown>;
    const inner = code ?? errorCode;
    if (innerCode === undefined && (typeof inner === "string" || typeof inner === "number"))
      innerCode = String(inner);
    const pointer = (source as { pointer?: unknown } | null | undefined)?.pointer;
    return [title, pointer, detail, errorMessage]
      .filter((part) => typeof part === "string" && part !== "")
      .join(" ");
  });
  const details = parts.filter((part) => part !== "").join(", ");
  return { details: details === "" ? message : details, innerCode };
}

/** Vendor error codes that have their own class; anything else stays a plain {@link KamereonError}. */
const ERROR_CLASSES: Readonly<Record<string, typeof KamereonError>> = {
  "err.func.400": InvalidInputError,
  "err.func.403": AccessDeniedError,
  "err.tech.500": InvalidUpstreamError,
  "err.tech.501": NotSupportedError,
  "err.func.wired.notFound": ResourceNotFoundError,
  "err.func.wired.not-found": ResourceNotFoundError,
  "err.tech.wired.kamereon-proxy": FailedForwardError,
  "err.func.wired.forbidden": ForbiddenError,
  "err.func.privacy.on": PrivacyModeOnError,
  "err.func.wired.unauthorized": UnauthorizedError,
  "err.func.wired.empty-vehicle-link": EmptyGarageError,
  "409001": ChargeModeInProgressError,
  "400001": NoGdcGatewayError,
};

/** The inner message of a 404 for a car whose connected-services contract ended. */
const CONTRACT_ENDED = /there is no data for this vin and uid/i;

/** Inner codes (inside `errorMessage`) that say more than the outer code. */
const INNER_CODE_CLASSES: Readonly<Record<string, typeof KamereonError>> = {
  "403009": PrivacyModeOnError,
};

function toKamereonError(
  context: Pick<KamereonContext, "now" | "quotaCooldown" | "secrets">,
  where: { method: string; url: string; status: number },
  errors: readonly ParsedEntry[],
  retryAfter: number | undefined,
): KamereonError {
  const [first] = errors as [ParsedEntry, ...ParsedEntry[]];
  const init = {
    ...where,
    errors: errors.map(({ code, details }) => ({ code, details })),
    innerCode: first.innerCode,
    retryAfter: seconds(retryAfter),
  };
  if (first.code === "err.func.wired.overloaded" || first.code === "429") {
    return new QuotaLimitError({ ...init, retryAt: context.now() + (retryAfter ?? context.quotaCooldown) });
  }
  // Own properties only: a vendor code such as "constructor" must not reach Object.prototype.
  const ErrorClass =
    (first.innerCode !== undefined ? ownEntry(INNER_CODE_CLASSES, first.innerCode) : undefined) ??
    ownEntry(ERROR_CLASSES, first.code) ??
    KamereonError;
  if (ErrorClass === ResourceNotFoundError && CONTRACT_ENDED.test(first.details))
    return new ContractEndedError(init);
  return new ErrorClass(init);
}

function ownEntry<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

function seconds(ms: number | undefined): number | undefined {
  return ms === undefined ? undefined : Math.ceil(ms / 1000);
}

/** The URL as errors show it: path and query (country, dates) only, without the host. */
function redactPath(url: string): string {
  const parsed = new URL(url);
  return parsed.pathname + parsed.search;
}
