/**
 * The simulated cars' state, changed by actions and read back over real HTTP, through the
 * high-level client (RenaultClient → account → vehicle) where it exists and the raw session
 * otherwise; plus the commerce answers, body validation, the clock and the world accessors.
 */
import { expect, test } from "vitest";
import { RenaultClient } from "../src/client.js";
import {
  AccessDeniedError,
  ForbiddenError,
  InvalidInputError,
  KamereonError,
  PrivacyModeOnError,
  ResourceNotFoundError,
} from "../src/errors.js";
import type { RenaultSession } from "../src/session.js";
import type { Simulator, SimulatorOptions } from "../src/simulator/index.js";
import { loggedInSession, useSimulator } from "./support/sim.js";

const T0 = Date.parse("2026-03-01T12:00:00Z");
const MINUTE = 60_000;

interface Setup {
  sim: Simulator;
  session: RenaultSession;
  client: RenaultClient;
  clock: { now: number };
}

/** A simulator and a logged-in client sharing one injected clock. */
async function setup(options: SimulatorOptions = {}): Promise<Setup> {
  const clock = { now: T0 };
  const sim = await useSimulator({ now: () => clock.now, ...options });
  const session = await loggedInSession(sim, { now: () => clock.now, retry: false });
  return { sim, session, client: new RenaultClient({ session }), clock };
}

function vehicleOf({ sim, client }: Setup, model: keyof Simulator["demo"]["vins"]) {
  const car = sim.demo.models.find((entry) => entry.model === model)!;
  return client.account(car.accountId).vehicle(car.vin);
}

function carPath(sim: Simulator, model: keyof Simulator["demo"]["vins"], template: string): string {
  const car = sim.demo.models.find((entry) => entry.model === model)!;
  return `/commerce/v1/accounts/${car.accountId}/kamereon${template.replace("{vin}", car.vin)}`;
}

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

test("HVAC start turns hvac-status on and cancel turns it off; the actions are recorded", async () => {
  const context = await setup();
  const zoe = vehicleOf(context, "zoe40");
  expect(await zoe.getHvacStatus()).toMatchObject({ hvacStatus: "off" });
  await expect(zoe.startHvac(21)).resolves.toMatchObject({
    type: "HvacStart",
    id: "guid",
    attributes: { action: "start", targetTemperature: 21 },
  });
  expect(await zoe.getHvacStatus()).toMatchObject({ hvacStatus: "on", lastUpdateTime: iso(T0) });
  await zoe.stopHvac();
  expect(await zoe.getHvacStatus()).toMatchObject({ hvacStatus: "off" });
  const car = context.sim.world.vehicle(context.sim.demo.vins.zoe40);
  expect(car.state.actions.map(({ endpoint, key, body }) => [endpoint, key, body])).toEqual([
    [
      "actions/hvac-start",
      "actions/hvac-start",
      { data: { type: "HvacStart", attributes: { action: "start", targetTemperature: 21 } } },
    ],
    [
      "actions/hvac-start",
      "actions/hvac-stop",
      { data: { type: "HvacStart", attributes: { action: "cancel" } } },
    ],
  ]);
});

test("the R5 stops HVAC with action stop, and a running HVAC stops by itself after its run time", async () => {
  const context = await setup();
  const r5 = vehicleOf(context, "r5");
  await r5.startHvac(20);
  await r5.stopHvac();
  const sent = context.sim.requests.filter((request) => request.endpoint === "actions/hvac-start");
  expect(
    sent.map(
      (request) => (request.json as { data: { attributes: { action: string } } }).data.attributes.action,
    ),
  ).toEqual(["start", "stop"]);
  expect(await r5.getHvacStatus()).toMatchObject({ hvacStatus: "off" });

  await r5.startHvac(20);
  context.clock.now += 14 * MINUTE;
  expect(await r5.getHvacStatus()).toMatchObject({ hvacStatus: "on" });
  context.clock.now += 2 * MINUTE;
  // The R5 runs 15 minutes (field notes C.4), then reports off from that moment.
  expect(await r5.getHvacStatus()).toMatchObject({
    hvacStatus: "off",
    lastUpdateTime: iso(T0 + 15 * MINUTE),
  });
});

