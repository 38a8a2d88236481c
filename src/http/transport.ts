import { NetworkError, RedirectError, ResponseTooLargeError, TimeoutError } from "../errors.js";
import { sendWithFetch } from "./fetch-transport.js";
import { sendWithNode } from "./node-transport.js";
import type { Exchange, Failure } from "./exchange.js";
import { redactUrl } from "./redact.js";

/** A request as the protocol adapters build it. */
export interface HttpRequest {
  readonly method: "GET" | "POST";
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string | undefined;
}

/** The response headers the adapters read (a `Headers` object fits). Names are case-insensitive. */
export interface ResponseHeaders {
  get(name: string): string | null;
  /** Every `Set-Cookie` header, one entry each (missing from some `fetch` polyfills). */
  getSetCookie?(): string[];
}

/** A response with its body read as text; the adapters decide what any status means. */
export interface HttpResponse {
  readonly status: number;
  readonly headers: ResponseHeaders;
  readonly text: string;
}

/** Options of one call to {@link send}. */
export interface SendOptions {
  /**
   * A `fetch` to use instead of `node:http`/`node:https` (browsers, proxies). The same promises
   * hold: timeout over the whole exchange, no redirect followed, body size capped.
   * @default undefined (node:http with a keep-alive agent)
   */
  readonly fetch?: typeof fetch | undefined;
  /**
   * Per-attempt timeout, covering the whole exchange: connection, headers and the complete body.
   * @default 30_000
   * @unit milliseconds
   */
  readonly timeout?: number | undefined;
  /** The caller's signal: aborting it rethrows the signal's reason unchanged, at once. */
  readonly signal?: AbortSignal | undefined;
  /**
   * Largest body accepted, counted both as received and after decoding (gzip, deflate, br).
   * @default 8 MiB
   * @unit bytes
   */
  readonly maxBodySize?: number | undefined;
}

/** The default per-attempt timeout in milliseconds. */
export const DEFAULT_TIMEOUT = 30_000;

/** The default cap on a response body, received and decoded, in bytes (the largest real answer is ~1 MB). */
export const DEFAULT_MAX_BODY_SIZE = 8 * 1024 * 1024;

/**
 * Sends one HTTP request. This is the only place in the library that reaches the network.
 *
 * The failures stay distinct: the caller's abort rethrows `signal.reason`; the per-attempt timer
 * gives {@link TimeoutError}; a redirect gives {@link RedirectError} (never followed); a body over
 * the cap gives {@link ResponseTooLargeError}; anything else gives {@link NetworkError}.
 */
export async function send(request: HttpRequest, options: SendOptions = {}): Promise<HttpResponse> {
  const exchange: Exchange = {
    request,
    timeout: options.timeout ?? DEFAULT_TIMEOUT,
    maxBodySize: options.maxBodySize ?? DEFAULT_MAX_BODY_SIZE,
    signal: options.signal,
  };
  const outcome = await (options.fetch ? sendWithFetch(exchange, options.fetch) : sendWithNode(exchange));
  if ("status" in outcome) return outcome;
  throw toError(exchange, outcome.failure);
}

function toError({ request, timeout, maxBodySize }: Exchange, failure: Failure): unknown {
  const where = { method: request.method, url: redactUrl(request.url) };
  switch (failure.kind) {
    case "aborted":
      return failure.reason;
    case "timeout":
      return new TimeoutError({ ...where, timeout, notSent: failure.notSent });
    case "redirect":
      return new RedirectError({
        ...where,
        status: failure.status,
        location: safeLocation(request.url, failure.location),
      });
    case "too-large":
      return new ResponseTooLargeError({ ...where, limit: maxBodySize });
    case "network":
      return new NetworkError({ ...where, notSent: failure.notSent }, { cause: failure.cause });
  }
}

/** The redirect target as errors show it: scheme, host and path, without query, fragment or user info. */
function safeLocation(base: string, location: string | null): string | undefined {
  if (location === null || location.trim() === "") return undefined;
  try {
    const target = new URL(location, base);
    return `${target.protocol}//${target.host}${target.pathname}`;
  } catch {
    return undefined;
  }
}
