import { path } from "./http/path.js";
import { AccountVehiclesSchema, type AccountVehicles } from "./kamereon/models/account.js";
import { parse } from "./kamereon/models/common.js";
import type { VehicleDetails } from "./kamereon/models/details.js";
import type { CallOptions, RenaultSession } from "./session.js";
import { RenaultVehicle } from "./vehicle.js";

/** How {@link RenaultAccount} is built; {@link RenaultClient} does it for you. */
export interface RenaultAccountOptions {
  readonly session: RenaultSession;
  readonly accountId: string;
  /** Receives routing warnings of this account's vehicles. @default silent */
  readonly warn?: ((message: string) => void) | undefined;
}

/** One Kamereon account (MyRenault, MyDacia…) and its vehicles. Creating it does no I/O. */
export class RenaultAccount {
  /** The session all requests go through. */
  readonly session: RenaultSession;
  /** The Kamereon account id. */
  readonly accountId: string;
  readonly #warn: ((message: string) => void) | undefined;

  /** @throws {TypeError} an empty account id */
  constructor(options: RenaultAccountOptions) {
    if (typeof options.accountId !== "string" || options.accountId === "") {
      throw new TypeError("accountId must be a non-empty string.");
    }
    this.session = options.session;
    this.accountId = options.accountId;
    this.#warn = options.warn;
  }

  /** The account's vehicle list, with each vehicle's details. */
  async getVehicles(options: CallOptions = {}): Promise<AccountVehicles> {
    const body = await this.session.request("GET", path`/commerce/v1/accounts/${this.accountId}/vehicles`, {
      signal: options.signal,
      timeout: options.timeout,
    });
    return parse(AccountVehiclesSchema, body, "vehicles");
  }

  /** The account's vehicles, their details preloaded (links without a VIN are skipped). */
  async getApiVehicles(options: CallOptions = {}): Promise<RenaultVehicle[]> {
    const { vehicleLinks } = await this.getVehicles(options);
    return (vehicleLinks ?? []).flatMap((link) =>
      link.vin
        ? [
            new RenaultVehicle({
              session: this.session,
              accountId: this.accountId,
              vin: link.vin,
              details: link.vehicleDetails ?? undefined,
              warn: this.#warn,
            }),
          ]
        : [],
    );
  }

  /**
   * A vehicle of this account, without any request: its details are fetched on first need, unless
   * given (e.g. kept from an earlier run: the model code decides the routing and never changes).
   * @throws {TypeError} an empty VIN
   */
  getApiVehicle(
    vin: string,
    options: { readonly details?: VehicleDetails | undefined } = {},
  ): RenaultVehicle {
    return new RenaultVehicle({
      session: this.session,
      accountId: this.accountId,
      vin,
      details: options.details,
      warn: this.#warn,
    });
  }
}