test("a planned HVAC start is reported, then runs at its time; a past start date is refused", async () => {
  const context = await setup();
  const zoe = vehicleOf(context, "zoe50");
  // The ZOE 50 fixture was captured with HVAC on: it stops after ten minutes.
  expect(await zoe.getHvacStatus()).toMatchObject({ hvacStatus: "on" });
  context.clock.now += 11 * MINUTE;
  expect(await zoe.getHvacStatus()).toMatchObject({ hvacStatus: "off" });

  const at = context.clock.now + 60 * MINUTE;
  await zoe.startHvac(19, { when: new Date(at) });
  expect(await zoe.getHvacStatus()).toMatchObject({ hvacStatus: "off", nextHvacStartDate: iso(at) });
  context.clock.now = at + MINUTE;
  const status = await zoe.getHvacStatus();
  expect(status).toMatchObject({ hvacStatus: "on", lastUpdateTime: iso(at) });
  expect(status.nextHvacStartDate ?? undefined).toBeUndefined();

  const error = await context.session
    .request("POST", carPath(context.sim, "zoe50", "/kca/car-adapter/v1/cars/{vin}/actions/hvac-start"), {
      body: {
        data: {
          type: "HvacStart",
          attributes: { action: "start", targetTemperature: 19, startDateTime: iso(T0) },
        },
      },
    })
    .catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(InvalidInputError);
  expect(error).toMatchObject({
    status: 400,
    details: "/data/attributes/startDateTime must be a future date",
  });
});

test("charge start and stop through KCA (ZOE 40) change chargingStatus and the power, in watts", async () => {
  const context = await setup();
  const zoe = vehicleOf(context, "zoe40");
  expect(await zoe.getBatteryStatus()).toMatchObject({
    chargingStatus: -1,
    plugStatus: 0,
    timestamp: iso(T0 - 5 * MINUTE),
  });
  context.clock.now += MINUTE;
  await expect(zoe.startCharge()).resolves.toMatchObject({
    via: "kca",
    result: { type: "ChargingStart", attributes: { action: "start" } },
  });
  expect(await zoe.getBatteryStatus()).toMatchObject({
    chargingStatus: 1,
    plugStatus: 1,
    chargingInstantaneousPower: 7400,
    timestamp: iso(T0 + MINUTE),
  });
  await zoe.stopCharge();
  expect(await zoe.getBatteryStatus()).toMatchObject({ chargingStatus: 0, chargingInstantaneousPower: 0 });
});

test("the ZOE 50 stops with a KCM start a day ahead and starts through KCM; the Spring pauses and resumes", async () => {
  const context = await setup();
  const zoe = vehicleOf(context, "zoe50");
  expect(await zoe.getBatteryStatus()).toMatchObject({ chargingStatus: 1 });
  // docs/models.md, X102VE: the pause is ignored on this car; a start planned 24 h ahead stops it.
  await expect(zoe.stopCharge()).resolves.toMatchObject({
    via: "kcm",
    result: { type: "ChargingStart" },
  });
  expect((await zoe.getBatteryStatus()).chargingStatus).not.toBe(1);
  await zoe.startCharge();
  expect(await zoe.getBatteryStatus()).toMatchObject({ chargingStatus: 1, chargingInstantaneousPower: 22 });
  expect(
    context.sim.requests
      .filter((r) => r.service === "kamereon" && r.method === "POST")
      .map((r) => r.endpoint),
  ).toEqual(["charge/start", "charge/start"]);

  const spring = vehicleOf(context, "spring");
  await spring.startCharge();
  expect(await spring.getBatteryStatus()).toMatchObject({
    chargingStatus: 1,
    chargingInstantaneousPower: 6.6,
  });
  await spring.stopCharge();
  expect(await spring.getBatteryStatus()).toMatchObject({ chargingStatus: 0 });
});

test("the R5 starts charging through ev/settings: programs read back deactivated, battery charging", async () => {
  const context = await setup();
  const r5 = vehicleOf(context, "r5");
  const before = await r5.getChargeSchedule();
  expect(before).toMatchObject({ chargeModeRq: "SCHEDULED", programs: [{ programActivationStatus: true }] });
  await r5.startCharge();
  expect(await r5.getChargeSchedule()).toMatchObject({
    programs: [{ programActivationStatus: false, programDepartureTime: "02:00" }],
    lastSettingsUpdateTimestamp: iso(T0),
  });
  expect(await r5.getBatteryStatus()).toMatchObject({ chargingStatus: 1, chargingInstantaneousPower: 11 });
  await expect(r5.stopCharge()).rejects.toThrow(/not available/);
});

