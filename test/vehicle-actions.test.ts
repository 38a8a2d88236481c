import { describe, expect, test } from "vitest";
import {
  EndpointNotAvailableError,
  InvalidArgumentError,
  RenaultClient,
  type ChargeSchedule,
  type RenaultVehicle,
} from "../src/index.js";
import { chargeSchedulesOf, hvacSchedulesOf, updateChargeSchedule } from "../src/schedules.js";
import { ForbiddenError } from "../src/errors.js";
import { ChargingSettingsSchema } from "../src/kamereon/models/charge.js";
import { parseAttributes } from "../src/kamereon/models/common.js";
import { HvacSettingsSchema } from "../src/kamereon/models/hvac.js";
import { loadFixture } from "../src/simulator/fixtures.js";
import type { Simulator } from "../src/simulator/server.js";
import { loggedInSession, requestsTo, useSimulator } from "./support/sim.js";

type Car = "zoe40" | "zoe50" | "megane" | "r5" | "spring" | "captur" | "clio";

interface Setup {
  readonly sim: Simulator;
  readonly vehicle: RenaultVehicle;
  /** The same car without preloaded details (its first call GETs /details). */
  readonly bare: RenaultVehicle;
  readonly sent: () => ReturnType<typeof requestsTo>;
  readonly kca: (version: 1 | 2, leaf: string) => string;
  readonly kcm: (leaf: string) => string;
  /** Answers `method path` with a fixture under `kamereon/` (or a literal body). */
  readonly serve: (method: string, path: string, body: string | object, status?: number) => void;
}

/** A logged-in client and one of the simulator's cars, found through the account's vehicle list. */
async function setup(car: Car): Promise<Setup> {
  const sim = await useSimulator();
  const accountId = car === "spring" ? sim.demo.daciaAccountId : sim.demo.renaultAccountId;
  const vin = sim.demo.vins[car];
  const client = new RenaultClient({ session: await loggedInSession(sim) });
  const account = client.account(accountId);
  const vehicle = (await account.getVehicles()).find((candidate) => candidate.vin === vin)!;
  const since = sim.requests.length;
  const root = `/commerce/v1/accounts/${accountId}/kamereon`;
  return {
    sim,
    vehicle,
    bare: account.vehicle(vin),
    sent: () => requestsTo(sim, "kamereon", since),
    kca: (version, leaf) => `${root}/kca/car-adapter/v${version}/cars/${vin}/${leaf}`,
    kcm: (leaf) => `${root}/kcm/v1/vehicles/${vin}/${leaf}`,
    serve: (method, path, body, status = 200) => {
      sim.route(method, path, () => ({
        status,
        body: typeof body === "string" ? loadFixture(`kamereon/${body}`) : body,
      }));
    },
  };
}

/** The one request sent, as method, path, query and parsed JSON body. */
function only(requests: ReturnType<typeof requestsTo>) {
  expect(requests).toHaveLength(1);
  const [request] = requests;
  return {
    method: request!.method,
    path: request!.path,
    query: request!.query,
    json: JSON.parse(request!.body),
  };
}

const jsonApi = (type: string, attributes: object) => ({ data: { type, attributes } });
const WHEN = new Date(Date.UTC(2026, 2, 6, 23, 45, 0, 123));

