import { InvalidArgumentError } from "./errors.js";
import { path } from "./http/path.js";
import type { VehicleMemories } from "./kamereon/memory.js";
import { AccountVehiclesSchema, type AccountVehicles } from "./kamereon/models/account.js";
import { parse } from "./kamereon/models/common.js";
import type { VehicleDetails } from "./kamereon/models/details.js";
import type { CallOptions, RenaultSession } from "./session.js";
import { RenaultVehicle } from "./vehicle.js";
import type { VehiclePersistence } from "./vehicle/persistence.js";

/** How {@link RenaultAccount} is built; {@link RenaultClient} does it for you. */
export interface RenaultAccountOptions {
  readonly session: RenaultSession;
  readonly accountId: string;
  /** Receives routing warnings of this account's vehicles. @default silent */
  readonly warn?: ((message: string) => void) | undefined;
  /** The client's memories, shared by every vehicle of the same VIN. @default one per vehicle */
  readonly memories?: VehicleMemories | undefined;
  /** Where the vehicles keep what they learn between processes. @default nowhere */
  readonly persistence?: VehiclePersistence | undefined;
}

/** Options of {@link RenaultAccount.vehicle}. */
export interface VehicleOptions {
  /** Details already known (e.g. kept from an earlier run): the model code decides the routing. */
  readonly details?: VehicleDetails | undefined;
  /**
   * Ignore the details kept in the credential store (only their model part is kept): the first
   * need fetches the complete details. @default false
   */
  readonly freshDetails?: boolean | undefined;
}

/** One Kamereon account (MyRenault, MyDacia…) and its vehicles. Creating it does no I/O. */
export class RenaultAccount {
  /** The session all requests go through. */
  readonly session: RenaultSession;
  /** The Kamereon account id. */
  readonly id: string;
  readonly #options: RenaultAccountOptions;

  /** @throws {InvalidArgumentError} an empty account id */
  constructor(options: RenaultAccountOptions) {
    if (typeof options.accountId !== "string" || options.accountId === "") {
      throw new InvalidArgumentError("accountId", "accountId must be a non-empty string.");
    }
    this.session = options.session;
    this.id = options.accountId;
    this.#options = options;
  }

  /** The Kamereon account id (the same as {@link id}). */
  get accountId(): string {
    return this.id;
  }

  /** The account's vehicle list as the server sends it, with each vehicle's details. */
  async getVehicleLinks(options: CallOptions = {}): Promise<AccountVehicles> {
    const body = await this.session.request("GET", path`/commerce/v1/accounts/${this.id}/vehicles`, {
      signal: options.signal,
      timeout: options.timeout,
    });
    return parse(AccountVehiclesSchema, body, "vehicles");
  }

  /** The account's vehicles, their details preloaded (links without a VIN are skipped). */
  async getVehicles(options: CallOptions = {}): Promise<RenaultVehicle[]> {
    const { vehicleLinks } = await this.getVehicleLinks(options);
    return (vehicleLinks ?? []).flatMap((link) =>
      link.vin ? [this.vehicle(link.vin, { details: link.vehicleDetails ?? undefined })] : [],
    );
  }

  /**
   * A vehicle of this account, without any request: its details are fetched on first need, unless
   * given or kept by an earlier run in the credential store.
   * @throws {InvalidArgumentError} an empty VIN
   */
  vehicle(vin: string, options: VehicleOptions = {}): RenaultVehicle {
    const { memories } = this.#options;
    return new RenaultVehicle({
      session: this.session,
      accountId: this.id,
      vin,
      details: options.details,
      freshDetails: options.freshDetails,
      warn: this.#options.warn,
      memory: memories && typeof vin === "string" && vin !== "" ? memories.of(this.id, vin) : undefined,
      persistence: this.#options.persistence,
    });
  }
}
