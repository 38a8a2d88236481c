import { CredentialKey, type CredentialStore, MemoryCredentialStore } from "../credentials/store.js";
import type * as gigya from "../gigya/gigya.js";
import { DEFAULT_TIMEOUT } from "../http/transport.js";
import type { TwoFactorChallenge, TwoFactorState } from "../two-factor.js";
import { Login } from "./login.js";
import type { CallOptions, RenaultSessionOptions, RequestOptions, SessionSettings } from "./options.js";
import { callFrom, RequestPipeline } from "./pipeline.js";
import { RequestLedger } from "./ledger.js";
import { QuotaLedger } from "./quota.js";
import { resolveSettings } from "./settings.js";
import { StoreView } from "./store-view.js";
import { Tokens } from "./tokens.js";
import { type TraceEvent, Tracer } from "./trace.js";

/**
 * The login and the authenticated Kamereon transport: Gigya login token → person id → JWT, cached
 * in the credential store, renewed before expiry and re-minted once when Kamereon rejects it.
 * Most integrators use it through `RenaultClient` (`client.login`, `client.restoreLogin`…).
 */
export class RenaultSession {
  readonly #options: RenaultSessionOptions;
  readonly #view: StoreView;
  readonly #tracer: Tracer;
  readonly #tokens: Tokens;
  readonly #login: Login;
  readonly #pipeline: RequestPipeline;
  readonly #ledger: RequestLedger;
  #settings: Promise<SessionSettings> | undefined;

