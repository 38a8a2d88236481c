/**
 * The models and routes protocol-additions.md added (issue 15.1), on the wire: each route a
 * vehicle method takes on one of the simulator's 2026 cars (option `newModels`), with the method,
 * path and body that went out and the car's answer; each documented refusal refused before
 * anything is sent.
 */
import { describe, expect, test } from "vitest";
import { EndpointNotAvailableError, RenaultClient, type RenaultVehicle } from "../src/index.js";
import { NEW_MODEL_VINS, NEW_MODELS_ACCOUNT_ID } from "../src/simulator/models-2026.js";
import type { Simulator } from "../src/simulator/server.js";
import { loggedInSession, requestsTo, useSimulator } from "./support/sim.js";

type NewCar = keyof typeof NEW_MODEL_VINS;

interface Car {
  readonly sim: Simulator;
  readonly vehicle: RenaultVehicle;
  readonly sent: () => ReturnType<typeof requestsTo>;
  readonly path: (leaf: string) => string;
}

async function car(name: NewCar | "zoe50"): Promise<Car> {
  const sim = await useSimulator({ newModels: true });
  const accountId = name === "zoe50" ? sim.demo.renaultAccountId : NEW_MODELS_ACCOUNT_ID;
  const vin = name === "zoe50" ? sim.demo.vins.zoe50 : NEW_MODEL_VINS[name];
  const client = new RenaultClient({ session: await loggedInSession(sim) });
  const vehicle = (await client.account(accountId).getVehicles()).find((found) => found.vin === vin);
  if (vehicle === undefined) throw new Error(`no ${name} in the simulator`);
  const since = sim.requests.length;
  return {
    sim,
    vehicle,
    sent: () => requestsTo(sim, "kamereon", since),
    path: (leaf) => `/commerce/v1/accounts/${accountId}/kamereon/${leaf.replaceAll("{vin}", vin)}`,
  };
}

const wire = (requests: ReturnType<typeof requestsTo>) =>
  requests.map(({ method, path, json }) => ({ method, path, json }));

const KCA = "kca/car-adapter/v1/cars/{vin}";
const KCM = "kcm/v1/vehicles/{vin}";

/** Calls `act` and expects it refused before sending. */
async function refused({ vehicle, sent }: Car, act: (vehicle: RenaultVehicle) => Promise<unknown>) {
  await expect(act(vehicle)).rejects.toBeInstanceOf(EndpointNotAvailableError);
  expect(sent()).toEqual([]);
}

describe("X102VE (ZOE phase 2)", () => {
  test("charge start goes through KCM charge/start", async () => {
    const zoe = await car("zoe50");
    await expect(zoe.vehicle.startCharge()).resolves.toMatchObject({ via: "kcm" });
    expect(wire(zoe.sent())).toEqual([
      {
        method: "POST",
        path: zoe.path(`${KCM}/charge/start`),
        json: { data: { type: "ChargingStart", attributes: { action: "start" } } },
      },
    ]);
  });

  test("a delayed start keeps the ordinary format, seconds and no milliseconds", async () => {
    const zoe = await car("zoe50");
    const when = new Date(Date.now() + 3_600_000);
    when.setUTCSeconds(17, 456);
    await zoe.vehicle.startCharge({ when });
    const [request] = wire(zoe.sent());
    expect(request?.json).toEqual({
      data: {
        type: "ChargingStart",
        attributes: { action: "start", startDateTime: when.toISOString().replace(/\.\d{3}Z$/, "Z") },
      },
    });
    expect(JSON.stringify(request?.json)).toMatch(/"startDateTime":"\d{4}-\d\d-\d\dT\d\d:\d\d:17Z"/);
  });

  test("charge stop is a KCM start 24 h ahead, written YYYY-MM-DDTHH:MM:00.000Z", async () => {
    const zoe = await car("zoe50");
    const before = Date.now();
    await expect(zoe.vehicle.stopCharge()).resolves.toMatchObject({ via: "kcm" });
    const after = Date.now();
    const [request, ...more] = wire(zoe.sent());
    expect(more).toEqual([]);
    expect(request).toMatchObject({ method: "POST", path: zoe.path(`${KCM}/charge/start`) });
    const attributes = (request?.json as { data: { type: string; attributes: Record<string, string> } }).data;
    expect(attributes.type).toBe("ChargingStart");
    expect(Object.keys(attributes.attributes).sort()).toEqual(["action", "startDateTime"]);
    expect(attributes.attributes.action).toBe("start");
    const text = attributes.attributes.startDateTime!;
    expect(text).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:00\.000Z$/);
    const day = 24 * 3_600_000;
    // Truncated to the minute: at most a minute before now + 24 h, never after.
    expect(Date.parse(text)).toBeGreaterThan(before + day - 60_000);
    expect(Date.parse(text)).toBeLessThanOrEqual(after + day);
    // The car took it as a planned start: the charge in progress ends.
    expect(zoe.sim.world.vehicle(zoe.vehicle.vin).attributes("charging-settings")).toMatchObject({
      mode: "delayed",
      startDateTime: text,
    });
  });
});