describe("HVAC actions", () => {
  test("startHvac posts HvacStart with the temperature", async () => {
    const { vehicle, serve, sent, kca } = await setup("zoe40");
    serve("POST", kca(1, "actions/hvac-start"), "vehicle_action/hvac-start.start.json");
    await expect(vehicle.startHvac(21)).resolves.toEqual({
      type: "HvacStart",
      id: "guid",
      attributes: { action: "start", targetTemperature: 21 },
    });
    expect(only(sent())).toEqual({
      method: "POST",
      path: kca(1, "actions/hvac-start"),
      query: { country: "FR" },
      json: jsonApi("HvacStart", { action: "start", targetTemperature: 21 }),
    });
  });

  test("startHvac with a start time sends it in UTC without milliseconds", async () => {
    const { vehicle, serve, sent, kca } = await setup("zoe50");
    serve("POST", kca(1, "actions/hvac-start"), "vehicle_action/hvac-start.start.json");
    await vehicle.startHvac(20.5, { when: WHEN });
    expect(only(sent()).json).toEqual(
      jsonApi("HvacStart", {
        action: "start",
        targetTemperature: 20.5,
        startDateTime: "2026-03-06T23:45:00Z",
      }),
    );
  });

  test.each([
    ["zoe40", "cancel", "vehicle_action/hvac-start.cancel.json"],
    ["r5", "stop", "vehicle_action/hvac-start.stop.json"],
    ["spring", "stop", "vehicle_action/hvac-start.stop.json"],
  ] as const)("stopHvac on %s posts HvacStart %s", async (car, action, fixture) => {
    const { vehicle, serve, sent, kca } = await setup(car);
    serve("POST", kca(1, "actions/hvac-start"), fixture);
    await expect(vehicle.stopHvac()).resolves.toMatchObject({ attributes: { action } });
    expect(only(sent())).toMatchObject({
      method: "POST",
      path: kca(1, "actions/hvac-start"),
      query: { country: "FR" },
      json: jsonApi("HvacStart", { action }),
    });
  });

  test("setHvacSchedules posts every schedule in wire form", async () => {
    const { vehicle, serve, sent, kca } = await setup("zoe50");
    serve("POST", kca(2, "actions/hvac-schedule"), "vehicle_action/hvac-schedule.schedules.json");
    const settings = parseAttributes(
      HvacSettingsSchema,
      loadFixture("kamereon/vehicle_data/hvac-settings.json"),
      "hvac-settings",
    );
    const result = await vehicle.setHvacSchedules(hvacSchedulesOf(settings));
    expect(result.type).toBe("HvacSchedule");
    const request = only(sent());
    expect(request).toMatchObject({
      method: "POST",
      path: kca(2, "actions/hvac-schedule"),
      query: { country: "FR" },
    });
    const empty = {
      monday: null,
      tuesday: null,
      wednesday: null,
      thursday: null,
      friday: null,
      saturday: null,
      sunday: null,
    };
    expect(request.json).toEqual(
      jsonApi("HvacSchedule", {
        schedules: [
          { id: 1, activated: false, ...empty },
          {
            id: 2,
            activated: true,
            ...empty,
            wednesday: { readyAtTime: "T15:15Z" },
            friday: { readyAtTime: "T15:15Z" },
          },
          { id: 3, activated: false, ...empty },
          { id: 4, activated: false, ...empty },
          { id: 5, activated: false, ...empty },
        ],
      }),
    );
  });
});

