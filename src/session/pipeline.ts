import {
  HttpError,
  isTransientError,
  KamereonError,
  NetworkError,
  QuotaLimitError,
  TimeoutError,
  UnauthorizedError,
} from "../errors.js";
import { backoff, boundCooldown, type RetryOptions, sleep } from "../http/retry.js";
import { kamereonRequest, type KamereonCall } from "../kamereon/kamereon.js";
import type { CallOptions, RequestOptions, SessionSettings } from "./options.js";
import type { RequestLedger } from "./ledger.js";
import type { QuotaLedger } from "./quota.js";
import { type Flight, SingleFlight } from "./single-flight.js";
import type { Tokens } from "./tokens.js";
import { errorName, type Tracer } from "./trace.js";

/** A Kamereon call, or one to the `/myr` gateway (same headers and errors, another root). */
export interface PipelineCall extends KamereonCall {
  /** @default "kamereon" */
  readonly root?: "kamereon" | "myr" | undefined;
}

/** What the {@link RequestPipeline} needs from the session. */
export interface PipelineHost {
  readonly settings: () => Promise<SessionSettings>;
  readonly tokens: Tokens;
  readonly quota: QuotaLedger;
  /** Every request sent, per account, shared with the other processes on the store. */
  readonly ledger: RequestLedger;
  readonly tracer: Tracer;
  readonly secrets: () => Promise<string[]>;
  readonly fetch: typeof fetch | undefined;
  readonly retry: RetryOptions | false | undefined;
  /** @unit milliseconds */
  readonly quotaCooldown: number;
  readonly defaultTimeout: number;
  readonly now: () => number;
}

/**
 * Authenticated Kamereon requests: identical concurrent reads share one request, reads are retried
 * on transient faults, a rejected JWT is re-minted once, and a locked-out account is not sent to.
 */
export class RequestPipeline {
  readonly #host: PipelineHost;
  readonly #reads: SingleFlight<string, unknown>;

  constructor(host: PipelineHost) {
    this.#host = host;
    this.#reads = new SingleFlight(host.defaultTimeout);
  }

  request(call: PipelineCall, options: CallOptions): Promise<unknown> {
    if (call.method !== "GET") return this.#authorised(call, soloFlight(options, this.#host.defaultTimeout));
    const key = JSON.stringify([call.path, call.query, call.arrayKey]);
    const wait = {
      ...options,
      timeoutError: (timeout: number) => new TimeoutError({ method: call.method, url: call.path, timeout }),
    };
    return this.#reads.run(key, wait, (flight) => this.#authorised(call, flight));
  }

  async #authorised(call: PipelineCall, flight: Flight): Promise<unknown> {
    const account = accountOf(call.path);
    await this.#host.quota.check(account, call);
    const settings = await this.#host.settings();
    let jwt = await this.#host.tokens.getJwt(callOf(flight));
    for (let reminted = false; ; reminted = true) {
      try {
        return await this.#withRetry(call, settings, jwt, flight);
      } catch (error) {
        if (error instanceof QuotaLimitError) await this.#host.quota.remember(account, error);
        if (!(error instanceof UnauthorizedError) || reminted) throw error;
        jwt = await this.#host.tokens.replaceRejectedJwt(jwt, callOf(flight));
      }
    }
  }

  async #withRetry(call: PipelineCall, settings: SessionSettings, jwt: string, flight: Flight) {
    const retry = this.#host.retry === false ? { limit: 0 } : (this.#host.retry ?? {});
    const limit = retry.limit ?? 2;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.#send(call, settings, jwt, flight, attempt);
      } catch (error) {
        if (attempt > limit || !isRetryable(call.method, error)) throw error;
        const retryAfter =
          (error instanceof HttpError || error instanceof KamereonError) && error.retryAfter !== undefined
            ? error.retryAfter * 1000
            : undefined;
        if (retryAfter !== undefined && retryAfter > (retry.maxRetryAfter ?? 30_000)) throw error;
        const delayMs = retryAfter ?? (retry.delay ?? backoff)(attempt);
        const { method, path: url } = call;
        this.#host.tracer.emit({
          type: "retry",
          service: "kamereon",
          attempt,
          method,
          url,
          error: errorName(error),
          delayMs,
        });
        await sleep(delayMs, flight.signal);
      }
    }
  }

  async #send(call: PipelineCall, settings: SessionSettings, jwt: string, flight: Flight, attempt: number) {
    const timeout = flight.startAttempt();
    const sendOptions = { fetch: this.#host.fetch, timeout, signal: flight.signal };
    const account = accountOf(call.path);
    // Counted before it is sent: a request whose answer is lost was still counted by the server.
    if (account !== "") await this.#host.ledger.record(account);
    return kamereonRequest(
      {
        url: call.root === "myr" ? settings.myrUrl : settings.kamereonUrl,
        apiKey: settings.kamereonApiKey,
        country: settings.country,
        jwt,
        now: this.#host.now,
        quotaCooldown: boundCooldown(this.#host.quotaCooldown),
        // Redacted from whatever the server echoes into an error (issue 20, defect 9).
        secrets: await this.#host.secrets(),
        send: (request) =>
          this.#host.tracer.send(
            request,
            { service: "kamereon", attempt, secrets: this.#host.secrets },
            sendOptions,
          ),
      },
      call,
    );
  }
}

/** The call options of one flight's attempt. */
function callOf(flight: Flight): CallOptions {
  return { signal: flight.signal, timeout: flight.attemptTimeout() };
}

/** A flight of one caller (actions are never shared): its own signal and timeout. */
function soloFlight(options: CallOptions, defaultTimeout: number): Flight {
  const signal = options.signal ?? new AbortController().signal;
  const timeout = () => options.timeout ?? defaultTimeout;
  return { signal, attemptTimeout: timeout, startAttempt: timeout };
}

/** Builds a {@link KamereonCall} from request options. */
export function callFrom(method: "GET" | "POST", path: string, options: RequestOptions): PipelineCall {
  const { query, body, arrayKey, root } = options;
  return { method, path, query, body, arrayKey, root };
}

/**
 * The account id in a `/commerce/v1/accounts/{id}/…` (or `/myr/api/v1/accounts/{id}/…`) path: the
 * quota is per account, and whether `/myr` shares it is unknown, so it is treated as shared.
 */
function accountOf(path: string): string {
  return /\/accounts\/([^/?]+)/.exec(path)?.[1] ?? "";
}

/** Whether a failed attempt may be repeated: reads on transient faults, actions only if never sent. */
export function isRetryable(method: string, error: unknown): boolean {
  if (error instanceof NetworkError && error.notSent) return true;
  return method === "GET" && isTransientError(error);
}