describe("XCB1SE (Scenic E-Tech)", () => {
  test("charge start is a read-modify-write of KCM ev/settings, every program off", async () => {
    const scenic = await car("scenic");
    const result = await scenic.vehicle.startCharge();
    expect(result.via).toBe("kcm-settings");
    const requests = wire(scenic.sent());
    expect(requests.map(({ method, path }) => `${method} ${path}`)).toEqual([
      `GET ${scenic.path(`${KCM}/ev/settings`)}`,
      `POST ${scenic.path(`${KCM}/ev/settings`)}`,
    ]);
    const posted = requests[1]?.json as { programs?: { programActivationStatus: boolean }[] };
    expect(posted.programs?.length).toBeGreaterThan(0);
    expect(posted.programs?.every((program) => !program.programActivationStatus)).toBe(true);
  });

  test("charge stop, charging-settings and pressure are refused before sending", async () => {
    const scenic = await car("scenic");
    await refused(scenic, (vehicle) => vehicle.stopCharge());
    await refused(scenic, (vehicle) => vehicle.getChargingSettings());
    await refused(scenic, (vehicle) => vehicle.getTyrePressure());
  });

  test("soc-levels, horn, lights and HVAC start take their default routes", async () => {
    const scenic = await car("scenic");
    await expect(scenic.vehicle.getSocLevels()).resolves.toHaveProperty("socTarget");
    await scenic.vehicle.honkHorn();
    await scenic.vehicle.flashLights();
    await scenic.vehicle.startHvac(21);
    expect(wire(scenic.sent())).toEqual([
      { method: "GET", path: scenic.path(`${KCM}/ev/soc-levels`), json: undefined },
      {
        method: "POST",
        path: scenic.path(`${KCA}/actions/horn-lights`),
        json: { data: { type: "HornLights", attributes: { action: "start", target: "horn" } } },
      },
      {
        method: "POST",
        path: scenic.path(`${KCA}/actions/horn-lights`),
        json: { data: { type: "HornLights", attributes: { action: "start", target: "lights" } } },
      },
      {
        method: "POST",
        path: scenic.path(`${KCA}/actions/hvac-start`),
        json: { data: { type: "HvacStart", attributes: { action: "start", targetTemperature: 21 } } },
      },
    ]);
  });
});

describe("XCB1VE (Megane E-Tech)", () => {
  test("HVAC stop is sent as `stop`", async () => {
    const sim = await useSimulator();
    const client = new RenaultClient({ session: await loggedInSession(sim) });
    const vin = sim.demo.vins.megane;
    const account = client.account(sim.demo.renaultAccountId);
    const megane = (await account.getVehicles()).find((found) => found.vin === vin)!;
    const since = sim.requests.length;
    await megane.stopHvac();
    expect(wire(requestsTo(sim, "kamereon", since))).toEqual([
      {
        method: "POST",
        path: `/commerce/v1/accounts/${sim.demo.renaultAccountId}/kamereon/${KCA.replace("{vin}", vin)}/actions/hvac-start`,
        json: { data: { type: "HvacStart", attributes: { action: "stop" } } },
      },
    ]);
  });
});

