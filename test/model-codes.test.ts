/**
 * Open enums: real fixtures, read by the real parsers, with their codes as the server sends them
 * and replaced by values the library does not know; the unknown ones must survive parsing and be
 * shown as they came.
 */
import { describe, expect, test } from "vitest";
import { ChargeState, PlugState, rawPayload, type CodeFamily } from "../src/index.js";
import {
  CODE_FAMILIES,
  chargeStateLabel,
  codeLabel,
  codeName,
  isKnownCode,
  plugStateLabel,
} from "../src/models.js";
import { PersonSchema, ContractsSchema } from "../src/kamereon/models/account.js";
import { BatteryStatusSchema } from "../src/kamereon/models/battery.js";
import {
  ChargeModeSchema,
  ChargesSchema,
  ChargingSettingsSchema,
  EvSettingsSchema,
} from "../src/kamereon/models/charge.js";
import { parse, parseAttributes } from "../src/kamereon/models/common.js";
import { CarAdapterSchema } from "../src/kamereon/models/details.js";
import { HvacStatusSchema } from "../src/kamereon/models/hvac.js";
import { LockStatusSchema } from "../src/kamereon/models/status.js";
import { loadFixture } from "../src/simulator/fixtures.js";
import { RenaultVehicle } from "../src/vehicle.js";
import { loggedInSession, requestsTo, useSimulator } from "./support/sim.js";

type Document = { data: { attributes: Record<string, unknown> } };

/** A `vehicle_data` fixture with some attributes replaced. */
function fixtureWith(file: string, changes: Readonly<Record<string, unknown>>): Document {
  const document = loadFixture(`kamereon/vehicle_data/${file}`) as Document;
  Object.assign(document.data.attributes, changes);
  return document;
}