test("the Megane plans a charge through KCM charge/start: waiting, then charging at the time", async () => {
  const context = await setup();
  const megane = vehicleOf(context, "megane");
  const at = T0 + 30 * MINUTE;
  await expect(megane.startCharge({ when: new Date(at) })).resolves.toMatchObject({
    via: "kcm",
    result: { type: "ChargingStart", attributes: { action: "start", startDateTime: iso(at) } },
  });
  expect(await megane.getBatteryStatus()).toMatchObject({ chargingStatus: 0.1 });
  expect(await megane.getChargingSettings()).toMatchObject({ mode: "delayed", startDateTime: iso(at) });
  context.clock.now = at;
  expect(await megane.getBatteryStatus()).toMatchObject({ chargingStatus: 1, timestamp: iso(at) });
});

test("charge mode is read back, and moves the charging-settings mode; an unknown mode is refused", async () => {
  const context = await setup();
  const zoe = vehicleOf(context, "zoe40");
  expect(await zoe.getChargeMode()).toEqual(expect.objectContaining({ chargeMode: "always" }));
  await zoe.setChargeMode("schedule_mode");
  expect(await zoe.getChargeMode()).toEqual(expect.objectContaining({ chargeMode: "schedule_mode" }));
  expect(await zoe.getChargingSettings()).toMatchObject({ mode: "scheduled" });
  await zoe.setChargeMode("always_charging");
  expect(await zoe.getChargingSettings()).toMatchObject({ mode: "always" });
  await expect(zoe.setChargeMode("turbo")).rejects.toMatchObject({
    status: 400,
    code: "err.func.wired.invalid-body",
  });
  expect(await zoe.getChargeMode()).toEqual(expect.objectContaining({ chargeMode: "always_charging" }));
});

test("KCA charge schedules are stored without null days and shown in the charge-schedule calendar", async () => {
  const { sim, session } = await setup();
  const schedules = [
    {
      id: 1,
      activated: true,
      monday: { startTime: "T23:30Z", duration: 60 },
      tuesday: null,
      wednesday: null,
    },
    { id: 2, activated: false, monday: null, friday: { startTime: "T01:15Z", duration: 120 } },
  ];
  await session.request(
    "POST",
    carPath(sim, "zoe40", "/kca/car-adapter/v2/cars/{vin}/actions/charge-schedule"),
    {
      body: { data: { type: "ChargeSchedule", attributes: { schedules } } },
    },
  );
  const settings = (await session.request(
    "GET",
    carPath(sim, "zoe40", "/kca/car-adapter/v1/cars/{vin}/charging-settings"),
  )) as {
    data: { attributes: { schedules: unknown[] } };
  };
  expect(settings.data.attributes.schedules).toEqual([
    { id: 1, activated: true, monday: { startTime: "T23:30Z", duration: 60 } },
    { id: 2, activated: false, friday: { startTime: "T01:15Z", duration: 120 } },
  ]);
  const calendar = (await session.request(
    "GET",
    carPath(sim, "zoe40", "/kca/car-adapter/v1/cars/{vin}/charge-schedule"),
  )) as {
    data: { attributes: { calendar: Record<string, unknown[]> } };
  };
  expect(calendar.data.attributes.calendar.monday).toEqual([
    { startTime: "2330", duration: 60, activationState: true },
  ]);
  expect(calendar.data.attributes.calendar.friday).toEqual([
    { startTime: "0115", duration: 120, activationState: false },
  ]);
  expect(calendar.data.attributes.calendar.sunday).toEqual([]);
});

test("the Megane's KCM charge/schedule and the HVAC schedules are read back", async () => {
  const { sim, session, clock } = await setup();
  clock.now += 5 * MINUTE;
  const schedules = [{ id: 3, activated: true, saturday: { startTime: "T10:00Z", duration: 30 } }];
  await session.request("POST", carPath(sim, "megane", "/kcm/v1/vehicles/{vin}/charge/schedule"), {
    body: { data: { type: "ChargeSchedule", attributes: { schedules } } },
  });
  await expect(
    session.request("GET", carPath(sim, "megane", "/kca/car-adapter/v1/cars/{vin}/charging-settings")),
  ).resolves.toMatchObject({ data: { attributes: { schedules } } });

  const hvac = [{ id: 1, activated: true, monday: { readyAtTime: "T06:45Z" }, sunday: null }];
  await session.request(
    "POST",
    carPath(sim, "zoe50", "/kca/car-adapter/v2/cars/{vin}/actions/hvac-schedule"),
    {
      body: { data: { type: "HvacSchedule", attributes: { schedules: hvac } } },
    },
  );
  await expect(
    session.request("GET", carPath(sim, "zoe50", "/kca/car-adapter/v1/cars/{vin}/hvac-settings")),
  ).resolves.toMatchObject({
    data: {
      attributes: {
        dateTime: iso(clock.now),
        schedules: [{ id: 1, activated: true, monday: { readyAtTime: "T06:45Z" } }],
      },
    },
  });
});

