/**
 * The transport over an injected `fetch` (browsers, proxies, tests). It keeps the promises of the
 * default transport: the timeout covers the body, redirects are reported and not followed, and
 * the body is read with the size cap (fetch has decoded it already: the cap is on decoded bytes).
 */
import { arm, type Exchange, type Failure, type Outcome, wasNotSent } from "./exchange.js";

/** Sends one exchange with the given `fetch`; never rejects. */
export async function sendWithFetch(exchange: Exchange, doFetch: typeof fetch): Promise<Outcome> {
  const { request, signal } = exchange;
  if (signal?.aborted) return { failure: { kind: "aborted", reason: signal.reason as unknown } };
  const controller = new AbortController();
  let failure: Failure | undefined;
  const stop = (why: Failure) => {
    failure ??= why;
    controller.abort();
  };
  const disarm = arm(
    exchange,
    () => {
      stop({ kind: "timeout", notSent: false });
    },
    (reason) => {
      stop({ kind: "aborted", reason });
    },
  );
  // Whatever the fetch does, the timer and the caller's signal settle the exchange.
  const settled = new Promise<never>((_, reject) => {
    controller.signal.addEventListener(
      "abort",
      () => {
        reject(new Error("stopped"));
      },
      { once: true },
    );
  });
  settled.catch(() => undefined);
  try {
    const response = await Promise.race([
      doFetch(request.url, {
        method: request.method,
        headers: request.headers,
        body: request.body ?? null,
        signal: controller.signal,
        redirect: "manual",
      }),
      settled,
    ]);
    const { status } = response;
    if ((status >= 300 && status < 400 && status !== 304) || response.type === "opaqueredirect") {
      void response.body?.cancel().catch(() => undefined);
      return { failure: { kind: "redirect", status, location: response.headers.get("location") } };
    }
    if (Number(response.headers.get("content-length")) > exchange.maxBodySize) {
      void response.body?.cancel().catch(() => undefined);
      return { failure: { kind: "too-large" } };
    }
    const text = await Promise.race([readCapped(response, exchange.maxBodySize), settled]);
    if (text === undefined) return { failure: { kind: "too-large" } };
    return { status, headers: response.headers, text };
  } catch (cause) {
    return { failure: failure ?? { kind: "network", notSent: wasNotSent(cause), cause } };
  } finally {
    disarm();
    controller.abort();
  }
}

/** The body as text, or undefined when it passes `limit` bytes (reading stops there). */
async function readCapped(response: Response, limit: number): Promise<string | undefined> {
  if (!response.body) return "";
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      return undefined;
    }
    chunks.push(value);
  }
  const whole = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    whole.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder().decode(whole);
}
