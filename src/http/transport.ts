import { NetworkError, TimeoutError } from "../errors.js";
import { redactUrl } from "./redact.js";

/** A request as the protocol adapters build it. */
export interface HttpRequest {
  readonly method: "GET" | "POST";
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string | undefined;
}

/** A response with its body read as text; the adapters decide what any status means. */
export interface HttpResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
}

/** Options of one call to {@link send}. */
export interface SendOptions {
  /** The `fetch` to use. @default globalThis.fetch */
  readonly fetch?: typeof fetch | undefined;
  /**
   * Per-attempt timeout.
   * @default 30_000
   * @unit milliseconds
   */
  readonly timeout?: number | undefined;
  /** The caller's signal: aborting it rethrows the signal's reason unchanged. */
  readonly signal?: AbortSignal | undefined;
}

/** The default per-attempt timeout in milliseconds. */
export const DEFAULT_TIMEOUT = 30_000;

/** Error codes (from undici's `cause`) meaning the request never reached the server. */
const NOT_SENT_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"]);

/**
 * Sends one HTTP request. This is the only place in the library that calls `fetch`.
 *
 * Three failures stay distinct: the caller's abort rethrows `signal.reason`; the per-attempt timer
 * gives {@link TimeoutError}; anything else before a response gives {@link NetworkError}.
 */
export async function send(request: HttpRequest, options: SendOptions = {}): Promise<HttpResponse> {
  const timeout = options.timeout ?? DEFAULT_TIMEOUT;
  const timer = AbortSignal.timeout(timeout);
  const signal = options.signal ? AbortSignal.any([options.signal, timer]) : timer;
  const doFetch = options.fetch ?? globalThis.fetch;
  try {
    const response = await doFetch(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body ?? null,
      signal,
      redirect: "error",
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, text };
  } catch (error) {
    if (options.signal?.aborted) throw options.signal.reason;
    const url = redactUrl(request.url);
    if (timer.aborted) throw new TimeoutError({ method: request.method, url, timeout }, { cause: error });
    throw new NetworkError({ method: request.method, url, notSent: wasNotSent(error) }, { cause: error });
  }
}

function wasNotSent(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && NOT_SENT_CODES.has(code)) return true;
    current = current.cause;
  }
  return false;
}
