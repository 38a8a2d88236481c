import { checkBaseUrl, countryOf, getLocaleDetails, type LocaleDetails } from "./config/locales.js";
import {
  CredentialKey,
  type CredentialStore,
  GIGYA_SESSION_KEYS,
  MemoryCredentialStore,
} from "./credentials/store.js";
import {
  ConfigurationError,
  GigyaError,
  HttpError,
  InvalidResponseError,
  NetworkError,
  NotAuthenticatedError,
  QuotaLimitError,
  TwoFactorRequiredError,
  isTransientError,
  UnauthorizedError,
} from "./errors.js";
import * as gigya from "./gigya/gigya.js";
import { webSdkBootstrap } from "./gigya/tfa.js";
import { redactText, redactUrl } from "./http/redact.js";
import { backoff, type RetryOptions, sleep } from "./http/retry.js";
import { type HttpRequest, type HttpResponse, send } from "./http/transport.js";
import { kamereonRequest, type KamereonCall } from "./kamereon/kamereon.js";
import {
  resumeTwoFactor,
  startTwoFactor,
  type TwoFactorChallenge,
  type TwoFactorHost,
  type TwoFactorState,
  twoFactorRequiredError,
} from "./two-factor.js";

/** Options every call accepts. */
export interface CallOptions {
  /** Cancels the call; its reason is rethrown unchanged. */
  readonly signal?: AbortSignal | undefined;
  /**
   * Per-attempt timeout, overriding the client's.
   * @unit milliseconds
   */
  readonly timeout?: number | undefined;
}

/** One line of a request trace (`onTrace`); secrets are already redacted. Gigya calls are never traced. */
export type TraceEvent =
  | {
      readonly type: "request";
      readonly method: string;
      readonly url: string;
      readonly body?: string | undefined;
    }
  | {
      readonly type: "response";
      readonly method: string;
      readonly url: string;
      readonly status: number;
      readonly body: string;
      readonly durationMs: number;
    }
  | { readonly type: "error"; readonly method: string; readonly url: string; readonly error: string };

/** Receives warnings (undocumented models…). */
export interface Logger {
  warn(message: string): void;
}

/** Configuration of a {@link RenaultSession}; every value has a sensible default. */
export interface RenaultSessionOptions {
  /** Locale such as `fr_FR`: chooses country, URLs and keys. Falls back to the stored `locale`. */
  readonly locale?: string | undefined;
  /** Two-letter country sent on every Kamereon call. @default the locale's last two letters */
  readonly country?: string | undefined;
  /** Gigya base URL, overriding the locale's (Renault moves things; see field notes C.2). */
  readonly gigyaUrl?: string | undefined;
  /** Gigya API key, overriding the locale's (Renault rotates it about once a year). */
  readonly gigyaApiKey?: string | undefined;
  /** Kamereon base URL, overriding the locale's. */
  readonly kamereonUrl?: string | undefined;
  /** Kamereon API key, overriding the locale's. */
  readonly kamereonApiKey?: string | undefined;
  /** Where tokens live between calls. @default a new {@link MemoryCredentialStore} */
  readonly credentialStore?: CredentialStore | undefined;
  /** The `fetch` used for every request. @default globalThis.fetch */
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
  /** Receives every Kamereon request and response, with secrets redacted. */
  readonly onTrace?: ((event: TraceEvent) => void) | undefined;
  /** Receives warnings. @default silent */
  readonly logger?: Logger | undefined;
  /** Clock, in epoch milliseconds. @default Date.now */
  readonly now?: (() => number) | undefined;
}

/** The resolved settings a session talks with. */
export interface SessionSettings extends LocaleDetails {
  readonly locale: string | undefined;
  readonly country: string;
}

/** Options of {@link RenaultSession.request}. */
export interface RequestOptions extends CallOptions {
  /** Extra query parameters (`country` is always added). */
  readonly query?: Readonly<Record<string, string>> | undefined;
  /** JSON body (POST only). */
  readonly body?: unknown;
  /** Key under which a bare JSON array answer is wrapped. @default "data" */
  readonly arrayKey?: string | undefined;
}