describe("refresh-location on its default route", () => {
  test.each(["a290", "espace"] as const)("%s", async (name) => {
    const model = await car(name);
    await model.vehicle.refreshLocation();
    expect(wire(model.sent())).toEqual([
      {
        method: "POST",
        path: model.path(`${KCA}/actions/refresh-location`),
        json: { data: { type: "RefreshLocation" } },
      },
    ]);
  });
});

describe("XHN1ML (Espace VI)", () => {
  test("no charge start or stop, no alerts", async () => {
    const espace = await car("espace");
    await refused(espace, (vehicle) => vehicle.startCharge());
    await refused(espace, (vehicle) => vehicle.stopCharge());
    await refused(espace, (vehicle) => vehicle.getAlerts());
  });
});

describe("BD11SL (Dacia Bigster)", () => {
  test("cockpit and location on their default routes", async () => {
    const bigster = await car("bigster");
    await expect(bigster.vehicle.getCockpit()).resolves.toBeTypeOf("object");
    await expect(bigster.vehicle.getLocation()).resolves.toBeTypeOf("object");
    expect(wire(bigster.sent()).map(({ method, path }) => `${method} ${path}`)).toEqual([
      `GET ${bigster.path(`${KCA}/cockpit`)}`,
      `GET ${bigster.path(`${KCA}/location`)}`,
    ]);
  });

  test("what the owner saw refused is refused before sending", async () => {
    const bigster = await car("bigster");
    await refused(bigster, (vehicle) => vehicle.startCharge());
    await refused(bigster, (vehicle) => vehicle.honkHorn());
    await refused(bigster, (vehicle) => vehicle.getBatteryStatus());
    await refused(bigster, (vehicle) => vehicle.getNotificationSettings());
    await refused(bigster, (vehicle) =>
      vehicle.getHvacHistory({ start: new Date(), end: new Date(), period: "day" }),
    );
  });
});

describe("XJB2SU (Captur II LPG)", () => {
  test("horn and lights on their default route; charge, HVAC and battery refused", async () => {
    const captur = await car("capturLpg");
    await captur.vehicle.honkHorn();
    await captur.vehicle.flashLights();
    expect(wire(captur.sent()).map(({ method, path }) => `${method} ${path}`)).toEqual([
      `POST ${captur.path(`${KCA}/actions/horn-lights`)}`,
      `POST ${captur.path(`${KCA}/actions/horn-lights`)}`,
    ]);
    const again = await car("capturLpg");
    await refused(again, (vehicle) => vehicle.startCharge());
    await refused(again, (vehicle) => vehicle.startHvac(20));
    await refused(again, (vehicle) => vehicle.getBatteryStatus());
    await refused(again, (vehicle) => vehicle.getChargeMode());
  });
});

describe("XFB2BK (Megane IV estate plug-in hybrid)", () => {
  test("charge start on KCA charging-start; battery and charging-settings by default", async () => {
    const estate = await car("meganeEstate");
    await expect(estate.vehicle.startCharge()).resolves.toMatchObject({ via: "kca" });
    await estate.vehicle.getBatteryStatus();
    await estate.vehicle.getChargingSettings();
    expect(wire(estate.sent())).toEqual([
      {
        method: "POST",
        path: estate.path(`${KCA}/actions/charging-start`),
        json: { data: { type: "ChargingStart", attributes: { action: "start" } } },
      },
      { method: "GET", path: estate.path("kca/car-adapter/v2/cars/{vin}/battery-status"), json: undefined },
      { method: "GET", path: estate.path(`${KCA}/charging-settings`), json: undefined },
    ]);
  });

  test("horn, lights and HVAC settings refused before sending", async () => {
    const estate = await car("meganeEstate");
    await refused(estate, (vehicle) => vehicle.honkHorn());
    await refused(estate, (vehicle) => vehicle.flashLights());
    await refused(estate, (vehicle) => vehicle.getHvacSettings());
  });
});
