/**
 * The error family of renault-api. Every error this library throws on purpose is a {@link RenaultError};
 * callers narrow with `instanceof` and read fields, never parse messages.
 *
 * No error carries a password, login token, JWT, API key or request body: messages are built from
 * method, redacted URL, status and the vendor's code/details only.
 */
import type { TwoFactorChallenge } from "./two-factor.js";

/** Base class: `instanceof RenaultError` means "came from renault-api". */
export class RenaultError extends Error {
  override name = "RenaultError";
}

/** The server could not be reached or the connection broke before a response arrived. */
export class NetworkError extends RenaultError {
  override name = "NetworkError";
  /** HTTP method of the failed request. */
  readonly method: string;
  /** Redacted URL of the failed request. */
  readonly url: string;
  /**
   * True when the request provably never left this machine (connection refused or DNS failure),
   * which is the only case where an action may be retried safely.
   */
  readonly notSent: boolean;
  constructor(init: { method: string; url: string; notSent: boolean }, options?: ErrorOptions) {
    super(`${init.method} ${init.url} failed: network error`, options);
    this.method = init.method;
    this.url = init.url;
    this.notSent = init.notSent;
  }
}

/** No response arrived within the per-attempt timeout. */
export class TimeoutError extends RenaultError {
  override name = "TimeoutError";
  readonly method: string;
  readonly url: string;
  /** The timeout that elapsed, in milliseconds. */
  readonly timeout: number;
  constructor(init: { method: string; url: string; timeout: number }, options?: ErrorOptions) {
    super(`${init.method} ${init.url} timed out after ${init.timeout} ms`, options);
    this.method = init.method;
    this.url = init.url;
    this.timeout = init.timeout;
  }
}

/** A non-2xx HTTP response that carried no recognisable vendor error (e.g. the HTML 502 page). */
export class HttpError extends RenaultError {
  override name = "HttpError";
  readonly method: string;
  readonly url: string;
  readonly status: number;
  /** Seconds to wait before retrying, from a `Retry-After` header, when the server sent one. */
  readonly retryAfter: number | undefined;
  constructor(
    init: { method: string; url: string; status: number; retryAfter?: number | undefined; message?: string },
    options?: ErrorOptions,
  ) {
    super(init.message ?? `${init.method} ${init.url} failed with status ${init.status}`, options);
    this.method = init.method;
    this.url = init.url;
    this.status = init.status;
    this.retryAfter = init.retryAfter;
  }
}

/** One entry of a Kamereon `errors[]` list. */
export interface KamereonErrorEntry {
  /** Vendor code, e.g. `err.func.wired.overloaded` (numeric codes are kept as strings). */
  readonly code: string;
  /** Human-readable details, with nested JSON:API errors flattened. */
  readonly details: string;
}

/** An error answer from the Kamereon API. The subclass is chosen from the vendor code. */
export class KamereonError extends HttpError {
  override name = "KamereonError";
  /** Vendor code of the first error, e.g. `err.func.privacy.on`. */
  readonly code: string;
  /** Details of the first error. */
  readonly details: string;
  /** Inner (nested) code when the message carried one, e.g. `403011`. */
  readonly innerCode: string | undefined;
  /** Every error of the answer, not only the first. */
  readonly errors: readonly KamereonErrorEntry[];
  constructor(
    init: {
      method: string;
      url: string;
      status: number;
      errors: readonly KamereonErrorEntry[];
      innerCode?: string | undefined;
      retryAfter?: number | undefined;
    },
    options?: ErrorOptions,
  ) {
    const first = init.errors[0] ?? { code: "unknown", details: "" };
    super(
      {
        ...init,
        message: `${init.method} ${init.url} failed with status ${init.status}: ${first.code}${first.details ? ` (${first.details})` : ""}`,
      },
      options,
    );
    this.code = first.code;
    this.details = first.details;
    this.innerCode = init.innerCode;
    this.errors = init.errors;
  }
}

/** `err.func.400`: the server rejected the input (e.g. a start time not in the future). */
export class InvalidInputError extends KamereonError {
  override name = "InvalidInputError";
}
/** `err.func.403`: access denied (also wraps inner code 403011 "operation not supported"). */
export class AccessDeniedError extends KamereonError {
  override name = "AccessDeniedError";
}
/** `err.tech.500`: the upstream (car gateway) answered badly. Transient. */
export class InvalidUpstreamError extends KamereonError {
  override name = "InvalidUpstreamError";
}
/** `err.tech.501`: the car's gateway does not support this feature. */
export class NotSupportedError extends KamereonError {
  override name = "NotSupportedError";
}
/** `err.func.wired.notFound` (and `not-found`): unsupported, or no data yet. */
export class ResourceNotFoundError extends KamereonError {
  override name = "ResourceNotFoundError";
}
/** `err.tech.wired.kamereon-proxy`: failed to forward to the remote service. Transient. */
export class FailedForwardError extends KamereonError {
  override name = "FailedForwardError";
}
/** `err.func.wired.forbidden`: not allowed for this model or contract. */
export class ForbiddenError extends KamereonError {
  override name = "ForbiddenError";
}
/** `409001`: a remote charge-mode change is already in progress. Retry later. */
export class ChargeModeInProgressError extends KamereonError {
  override name = "ChargeModeInProgressError";
}
/** `err.func.privacy.on` or inner 403009: privacy mode (data sharing off) is on in the car. */
export class PrivacyModeOnError extends KamereonError {
  override name = "PrivacyModeOnError";
}
/** `err.func.wired.unauthorized` or inner 403009/403011-less 401: the JWT was rejected. */
export class UnauthorizedError extends KamereonError {
  override name = "UnauthorizedError";
}
/** `access_denied` / `Unauthorized` with status 403 on commerce paths: the Kamereon API key is stale. */
export class InvalidApiKeyError extends KamereonError {
  override name = "InvalidApiKeyError";
}

