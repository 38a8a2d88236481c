import type { HttpRequest, HttpResponse } from "./transport.js";

/** What went wrong in one exchange; {@link send} turns it into the library's error. */
export type Failure =
  | { readonly kind: "network"; readonly notSent: boolean; readonly cause: unknown }
  | { readonly kind: "timeout"; readonly notSent: boolean }
  | { readonly kind: "redirect"; readonly status: number; readonly location: string | null }
  | { readonly kind: "too-large" }
  | { readonly kind: "aborted"; readonly reason: unknown };

/** What both implementations of the transport receive: the request and the settled limits. */
export interface Exchange {
  readonly request: HttpRequest;
  readonly timeout: number;
  readonly maxBodySize: number;
  readonly signal: AbortSignal | undefined;
}

/** Error codes meaning the request never reached the server. */
const NOT_SENT_CODES: ReadonlySet<string> = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
]);

/** Whether an error (or one of its causes) has a code meaning "never reached the server". */
export function wasNotSent(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && NOT_SENT_CODES.has(code)) return true;
    current = current.cause;
  }
  return false;
}

/** The result of one exchange: a response, or why there is none. */
export type Outcome = HttpResponse | { readonly failure: Failure };

/**
 * Arms the per-attempt timer and the caller's signal for one exchange and returns the disarm
 * function. Both hold strong references (a timer and a listener on the caller's own signal), so
 * a garbage collection during a stalled body cannot silence them, unlike `AbortSignal.timeout`
 * combined by `AbortSignal.any`, which the collector may drop (issue 20, defect 1).
 */
export function arm(
  exchange: Exchange,
  onTimeout: () => void,
  onAbort: (reason: unknown) => void,
): () => void {
  const { signal } = exchange;
  const timer = setTimeout(onTimeout, exchange.timeout);
  const aborted = () => {
    onAbort(signal?.reason as unknown);
  };
  signal?.addEventListener("abort", aborted, { once: true });
  return () => {
    clearTimeout(timer);
    signal?.removeEventListener("abort", aborted);
  };
}