test("SoC levels and ev/settings changes are read back", async () => {
  const context = await setup();
  const megane = vehicleOf(context, "megane");
  expect(await megane.getSocLevels()).toMatchObject({ socMin: 20, socTarget: 80 });
  await expect(megane.setSocLevels({ socMin: 25, socTarget: 90 })).resolves.toMatchObject({
    type: "SOC_SYNCH",
    status: "CREATED",
  });
  expect(await megane.getSocLevels()).toMatchObject({
    socMin: 25,
    socTarget: 90,
    lastEnergyUpdateTimestamp: iso(T0),
  });

  const { sim, session } = context;
  const path = carPath(sim, "r5", "/kcm/v1/vehicles/{vin}/ev/settings");
  const settings = (await session.request("GET", path)) as Record<string, unknown>;
  await expect(
    session.request("POST", path, {
      body: { ...settings, chargeModeRq: "ALWAYS", preconditioningTemperature: 22 },
    }),
  ).resolves.toMatchObject({ chargeModeRq: "ALWAYS" });
  await expect(session.request("GET", path)).resolves.toMatchObject({
    chargeModeRq: "ALWAYS",
    preconditioningTemperature: 22,
  });
  await expect(
    session.request("POST", carPath(sim, "megane", "/kcm/v1/vehicles/{vin}/ev/soc-levels"), {
      body: { socMin: 80, socTarget: 20 },
    }),
  ).rejects.toMatchObject({ code: "err.func.wired.invalid-body" });
});

test("horn and lights answer with their own target; refresh-location answers the no-fix sentinel", async () => {
  const context = await setup();
  const { sim, session } = context;
  const path = carPath(sim, "megane", "/kca/car-adapter/v1/cars/{vin}/actions/horn-lights");
  for (const target of ["horn", "lights"]) {
    await expect(
      session.request("POST", path, {
        body: { data: { type: "HornLights", attributes: { action: "start", target } } },
      }),
    ).resolves.toEqual({ data: { id: "guid", type: "HornLights", attributes: { action: "start", target } } });
  }
  const r5 = vehicleOf(context, "r5");
  expect(await r5.getLocation()).toMatchObject({
    gpsLatitude: 48.1234567,
    lastUpdateTime: iso(T0 - 120 * MINUTE),
  });
  await expect(r5.refreshLocation()).resolves.toEqual({
    type: "RefreshLocation",
    id: "guid",
    attributes: {},
  });
  // A parked car answers a refresh with "no fix" and a fresh time (field notes C.4).
  expect(await r5.getLocation()).toMatchObject({
    gpsLatitude: 91,
    gpsLongitude: 181,
    lastUpdateTime: iso(T0),
  });
});

test.each([
  [
    "a wrong data.type",
    { data: { type: "HvacStop", attributes: { action: "start", targetTemperature: 21 } } },
    /data\.type must be HvacStart/,
  ],
  ["no attributes", { data: { type: "HvacStart" } }, /attributes is missing/],
  [
    "an unknown action",
    { data: { type: "HvacStart", attributes: { action: "warm" } } },
    /action must be one of/,
  ],
  ["no temperature", { data: { type: "HvacStart", attributes: { action: "start" } } }, /targetTemperature/],
  ["a flat body", { action: "start" }, /JSON:API document/],
])(
  "an action body with %s is refused with err.func.wired.invalid-body and changes nothing",
  async (_name, body, message) => {
    const { sim, session } = await setup();
    const error = await session
      .request("POST", carPath(sim, "zoe40", "/kca/car-adapter/v1/cars/{vin}/actions/hvac-start"), { body })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(KamereonError);
    expect(error).toMatchObject({ status: 400, code: "err.func.wired.invalid-body" });
    expect((error as KamereonError).details).toMatch(message);
    expect(sim.world.vehicle(sim.demo.vins.zoe40).state.actions).toEqual([]);
  },
);