/** `err.func.wired.overloaded` (HTTP 429): the account's request quota is used up. */
export class QuotaLimitError extends KamereonError {
  override name = "QuotaLimitError";
  /** When requests may be sent again (epoch milliseconds). */
  readonly retryAt: number;
  constructor(
    init: ConstructorParameters<typeof KamereonError>[0] & { retryAt: number },
    options?: ErrorOptions,
  ) {
    super(init, options);
    this.retryAt = init.retryAt;
  }
}

/** Gigya answered with a non-zero `errorCode`. */
export class GigyaError extends RenaultError {
  override name = "GigyaError";
  /** Gigya `errorCode`, e.g. 403042. */
  readonly code: number;
  /** Gigya `errorDetails` (or `errorMessage`). */
  readonly details: string;
  /** The Gigya method that failed, e.g. `accounts.login`. */
  readonly method: string;
  constructor(
    init: { code: number; details: string; method: string; message?: string },
    options?: ErrorOptions,
  ) {
    super(init.message ?? `Gigya ${init.method} failed: ${init.code} ${init.details}`.trim(), options);
    this.code = init.code;
    this.details = init.details;
    this.method = init.method;
  }
}

/** Gigya 403042: wrong e-mail or password, **or a stale Gigya API key** (both give the same code). */
export class InvalidCredentialsError extends GigyaError {
  override name = "InvalidCredentialsError";
  constructor(init: { code: number; details: string; method: string }, options?: ErrorOptions) {
    super(
      {
        ...init,
        message:
          `Gigya ${init.method} failed: ${init.code} ${init.details}. ` +
          "Check the e-mail and password; a stale Gigya API key gives the same answer " +
          "(override it with the gigyaApiKey option or RENAULT_API_GIGYA_API_KEY).",
      },
      options,
    );
  }
}

/**
 * Gigya 403101: the account requires an e-mailed one-time code for this device.
 *
 * Thrown by `RenaultSession.login` with a resumable {@link TwoFactorChallenge} in
 * {@link TwoFactorRequiredError.challenge}: `await error.challenge.sendCode()`, then
 * `await error.challenge.complete(code)`. The challenge is not an own property, so it never
 * appears in `JSON.stringify(error)` or in logs.
 */
export class TwoFactorRequiredError extends GigyaError {
  override name = "TwoFactorRequiredError";
  readonly #challenge: TwoFactorChallenge | undefined;
  constructor(
    init: { code: number; details: string; method: string; message?: string; challenge?: TwoFactorChallenge },
    options?: ErrorOptions,
  ) {
    super(init, options);
    this.#challenge = init.challenge;
  }
  /**
   * The open challenge that finishes this login. Always set on errors thrown by
   * `RenaultSession.login`; `undefined` only on the low-level Gigya adapter's errors.
   */
  get challenge(): TwoFactorChallenge | undefined {
    return this.#challenge;
  }
}

/**
 * Gigya 400006 on `completeVerification`: the one-time code is wrong. The challenge stays open:
 * call `challenge.complete(code)` again with the code of the latest e-mail (`retryable` is true).
 * After several wrong codes Gigya closes the challenge ({@link TwoFactorExpiredError}).
 */
export class TwoFactorCodeError extends GigyaError {
  override name = "TwoFactorCodeError";
  /** Always true: the same challenge accepts another code. */
  readonly retryable = true;
  constructor(init: { code: number; details: string; method: string }, options?: ErrorOptions) {
    super(
      {
        ...init,
        message:
          `Gigya ${init.method} failed: ${init.code} ${init.details}. The code is wrong: ` +
          "enter the code of the latest e-mail again on the same challenge (challenge.complete(code)).",
      },
      options,
    );
  }
}

/** Why a two-factor challenge can no longer be completed. */
export type TwoFactorExpiryReason =
  /** Too many wrong codes ("Maximum allowed tries exceeded"). */
  | "too-many-tries"
  /** The login's regToken is older than its lifetime (one hour). */
  | "login-expired"
  /** The code (its gigyaAssertion, about five minutes) has expired. */
  | "code-expired"
  /** The challenge was completed or cancelled already. */
  | "closed";

