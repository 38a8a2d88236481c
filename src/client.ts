import { path } from "./http/path.js";
import { VehicleMemories, type VehicleMemoryOptions } from "./kamereon/memory.js";
import { PersonSchema, type Person } from "./kamereon/models/account.js";
import { parse } from "./kamereon/models/common.js";
import type { VehicleDetails } from "./kamereon/models/details.js";
import { RenaultAccount } from "./account.js";
import { type CallOptions, type Logger, RenaultSession, type RenaultSessionOptions } from "./session.js";
import { RenaultVehicle } from "./vehicle.js";

/**
 * What the client remembers about its vehicles (per client instance, shared by every
 * `getApiVehicle` of the same VIN):
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
 * The entry point: person → accounts → vehicles. Creating it does no I/O.
 *
 * @example
 * const client = new RenaultClient({ locale: "fr_FR" });
 * await client.session.login(email, password);
 * const [account] = await client.getApiAccounts();
 * const vehicle = account.getApiVehicle("VF1AAAAA555777999");
 * const { batteryLevel } = await vehicle.getBatteryStatus();
 */
export class RenaultClient {
  /** The login and transport every request goes through. */
  readonly session: RenaultSession;
  readonly #logger: Logger | undefined;
  readonly #memories: VehicleMemories;
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
    this.#memories = new VehicleMemories({ cache, unsupportedMemory }, now);
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
    return new ClientAccount({ session: this.session, accountId, warn: this.#warn }, this.#memories);
  }
}

/**
 * An account whose vehicles share the client's memory (unsupported endpoints, read cache).
 * Options plumbing only; it mirrors {@link RenaultAccount.getApiVehicles}, which has no way yet to
 * pass options to the vehicles it builds.
 */
class ClientAccount extends RenaultAccount {
  readonly #memories: VehicleMemories;
  readonly #warn: ((message: string) => void) | undefined;

  constructor(options: ConstructorParameters<typeof RenaultAccount>[0], memories: VehicleMemories) {
    super(options);
    this.#memories = memories;
    this.#warn = options.warn;
  }

  override async getApiVehicles(options: CallOptions = {}): Promise<RenaultVehicle[]> {
    const { vehicleLinks } = await this.getVehicles(options);
    return (vehicleLinks ?? []).flatMap((link) =>
      link.vin ? [this.#withMemory(link.vin, link.vehicleDetails ?? undefined)] : [],
    );
  }

  override getApiVehicle(
    vin: string,
    options: { readonly details?: VehicleDetails | undefined } = {},
  ): RenaultVehicle {
    return this.#withMemory(vin, options.details);
  }

  #withMemory(vin: string, details: VehicleDetails | undefined): RenaultVehicle {
    return new RenaultVehicle({
      session: this.session,
      accountId: this.accountId,
      vin,
      details,
      warn: this.#warn,
      memory: typeof vin === "string" && vin !== "" ? this.#memories.of(this.accountId, vin) : undefined,
    });
  }
}
