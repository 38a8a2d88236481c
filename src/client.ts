import { type ClientState, readAccounts, validState, writeAccounts } from "./client-state.js";
import { CredentialKey, LEARNT_KEYS } from "./credentials/store.js";
import { InvalidArgumentError } from "./errors.js";
import { path } from "./http/path.js";
import { VehicleMemories, type VehicleMemoryOptions } from "./kamereon/memory.js";
import { PersonSchema, type Person } from "./kamereon/models/account.js";
import { parse } from "./kamereon/models/common.js";
import { RenaultAccount } from "./account.js";
import { type CallOptions, type Logger, RenaultSession, type RenaultSessionOptions } from "./session.js";
import type { TwoFactorChallenge, TwoFactorState } from "./two-factor.js";
import { VehiclePersistence } from "./vehicle/persistence.js";
import { diagnose, type DiagnoseOptions, type Diagnosis } from "./doctor/diagnose.js";
import { getConnectedVehicles, type ConnectedVehiclesOptions } from "./myr/gateway.js";
import type { ConnectedVehicle } from "./myr/models.js";
import { watch, type WatchEvent, type WatchOptions } from "./watch/index.js";

export type { ClientState } from "./client-state.js";

/**
 * What the client remembers about its vehicles (per client instance, shared by every
 * vehicle of the same VIN):
 * - `unsupportedMemory`: endpoints the server answered as unsupported are not asked again for a
 *   while (default 24 hours; `false` turns it off);
 * - `cache`: successful reads are served again for `ttl` milliseconds (off by default), e.g.
 *   `new RenaultClient({ ...options, cache: { ttl: 60_000, endpoints: { location: 600_000 } } })`.
 */
export type RenaultClientMemoryOptions = VehicleMemoryOptions;

/** Options of a {@link RenaultClient} that creates its own session. */
export interface RenaultClientOptions extends RenaultSessionOptions, RenaultClientMemoryOptions {}

/** Builds a {@link RenaultClient} on an existing session. */
export interface RenaultClientSessionOptions extends RenaultClientMemoryOptions {
  readonly session: RenaultSession;
  /** Receives warnings (undocumented models…). @default silent */
  readonly logger?: Logger | undefined;
  /** Clock of the memory and cache, in epoch milliseconds. @default Date.now */
  readonly now?: (() => number) | undefined;
}

/**
 * The entry point: login, then person → accounts → vehicles. Creating it does no I/O.
 *
 * @example
 * const client = new RenaultClient({ locale: "fr_FR" });
 * await client.login(email, password);
 * const [account] = await client.getAccounts();
 * if (!account) throw new Error("no account on this login");
 * const vehicle = account.vehicle("VF1AAAAA555777999");
 * const { batteryLevel } = await vehicle.getBatteryStatus();
 */
export class RenaultClient {
  /** The login and transport every request goes through. */
  readonly session: RenaultSession;
  readonly #logger: Logger | undefined;
  readonly #now: () => number;
  readonly #memories: VehicleMemories;
  // What the vehicles learn is kept in the session's credential store (issue 13, item 7).
  readonly #persistence: VehiclePersistence;
  // Routing warnings are repeated once per client, not per process (no module-level state).
  readonly #warned = new Set<string>();
  readonly #warn = (message: string): void => {
    if (this.#warned.has(message)) return;
    this.#warned.add(message);
    this.#logger?.warn(message);
  };

  /**
   * @param options - session options (a new session is created), or an existing session; both
   *   with the memory options ({@link RenaultClientMemoryOptions})
   * @throws {RangeError} a negative or non-finite cache or memory time to live
   */
  constructor(options: RenaultClientOptions | RenaultClientSessionOptions = {}) {
    if ("session" in options && options.session instanceof RenaultSession) {
      this.session = options.session;
      this.#logger = options.logger;
    } else {
      const sessionOptions = options as RenaultClientOptions;
      this.session = new RenaultSession(sessionOptions);
      this.#logger = sessionOptions.logger;
    }
    const { cache, unsupportedMemory, now } = options;
    this.#now = now ?? Date.now;
    this.#memories = new VehicleMemories({ cache, unsupportedMemory }, now);
    this.#persistence = new VehiclePersistence(this.session);
  }

  /**
   * Logs in with e-mail and password and stores the login token (never the password).
   * @throws {InvalidCredentialsError} wrong e-mail or password, or a stale Gigya API key
   * @throws {TwoFactorRequiredError} the account wants an e-mailed code for this device: finish
   *   with `error.challenge` ({@link TwoFactorChallenge}); no login token is stored until then
   */
  login(loginId: string, password: string, options: CallOptions = {}): Promise<void> {
    return this.session.login(loginId, password, options);
  }

  /**
   * Reopens a saved two-factor challenge ({@link TwoFactorChallenge.toJSON}), e.g. in the process
   * that received the code; use the same credential store as the login.
   * @throws {TwoFactorExpiredError} the login is older than its hour
   */
  resumeTwoFactor(
    state: TwoFactorState | string,
    options: { readonly password?: string | undefined } = {},
  ): TwoFactorChallenge {
    return this.session.resumeTwoFactor(state, options);
  }

  /** Forgets the login token, person id and JWT (the device identity and what was learnt stay). */
  logout(): Promise<void> {
    return this.session.logout();
  }