/**
 * The two-factor challenge is over: too many wrong codes, the login is older than an hour, or the
 * code expired. Start the login again (`session.login(email, password)`) to get a new code.
 * Detected locally before sending anything when the clock says so, or from Gigya's answer.
 */
export class TwoFactorExpiredError extends RenaultError {
  override name = "TwoFactorExpiredError";
  readonly reason: TwoFactorExpiryReason;
  /** Always false: this challenge is finished; only a new login helps. */
  readonly retryable = false;
  /** Gigya's `errorCode` when Gigya said so; `undefined` when detected locally. */
  readonly code: number | undefined;
  constructor(reason: TwoFactorExpiryReason, init: { code?: number } = {}, options?: ErrorOptions) {
    super(`${EXPIRY_TEXT[reason]} Start the login again to get a new code.`, options);
    this.reason = reason;
    this.code = init.code;
  }
}

const EXPIRY_TEXT: Readonly<Record<TwoFactorExpiryReason, string>> = {
  "too-many-tries": "Too many wrong codes: Renault closed this two-factor login.",
  "login-expired": "This two-factor login has expired (it lasts one hour).",
  "code-expired": "The e-mailed code has expired (a code lasts about five minutes).",
  closed: "This two-factor challenge is already finished.",
};

/**
 * Renault accepted the code but still does not trust this device: the second `accounts.login`
 * and `accounts.finalizeRegistration` both answered 403101. Log in again later; if it persists,
 * log in once with the MyRenault app or website from the same network.
 */
export class TwoFactorIncompleteError extends GigyaError {
  override name = "TwoFactorIncompleteError";
  constructor(init: { code: number; details: string; method: string }, options?: ErrorOptions) {
    super(
      {
        ...init,
        message:
          `Gigya ${init.method} failed: ${init.code} ${init.details}. The code was accepted, but ` +
          "Renault still asks for one on this device. Log in again in a few minutes.",
      },
      options,
    );
  }
}

/** No usable login: no login token stored, or Gigya said the login expired. Log in again. */
export class NotAuthenticatedError extends RenaultError {
  override name = "NotAuthenticatedError";
}

/** The vehicle's model does not support this endpoint (per-model routing); no request was sent. */
export class EndpointNotAvailableError extends RenaultError {
  override name = "EndpointNotAvailableError";
  readonly endpoint: string;
  readonly modelCode: string | undefined;
  constructor(endpoint: string, modelCode: string | undefined, options?: ErrorOptions) {
    super(`Endpoint '${endpoint}' not available for model '${modelCode ?? "unknown"}'`, options);
    this.endpoint = endpoint;
    this.modelCode = modelCode;
  }
}

/** A server body did not have the shape we expect (not JSON, or a field of the wrong type). */
export class InvalidResponseError extends RenaultError {
  override name = "InvalidResponseError";
  /** What was being parsed, e.g. `battery-status` or `accounts.login`. */
  readonly endpoint: string;
  constructor(endpoint: string, message: string, options?: ErrorOptions) {
    super(`Invalid response from ${endpoint}: ${message}`, options);
    this.endpoint = endpoint;
  }
}

/**
 * An argument passed to the library is invalid (out of range, wrong shape, empty); nothing was sent.
 * It is a {@link RenaultError}, so one `catch` sees every failure of the library.
 */
export class InvalidArgumentError extends RenaultError {
  override name = "InvalidArgumentError";
  /** The argument's name, e.g. `temperature`. */
  readonly argument: string;
  constructor(argument: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.argument = argument;
  }
}

/** The configuration is unusable: unknown locale, plain-HTTP remote URL, bad credential file… */
export class ConfigurationError extends RenaultError {
  override name = "ConfigurationError";
}

/** The credential file exists but cannot be read or parsed; it was left untouched. */
export class CredentialFileError extends ConfigurationError {
  override name = "CredentialFileError";
  readonly path: string;
  constructor(path: string, reason: string, options?: ErrorOptions) {
    super(`Credential file ${path} is unusable: ${reason}. Fix or delete it (renault-api reset).`, options);
    this.path = path;
  }
}

/**
 * Whether an error is a transient fault worth trying again later: a network failure, a timeout, a
 * 5xx or 408 answer, or a technical Kamereon error (`err.tech.*` except "not supported"). Vendor
 * answers (quota, privacy mode, not supported, not found, bad input) are not transient. The
 * library's own retries use this rule, for reads; an action is retried only when provably not sent.
 */
export function isTransientError(error: unknown): boolean {
  if (error instanceof NetworkError || error instanceof TimeoutError) return true;
  if (error instanceof FailedForwardError || error instanceof InvalidUpstreamError) return true;
  if (error instanceof KamereonError)
    return error.code.startsWith("err.tech.") && !(error instanceof NotSupportedError);
  if (!(error instanceof HttpError)) return false;
  return error.status >= 500 || error.status === 408;
}
