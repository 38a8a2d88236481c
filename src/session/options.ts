import type { LocaleDetails } from "../config/locales.js";
import type { CredentialStore } from "../credentials/store.js";
import type { RetryOptions } from "../http/retry.js";
import type { Logger, TraceEvent } from "./trace.js";

/** Options every call accepts. */
export interface CallOptions {
  /** Cancels this caller's wait; its reason is rethrown unchanged. Shared work goes on for others. */
  readonly signal?: AbortSignal | undefined;
  /**
   * Per-attempt timeout, overriding the client's. With a shared read it bounds only this caller's wait.
   * @unit milliseconds
   */
  readonly timeout?: number | undefined;
}

/** Configuration of a {@link RenaultSession}; every value has a sensible default. */
export interface RenaultSessionOptions {
  /** Locale such as `fr_FR`: chooses country, URLs and keys. Falls back to the stored `locale`. */
  readonly locale?: string | undefined;
  /** Two-letter country sent on every Kamereon call. @default the locale's last two letters */
  readonly country?: string | undefined;
  /** Gigya base URL, overriding the locale's (Renault moves things; see docs/api-notes.md, C.2). */
  readonly gigyaUrl?: string | undefined;
  /** Gigya API key, overriding the locale's (Renault rotates it about once a year). */
  readonly gigyaApiKey?: string | undefined;
  /** Kamereon base URL, overriding the locale's. */
  readonly kamereonUrl?: string | undefined;
  /** Kamereon API key, overriding the locale's. */
  readonly kamereonApiKey?: string | undefined;
  /** Root of the `/myr` gateway (the car's feature list). @default "https://apis.renault.com" */
  readonly myrUrl?: string | undefined;
  /** Where tokens and what the client learnt live between calls. @default a new `MemoryCredentialStore` */
  readonly credentialStore?: CredentialStore | undefined;
  /**
   * A `fetch` to send every request with, instead of `node:http`/`node:https` (browsers, proxies).
   * @default undefined (node:http with a keep-alive agent)
   */
  readonly fetch?: typeof fetch | undefined;
  /**
   * Per-attempt timeout.
   * @default 30_000
   * @unit milliseconds
   */
  readonly timeout?: number | undefined;
  /** Retry policy for reads (GET). `false` disables retries. Actions are never retried. */
  readonly retry?: RetryOptions | false | undefined;
  /**
   * How long the client stays silent towards an account after a quota error without `Retry-After`.
   * Any cooldown is capped at `MAX_COOLDOWN` (24 hours, src/http/retry.ts).
   * @default 900_000 (15 minutes)
   * @unit milliseconds
   */
  readonly quotaCooldown?: number | undefined;
  /**
   * Lifetime requested for each JWT.
   * @default 900
   * @unit seconds
   */
  readonly jwtLifetime?: number | undefined;
  /**
   * A JWT is renewed this long before its `exp`.
   * @default 60
   * @unit seconds
   */
  readonly jwtLeeway?: number | undefined;
  /** Receives every Gigya and Kamereon attempt, retry, JWT mint and quota lockout, secrets redacted. */
  readonly onTrace?: ((event: TraceEvent) => void) | undefined;
  /** Receives warnings, and the trace events at debug level. @default silent */
  readonly logger?: Logger | undefined;
  /** Clock, in epoch milliseconds. @default Date.now */
  readonly now?: (() => number) | undefined;
}

/** The resolved settings a session talks with. */
export interface SessionSettings extends LocaleDetails {
  readonly locale: string | undefined;
  readonly country: string;
  /** Root of the `/myr` gateway, without a trailing slash. */
  readonly myrUrl: string;
}

/** Options of {@link RenaultSession.request}. */
export interface RequestOptions extends CallOptions {
  /** Extra query parameters (`country` is always added). */
  readonly query?: Readonly<Record<string, string>> | undefined;
  /** JSON body (POST only). */
  readonly body?: unknown;
  /** Key under which a bare JSON array answer is wrapped. @default "data" */
  readonly arrayKey?: string | undefined;
  /** Which root the path is under: Kamereon (`/commerce/v1/…`) or the `/myr` gateway. @default "kamereon" */
  readonly root?: "kamereon" | "myr" | undefined;
}