test("schedule bodies are validated like the real API (Thh:mmZ times, integer ids)", async () => {
  const { sim, session } = await setup();
  const path = carPath(sim, "zoe40", "/kca/car-adapter/v2/cars/{vin}/actions/charge-schedule");
  const post = (schedules: unknown) =>
    session.request("POST", path, { body: { data: { type: "ChargeSchedule", attributes: { schedules } } } });
  await expect(
    post([{ id: 1, activated: true, monday: { startTime: "23:30", duration: 60 } }]),
  ).rejects.toMatchObject({
    details: expect.stringMatching(/schedules\[0\]\.monday\.startTime must be Thh:mmZ/),
  });
  await expect(post([{ id: "one", activated: true }])).rejects.toMatchObject({
    details: expect.stringMatching(/id must be an integer/),
  });
  await expect(post("all")).rejects.toMatchObject({
    details: expect.stringMatching(/schedules must be an array/),
  });
});

test("a body that is not JSON gets err.func.wired.invalid-body-format", async () => {
  const { sim, session } = await setup();
  const response = await fetch(
    `${sim.kamereonUrl}${carPath(sim, "zoe40", "/kca/car-adapter/v1/cars/{vin}/actions/hvac-start")}?country=FR`,
    {
      method: "POST",
      headers: {
        apikey: sim.kamereonApiKey,
        "x-gigya-id_token": await session.getJwt(),
        "content-type": "application/vnd.api+json",
      },
      body: "{not json",
    },
  );
  expect(response.status).toBe(400);
  expect(await response.json()).toMatchObject({
    errors: [{ errorCode: "err.func.wired.invalid-body-format" }],
  });
});

test("timestamps follow the simulator's clock", async () => {
  const context = await setup();
  const zoe = vehicleOf(context, "zoe50");
  expect(await zoe.getBatteryStatus()).toMatchObject({ timestamp: iso(T0 - 5 * MINUTE) });
  expect(await zoe.getLocation()).toMatchObject({ lastUpdateTime: iso(T0 - 120 * MINUTE) });
  expect(await vehicleOf(context, "megane").getSocLevels()).toMatchObject({
    lastEnergyUpdateTimestamp: iso(T0 - 24 * 60 * MINUTE),
  });
  context.clock.now += 42 * MINUTE;
  await zoe.stopCharge();
  expect(await zoe.getBatteryStatus()).toMatchObject({ timestamp: iso(T0 + 42 * MINUTE) });
  expect(context.sim.now()).toBe(T0 + 42 * MINUTE);
});

test("privacy mode, set through the world, hides car data and shows in the car adapter", async () => {
  const context = await setup();
  const zoe = vehicleOf(context, "zoe40");
  context.sim.world.vehicle(context.sim.demo.vins.zoe40).state.privacy = true;
  await expect(zoe.getBatteryStatus()).rejects.toBeInstanceOf(PrivacyModeOnError);
  await expect(zoe.getCockpit()).rejects.toMatchObject({ status: 403, code: "err.func.privacy.on" });
  expect(await zoe.getCarAdapter()).toMatchObject({
    privacyMode: "on",
    carGateway: "GDC",
    modelCodeDetail: "X101VE",
  });
  await expect(zoe.getHvacSettings()).resolves.toMatchObject({ mode: "scheduled" });
});

test("the world's attributes are live: a test can set what the car reports", async () => {
  const context = await setup();
  const car = context.sim.world.vehicle(context.sim.demo.vins.spring);
  expect(car.modelCode).toBe("XBG1VE");
  expect(car.accountId).toBe("account-id-2");
  car.attributes("battery-status").batteryLevel = 87;
  expect(await vehicleOf(context, "spring").getBatteryStatus()).toMatchObject({ batteryLevel: 87 });
  expect(() => context.sim.world.vehicle("VF1AAAAA000000000")).toThrow(/no car with VIN/);
});

test("history reads need their period parameters, like the real API", async () => {
  const context = await setup();
  const { sim, session } = context;
  const path = carPath(sim, "zoe40", "/kca/car-adapter/v1/cars/{vin}/charge-history");
  await expect(
    session.request("GET", path, { query: { type: "day", start: "20201201", end: "20201231" } }),
  ).resolves.toMatchObject({
    data: {
      attributes: { chargeSummaries: [{ day: "20201208", totalChargesNumber: 2 }, { day: "20201205" }] },
    },
  });
  await expect(
    session.request("GET", path, { query: { type: "month", start: "202011", end: "202012" } }),
  ).resolves.toMatchObject({
    data: { attributes: { chargeSummaries: [{ month: "202011" }] } },
  });
  await expect(
    session.request("GET", path, { query: { type: "day", start: "20201201" } }),
  ).rejects.toMatchObject({
    status: 400,
    code: "err.func.wired.missingRequestParam",
  });
  await expect(
    session.request("GET", path, { query: { type: "month", start: "20201201", end: "20201231" } }),
  ).rejects.toBeInstanceOf(InvalidInputError);
  await expect(
    vehicleOf(context, "zoe40").getChargeSessions({
      start: new Date(2020, 10, 1),
      end: new Date(2020, 10, 30),
    }),
  ).resolves.toMatchObject({
    charges: [{ chargeStartInstantaneousPower: 3100, chargeEndStatus: "ok" }],
  });
});

