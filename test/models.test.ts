import { readdirSync } from "node:fs";
import type * as v from "valibot";
import { describe, expect, test } from "vitest";
import { ChargeState, InvalidResponseError, PlugState, type VehicleDetails } from "../src/index.js";
import {
  brandLabel,
  chargeDurationMinutes,
  chargeStateLabel,
  chargingPowerKw,
  energyCode,
  gatewayReportsChargingPowerInWatts,
  modelCode,
  modelLabel,
  pictureUrl,
  plugStateLabel,
  positionOf,
  reportsChargeSessionDurationsInMinutes,
  reportsChargingPowerInWatts,
  usesElectricity,
  usesFuel,
} from "../src/models.js";
import { supportsEndpoint } from "../src/registry/index.js";
import {
  AccountVehiclesSchema,
  AlertsSchema,
  ContractsSchema,
  PersonSchema,
} from "../src/kamereon/models/account.js";
import {
  BatterySocSchema,
  BatteryStatusSchema,
  SocLevelsActionSchema,
} from "../src/kamereon/models/battery.js";
import {
  ChargeHistorySchema,
  ChargeModeSchema,
  ChargesSchema,
  ChargingSettingsSchema,
  EvSettingsSchema,
  KcaChargeScheduleSchema,
} from "../src/kamereon/models/charge.js";
import { parse, parseAction, parseAttributes } from "../src/kamereon/models/common.js";
import { CarAdapterSchema, VehicleDetailsSchema } from "../src/kamereon/models/details.js";
import {
  HvacHistorySchema,
  HvacSessionsSchema,
  HvacSettingsSchema,
  HvacStatusSchema,
} from "../src/kamereon/models/hvac.js";
import { LocationSchema } from "../src/kamereon/models/location.js";
import {
  CockpitSchema,
  LockStatusSchema,
  NotificationSettingsSchema,
  ResStateSchema,
  TyrePressureSchema,
} from "../src/kamereon/models/status.js";
import { FIXTURES_DIR, loadFixture } from "../src/simulator/fixtures.js";

const files = (directory: string) => readdirSync(`${FIXTURES_DIR}/kamereon/${directory}`).sort();

/** Which schema reads each `vehicle_data` fixture (by the endpoint part of its name). */
const DATA_SCHEMAS: Readonly<Record<string, v.GenericSchema>> = {
  "battery-status": BatteryStatusSchema,
  "charge-history": ChargeHistorySchema,
  "charge-mode": ChargeModeSchema,
  "charge-schedule": KcaChargeScheduleSchema,
  charges: ChargesSchema,
  "charging-settings": ChargingSettingsSchema,
  cockpit: CockpitSchema,
  "hvac-history": HvacHistorySchema,
  "hvac-sessions": HvacSessionsSchema,
  "hvac-settings": HvacSettingsSchema,
  "hvac-status": HvacStatusSchema,
  location: LocationSchema,
  "lock-status": LockStatusSchema,
  no_data: ChargeModeSchema,
  "notification-settings": NotificationSettingsSchema,
  pressure: TyrePressureSchema,
  "res-state": ResStateSchema,
};

function detailsOf(file: string): VehicleDetails {
  const list = parse(AccountVehiclesSchema, loadFixture(`kamereon/vehicles/${file}`), "vehicles");
  return list.vehicleLinks![0]!.vehicleDetails!;
}