  /** The Gigya login token: save it instead of the password; give it back to {@link restoreLogin}. */
  getLoginToken(): Promise<string | undefined> {
    return this.session.getLoginToken();
  }

  /**
   * Restores a login token saved earlier (no request). Restore first, then {@link importState}:
   * a restore forgets the person id of the previous login.
   * @throws {InvalidArgumentError} an empty token
   */
  restoreLogin(loginToken: string): Promise<void> {
    return this.session.setLoginToken(loginToken);
  }

  /**
   * What the client learnt at a cost in requests (person id, accounts, vehicle details and
   * endpoints, quota lockouts): no secret, JSON-safe. An integrator who keeps only the login token
   * saves this beside it; a `FileCredentialStore` keeps it all by itself.
   */
  async exportState(): Promise<ClientState> {
    const state: Record<string, string> = {};
    for (const key of LEARNT_KEYS) {
      const value = await this.session.getStoredValue(key);
      if (value !== undefined) state[key] = value;
    }
    return validState(state, this.#now());
  }

  /**
   * Writes back a state from {@link exportState}. Unknown keys and invalid values are ignored.
   * @throws {InvalidArgumentError} the state is not an object
   */
  async importState(state: ClientState): Promise<void> {
    // Checked at run time too: the state comes back from the integrator's storage, untrusted.
    const untrusted: unknown = state;
    if (typeof untrusted !== "object" || untrusted === null || Array.isArray(untrusted))
      throw new InvalidArgumentError("state", "The state must be an object from exportState().");
    const valid = validState(state, this.#now());
    if (Object.keys(valid).length > 0) await this.session.storeValues(valid);
  }

  /** The logged-in person, with their accounts. @throws {NotAuthenticatedError} not logged in */
  async getPerson(options: CallOptions = {}): Promise<Person> {
    const personId = await this.session.getPersonId(options);
    const body = await this.session.request("GET", path`/commerce/v1/persons/${personId}`, {
      signal: options.signal,
      timeout: options.timeout,
    });
    const person = parse(PersonSchema, body, "person");
    const accounts = (person.accounts ?? []).flatMap((account) =>
      account.accountId
        ? [
            {
              id: account.accountId,
              type: account.accountType ?? undefined,
              status: account.accountStatus ?? undefined,
            },
          ]
        : [],
    );
    // Best effort: the answer is right even if the store cannot keep it.
    await this.session
      .storeValues({ [CredentialKey.accounts]: writeAccounts(personId, accounts) })
      .catch(() => undefined);
    return person;
  }

  /**
   * The person's accounts (entries without an id are skipped). They are kept in the store
   * (`renault_api_accounts`): after the first time, no request.
   * @param options.refresh - read them again from the server
   */
  async getAccounts(options: CallOptions & { readonly refresh?: boolean } = {}): Promise<RenaultAccount[]> {
    const personId = await this.session.getPersonId(options);
    const learnt = options.refresh
      ? undefined
      : readAccounts(await this.session.getStoredValue(CredentialKey.accounts), personId);
    if (learnt) return learnt.map((account) => this.account(account.id));
    const { accounts } = await this.getPerson(options);
    return (accounts ?? []).flatMap((account) =>
      account.accountId ? [this.account(account.accountId)] : [],
    );
  }

  /**
   * The cars of an account as the `/myr` gateway lists them: their feature lists, remote protocol
   * (`SRP` cars refuse direct remote commands with errorCode 6) and privacy state. One request.
   * @throws {InvalidApiKeyError} the gateway refused the Kamereon API key
   */
  getConnectedVehicles(
    accountId: string,
    options: ConnectedVehiclesOptions = {},
  ): Promise<ConnectedVehicle[]> {
    return getConnectedVehicles(this.session, accountId, options);
  }

  /**
   * Finds out why the client does not work and what to do: network, keys, login, JWT, accounts,
   * then per car its model, quota, contract, privacy mode, remote protocol and data freshness,
   * and this machine's clock and credential file. Each check says `ok`, `warn`, `fail` or `skip`
   * with a one-line finding and remedy; the result says how many requests it spent. It does not
   * throw for what it finds (no login, a refused key, the quota spent).
   *
   * @example
   * const { ok, checks } = await client.diagnose();
   * for (const c of checks) if (c.status === "fail") console.error(`${c.id}: ${c.message} → ${c.remedy}`);
   */
  diagnose(options: DiagnoseOptions = {}): Promise<Diagnosis> {
    return diagnose(this, options);
  }

  /**
   * An account by id, without any request.
   * @throws {InvalidArgumentError} an empty account id
   */
  account(accountId: string): RenaultAccount {
    return new RenaultAccount({
      session: this.session,
      accountId,
      warn: this.#warn,
      memories: this.#memories,
      persistence: this.#persistence,
    });
  }

  /**
   * A live feed of the vehicles (default: every vehicle of every account): a snapshot per vehicle,
   * then changes only, with health, quota and budget events, inside `budget` requests per hour
   * per account counted across every process on the credential store. Ends when `signal` aborts.
   * Throws (from the iterator) only for a login that needs the user. See docs/watch.md.
   */
  watch(options: WatchOptions = {}): AsyncIterable<WatchEvent> {
    return watch(this, options);
  }
}