test("person, accounts, vehicle lists, details, contracts and alerts", async () => {
  const context = await setup();
  const { sim, session, client } = context;
  const person = await client.getPerson();
  expect(person.accounts?.map((account) => [account.accountId, account.accountType])).toEqual([
    ["account-id-1", "MYRENAULT"],
    ["account-id-2", "MYDACIA"],
  ]);
  const renault = await client.account("account-id-1").getVehicleLinks();
  expect(renault.vehicleLinks?.map((link) => [link.vin, link.vehicleDetails?.model?.code])).toEqual([
    [sim.demo.vins.zoe40, "X101VE"],
    [sim.demo.vins.zoe50, "X102VE"],
    [sim.demo.vins.megane, "XCB1VE"],
    [sim.demo.vins.r5, "R5E1VE"],
    [sim.demo.vins.captur, "XJB1SU"],
    [sim.demo.vins.clio, "XJA1VP"],
  ]);
  const dacia = await client.account("account-id-2").getVehicleLinks();
  expect(dacia.vehicleLinks?.map((link) => [link.vin, link.vehicleDetails?.brand?.label])).toEqual([
    [sim.demo.vins.spring, "DACIA"],
  ]);

  const zoe = vehicleOf(context, "zoe40");
  expect(await zoe.getDetails()).toMatchObject({ vin: sim.demo.vins.zoe40, model: { code: "X101VE" } });
  const contracts = await zoe.getContracts();
  expect(contracts).toHaveLength(8);
  expect(contracts[0]).toMatchObject({ type: "WARRANTY_MAINTENANCE_CONTRACTS", contractId: "AB12345" });
  expect(await vehicleOf(context, "zoe50").getContracts()).toHaveLength(14);
  await expect(zoe.getAlerts()).resolves.toEqual([
    expect.objectContaining({ alertCode: "crashairbagmalfunction" }),
  ]);

  await expect(session.request("GET", "/commerce/v1/persons/person-id-2")).rejects.toBeInstanceOf(
    AccessDeniedError,
  );
  await expect(session.request("GET", "/commerce/v1/accounts/account-id-9/vehicles")).rejects.toBeInstanceOf(
    AccessDeniedError,
  );
  // The Spring is on the MyDacia account: asking for it under MyRenault finds nothing.
  await expect(
    session.request(
      "GET",
      `/commerce/v1/accounts/account-id-1/kamereon/kca/car-adapter/v1/cars/${sim.demo.vins.spring}/cockpit`,
    ),
  ).rejects.toBeInstanceOf(ResourceNotFoundError);
  await expect(
    session.request("GET", carPath(sim, "zoe40", "/kca/car-adapter/v1/cars/{vin}/no-such-thing")),
  ).rejects.toMatchObject({
    status: 404,
    code: "err.func.wired.notFound",
  });
  await expect(
    session.request("GET", carPath(sim, "zoe40", "/kca/car-adapter/v1/cars/{vin}/actions/hvac-start")),
  ).rejects.toMatchObject({
    status: 405,
    code: "err.func.wired.methodNotAllowed",
  });
});

test("a car added to the world answers as its model does (Master IV)", async () => {
  const context = await setup();
  const master = context.sim.world.addVehicle("account-id-1", "master_iv.1.json", "VF1AAAAA555000444");
  expect(master.modelCode).toBe("XDD1VE");
  const vehicle = context.client.account("account-id-1").vehicle(master.vin);
  await expect(vehicle.getBatteryStatus()).resolves.toMatchObject({ batteryLevel: 50 });
  await expect(vehicle.getSocLevels()).resolves.toMatchObject({ socMin: 20 });
  await expect(
    context.session.request(
      "GET",
      `/commerce/v1/accounts/account-id-1/kamereon/kca/car-adapter/v1/cars/${master.vin}/charging-settings`,
    ),
  ).rejects.toBeInstanceOf(ForbiddenError);
  expect(() => context.sim.world.addVehicle("account-id-1", "zoe_40.1.json")).toThrow(/already has a car/);
});
