/** The base of the error family and the transport failures (re-exported by src/errors.ts). */
import { cleanText } from "../http/clean-text.js";

/**
 * Base class: `instanceof RenaultError` means "came from renault-api".
 *
 * The message is cleaned before the stack captures it: terminal control characters become spaces
 * and token-shaped secrets (JWTs, Gigya tokens) become `***`, whatever text a server sent (issue 20).
 */
export class RenaultError extends Error {
  override name = "RenaultError";
  constructor(message?: string, options?: ErrorOptions) {
    super(message === undefined ? undefined : cleanText(message), options);
  }
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

/** No complete response arrived within the per-attempt timeout (headers and body included). */
export class TimeoutError extends RenaultError {
  override name = "TimeoutError";
  readonly method: string;
  readonly url: string;
  /** The timeout that elapsed, in milliseconds. */
  readonly timeout: number;
  /**
   * True when the timeout struck before the connection was open, so the request provably never
   * left this machine. False means the server may have received it (an action may have run).
   */
  readonly notSent: boolean;
  constructor(
    init: { method: string; url: string; timeout: number; notSent?: boolean | undefined },
    options?: ErrorOptions,
  ) {
    super(`${init.method} ${init.url} timed out after ${init.timeout} ms`, options);
    this.method = init.method;
    this.url = init.url;
    this.timeout = init.timeout;
    this.notSent = init.notSent ?? false;
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

/**
 * The server answered with a redirect (3xx). The library never follows one: the request carries an
 * API key and a JWT, and a redirect to another host would hand them over.
 */
export class RedirectError extends HttpError {
  override name = "RedirectError";
  /** Where the server redirected to: scheme, host and path only (no query, fragment or user info). */
  readonly location: string | undefined;
  constructor(
    init: { method: string; url: string; status: number; location?: string | undefined },
    options?: ErrorOptions,
  ) {
    const where = init.location === undefined ? "" : ` to ${init.location}`;
    super({ ...init, message: `${init.method} ${init.url} failed: the server redirected${where}` }, options);
    this.location = init.location;
  }
}

/**
 * The response body exceeded the size limit, before or after decoding (gzip, deflate, br). Reading
 * stopped at the limit, so memory stays bounded whatever the server sends.
 */
export class ResponseTooLargeError extends RenaultError {
  override name = "ResponseTooLargeError";
  readonly method: string;
  readonly url: string;
  /** The limit that was exceeded. @unit bytes */
  readonly limit: number;
  constructor(init: { method: string; url: string; limit: number }, options?: ErrorOptions) {
    super(`${init.method} ${init.url} failed: the response is larger than ${init.limit} bytes`, options);
    this.method = init.method;
    this.url = init.url;
    this.limit = init.limit;
  }
}