describe("every fixture parses", () => {
  test.each(files("vehicle_data"))("vehicle_data/%s", (file) => {
    const key = file.startsWith("charges") ? "charges" : file.split(".")[0]!;
    const schema = DATA_SCHEMAS[key];
    expect(schema, file).toBeDefined();
    const raw = loadFixture(`kamereon/vehicle_data/${file}`) as { data: { attributes?: object } };
    const parsed = parseAttributes(schema!, raw, key);
    // Loose objects keep every field, known or not (they must reach --json).
    expect(parsed).toEqual(raw.data.attributes ?? {});
  });

  test.each(files("vehicle_kcm_data"))("vehicle_kcm_data/%s", (file) => {
    const raw = loadFixture(`kamereon/vehicle_kcm_data/${file}`);
    const schema = file.startsWith("ev-soc-levels") ? BatterySocSchema : EvSettingsSchema;
    expect(parse(schema, raw, file)).toEqual(raw);
  });

  test.each([...files("vehicle_action"), ...files("vehicle_kcm_action")])("action answer %s", (file) => {
    const directory = files("vehicle_action").includes(file) ? "vehicle_action" : "vehicle_kcm_action";
    const raw = loadFixture(`kamereon/${directory}/${file}`) as {
      data?: { type: string; id: string; attributes?: object };
    };
    if (raw.data) {
      expect(parseAction(raw, file)).toEqual({
        type: raw.data.type,
        id: "guid",
        attributes: raw.data.attributes ?? {},
      });
    } else {
      const schema = file.startsWith("ev-soc-levels") ? SocLevelsActionSchema : EvSettingsSchema;
      expect(parse(schema, raw, file)).toEqual(raw);
    }
  });

  test.each(files("vehicle_gateway"))("vehicle_gateway/%s", (file) => {
    const raw = loadFixture(`kamereon/vehicle_gateway/${file}`) as { data: { attributes: object } };
    expect(parseAttributes(CarAdapterSchema, raw, "car-adapter")).toEqual(raw.data.attributes);
  });

  test.each(files("vehicle_details"))("vehicle_details/%s", (file) => {
    const raw = loadFixture(`kamereon/vehicle_details/${file}`);
    const details = parse(VehicleDetailsSchema, raw, "details");
    expect(details).toEqual(raw);
    expect(modelCode(details)).toMatch(/^X/);
  });

  test.each(files("vehicles"))("vehicles/%s", (file) => {
    const raw = loadFixture(`kamereon/vehicles/${file}`);
    const list = parse(AccountVehiclesSchema, raw, "vehicles");
    expect(list).toEqual(raw);
    expect(list.vehicleLinks).toHaveLength(1);
  });

  test.each(files("vehicle_contract"))("vehicle_contract/%s (array wrapped as contractList)", (file) => {
    const raw = loadFixture(`kamereon/vehicle_contract/${file}`) as unknown[];
    const contracts = parse(ContractsSchema, { contractList: raw }, "contracts").contractList!;
    expect(contracts).toEqual(raw);
    expect(contracts.length).toBeGreaterThan(5);
  });

  test("vehicle_info/alerts.json (array wrapped as data) and person.json", () => {
    const alerts = loadFixture("kamereon/vehicle_info/alerts.json") as unknown[];
    const parsed = parse(AlertsSchema, { data: alerts }, "alerts").data!;
    expect(parsed[0]).toMatchObject({ alertCode: "crashairbagmalfunction", criticity: 3 });
    expect(parsed[0]).toHaveProperty("longDescription", "WARNING: Check Airbag");
    const person = parse(PersonSchema, loadFixture("kamereon/person.json"), "person");
    expect(person.accounts?.map((account) => account.accountId)).toEqual(["account-id-1", "account-id-2"]);
    expect(person).toHaveProperty("locale", "fr-FR");
  });
});

describe("parsing is lenient where the API drifts", () => {
  test("a document without attributes, or without data, gives an empty object", () => {
    expect(parseAttributes(ChargeModeSchema, loadFixture("kamereon/vehicle_data/no_data.json"), "x")).toEqual(
      {},
    );
    expect(parseAttributes(BatteryStatusSchema, {}, "x")).toEqual({});
    expect(parseAttributes(BatteryStatusSchema, { data: null }, "x")).toEqual({});
    expect(parseAction({ data: { type: "RefreshLocation", id: "guid" } }, "x")).toEqual({
      type: "RefreshLocation",
      id: "guid",
      attributes: {},
    });
  });

  test("hvacStatus may be a number, res-state code a number, and null stands for missing", () => {
    const status = parseAttributes(
      HvacStatusSchema,
      { data: { attributes: { hvacStatus: 1 } } },
      "hvac-status",
    );
    expect(status.hvacStatus).toBe(1);
    const res = parseAttributes(ResStateSchema, { data: { attributes: { code: 10 } } }, "res-state");
    expect(res.code).toBe(10);
    const battery = parseAttributes(
      BatteryStatusSchema,
      { data: { attributes: { batteryLevel: null } } },
      "b",
    );
    expect(battery.batteryLevel).toBeNull();
  });

  test("unknown enum values are kept as they are", () => {
    const mode = parseAttributes(
      ChargeModeSchema,
      { data: { attributes: { chargeMode: "turbo_mode" } } },
      "m",
    );
    expect(mode.chargeMode).toBe("turbo_mode");
    const battery = parseAttributes(
      BatteryStatusSchema,
      { data: { attributes: { chargingStatus: -9.9, plugStatus: 7 } } },
      "battery-status",
    );
    expect(battery).toEqual({ chargingStatus: -9.9, plugStatus: 7 });
    expect(chargeStateLabel(battery.chargingStatus)).toBeUndefined();
    expect(plugStateLabel(battery.plugStatus)).toBeUndefined();
  });

  test("a field of the wrong type becomes InvalidResponseError naming the endpoint", () => {
    const bad = { data: { attributes: { batteryLevel: "fifty" } } };
    expect(() => parseAttributes(BatteryStatusSchema, bad, "battery-status")).toThrow(InvalidResponseError);
    try {
      parseAttributes(BatteryStatusSchema, bad, "battery-status");
    } catch (error) {
      expect(error).toMatchObject({ endpoint: "battery-status", name: "InvalidResponseError" });
      expect((error as Error).message).toContain("batteryLevel");
    }
    expect(() => parseAttributes(BatteryStatusSchema, [1, 2], "x")).toThrow(InvalidResponseError);
    expect(() => parseAttributes(BatteryStatusSchema, { data: { attributes: "x" } }, "x")).toThrow(
      InvalidResponseError,
    );
    expect(() => parseAction("text", "x")).toThrow(InvalidResponseError);
  });
});

