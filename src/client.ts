import { path } from "./http/path.js";
import { PersonSchema, type Person } from "./kamereon/models/account.js";
import { parse } from "./kamereon/models/common.js";
import { RenaultAccount } from "./account.js";
import { type CallOptions, type Logger, RenaultSession, type RenaultSessionOptions } from "./session.js";

/** Builds a {@link RenaultClient} on an existing session. */
export interface RenaultClientSessionOptions {
  readonly session: RenaultSession;
  /** Receives warnings (undocumented models…). @default silent */
  readonly logger?: Logger | undefined;
}

/**
 * The entry point: person → accounts → vehicles. Creating it does no I/O.
 *
 * @example
 * const client = new RenaultClient({ locale: "fr_FR" });
 * await client.session.login(email, password);
 * const [account] = await client.getApiAccounts();
 * const vehicle = account.getApiVehicle("VF1AAAAA555777999");
 * console.log(await vehicle.getBatteryStatus());
 */
export class RenaultClient {
  /** The login and transport every request goes through. */
  readonly session: RenaultSession;
  readonly #logger: Logger | undefined;
  // Routing warnings are repeated once per client, not per process (no module-level state).
  readonly #warned = new Set<string>();
  readonly #warn = (message: string): void => {
    if (this.#warned.has(message)) return;
    this.#warned.add(message);
    this.#logger?.warn(message);
  };

  /** @param options - session options (a new session is created), or an existing session */
  constructor(options: RenaultSessionOptions | RenaultClientSessionOptions = {}) {
    if ("session" in options && options.session instanceof RenaultSession) {
      this.session = options.session;
      this.#logger = options.logger;
    } else {
      const sessionOptions = options as RenaultSessionOptions;
      this.session = new RenaultSession(sessionOptions);
      this.#logger = sessionOptions.logger;
    }
  }

  /** The logged-in person, with their accounts. @throws {NotAuthenticatedError} not logged in */
  async getPerson(options: CallOptions = {}): Promise<Person> {
    const personId = await this.session.getPersonId(options);
    const body = await this.session.request("GET", path`/commerce/v1/persons/${personId}`, {
      signal: options.signal,
      timeout: options.timeout,
    });
    return parse(PersonSchema, body, "person");
  }

  /** The person's accounts (entries without an id are skipped). */
  async getApiAccounts(options: CallOptions = {}): Promise<RenaultAccount[]> {
    const { accounts } = await this.getPerson(options);
    return (accounts ?? []).flatMap((account) =>
      account.accountId ? [this.getApiAccount(account.accountId)] : [],
    );
  }

  /**
   * An account by id, without any request.
   * @throws {TypeError} an empty account id
   */
  getApiAccount(accountId: string): RenaultAccount {
    return new RenaultAccount({ session: this.session, accountId, warn: this.#warn });
  }
}