describe("codes the library knows", () => {
  test("the fixtures' codes are known and named", () => {
    const battery = parseAttributes(
      BatteryStatusSchema,
      loadFixture("kamereon/vehicle_data/battery-status.2.json"),
      "b",
    );
    expect(codeLabel("plugStatus", battery.plugStatus)).toBe("PLUGGED");
    expect(codeLabel("chargingStatus", battery.chargingStatus)).toBe("CHARGE_IN_PROGRESS");
    const mode = parseAttributes(
      ChargeModeSchema,
      loadFixture("kamereon/vehicle_data/charge-mode.json"),
      "m",
    );
    expect(codeLabel("chargeMode", mode.chargeMode)).toBe("ALWAYS");
    const hvac = parseAttributes(
      HvacStatusSchema,
      loadFixture("kamereon/vehicle_data/hvac-status.zoe.json"),
      "h",
    );
    expect(isKnownCode("hvacStatus", hvac.hvacStatus)).toBe(true);
    const lock = parseAttributes(
      LockStatusSchema,
      loadFixture("kamereon/vehicle_data/lock-status.2.json"),
      "l",
    );
    expect(codeLabel("lockStatus", lock.lockStatus)).toBe("UNLOCKED");
    expect(codeLabel("openingStatus", lock.doorStatusDriver)).toBe("CLOSED");
    const endings = ["charges.json", "charges-zoe_50.json"].flatMap(
      (file) =>
        parseAttributes(ChargesSchema, loadFixture(`kamereon/vehicle_data/${file}`), "c").charges?.map(
          (session) => codeLabel("chargeEndStatus", session.chargeEndStatus),
        ) ?? [],
    );
    expect(new Set(endings)).toEqual(new Set(["OK", "ERROR"]));
    const ev = parse(EvSettingsSchema, loadFixture("kamereon/vehicle_kcm_data/ev-settings.single.json"), "e");
    expect(codeLabel("evChargeMode", ev.chargeModeRq)).toBe("SCHEDULED");
    expect(codeLabel("evProgramType", ev.programs?.[0]?.programType)).toBe("CHARGE_AND_PRECONDITIONING");
    const adapter = parseAttributes(
      CarAdapterSchema,
      loadFixture("kamereon/vehicle_gateway/zoe_40.1.json"),
      "a",
    );
    expect(codeLabel("privacyMode", adapter.privacyMode)).toBe("OFF");
    const person = parse(PersonSchema, loadFixture("kamereon/person.json"), "p");
    expect(person.accounts?.map((account) => codeLabel("accountType", account.accountType))).toEqual([
      "MYRENAULT",
      "SFDC",
    ]);
    const contracts = parse(
      ContractsSchema,
      { contractList: loadFixture("kamereon/vehicle_contract/fr_FR.1.json") },
      "contracts",
    );
    expect(contracts.contractList?.every((contract) => isKnownCode("contractStatus", contract.status))).toBe(
      true,
    );
  });

  test("the new values of protocol-additions are known: delegated charge mode", () => {
    const settings = parseAttributes(
      ChargingSettingsSchema,
      fixtureWith("charging-settings.single.json", { mode: "delegated" }),
      "charging-settings",
    );
    expect(settings.mode).toBe("delegated");
    expect(isKnownCode("chargeMode", settings.mode)).toBe(true);
    expect(codeLabel("chargeMode", settings.mode)).toBe("DELEGATED");
    const ev = parse(
      EvSettingsSchema,
      {
        ...(loadFixture("kamereon/vehicle_kcm_data/ev-settings.single.json") as object),
        delegatedActivated: true,
      },
      "ev/settings",
    );
    expect(ev.delegatedActivated).toBe(true);
  });

  test("every known value of every family maps back to its name", () => {
    for (const [family, table] of Object.entries(CODE_FAMILIES) as [
      CodeFamily,
      Record<string, string | number>,
    ][]) {
      for (const [name, value] of Object.entries(table)) {
        expect(codeName(family, value)).toBe(name);
        expect(codeLabel(family, value)).toBe(name);
        expect(isKnownCode(family, value)).toBe(true);
      }
    }
    expect(CODE_FAMILIES.plugStatus).toBe(PlugState);
    expect(CODE_FAMILIES.chargingStatus).toBe(ChargeState);
  });
});

describe("codes the library does not know", () => {
  test("an unknown numeric code survives parsing and is shown as it came", () => {
    const battery = parseAttributes(
      BatteryStatusSchema,
      fixtureWith("battery-status.2.json", { plugStatus: 7, chargingStatus: -1.7 }),
      "battery-status",
    );
    expect(battery.plugStatus).toBe(7);
    expect(battery.chargingStatus).toBe(-1.7);
    expect(codeLabel("plugStatus", battery.plugStatus)).toBe("7");
    expect(codeLabel("chargingStatus", battery.chargingStatus)).toBe("-1.7");
    expect(isKnownCode("plugStatus", battery.plugStatus)).toBe(false);
    expect(codeName("plugStatus", battery.plugStatus)).toBeUndefined();
    // The older helpers keep their contract: a name, or undefined for a value they do not know.
    expect(plugStateLabel(battery.plugStatus)).toBeUndefined();
    expect(chargeStateLabel(battery.chargingStatus)).toBeUndefined();
    expect(battery.batteryLevel).toBe(60);
  });

  test("unknown text codes survive parsing and are shown as they came", () => {
    const mode = parseAttributes(
      ChargeModeSchema,
      fixtureWith("charge-mode.json", { chargeMode: "eco_v2g" }),
      "m",
    );
    expect(codeLabel("chargeMode", mode.chargeMode)).toBe("eco_v2g");
    const hvac = parseAttributes(
      HvacStatusSchema,
      fixtureWith("hvac-status.zoe.json", { hvacStatus: "pending" }),
      "h",
    );
    expect(codeLabel("hvacStatus", hvac.hvacStatus)).toBe("pending");
    const numeric = parseAttributes(
      HvacStatusSchema,
      fixtureWith("hvac-status.zoe.json", { hvacStatus: 1 }),
      "h",
    );
    expect(numeric.hvacStatus).toBe(1);
    expect(codeLabel("hvacStatus", numeric.hvacStatus)).toBe("1");
    const lock = parseAttributes(
      LockStatusSchema,
      fixtureWith("lock-status.2.json", { hatchStatus: "ajar" }),
      "l",
    );
    expect(codeLabel("openingStatus", lock.hatchStatus)).toBe("ajar");
  });

  test("absent codes have no label", () => {
    expect(codeLabel("plugStatus", undefined)).toBeUndefined();
    expect(codeLabel("chargeMode", null)).toBeUndefined();
    expect(isKnownCode("chargeMode", null)).toBe(false);
  });

  test("a value that is only known in another family is unknown in this one", () => {
    expect(isKnownCode("lockStatus", "on")).toBe(false);
    expect(codeLabel("evChargeMode", "always")).toBe("always");
    expect(codeLabel("chargeMode", "ALWAYS")).toBe("ALWAYS");
    expect(isKnownCode("chargeMode", "ALWAYS")).toBe(false);
  });
});

