/**
 * The cars the simulator serves, built from the fixtures (real API answers contributed to
 * hacf-fr/renault-api). Each model picks the fixtures that came from that model where they exist,
 * and sensible stand-ins where they do not; the VINs are fake but keep the redaction rule of the
 * fixtures (`VF1AAAA…`, `UU1AAAA…` for the Dacia).
 */
import type { ReadName } from "./operations.js";

/** The demo cars, by short name. */
export type DemoModel = "zoe40" | "zoe50" | "megane" | "r5" | "spring" | "captur" | "clio";

/** How one car is built from fixtures and how it behaves. */
export interface VehicleProfile {
  /** File under `kamereon/vehicles/` giving the vehicle link and details. */
  readonly vehicle: string;
  /**
   * The car-adapter root: a file under `kamereon/vehicle_gateway/`, or such a file with some
   * attributes replaced (for models no gateway answer was contributed for).
   */
  readonly gateway:
    string | { readonly base: string; readonly attributes: Readonly<Record<string, unknown>> };
  /** File under `kamereon/vehicle_contract/` (an array). */
  readonly contracts: string;
  /** Fixtures (paths under `kamereon/`) replacing {@link DEFAULT_READS} for this car. */
  readonly reads: Readonly<Partial<Record<ReadName, string>>>;
  /**
   * Reads the matrix allows for the model but this car has no data for (a petrol Captur has no
   * battery): answered `err.func.wired.notFound` (404), as the real API does.
   */
  readonly noData: readonly ReadName[];
  /**
   * `chargingInstantaneousPower` reported while charging, in the car's own unit (watts for the
   * ZOE 40 / GDC gateway, kilowatts for the others; protocol §5.4).
   */
  readonly chargingPower: number;
  /** How long a remote HVAC start runs before the car stops it (docs/api-notes.md, C.4). @unit minutes */
  readonly hvacMinutes: number;
  /** Usable battery energy, for charging and driving over time. @default 52 @unit kWh */
  readonly batteryKwh?: number;
}

/** A demo car: its profile plus where it lives. */
export interface DemoProfile extends VehicleProfile {
  readonly model: DemoModel;
  /** Human name, e.g. `ZOE 40`. */
  readonly name: string;
  readonly vin: string;
  /** Which of the demo person's accounts holds it. */
  readonly account: "renault" | "dacia";
}

/** The fixture each read answers with when a car does not pick another one. */
export const DEFAULT_READS: Readonly<Record<Exclude<ReadName, "car-adapter">, string>> = {
  "battery-status": "vehicle_data/battery-status.1.json",
  "charge-history": "vehicle_data/charge-history.month.json",
  "charge-mode": "vehicle_data/charge-mode.json",
  "charge-schedule": "vehicle_data/charge-schedule.single.json",
  charges: "vehicle_data/charges.json",
  "charging-settings": "vehicle_data/charging-settings.always.json",
  cockpit: "vehicle_data/cockpit.zoe.json",
  "hvac-history": "vehicle_data/hvac-history.json",
  "hvac-sessions": "vehicle_data/hvac-sessions.json",
  "hvac-settings": "vehicle_data/hvac-settings.json",
  "hvac-status": "vehicle_data/hvac-status.zoe.json",
  location: "vehicle_data/location.1.json",
  "lock-status": "vehicle_data/lock-status.1.json",
  "notification-settings": "vehicle_data/notification-settings.json",
  pressure: "vehicle_data/pressure.json",
  "res-state": "vehicle_data/res-state.1.json",
  "soc-levels": "vehicle_kcm_data/ev-soc-levels.json",
  "ev-settings": "vehicle_kcm_data/ev-settings.single.json",
  alerts: "vehicle_info/alerts.json",
};

/** The profile of a car added from a vehicles fixture without a demo profile. */
export const DEFAULT_PROFILE: VehicleProfile = {
  vehicle: "zoe_40.1.json",
  gateway: "zoe_50.1.json",
  contracts: "fr_FR.1.json",
  reads: {},
  noData: [],
  chargingPower: 7.4,
  hvacMinutes: 10,
};

const petrolGateway = (attributes: Record<string, unknown>) => ({
  base: "duster.1.json",
  attributes: { region: "EU", deliveryCountry: "FR", registrationCountry: "FR", ...attributes },
});
const electricGateway = (attributes: Record<string, unknown>) => ({ base: "zoe_50.1.json", attributes });