  constructor(options: RenaultSessionOptions = {}) {
    this.#options = options;
    const now = options.now ?? Date.now;
    const defaultTimeout = options.timeout ?? DEFAULT_TIMEOUT;
    this.#view = new StoreView(options.credentialStore ?? new MemoryCredentialStore());
    this.#tracer = new Tracer(options.onTrace, options.logger, now);
    const gigyaContext = this.#gigyaContext.bind(this);
    const view = this.#view;
    this.#tokens = new Tokens({
      view,
      tracer: this.#tracer,
      gigyaContext,
      now,
      defaultTimeout,
      jwtLifetime: options.jwtLifetime ?? 900,
      jwtLeeway: options.jwtLeeway ?? 60,
    });
    this.#login = new Login({
      view,
      gigyaContext,
      now,
      defaultTimeout,
      logger: options.logger,
      language: async () => (await this.getSettings()).locale?.slice(0, 2).toLowerCase() || "en",
    });
    this.#ledger = new RequestLedger(this.#view.store, now);
    this.#pipeline = new RequestPipeline({
      ledger: this.#ledger,
      settings: () => this.getSettings(),
      tokens: this.#tokens,
      quota: new QuotaLedger(view, this.#tracer, now),
      tracer: this.#tracer,
      secrets: () => this.#secrets(),
      fetch: options.fetch,
      retry: options.retry,
      quotaCooldown: options.quotaCooldown ?? 15 * 60_000,
      defaultTimeout,
      now,
    });
  }

  /** The credential store this session reads and writes. */
  get credentialStore(): CredentialStore {
    return this.#view.store;
  }

  /**
   * Kamereon requests sent per account in the last hour by every process on this credential
   * store (`renault_api_ledger`): what a budget counts (issue 16).
   */
  get requestLedger(): RequestLedger {
    return this.#ledger;
  }

  /** The locale, country, URLs and keys in use (explicit options > stored values > locale table). */
  getSettings(): Promise<SessionSettings> {
    this.#settings ??= this.#view
      .load()
      .then((stored) => resolveSettings(this.#options, stored))
      .catch((error: unknown) => {
        // Not cached: a fixed store or option may succeed next time.
        this.#settings = undefined;
        throw error;
      });
    return this.#settings;
  }

  /**
   * Logs in with e-mail and password and stores the login token (never the password). The first
   * login from a store gets a Gigya device identity first (`gigya_gmid`, `gigya_ucid`), kept so
   * that a device that passed the e-mailed-code check is not asked again.
   *
   * @throws {InvalidCredentialsError} wrong e-mail or password, or a stale Gigya API key
   * @throws {TwoFactorRequiredError} the account wants an e-mailed code for this device: finish
   *   with `error.challenge` ({@link TwoFactorChallenge}); no login token is stored until then
   */
  login(loginId: string, password: string, options: CallOptions = {}): Promise<void> {
    return this.#login.login(loginId, password, options);
  }

  /**
   * Reopens a two-factor challenge from its saved state ({@link TwoFactorChallenge.toJSON}). Use
   * the same credential store as the login (the device).
   * @param options.password - the password, for the final login; without it the login is finished
   *   with `accounts.finalizeRegistration`
   * @throws {TwoFactorExpiredError} the login is older than its hour
   */
  resumeTwoFactor(
    state: TwoFactorState | string,
    options: { readonly password?: string | undefined } = {},
  ): TwoFactorChallenge {
    return this.#login.resumeTwoFactor(state, options.password);
  }

  /** The Gigya login token: save it instead of the password, restore it with {@link setLoginToken}. */
  getLoginToken(): Promise<string | undefined> {
    return this.#view.get(CredentialKey.loginToken);
  }

  /**
   * Restores a login token saved earlier; the person id and JWT are fetched again when needed.
   * @throws {InvalidArgumentError} an empty token
   */
  setLoginToken(token: string): Promise<void> {
    return this.#login.restore(token);
  }

  /** Forgets the login token, person id and JWT (the device identity is kept). */
  logout(): Promise<void> {
    return this.#login.logout();
  }

  /** The Kamereon person id of the logged-in user (cached in the store). */
  getPersonId(options: CallOptions = {}): Promise<string> {
    return this.#tokens.getPersonId(options);
  }

  /** A valid JWT; concurrent callers share one `getJWT` request. */
  getJwt(options: CallOptions = {}): Promise<string> {
    return this.#tokens.getJwt(options);
  }

  /**
   * Sends an authenticated Kamereon request and returns the parsed JSON body.
   *
   * - Concurrent identical GETs share one request; a caller's signal or timeout ends only its wait.
   * - GETs are retried on transient failures (`isTransientError`) with backoff; POSTs only when
   *   the request provably never left.
   * - A rejected JWT is re-minted and the request repeated once.
   * - After a quota error the account is left alone until the error's `retryAt` (at most a day):
   *   calls fail fast with the same {@link QuotaLimitError} and send nothing.
   *
   * @param path - absolute path starting with `/commerce/v1/` (`/myr/api/v1/` with `root: "myr"`),
   *   segments already encoded
   */
  request(method: "GET" | "POST", path: string, options: RequestOptions = {}): Promise<unknown> {
    return this.#pipeline.request(callFrom(method, path, options), {
      signal: options.signal,
      timeout: options.timeout,
    });
  }

  /** A value of the credential store, as this session sees it (its own writes included). */
  getStoredValue(key: string): Promise<string | undefined> {
    return this.#view.get(key);
  }

  /** Writes values to the credential store (a string sets a key, `undefined` removes it). */
  storeValues(changes: Readonly<Record<string, string | undefined>>): Promise<void> {
    return this.#view.update(changes);
  }

  /**
   * @internal Receives every trace event of this session (requests, answers with their `Date`,
   * retries) until the returned function is called: `client.diagnose` counts its requests with it.
   */
  observe(listener: (event: TraceEvent) => void): () => void {
    return this.#tracer.observe(listener);
  }

  /** @internal The traced Gigya context of one call (URL, key, device), for `client.diagnose`. */
  gigyaContext(options: CallOptions = {}): Promise<gigya.GigyaContext> {
    return this.#gigyaContext(options);
  }

  async #gigyaContext(options: CallOptions, device?: gigya.GigyaDevice): Promise<gigya.GigyaContext> {
    const settings = await this.getSettings();
    const values = await this.#view.load();
    const gmid = values.get(CredentialKey.gmid);
    const ucid = values.get(CredentialKey.ucid);
    const sendOptions = {
      fetch: this.#options.fetch,
      timeout: options.timeout ?? this.#options.timeout,
      signal: options.signal,
    };
    return {
      url: settings.gigyaUrl,
      apiKey: settings.gigyaApiKey,
      send: (request) =>
        this.#tracer.send(
          request,
          { service: "gigya", attempt: 1, secrets: () => this.#secrets() },
          sendOptions,
        ),
      device: device ?? (gmid && ucid ? { gmid, ucid } : undefined),
    };
  }

  /** Every secret the session knows, to redact from traces. */
  async #secrets(): Promise<string[]> {
    const settings = await this.getSettings();
    const values = await this.#view.load();
    return [
      settings.gigyaApiKey,
      settings.kamereonApiKey,
      values.get(CredentialKey.loginToken),
      values.get(CredentialKey.jwt),
      values.get(CredentialKey.gmid),
      values.get(CredentialKey.ucid),
    ].filter((value): value is string => value !== undefined);
  }
}
