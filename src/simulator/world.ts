import { loadFixture } from "./fixtures.js";

/** The demo login served by every simulator: documented in the README. */
export const DEMO_ACCOUNT = {
  email: "demo@renault-api.dev",
  password: "demo-password",
  personId: "person-id-1",
  /** The MyRenault account. */
  renaultAccountId: "account-id-1",
  /** The MyDacia account. */
  daciaAccountId: "account-id-2",
} as const;

/** A simulated car. */
export interface SimVehicle {
  readonly vin: string;
  readonly accountId: string;
  /** The `vehicleLinks[]` entry served in the account's vehicle list. */
  readonly link: Record<string, unknown>;
  /** Model code, e.g. `X101VE`. */
  readonly modelCode: string;
}

/** A simulated Gigya user. */
export interface SimUser {
  readonly email: string;
  readonly password: string;
  readonly personId: string;
}

/** Everything a simulator instance knows and changes; lives in memory per instance. */
export interface World {
  readonly users: Map<string, SimUser>;
  /** Login token → e-mail of the user it belongs to. */
  readonly loginTokens: Map<string, string>;
  /** Person id → person document. */
  readonly persons: Map<string, Record<string, unknown>>;
  /** Account id → its country and vehicles. */
  readonly accounts: Map<string, { readonly country: string; readonly vins: string[] }>;
  readonly vehicles: Map<string, SimVehicle>;
}

/** Builds the demo world: one person, a MyRenault and a MyDacia account, cars from the fixtures. */
export function createWorld(): World {
  const person = loadFixture("kamereon/person.json") as Record<string, unknown>;
  person.accounts = [
    {
      accountId: DEMO_ACCOUNT.renaultAccountId,
      accountType: "MYRENAULT",
      accountStatus: "ACTIVE",
      country: "FR",
      personId: DEMO_ACCOUNT.personId,
      relationType: "OWNER",
    },
    {
      accountId: DEMO_ACCOUNT.daciaAccountId,
      accountType: "MYDACIA",
      accountStatus: "ACTIVE",
      country: "FR",
      personId: DEMO_ACCOUNT.personId,
      relationType: "OWNER",
    },
  ];
  const world: World = {
    users: new Map([
      [
        DEMO_ACCOUNT.email,
        { email: DEMO_ACCOUNT.email, password: DEMO_ACCOUNT.password, personId: DEMO_ACCOUNT.personId },
      ],
    ]),
    loginTokens: new Map(),
    persons: new Map([[DEMO_ACCOUNT.personId, person]]),
    accounts: new Map([
      [DEMO_ACCOUNT.renaultAccountId, { country: "FR", vins: [] }],
      [DEMO_ACCOUNT.daciaAccountId, { country: "FR", vins: [] }],
    ]),
    vehicles: new Map(),
  };
  addVehicle(world, DEMO_ACCOUNT.renaultAccountId, "zoe_40.1.json");
  return world;
}

/** Adds the car of `kamereon/vehicles/<file>` to an account. */
export function addVehicle(world: World, accountId: string, file: string, vin?: string): SimVehicle {
  const list = loadFixture(`kamereon/vehicles/${file}`) as { vehicleLinks: Record<string, unknown>[] };
  const link = list.vehicleLinks[0] ?? {};
  const details = (link.vehicleDetails ?? {}) as Record<string, unknown>;
  const carVin = vin ?? (link.vin as string);
  link.vin = carVin;
  details.vin = carVin;
  const vehicle: SimVehicle = {
    vin: carVin,
    accountId,
    link,
    modelCode: ((details.model as { code?: string } | undefined)?.code ?? "") as string,
  };
  world.vehicles.set(carVin, vehicle);
  world.accounts.get(accountId)?.vins.push(carVin);
  return vehicle;
}