describe("charge actions", () => {
  const schedules = (): ChargeSchedule[] =>
    updateChargeSchedule(
      chargeSchedulesOf(
        parseAttributes(
          ChargingSettingsSchema,
          loadFixture("kamereon/vehicle_data/charging-settings.multi.json"),
          "charging-settings",
        ),
      ),
      1,
      { monday: null },
    );

  test.each([
    ["zoe40", 2, "kca"],
    ["megane", 1, "kcm"],
  ] as const)("setChargeSchedules on %s posts all schedules (v%i %s)", async (car, _version, kind) => {
    const { vehicle, serve, sent, kca, kcm } = await setup(car);
    const path = kind === "kca" ? kca(2, "actions/charge-schedule") : kcm("charge/schedule");
    serve("POST", path, "vehicle_action/charge-schedule.scheduled.json");
    await expect(vehicle.setChargeSchedules(schedules())).resolves.toMatchObject({ type: "ChargeSchedule" });
    const request = only(sent());
    expect(request).toMatchObject({ method: "POST", path, query: { country: "FR" } });
    const body = request.json as { data: { type: string; attributes: { schedules: object[] } } };
    expect(body.data.type).toBe("ChargeSchedule");
    expect(body.data.attributes.schedules).toHaveLength(5);
    expect(body.data.attributes.schedules[0]).toEqual({
      id: 1,
      activated: true,
      monday: null,
      tuesday: { startTime: "T00:00Z", duration: 450 },
      wednesday: { startTime: "T00:00Z", duration: 450 },
      thursday: { startTime: "T00:00Z", duration: 450 },
      friday: { startTime: "T00:00Z", duration: 450 },
      saturday: { startTime: "T00:00Z", duration: 450 },
      sunday: { startTime: "T00:00Z", duration: 450 },
    });
    expect(Object.keys(body.data.attributes.schedules[4]!)).toEqual([
      "id",
      "activated",
      "monday",
      "tuesday",
      "wednesday",
      "thursday",
      "friday",
      "saturday",
      "sunday",
    ]);
  });

  test("setChargeMode posts ChargeMode with the mode as given", async () => {
    const { vehicle, serve, sent, kca } = await setup("zoe40");
    serve("POST", kca(1, "actions/charge-mode"), "vehicle_action/charge-mode.schedule_mode.json");
    await expect(vehicle.setChargeMode("schedule_mode")).resolves.toMatchObject({
      attributes: { action: "schedule_mode" },
    });
    expect(only(sent())).toEqual({
      method: "POST",
      path: kca(1, "actions/charge-mode"),
      query: { country: "FR" },
      json: jsonApi("ChargeMode", { action: "schedule_mode" }),
    });
  });

  test("startCharge (default): KCA charging-start", async () => {
    const { vehicle, serve, sent, kca } = await setup("zoe40");
    serve("POST", kca(1, "actions/charging-start"), "vehicle_action/charging-start.start.json");
    await expect(vehicle.startCharge()).resolves.toMatchObject({
      via: "kca",
      result: { type: "ChargingStart" },
    });
    expect(only(sent())).toEqual({
      method: "POST",
      path: kca(1, "actions/charging-start"),
      query: { country: "FR" },
      json: jsonApi("ChargingStart", { action: "start" }),
    });
  });

  test("startCharge (default) refuses a start time instead of ignoring it", async () => {
    const { vehicle, sent } = await setup("zoe40");
    await expect(vehicle.startCharge({ when: WHEN })).rejects.toThrow(InvalidArgumentError);
    await expect(vehicle.startCharge({ when: WHEN })).rejects.toMatchObject({ argument: "when" });
    expect(sent()).toEqual([]);
  });

  test.each([
    [undefined, "vehicle_kcm_action/charging-start.now.json", {}],
    [WHEN, "vehicle_kcm_action/charging-start.delayed.json", { startDateTime: "2026-03-06T23:45:00Z" }],
  ] as const)("startCharge (kcm, when=%s): KCM charge/start", async (when, fixture, extra) => {
    const { vehicle, serve, sent, kcm } = await setup("megane");
    serve("POST", kcm("charge/start"), fixture);
    const result = await vehicle.startCharge(when ? { when } : {});
    expect(result).toMatchObject({
      via: "kcm",
      result: { type: "ChargingStart", attributes: { action: "start", ...extra } },
    });
    expect(only(sent())).toEqual({
      method: "POST",
      path: kcm("charge/start"),
      query: { country: "FR" },
      json: jsonApi("ChargingStart", { action: "start", ...extra }),
    });
  });

  test("startCharge (kcm-pause-resume): resume", async () => {
    const { vehicle, serve, sent, kcm } = await setup("spring");
    serve("POST", kcm("charge/pause-resume"), "vehicle_kcm_action/charge-pause-resume.resume.json");
    await expect(vehicle.startCharge()).resolves.toMatchObject({
      via: "kcm-pause-resume",
      result: { attributes: { action: "resume" } },
    });
    expect(only(sent())).toEqual({
      method: "POST",
      path: kcm("charge/pause-resume"),
      query: { country: "FR" },
      json: jsonApi("ChargePauseResume", { action: "resume" }),
    });
  });

  test("startCharge (kcm-settings): reads ev/settings, writes it back with every program off", async () => {
    const { vehicle, serve, sent, kcm } = await setup("r5");
    serve("GET", kcm("ev/settings"), "vehicle_kcm_data/ev-settings.single.active.json");
    serve("POST", kcm("ev/settings"), "vehicle_kcm_action/ev-settings.charge-start.json");
    await expect(vehicle.startCharge()).resolves.toEqual({
      via: "kcm-settings",
      settings: { chargeModeRq: "ALWAYS", programs: [] },
    });
    const requests = sent();
    expect(requests.map((r) => [r.method, r.path, r.query])).toEqual([
      ["GET", kcm("ev/settings"), { country: "FR" }],
      ["POST", kcm("ev/settings"), { country: "FR" }],
    ]);
    // The flat body is the GET answer echoed, programs deactivated: exactly the "inactive" sample.
    expect(JSON.parse(requests[1]!.body)).toEqual(
      loadFixture("kamereon/vehicle_kcm_data/ev-settings.single.inactive.json"),
    );
  });

  test("stopCharge (default): ChargingStart stop", async () => {
    const { vehicle, serve, sent, kca } = await setup("zoe40");
    serve("POST", kca(1, "actions/charging-start"), "vehicle_action/charging-start.stop.json");
    await expect(vehicle.stopCharge()).resolves.toMatchObject({
      via: "kca",
      result: { attributes: { action: "stop" } },
    });
    expect(only(sent())).toEqual({
      method: "POST",
      path: kca(1, "actions/charging-start"),
      query: { country: "FR" },
      json: jsonApi("ChargingStart", { action: "stop" }),
    });
  });

  test("stopCharge (kcm-pause-resume): pause", async () => {
    const { vehicle, serve, sent, kcm } = await setup("spring");
    serve("POST", kcm("charge/pause-resume"), "vehicle_kcm_action/charge-pause-resume.pause.json");
    await expect(vehicle.stopCharge()).resolves.toMatchObject({
      via: "kcm-pause-resume",
      result: { attributes: { action: "pause" } },
    });
    expect(only(sent())).toEqual({
      method: "POST",
      path: kcm("charge/pause-resume"),
      query: { country: "FR" },
      json: jsonApi("ChargePauseResume", { action: "pause" }),
    });
  });

  test("setSocLevels posts the flat limits", async () => {
    const { vehicle, serve, sent, kcm } = await setup("r5");
    serve("POST", kcm("ev/soc-levels"), "vehicle_kcm_action/ev-soc-levels.json");
    await expect(vehicle.setSocLevels({ socMin: 20, socTarget: 80 })).resolves.toEqual({
      commandId: "commandId-1234",
      type: "SOC_SYNCH",
      status: "CREATED",
    });
    expect(only(sent())).toEqual({
      method: "POST",
      path: kcm("ev/soc-levels"),
      query: { country: "FR" },
      json: { socMin: 20, socTarget: 80 },
    });
  });

  test.each([
    [15, 80],
    [45, 100],
    [20, 55],
  ])("setSocLevels accepts min %i, target %i", async (min, target) => {
    const { vehicle, serve, sent, kcm } = await setup("r5");
    serve("POST", kcm("ev/soc-levels"), "vehicle_kcm_action/ev-soc-levels.json");
    await vehicle.setSocLevels({ socMin: min, socTarget: target });
    expect(only(sent()).json).toEqual({ socMin: min, socTarget: target });
  });

  test.each([
    [14, 80, /Minimum/],
    [46, 80, /Minimum/],
    [22, 80, /Minimum/],
    [20.5, 80, /Minimum/],
    [20, 54, /Target/],
    [20, 101, /Target/],
    [20, 77, /Target/],
  ])("setSocLevels refuses min %i, target %i before sending", async (min, target, message) => {
    const { bare, sent } = await setup("r5");
    await expect(bare.setSocLevels({ socMin: min, socTarget: target })).rejects.toThrow(InvalidArgumentError);
    await expect(bare.setSocLevels({ socMin: min, socTarget: target })).rejects.toThrow(message);
    expect(sent()).toEqual([]);
  });
});