/**
 * The login and the authenticated Kamereon transport: Gigya login token → person id → JWT, cached
 * in the credential store, renewed before expiry and re-minted once when Kamereon rejects it.
 */
export class RenaultSession {
  readonly #options: RenaultSessionOptions;
  readonly #store: CredentialStore;
  readonly #now: () => number;
  #values: Promise<Map<string, string>> | undefined;
  #settings: Promise<SessionSettings> | undefined;
  #jwtInFlight: Promise<string> | undefined;
  #personIdInFlight: Promise<string> | undefined;
  #deviceInFlight: Promise<void> | undefined;
  readonly #readsInFlight = new Map<string, Promise<unknown>>();
  /** Re-mints of rejected JWTs, by the rejected JWT (a handful per process lifetime at most). */
  readonly #remints = new Map<string, Promise<string>>();
  readonly #quotaUntil = new Map<string, Lockout>();

  constructor(options: RenaultSessionOptions = {}) {
    this.#options = options;
    this.#store = options.credentialStore ?? new MemoryCredentialStore();
    this.#now = options.now ?? Date.now;
  }

  /** The credential store this session reads and writes. */
  get credentialStore(): CredentialStore {
    return this.#store;
  }

  /** The locale, country, URLs and keys in use (explicit options > stored values > locale table). */
  getSettings(): Promise<SessionSettings> {
    this.#settings ??= this.#resolveSettings().catch((error: unknown) => {
      this.#settings = undefined;
      throw error;
    });
    return this.#settings;
  }

  /**
   * Logs in with e-mail and password and stores the login token (never the password).
   *
   * The first login from a credential store first gets a device identity from Gigya
   * (`accounts.webSdkBootstrap`) and stores it (`gigya_gmid`, `gigya_ucid`); every Gigya call then
   * carries it, so a device that passed the e-mailed-code check is not asked again.
   *
   * @throws {InvalidCredentialsError} wrong e-mail or password, or a stale Gigya API key
   * @throws {TwoFactorRequiredError} the account wants an e-mailed code for this device: finish
   *   with `error.challenge` ({@link TwoFactorChallenge}); no login token is stored until then
   */
  async login(loginId: string, password: string, options: CallOptions = {}): Promise<void> {
    await this.#ensureDevice(options);
    const context = await this.#gigyaContext(options);
    // The previous login stays until the new one succeeds: a re-login that fails on a network error
    // or a 5xx must not leave the user logged out (found by the fault matrix).
    let token: string;
    try {
      token = await gigya.login(context, loginId, password);
    } catch (error) {
      const pending = error instanceof TwoFactorRequiredError ? gigya.pendingTwoFactorOf(error) : undefined;
      if (!pending) throw error;
      const challenge = await startTwoFactor(
        this.#twoFactorHost(),
        { loginId, password, pending, device: context.device },
        options,
      );
      throw twoFactorRequiredError(error as TwoFactorRequiredError, challenge);
    }
    await this.#update({
      ...Object.fromEntries(GIGYA_SESSION_KEYS.map((key) => [key, undefined])),
      [CredentialKey.loginToken]: token,
    });
  }

  /**
   * Reopens a two-factor challenge from its saved state ({@link TwoFactorChallenge.toJSON}), e.g. in
   * the process that received the code. Use the same credential store as the login (the device).
   * @param options.password - the password, for the final login; without it the login is finished
   *   with `accounts.finalizeRegistration`
   * @throws {TwoFactorExpiredError} the login is older than its hour
   */
  resumeTwoFactor(
    state: TwoFactorState | string,
    options: { readonly password?: string | undefined } = {},
  ): TwoFactorChallenge {
    return resumeTwoFactor(this.#twoFactorHost(), state, options.password);
  }

  /** The Gigya login token: store it instead of the password and restore it with {@link setLoginToken}. */
  async getLoginToken(): Promise<string | undefined> {
    return (await this.#load()).get(CredentialKey.loginToken);
  }

  /** Restores a login token saved earlier; the person id and JWT are fetched again when needed. */
  async setLoginToken(token: string): Promise<void> {
    if (token.trim() === "") throw new TypeError("The login token must not be empty.");
    await this.#update({
      ...Object.fromEntries(GIGYA_SESSION_KEYS.map((key) => [key, undefined])),
      [CredentialKey.loginToken]: token,
    });
  }

  /** Forgets the login token, person id and JWT (the device identity is kept). */
  async logout(): Promise<void> {
    await this.#update(Object.fromEntries(GIGYA_SESSION_KEYS.map((key) => [key, undefined])));
  }

  /** The Kamereon person id of the logged-in user (cached in the store). */
  async getPersonId(options: CallOptions = {}): Promise<string> {
    const cached = (await this.#load()).get(CredentialKey.personId);
    if (cached) return cached;
    this.#personIdInFlight ??= (async () => {
      try {
        const token = await this.#requireLoginToken();
        const personId = await gigya.getAccountInfo(await this.#gigyaContext(options), token);
        await this.#update({ [CredentialKey.personId]: personId });
        return personId;
      } finally {
        this.#personIdInFlight = undefined;
      }
    })();
    return this.#personIdInFlight;
  }

  /**
   * A valid JWT: the cached one unless it expires within the leeway, otherwise a new one.
   * Any number of concurrent callers share one `getJWT` request.
   */
  async getJwt(options: CallOptions = {}): Promise<string> {
    const cached = (await this.#load()).get(CredentialKey.jwt);
    if (cached && this.#isFresh(cached)) return cached;
    this.#jwtInFlight ??= (async () => {
      try {
        const token = await this.#requireLoginToken();
        const lifetime = this.#options.jwtLifetime ?? 900;
        try {
          const jwt = await gigya.getJwt(await this.#gigyaContext(options), token, lifetime);
          await this.#update({ [CredentialKey.jwt]: jwt });
          return jwt;
        } catch (error) {
          if (error instanceof NotAuthenticatedError) await this.logout();
          throw error;
        }
      } finally {
        this.#jwtInFlight = undefined;
      }
    })();
    return this.#jwtInFlight;
  }

  /**
   * Sends an authenticated Kamereon request and returns the parsed JSON body.
   *
   * - Concurrent identical GETs share one request.
   * - GETs are retried on transient failures (5xx, the HTML 502 page, `kamereon-proxy`, network
   *   errors, timeouts) with backoff; POSTs only when the request provably never left.
   * - A rejected JWT is re-minted and the request repeated once.
   * - After a quota error the account is left alone until the error's `retryAt`: calls fail fast
   *   with the same {@link QuotaLimitError} and send nothing.
   *
   * @param path - absolute path starting with `/commerce/v1/`, segments already encoded
   */
  request(method: "GET" | "POST", path: string, options: RequestOptions = {}): Promise<unknown> {
    if (method !== "GET") return this.#requestWithAuth({ method, path, ...callOf(options) }, options);
    const key = JSON.stringify([path, options.query, options.arrayKey]);
    const pending = this.#readsInFlight.get(key);
    if (pending) return pending;
    const promise = this.#requestWithAuth({ method, path, ...callOf(options) }, options).finally(() => {
      this.#readsInFlight.delete(key);
    });
    this.#readsInFlight.set(key, promise);
    return promise;
  }

  async #requestWithAuth(call: KamereonCall, options: CallOptions): Promise<unknown> {
    const account = accountOf(call.path);
    const lockout = this.#quotaUntil.get(account) ?? (await this.#storedLockout(account, call));
    if (lockout && lockout.until > this.#now()) throw lockout.error;
    const settings = await this.getSettings();
    let jwt = await this.getJwt(options);
    for (let reminted = false; ; reminted = true) {
      try {
        return await this.#withRetry(call, () => this.#send(settings, jwt, call, options), options);
      } catch (error) {
        if (error instanceof QuotaLimitError) await this.#rememberLockout(account, error);
        if (!(error instanceof UnauthorizedError) || reminted) throw error;
        // Kamereon rejected a JWT we believed valid (renault-api #2266): mint a new one, once.
        jwt = await this.#replaceRejectedJwt(jwt, options);
      }
    }
  }

  /** A lockout another process (or an earlier run) stored: the quota is per account, not per process. */
  async #storedLockout(account: string, call: KamereonCall): Promise<Lockout | undefined> {
    const until = readLockouts((await this.#load()).get(CredentialKey.quotaUntil))[account];
    if (until === undefined || until <= this.#now()) return undefined;
    const error = new QuotaLimitError({
      method: call.method,
      url: call.path,
      status: 429,
      errors: [{ code: "err.func.wired.overloaded", details: "quota reached earlier; no request sent" }],
      retryAt: until,
    });
    const lockout = { until, error };
    this.#quotaUntil.set(account, lockout);
    return lockout;
  }

  async #rememberLockout(account: string, error: QuotaLimitError): Promise<void> {
    this.#quotaUntil.set(account, { until: error.retryAt, error });
    const now = this.#now();
    const lockouts = Object.fromEntries(
      Object.entries(readLockouts((await this.#load()).get(CredentialKey.quotaUntil))).filter(
        ([, until]) => until > now,
      ),
    );
    lockouts[account] = error.retryAt;
    // Best effort: a store that cannot be written must not hide the quota error itself.
    await this.#update({ [CredentialKey.quotaUntil]: JSON.stringify(lockouts) }).catch(() => undefined);
  }

  async #withRetry(
    call: KamereonCall,
    attempt: () => Promise<unknown>,
    options: CallOptions,
  ): Promise<unknown> {
    const retry = this.#options.retry === false ? { limit: 0 } : (this.#options.retry ?? {});
    const limit = retry.limit ?? 2;
    for (let attemptNumber = 1; ; attemptNumber++) {
      try {
        return await attempt();
      } catch (error) {
        if (attemptNumber > limit || !isRetryable(call.method, error)) throw error;
        const retryAfter =
          error instanceof HttpError && error.retryAfter !== undefined ? error.retryAfter * 1000 : undefined;
        if (retryAfter !== undefined && retryAfter > (retry.maxRetryAfter ?? 30_000)) throw error;
        await sleep(retryAfter ?? (retry.delay ?? backoff)(attemptNumber), options.signal);
      }
    }
  }

  async #send(
    settings: SessionSettings,
    jwt: string,
    call: KamereonCall,
    options: CallOptions,
  ): Promise<unknown> {
    return kamereonRequest(
      {
        url: settings.kamereonUrl,
        apiKey: settings.kamereonApiKey,
        country: settings.country,
        jwt,
        now: this.#now,
        quotaCooldown: this.#options.quotaCooldown ?? 15 * 60_000,
        send: (request) => this.#traced(request, options, settings),
      },
      call,
    );
  }

  async #traced(
    request: HttpRequest,
    options: CallOptions,
    settings: SessionSettings,
  ): Promise<HttpResponse> {
    const onTrace = this.#options.onTrace;
    if (!onTrace) return send(request, this.#sendOptions(options));
    const secrets = await this.#secrets(settings);
    const url = redactText(redactUrl(request.url), secrets);
    const started = this.#now();
    onTrace({
      type: "request",
      method: request.method,
      url,
      body: request.body === undefined ? undefined : redactText(request.body, secrets),
    });
    try {
      const response = await send(request, this.#sendOptions(options));
      onTrace({
        type: "response",
        method: request.method,
        url,
        status: response.status,
        body: redactText(response.text, secrets),
        durationMs: this.#now() - started,
      });
      return response;
    } catch (error) {
      onTrace({
        type: "error",
        method: request.method,
        url,
        error: error instanceof Error ? error.name : "error",
      });
      throw error;
    }
  }

  async #secrets(settings: SessionSettings): Promise<string[]> {
    const values = await this.#load();
    return [
      settings.gigyaApiKey,
      settings.kamereonApiKey,
      values.get(CredentialKey.loginToken),
      values.get(CredentialKey.jwt),
      values.get(CredentialKey.gmid),
      values.get(CredentialKey.ucid),
    ].filter((value): value is string => value !== undefined);
  }

  #sendOptions(options: CallOptions) {
    return {
      fetch: this.#options.fetch,
      timeout: options.timeout ?? this.#options.timeout,
      signal: options.signal,
    };
  }

  async #gigyaContext(options: CallOptions, device?: gigya.GigyaDevice): Promise<gigya.GigyaContext> {
    const settings = await this.getSettings();
    const values = await this.#load();
    const gmid = values.get(CredentialKey.gmid);
    const ucid = values.get(CredentialKey.ucid);
    return {
      url: settings.gigyaUrl,
      apiKey: settings.gigyaApiKey,
      send: (request) => send(request, this.#sendOptions(options)),
      device: device ?? (gmid && ucid ? { gmid, ucid } : undefined),
    };
  }

  /**
   * Gets and stores a Gigya device identity when the store has none. It is kept by `logout` and
   * token clearing: trust granted by a two-factor login belongs to it. When Gigya gives none, the
   * login goes on without (accounts without two-factor do not need it).
   */
  async #ensureDevice(options: CallOptions): Promise<void> {
    const values = await this.#load();
    if (values.get(CredentialKey.gmid) && values.get(CredentialKey.ucid)) return;
    this.#deviceInFlight ??= (async () => {
      try {
        const device = await webSdkBootstrap(await this.#gigyaContext(options));
        if (device)
          await this.#update({ [CredentialKey.gmid]: device.gmid, [CredentialKey.ucid]: device.ucid });
        else this.#options.logger?.warn("Gigya gave no device id (webSdkBootstrap); logging in without one.");
      } catch (error) {
        if (!(
          error instanceof GigyaError ||
          error instanceof InvalidResponseError ||
          error instanceof HttpError
        )) {
          throw error;
        }
        this.#options.logger?.warn(
          `Could not get a Gigya device id (${error.message}); logging in without one.`,
        );
      } finally {
        this.#deviceInFlight = undefined;
      }
    })();
    await this.#deviceInFlight;
  }

  #twoFactorHost(): TwoFactorHost {
    return {
      now: this.#now,
      language: async () => (await this.getSettings()).locale?.slice(0, 2).toLowerCase() || "en",
      context: (device, options) => this.#gigyaContext(options, device),
      completeLogin: (token, device) =>
        this.#update({
          ...Object.fromEntries(GIGYA_SESSION_KEYS.map((key) => [key, undefined])),
          ...(device ? { [CredentialKey.gmid]: device.gmid, [CredentialKey.ucid]: device.ucid } : {}),
          [CredentialKey.loginToken]: token,
        }),
    };
  }

  async #resolveSettings(): Promise<SessionSettings> {
    const stored = await this.#load();
    const explicit = this.#options;
    const storedLocale = stored.get(CredentialKey.locale);
    const locale = explicit.locale ?? storedLocale;
    // Stored URLs and keys belong to the stored locale; a different explicit locale replaces them.
    const useStored = explicit.locale === undefined || explicit.locale === storedLocale;
    const fromStore = (key: string) => (useStored ? stored.get(key) : undefined);
    const table = locale === undefined ? undefined : getLocaleDetails(locale);
    const pick = (
      name: string,
      own: string | undefined,
      key: string,
      fallback: string | undefined,
    ): string => {
      const value = own ?? fromStore(key) ?? fallback;
      if (value === undefined || value === "") {
        throw new ConfigurationError(
          `No ${name} configured: give a locale (e.g. fr_FR) or the ${name} itself.`,
        );
      }
      return value;
    };
    const country = pick("country", explicit.country, CredentialKey.country, locale && countryOf(locale));
    if (!/^[A-Za-z]{2}$/.test(country)) throw new ConfigurationError(`Invalid country '${country}'.`);
    return {
      locale,
      country: country.toUpperCase(),
      gigyaUrl: checkBaseUrl(
        "gigya URL",
        pick("gigya URL", explicit.gigyaUrl, CredentialKey.gigyaUrl, table?.gigyaUrl),
      ),
      gigyaApiKey: pick("gigya API key", explicit.gigyaApiKey, CredentialKey.gigyaApiKey, table?.gigyaApiKey),
      kamereonUrl: checkBaseUrl(
        "kamereon URL",
        pick("kamereon URL", explicit.kamereonUrl, CredentialKey.kamereonUrl, table?.kamereonUrl),
      ),
      kamereonApiKey: pick(
        "kamereon API key",
        explicit.kamereonApiKey,
        CredentialKey.kamereonApiKey,
        table?.kamereonApiKey,
      ),
    };
  }

  async #requireLoginToken(): Promise<string> {
    const token = (await this.#load()).get(CredentialKey.loginToken);
    if (!token) throw new NotAuthenticatedError("Not logged in: no Gigya login token available.");
    return token;
  }

  #isFresh(jwt: string): boolean {
    const exp = jwtExpiry(jwt);
    return exp !== undefined && exp * 1000 - (this.#options.jwtLeeway ?? 60) * 1000 > this.#now();
  }

  /**
   * A JWT to use instead of `rejected`. Every request refused with the same JWT shares one re-mint;
   * a request that learns of the refusal after the re-mint takes the new JWT instead of dropping it.
   */
  #replaceRejectedJwt(rejected: string, options: CallOptions): Promise<string> {
    let replacement = this.#remints.get(rejected);
    if (!replacement) {
      replacement = (async () => {
        await this.#dropJwt(rejected);
        return this.getJwt(options);
      })();
      this.#remints.set(rejected, replacement);
      // Forget a failed re-mint so a later request can try again; keep a good one for late comers.
      replacement.catch(() => this.#remints.delete(rejected));
    }
    return replacement;
  }

  async #dropJwt(jwt: string): Promise<void> {
    if ((await this.#load()).get(CredentialKey.jwt) === jwt)
      await this.#update({ [CredentialKey.jwt]: undefined });
  }

  #load(): Promise<Map<string, string>> {
    this.#values ??= this.#store.read().then(
      (values) => new Map(Object.entries(values)),
      (error: unknown) => {
        this.#values = undefined;
        throw error;
      },
    );
    return this.#values;
  }

  async #update(changes: Readonly<Record<string, string | undefined>>): Promise<void> {
    const values = await this.#load();
    await this.#store.update(changes);
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined) values.delete(key);
      else values.set(key, value);
    }
  }
}

