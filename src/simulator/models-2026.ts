/**
 * The cars of docs/api-notes.md, 2026, served with the option `newModels` in a third account of the
 * demo person (`account-id-2026`), so the demo account's listings stay as they were. No vehicles
 * fixture was contributed for these models: each borrows the links and details of a close one
 * with its model code replaced. One Megane E-Tech is on the `SRP` remote protocol.
 */
import type { VehicleProfile } from "./catalog.js";
import { addAccount } from "./bundle.js";
import { addModelCar, type World } from "./world.js";

/** The account holding the cars of {@link NEW_MODEL_VINS}. */
export const NEW_MODELS_ACCOUNT_ID = "account-id-2026";

interface NewModelCar {
  readonly file: string;
  readonly modelCode: string;
  readonly label: string;
  readonly vin: string;
  readonly profile: Partial<VehicleProfile>;
  readonly remoteProtocol?: "SRP";
}

const PETROL: Partial<VehicleProfile> = { chargingPower: 0, noData: ["charging-settings", "charges"] };

const CARS = {
  bigster: {
    file: "duster.1.json",
    modelCode: "BD11SL",
    label: "BIGSTER",
    vin: "UU1AAAAA555777401",
    profile: PETROL,
  },
  scenic: {
    file: "megane_e-tech.2.json",
    modelCode: "XCB1SE",
    label: "SCENIC E-TECH",
    vin: "VF1AAAAA555777402",
    profile: { chargingPower: 11, batteryKwh: 87 },
  },
  espace: {
    file: "captur_ii.1.json",
    modelCode: "XHN1ML",
    label: "ESPACE",
    vin: "VF1AAAAA555777403",
    profile: PETROL,
  },
  a290: {
    file: "renault_5.1.json",
    modelCode: "A5E1AE",
    label: "A290",
    vin: "VF1AAAAA555777404",
    profile: { chargingPower: 11, batteryKwh: 52, hvacMinutes: 15 },
  },
  capturLpg: {
    file: "captur_ii.2.json",
    modelCode: "XJB2SU",
    label: "CAPTUR",
    vin: "VF1AAAAA555777405",
    profile: PETROL,
  },
  meganeEstate: {
    file: "captur_ii.1.json",
    modelCode: "XFB2BK",
    label: "MEGANE ESTATE E-TECH PLUG-IN",
    vin: "VF1AAAAA555777406",
    profile: { chargingPower: 3.7, batteryKwh: 10 },
  },
  meganeSrp: {
    file: "megane_e-tech.1.json",
    modelCode: "XCB1VE",
    label: "MEGANE E-TECH",
    vin: "VF1AAAAA555777407",
    profile: { chargingPower: 7.4, batteryKwh: 60 },
    remoteProtocol: "SRP",
  },
} as const satisfies Record<string, NewModelCar>;

/** The VIN of each car of the `newModels` account, e.g. `NEW_MODEL_VINS.bigster`. */
export const NEW_MODEL_VINS: Readonly<Record<keyof typeof CARS, string>> = Object.freeze(
  Object.fromEntries(Object.entries(CARS).map(([name, car]) => [name, car.vin])) as Record<
    keyof typeof CARS,
    string
  >,
);

/** Adds the `newModels` account and its cars to a world. */
export function addNewModels(world: World): void {
  addAccount(world, NEW_MODELS_ACCOUNT_ID, "FR");
  for (const car of Object.values(CARS) as readonly NewModelCar[]) {
    const vehicle = addModelCar(world, NEW_MODELS_ACCOUNT_ID, car, car.profile);
    if (car.remoteProtocol !== undefined) vehicle.state.remoteProtocol = car.remoteProtocol;
  }
}