/** The demo cars, in the order the accounts list them. */
export const DEMO_PROFILES: readonly DemoProfile[] = [
  {
    model: "zoe40",
    name: "ZOE 40",
    vin: "VF1AAAAA555777999",
    account: "renault",
    vehicle: "zoe_40.1.json",
    gateway: "zoe_40.1.json",
    contracts: "fr_FR.1.json",
    reads: {
      "battery-status": "vehicle_data/battery-status.1.json",
      cockpit: "vehicle_data/cockpit.zoe.json",
      "hvac-status": "vehicle_data/hvac-status.zoe.json",
      "charging-settings": "vehicle_data/charging-settings.single.json",
      "charge-schedule": "vehicle_data/charge-schedule.single.json",
      charges: "vehicle_data/charges.json",
    },
    noData: [],
    chargingPower: 7400,
    hvacMinutes: 10,
    batteryKwh: 41,
  },
  {
    model: "zoe50",
    name: "ZOE 50",
    vin: "VF1AAAAA555777050",
    account: "renault",
    vehicle: "zoe_50.1.json",
    gateway: "zoe_50.1.json",
    contracts: "fr_FR.2.json",
    reads: {
      "battery-status": "vehicle_data/battery-status.2.json",
      cockpit: "vehicle_data/cockpit.zoe_50.json",
      "hvac-status": "vehicle_data/hvac-status.zoe_50.json",
      location: "vehicle_data/location.2.json",
      "charging-settings": "vehicle_data/charging-settings.multi.json",
      charges: "vehicle_data/charges-zoe_50.json",
    },
    noData: [],
    chargingPower: 22,
    hvacMinutes: 10,
  },
  {
    model: "megane",
    name: "Megane E-Tech",
    vin: "VF1AAAAA123987456",
    account: "renault",
    vehicle: "megane_e-tech.2.json",
    gateway: electricGateway({
      modelCodeDetail: "XCB1VE",
      modelName: "MEGANE E-TECH",
      familyCode: "XCB",
      modelCode: "BCB",
      batteryCode: "BT60",
    }),
    contracts: "fr_FR.2.json",
    reads: {
      "battery-status": "vehicle_data/battery-status.1.json",
      cockpit: "vehicle_data/cockpit.zoe_50.json",
      "charging-settings": "vehicle_data/charging-settings.single.json",
    },
    noData: [],
    chargingPower: 7.4,
    hvacMinutes: 10,
    batteryKwh: 60,
  },
  {
    model: "r5",
    name: "Renault 5 E-Tech",
    vin: "VF1AAAA0000000000",
    account: "renault",
    vehicle: "renault_5.1.json",
    gateway: electricGateway({
      modelCodeDetail: "R5E1VE",
      modelName: "RENAULT 5",
      familyCode: "R5E",
      modelCode: "B5E",
      batteryCode: "BT52",
    }),
    contracts: "fr_FR.2.json",
    reads: {
      "battery-status": "vehicle_data/battery-status.renault_5.json",
      cockpit: "vehicle_data/cockpit.renault_5.json",
      "hvac-status": "vehicle_data/hvac-status.renault_5.json",
      "ev-settings": "vehicle_kcm_data/ev-settings.single.json",
    },
    noData: [],
    chargingPower: 11,
    hvacMinutes: 15,
  },
  {
    model: "spring",
    name: "Dacia Spring",
    vin: "UU1AAAAA555777999",
    account: "dacia",
    vehicle: "spring.1.json",
    gateway: "spring.1.json",
    contracts: "fr_FR.1.json",
    reads: {
      "battery-status": "vehicle_data/battery-status.1.json",
      cockpit: "vehicle_data/cockpit.spring.json",
      "hvac-status": "vehicle_data/hvac-status.spring.json",
      location: "vehicle_data/location.2.json",
    },
    noData: [],
    chargingPower: 6.6,
    hvacMinutes: 10,
    batteryKwh: 27,
  },
  {
    model: "captur",
    name: "Captur II (petrol)",
    vin: "VF1AAAAA555777123",
    account: "renault",
    vehicle: "captur_ii.1.json",
    gateway: petrolGateway({ modelCodeDetail: "XJB1SU", modelName: "CAPTUR", familyCode: "XJB" }),
    contracts: "fr_FR.1.json",
    reads: { cockpit: "vehicle_data/cockpit.captur_ii.json" },
    noData: ["battery-status", "charging-settings", "charges"],
    chargingPower: 0,
    hvacMinutes: 10,
  },
  {
    model: "clio",
    name: "Clio V (hybrid)",
    vin: "VF1AAAAA555777321",
    account: "renault",
    vehicle: "clio_v.1.json",
    gateway: petrolGateway({ modelCodeDetail: "XJA1VP", modelName: "CLIO", familyCode: "XJA" }),
    contracts: "fr_FR.1.json",
    reads: { cockpit: "vehicle_data/cockpit.captur_ii.json", location: "vehicle_data/location.2.json" },
    noData: [],
    chargingPower: 0,
    hvacMinutes: 10,
  },
];
