import { traceExcerpt } from "../http/excerpt.js";
import { redactText, redactUrl } from "../http/redact.js";
import { type HttpRequest, type HttpResponse, send, type SendOptions } from "../http/transport.js";

/** Which service a request went to. */
export type TraceService = "gigya" | "kamereon";

/**
 * One event of a request trace (`onTrace`); secrets are already redacted. Every attempt of a
 * request is traced with its number (1 for the first). Gigya bodies are never traced: they carry
 * the password, the login token and the JWT.
 */
export type TraceEvent =
  | {
      readonly type: "request";
      readonly service: TraceService;
      readonly attempt: number;
      readonly method: string;
      readonly url: string;
      readonly body?: string | undefined;
    }
  | {
      readonly type: "response";
      readonly service: TraceService;
      readonly attempt: number;
      readonly method: string;
      readonly url: string;
      readonly status: number;
      /** The redacted body (Kamereon; its first 16 KiB when longer), or `""` (Gigya). */
      readonly body: string;
      readonly durationMs: number;
      /** The answer's `Date` header, when it had one (the server's clock). */
      readonly serverDate?: string | undefined;
    }
  | {
      readonly type: "error";
      readonly service: TraceService;
      readonly attempt: number;
      readonly method: string;
      readonly url: string;
      /** The error's name, e.g. `TimeoutError`. */
      readonly error: string;
    }
  | {
      /** A failed attempt is repeated after `delayMs`. */
      readonly type: "retry";
      readonly service: TraceService;
      /** The attempt that failed. */
      readonly attempt: number;
      readonly method: string;
      readonly url: string;
      readonly error: string;
      readonly delayMs: number;
    }
  | {
      /** A JWT was minted; `expiresAt` in epoch milliseconds. */
      readonly type: "jwt-minted";
      readonly expiresAt: number | undefined;
      /** Why: none cached, expiring within the leeway, or rejected by Kamereon. */
      readonly reason: "missing" | "expiring" | "rejected";
    }
  | {
      /** The account's quota is used up: nothing is sent to it until `until` (epoch milliseconds). */
      readonly type: "quota-lockout-start";
      readonly account: string;
      readonly until: number;
    }
  | { readonly type: "quota-lockout-end"; readonly account: string };

/**
 * Receives the library's messages with structured fields. `console` fits as is; for pino, whose
 * methods take `(fields, message)`, wrap it with {@link pinoLogger}.
 */
export interface Logger {
  debug?(message: string, fields?: Record<string, unknown>): void;
  info?(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error?(message: string, fields?: Record<string, unknown>): void;
}

/** The shape of a pino logger (or any logger taking `(fields, message)`). */
export interface PinoLike {
  debug(fields: object, message: string): void;
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

/**
 * Adapts a pino logger: `new RenaultClient({ logger: pinoLogger(pino()) })`.
 * Fields become pino's merging object, the message its `msg`.
 */
export function pinoLogger(pino: PinoLike): Logger {
  return {
    debug: (message, fields) => {
      pino.debug(fields ?? {}, message);
    },
    info: (message, fields) => {
      pino.info(fields ?? {}, message);
    },
    warn: (message, fields) => {
      pino.warn(fields ?? {}, message);
    },
    error: (message, fields) => {
      pino.error(fields ?? {}, message);
    },
  };
}

/** Emits trace events to `onTrace` and, at debug level, to the logger; sends traced requests. */
export class Tracer {
  readonly #onTrace: ((event: TraceEvent) => void) | undefined;
  readonly #logger: Logger | undefined;
  readonly #now: () => number;
  readonly #observers = new Set<(event: TraceEvent) => void>();

  constructor(
    onTrace: ((event: TraceEvent) => void) | undefined,
    logger: Logger | undefined,
    now: () => number,
  ) {
    this.#onTrace = onTrace;
    this.#logger = logger;
    this.#now = now;
  }

  get enabled(): boolean {
    return this.#onTrace !== undefined || this.#logger?.debug !== undefined || this.#observers.size > 0;
  }

  /** Also sends every event to `listener` (e.g. to count requests) until the returned function is called. */
  observe(listener: (event: TraceEvent) => void): () => void {
    this.#observers.add(listener);
    return () => {
      this.#observers.delete(listener);
    };
  }

  emit(event: TraceEvent): void {
    this.#onTrace?.(event);
    for (const observer of this.#observers) observer(event);
    if (this.#logger?.debug) {
      const { type, ...fields } = event;
      const rest: Record<string, unknown> = { ...fields };
      delete rest.body;
      this.#logger.debug(`renault-api ${type}`, rest);
    }
  }

  /** Sends one attempt, tracing it with the `secrets` (known at the time) redacted. */
  async send(
    request: HttpRequest,
    what: {
      readonly service: TraceService;
      readonly attempt: number;
      readonly secrets: () => Promise<string[]>;
    },
    options: SendOptions,
  ): Promise<HttpResponse> {
    if (!this.enabled) return send(request, options);
    const secrets = await what.secrets();
    const { service, attempt, method } = { ...what, method: request.method };
    const url = redactText(redactUrl(request.url), secrets);
    const traceBodies = service === "kamereon";
    const body =
      traceBodies && request.body !== undefined ? traceExcerpt(redactText(request.body, secrets)) : undefined;
    const started = this.#now();
    this.emit({ type: "request", service, attempt, method, url, body });
    try {
      const response = await send(request, options);
      this.emit({
        type: "response",
        service,
        attempt,
        method,
        url,
        status: response.status,
        body: traceBodies ? traceExcerpt(redactText(response.text, secrets)) : "",
        durationMs: this.#now() - started,
        serverDate: response.headers.get("date") ?? undefined,
      });
      return response;
    } catch (error) {
      this.emit({ type: "error", service, attempt, method, url, error: errorName(error) });
      throw error;
    }
  }
}

/** The name of an error, safe to print (never its message, which may echo a secret). */
export function errorName(error: unknown): string {
  return error instanceof Error ? error.name : "error";
}