describe("fields the server adds", () => {
  test("are kept, reachable through rawPayload, and the known fields are unchanged", () => {
    const document = fixtureWith("battery-status.2.json", { batteryHealth: 97, nested: { a: [1, 2] } });
    const battery = parseAttributes(BatteryStatusSchema, document, "battery-status");
    expect(rawPayload(battery)).toEqual(document.data.attributes);
    expect(rawPayload(battery)["batteryHealth"]).toBe(97);
    expect(rawPayload(battery)["nested"]).toEqual({ a: [1, 2] });
    // What the read cache and --json do: the added fields go through both.
    expect(rawPayload(structuredClone(battery))["batteryHealth"]).toBe(97);
    expect(JSON.parse(JSON.stringify(battery))).toEqual(document.data.attributes);
  });

  test("in nested models too", () => {
    const body = loadFixture("kamereon/vehicle_data/charging-settings.single.json") as Document;
    const schedules = body.data.attributes["schedules"] as Record<string, unknown>[];
    schedules[0]!["priority"] = "high";
    const settings = parseAttributes(ChargingSettingsSchema, body, "charging-settings");
    const first = settings.schedules?.[0];
    expect(first && rawPayload(first)["priority"]).toBe("high");
  });
});

describe("through the simulator and the read cache", () => {
  test("an unknown code and an added field come back as the car sent them, cached or not", async () => {
    const sim = await useSimulator();
    const vin = sim.demo.vins.zoe50;
    Object.assign(sim.world.vehicle(vin).attributes("battery-status"), { plugStatus: 3, batteryHealth: 97 });
    Object.assign(sim.world.vehicle(vin).attributes("charging-settings"), { mode: "delegated" });
    const vehicle = new RenaultVehicle({
      session: await loggedInSession(sim),
      accountId: sim.demo.renaultAccountId,
      vin,
      cache: { ttl: 60_000 },
    });
    const since = sim.requests.length;
    for (const round of [1, 2]) {
      const battery = await vehicle.getBatteryStatus();
      expect(battery.plugStatus, `round ${round}`).toBe(3);
      expect(codeLabel("plugStatus", battery.plugStatus)).toBe("3");
      expect(rawPayload(battery)["batteryHealth"]).toBe(97);
      const settings = await vehicle.getChargingSettings();
      expect(codeLabel("chargeMode", settings.mode)).toBe("DELEGATED");
    }
    // The second round came from the cache: one request per read.
    expect(
      requestsTo(sim, "kamereon", since)
        .map((request) => request.path.split("/").at(-1))
        .filter((leaf) => leaf === "battery-status" || leaf === "charging-settings"),
    ).toEqual(["battery-status", "charging-settings"]);
  });
});