describe("other actions", () => {
  test.each([
    ["honkHorn", "horn", "vehicle_action/horn-lights.horn.json"],
    ["flashLights", "lights", "vehicle_action/horn-lights.lights.json"],
  ] as const)("%s posts HornLights target %s", async (method, target, fixture) => {
    const { vehicle, serve, sent, kca } = await setup("r5");
    serve("POST", kca(1, "actions/horn-lights"), fixture);
    await expect(vehicle[method]()).resolves.toEqual({
      type: "HornLights",
      id: "guid",
      attributes: { action: "start", target },
    });
    expect(only(sent())).toEqual({
      method: "POST",
      path: kca(1, "actions/horn-lights"),
      query: { country: "FR" },
      json: jsonApi("HornLights", { action: "start", target }),
    });
  });

  test("refreshLocation posts RefreshLocation without an attributes key", async () => {
    const { vehicle, serve, sent, kca } = await setup("r5");
    serve("POST", kca(1, "actions/refresh-location"), "vehicle_action/refresh-location.json");
    await expect(vehicle.refreshLocation()).resolves.toEqual({
      type: "RefreshLocation",
      id: "guid",
      attributes: {},
    });
    const request = only(sent());
    expect(request).toMatchObject({
      method: "POST",
      path: kca(1, "actions/refresh-location"),
      query: { country: "FR" },
    });
    expect(sent()[0]!.body).toBe('{"data":{"type":"RefreshLocation"}}');
  });

  test("the simulator's answers parse too (no overrides)", async () => {
    const { vehicle, sent } = await setup("zoe50");
    const result = await vehicle.startHvac(21);
    expect(result.attributes.action).toBe("start");
    expect(sent()).toHaveLength(1);
  });

  test("a vendor refusal surfaces as the typed transport error", async () => {
    const { vehicle, serve, kca } = await setup("zoe40");
    serve("POST", kca(1, "actions/charge-mode"), "error/forbidden.json", 403);
    await expect(vehicle.setChargeMode("always_charging")).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe("refusals before any request", () => {
  test.each([
    ["zoe50", (v: RenaultVehicle) => v.honkHorn(), "actions/horn-start"],
    ["zoe50", (v: RenaultVehicle) => v.flashLights(), "actions/lights-start"],
    ["clio", (v: RenaultVehicle) => v.startHvac(21), "actions/hvac-start"],
    ["captur", (v: RenaultVehicle) => v.startCharge(), "actions/charge-start"],
    ["r5", (v: RenaultVehicle) => v.stopCharge(), "actions/charge-stop"],
    ["megane", (v: RenaultVehicle) => v.stopCharge(), "actions/charge-stop"],
    ["r5", (v: RenaultVehicle) => v.setChargeMode("always"), "actions/charge-set-mode"],
    ["r5", (v: RenaultVehicle) => v.setChargeSchedules([]), "actions/charge-set-schedule"],
    ["r5", (v: RenaultVehicle) => v.setHvacSchedules([]), "actions/hvac-set-schedule"],
    ["zoe40", (v: RenaultVehicle) => v.setSocLevels({ socMin: 20, socTarget: 80 }), "soc-levels"],
  ] as const)(
    "%s: unsupported action throws EndpointNotAvailableError, sends nothing",
    async (car, act, key) => {
      const { vehicle, sent } = await setup(car);
      const error = await act(vehicle).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(EndpointNotAvailableError);
      expect(error).toMatchObject({ endpoint: key });
      expect(sent()).toEqual([]);
    },
  );

  test("bad arguments throw before the details are even fetched", async () => {
    const { bare, sent } = await setup("zoe40");
    await expect(bare.startHvac("21" as unknown as number)).rejects.toThrow(InvalidArgumentError);
    await expect(bare.startHvac(Number.NaN)).rejects.toThrow(InvalidArgumentError);
    await expect(bare.startHvac(999)).rejects.toThrow(/out of range \(16–26 °C\)/);
    await expect(bare.startHvac(21, { when: new Date("nope") })).rejects.toThrow(InvalidArgumentError);
    await expect(bare.setChargeMode("")).rejects.toThrow(InvalidArgumentError);
    await expect(bare.setSocLevels({ socMin: "20", socTarget: 80 } as never)).rejects.toThrow(
      InvalidArgumentError,
    );
    await expect(
      bare.setChargeSchedules([
        { id: 1, activated: true, monday: { startTime: "T25:00Z", duration: 5 } } as never,
      ]),
    ).rejects.toThrow(InvalidArgumentError);
    await expect(bare.setHvacSchedules([{ id: 0, activated: true } as never])).rejects.toThrow(
      InvalidArgumentError,
    );
    expect(sent()).toEqual([]);
  });
});
