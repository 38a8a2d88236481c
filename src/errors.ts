/**
 * The error family of renault-api. Every error this library throws on purpose is a {@link RenaultError};
 * callers narrow with `instanceof` and read fields, never parse messages.
 *
 * No error carries a password, login token, JWT, API key or request body: messages are built from
 * method, redacted URL, status and the vendor's code/details only.
 */
import { cleanText } from "./http/clean-text.js";
import { HttpError, NetworkError, RedirectError, RenaultError, TimeoutError } from "./errors/base.js";

export {
  HttpError,
  NetworkError,
  RedirectError,
  RenaultError,
  ResponseTooLargeError,
  TimeoutError,
} from "./errors/base.js";
export {
  GigyaError,
  InvalidCredentialsError,
  TwoFactorCodeError,
  TwoFactorExpiredError,
  type TwoFactorExpiryReason,
  TwoFactorIncompleteError,
  TwoFactorRequiredError,
} from "./errors/gigya.js";

/** One entry of a Kamereon `errors[]` list. */
export interface KamereonErrorEntry {
  /** Vendor code, e.g. `err.func.wired.overloaded` (numeric codes are kept as strings). */
  readonly code: string;
  /** Human-readable details, with nested JSON:API errors flattened. */
  readonly details: string;
}

/**
 * An error answer from the Kamereon API. The subclass is chosen from the vendor code. It is a
 * vendor answer, not an {@link HttpError}: a quota or "not supported" answer is not a transport fault.
 */
export class KamereonError extends RenaultError {
  override name = "KamereonError";
  readonly method: string;
  /** Path and query of the request (no host, no secret). */
  readonly url: string;
  readonly status: number;
  /** Seconds to wait before retrying, from a `Retry-After` header, when the server sent one. */
  readonly retryAfter: number | undefined;
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
    const errors = init.errors.map(({ code, details }) => ({
      code: cleanText(code),
      details: cleanText(details),
    }));
    const first = errors[0] ?? { code: "unknown", details: "" };
    super(
      `${init.method} ${init.url} failed with status ${init.status}: ${first.code}${first.details ? ` (${first.details})` : ""}`,
      options,
    );
    this.method = init.method;
    this.url = init.url;
    this.status = init.status;
    this.retryAfter = init.retryAfter;
    this.code = first.code;
    this.details = first.details;
    this.innerCode = init.innerCode === undefined ? undefined : cleanText(init.innerCode);
    this.errors = errors;
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

type KamereonErrorInit = ConstructorParameters<typeof KamereonError>[0];

/**
 * `err.func.wired.empty-vehicle-link` "No vehicle in garage": no car is linked to the MyRenault
 * account (every vehicle endpoint answers it). Link the car in the MyRenault app.
 */
export class EmptyGarageError extends KamereonError {
  override name = "EmptyGarageError";
  constructor(init: KamereonErrorInit, options?: ErrorOptions) {
    super(init, options);
    this.message = `${this.message}. No vehicle is linked to this MyRenault account: link the car in the MyRenault app, then retry.`;
  }
}

/**
 * A 404 `err.func.wired.notFound` whose inner message is "There is no data for this vin and uid":
 * the car's connected-services contract has ended. It looks like "not supported by the model",
 * so it is not remembered as unsupported; the contracts (`vehicle.getContracts()`) tell them apart.
 */
export class ContractEndedError extends ResourceNotFoundError {
  override name = "ContractEndedError";
  constructor(init: KamereonErrorInit, options?: ErrorOptions) {
    super(init, options);
    this.message = `${this.message}. Renault has no data for this car: its connected-services contract has probably ended; check its contracts (vehicle.getContracts()) and renew it in the MyRenault app.`;
  }
}

/**
 * `400001` "The vehicle does not have a GDC gateway": the car lacks the gateway this feature needs
 * (seen on notification-settings). Not supported, and remembered as such.
 */
export class NoGdcGatewayError extends NotSupportedError {
  override name = "NoGdcGatewayError";
  constructor(init: KamereonErrorInit, options?: ErrorOptions) {
    super(init, options);
    this.message = `${this.message}. This car has no GDC gateway, so this feature is not available on it; do not retry.`;
  }
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
    // Validation messages quote the value received: it may be a secret in a wrong-typed field.
    super(`Invalid response from ${endpoint}: ${withoutQuotedValues(message)}`, options);
    this.endpoint = endpoint;
  }
}

/** `received "eyJ…"` (valibot's wording) → `received a string`. */
function withoutQuotedValues(message: string): string {
  return message.replace(/received "(?:[^"\\]|\\.)*"/g, "received a string");
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
    super(`Credential file ${path} is unusable: ${reason}. Fix or delete it.`, options);
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
  if (error instanceof RedirectError) return false;
  if (!(error instanceof HttpError)) return false;
  return error.status >= 500 || error.status === 408;
}