describe("charge and plug state labels", () => {
  test("read the fixtures", () => {
    const read = (file: string) =>
      parseAttributes(BatteryStatusSchema, loadFixture(`kamereon/vehicle_data/${file}`), "battery-status");
    expect(chargeStateLabel(read("battery-status.1.json").chargingStatus)).toBe("CHARGE_ERROR");
    expect(plugStateLabel(read("battery-status.1.json").plugStatus)).toBe("UNPLUGGED");
    expect(chargeStateLabel(read("battery-status.2.json").chargingStatus)).toBe("CHARGE_IN_PROGRESS");
    expect(plugStateLabel(read("battery-status.2.json").plugStatus)).toBe("PLUGGED");
    expect(chargeStateLabel(read("battery-status.renault_5.json").chargingStatus)).toBe("NOT_IN_CHARGE");
  });

  test("map every known value back to its name, and absent values to undefined", () => {
    for (const [name, value] of Object.entries(ChargeState)) expect(chargeStateLabel(value)).toBe(name);
    for (const [name, value] of Object.entries(PlugState)) expect(plugStateLabel(value)).toBe(name);
    expect(chargeStateLabel(JSON.parse("-1.1") as number)).toBe("UNAVAILABLE");
    expect(chargeStateLabel(undefined)).toBeUndefined();
    expect(plugStateLabel(null)).toBeUndefined();
  });
});

describe("unit helpers", () => {
  test("charging power is in kW whatever the model reports", () => {
    const zoe40 = detailsOf("zoe_40.1.json");
    const zoe50 = detailsOf("zoe_50.1.json");
    expect(reportsChargingPowerInWatts(zoe40)).toBe(true);
    expect(reportsChargingPowerInWatts(zoe50)).toBe(false);
    expect(chargingPowerKw({ chargingInstantaneousPower: 27.0 }, reportsChargingPowerInWatts(zoe50))).toBe(
      27,
    );
    expect(chargingPowerKw({ chargingInstantaneousPower: 7400 }, reportsChargingPowerInWatts(zoe40))).toBe(
      7.4,
    );
    const battery1 = parseAttributes(
      BatteryStatusSchema,
      loadFixture("kamereon/vehicle_data/battery-status.1.json"),
      "b",
    );
    expect(chargingPowerKw(battery1, true)).toBeUndefined();
  });

  test("the GDC gateway reports watts, the others kW", () => {
    const gateway = (file: string) =>
      parseAttributes(CarAdapterSchema, loadFixture(`kamereon/vehicle_gateway/${file}`), "car-adapter");
    expect(gatewayReportsChargingPowerInWatts(gateway("zoe_40.1.json"))).toBe(true);
    for (const file of ["zoe_50.1.json", "spring.1.json", "twingo_ze.1.json", "duster.1.json"]) {
      expect(gatewayReportsChargingPowerInWatts(gateway(file)), file).toBe(false);
    }
    expect(gatewayReportsChargingPowerInWatts({})).toBe(false);
  });

  test("charge-session durations are in minutes whatever the model reports", () => {
    const sessions = (file: string) =>
      parseAttributes(ChargesSchema, loadFixture(`kamereon/vehicle_data/${file}`), "charges").charges!;
    const spanMinutes = (session: {
      chargeStartDate?: string | null | undefined;
      chargeEndDate?: string | null | undefined;
    }) => (Date.parse(session.chargeEndDate!) - Date.parse(session.chargeStartDate!)) / 60_000;
    const zoe40 = reportsChargeSessionDurationsInMinutes(detailsOf("zoe_40.1.json"));
    const zoe50 = reportsChargeSessionDurationsInMinutes(detailsOf("zoe_50.1.json"));
    expect([zoe40, zoe50]).toEqual([true, false]);
    for (const [file, inMinutes] of [
      ["charges.json", zoe40],
      ["charges-zoe_50.json", zoe50],
    ] as const) {
      for (const session of sessions(file)) {
        expect(Math.abs(chargeDurationMinutes(session, inMinutes)! - spanMinutes(session))).toBeLessThan(1);
      }
    }
    expect(chargeDurationMinutes({ chargeDuration: 7182 }, false)).toBeCloseTo(119.7);
    expect(chargeDurationMinutes({}, false)).toBeUndefined();
  });

  test("the 91/181 'no fix' location is no position", () => {
    const location = parseAttributes(
      LocationSchema,
      loadFixture("kamereon/vehicle_data/location.2.json"),
      "l",
    );
    expect(positionOf(location)).toEqual({ latitude: 48.1234567, longitude: 11.1234567 });
    expect(positionOf({ gpsLatitude: 91, gpsLongitude: 181 })).toBeUndefined();
    expect(positionOf({ gpsLatitude: 91, gpsLongitude: 2 })).toBeUndefined();
    expect(positionOf({ gpsLatitude: null, gpsLongitude: 2 })).toBeUndefined();
    expect(positionOf({})).toBeUndefined();
    expect(positionOf({ gpsLatitude: -90, gpsLongitude: -180 })).toEqual({ latitude: -90, longitude: -180 });
  });
});