interface Lockout {
  readonly until: number;
  readonly error: QuotaLimitError;
}

/** Parses the stored lockouts; anything malformed counts as none (it is only an optimisation). */
function readLockouts(text: string | undefined): Record<string, number> {
  if (text === undefined) return {};
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== "object" || parsed === null) return {};
    return Object.fromEntries(
      Object.entries(parsed).filter((entry): entry is [string, number] => Number.isFinite(entry[1])),
    );
  } catch {
    return {};
  }
}

function callOf(options: RequestOptions): Pick<KamereonCall, "query" | "body" | "arrayKey"> {
  return { query: options.query, body: options.body, arrayKey: options.arrayKey };
}

/** The account id in a `/commerce/v1/accounts/{id}/…` path: the quota is per account. */
function accountOf(path: string): string {
  return /\/accounts\/([^/?]+)/.exec(path)?.[1] ?? "";
}

/** Whether a failed attempt may be repeated: reads on transient faults, actions only if never sent. */
export function isRetryable(method: string, error: unknown): boolean {
  if (error instanceof NetworkError && error.notSent) return true;
  return method === "GET" && isTransientError(error);
}

/** The `exp` claim of a JWT (seconds since the epoch), read without checking the signature. */
export function jwtExpiry(jwt: string): number | undefined {
  const payload = jwt.split(".")[1];
  if (payload === undefined) return undefined;
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
    const exp = (claims as { exp?: unknown } | null)?.exp;
    return typeof exp === "number" && Number.isFinite(exp) ? exp : undefined;
  } catch {
    return undefined;
  }
}