describe("vehicle details helpers", () => {
  const specs = loadFixture("kamereon/expected_specs.json") as Record<string, Record<string, unknown>>;

  test.each(Object.entries(specs))("match expected_specs.json for %s", (file, expected) => {
    const details = detailsOf(file);
    expect({
      get_brand_label: brandLabel(details),
      get_energy_code: energyCode(details),
      get_model_code: modelCode(details),
      get_model_label: modelLabel(details),
      get_picture_small: pictureUrl(details, "small"),
      get_picture_large: pictureUrl(details, "large"),
      reports_charging_power_in_watts: reportsChargingPowerInWatts(details),
      uses_electricity: usesElectricity(details),
      uses_fuel: usesFuel(details),
      "supports-hvac-status": supportsEndpoint(details, "hvac-status"),
      "supports-location": supportsEndpoint(details, "location"),
    }).toEqual(Object.fromEntries(Object.entries(expected).filter(([key]) => key !== "charge-uses-kcm")));
    expect(pictureUrl(details)).toBe(expected.get_picture_large);
  });

  test("cover every vehicle fixture that has a model", () => {
    expect(Object.keys(specs).sort()).toEqual(
      files("vehicles").filter((file) => !["renault_5.1.json"].includes(file)),
    );
  });

  test("return undefined rather than throw when something is missing", () => {
    const bare = parse(VehicleDetailsSchema, {}, "details");
    expect([brandLabel(bare), modelCode(bare), modelLabel(bare), energyCode(bare)]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    expect(pictureUrl(bare)).toBeUndefined();
    expect(pictureUrl({ assets: [{ assetType: "VIDEO", renditions: [{ url: "x" }] }] })).toBeUndefined();
    expect(pictureUrl({ assets: [{ assetType: "PICTURE", renditions: null }] }, "small")).toBeUndefined();
    expect(usesElectricity(bare)).toBe(false);
    expect(usesFuel(bare)).toBe(false);
    expect(reportsChargingPowerInWatts(bare)).toBe(false);
    expect(reportsChargeSessionDurationsInMinutes({ model: { code: "hasOwnProperty" } })).toBe(false);
  });

  test("read energy from engineEnergyType first, then the energy code", () => {
    const master = parse(VehicleDetailsSchema, loadFixture("kamereon/vehicle_details/master_iv.1.json"), "d");
    expect(master.engineEnergyType).toBeUndefined();
    expect([usesElectricity(master), usesFuel(master)]).toEqual([true, false]);
    const captur2 = detailsOf("captur_ii.2.json");
    expect([energyCode(captur2), captur2.engineEnergyType]).toEqual(["ESS", "PHEV"]);
    expect([usesElectricity(captur2), usesFuel(captur2)]).toEqual([true, true]);
    expect(usesFuel({ engineEnergyType: "", energy: { code: "ELEC" } })).toBe(false);
    expect(usesElectricity({ engineEnergyType: "", energy: { code: "ELEC" } })).toBe(true);
  });

  test("read the Renault 5, which expected_specs.json lacks", () => {
    const r5 = detailsOf("renault_5.1.json");
    expect([brandLabel(r5), modelCode(r5), usesElectricity(r5)]).toEqual(["RENAULT", "R5E1VE", true]);
    expect(pictureUrl(r5, "small")).toMatch(/^https:/);
  });
});
