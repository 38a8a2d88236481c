/**
 * The simulator with time: a controllable clock, cars that charge, drive and stay frozen by
 * themselves, scripted scenarios, and the quota counted per account per hour on that clock. Read
 * over real HTTP through the session, asserting the requests that went out.
 */
import { describe, expect, test } from "vitest";
import { ConfigurationError, QuotaLimitError } from "../src/errors.js";
import type { RenaultSession } from "../src/session.js";
import { SimulatorClock, type Simulator, type SimulatorOptions } from "../src/simulator/index.js";
import { resolveTime } from "../src/simulator/clock.js";
import { loggedInSession, requestsTo, useSimulator } from "./support/sim.js";

const T0 = Date.parse("2026-12-01T05:00:00Z");
const MINUTE = 60_000;
const iso = (at: number) => new Date(at).toISOString().replace(".000Z", "Z");

async function setup(options: SimulatorOptions = {}) {
  const clock = new SimulatorClock({ start: T0, speed: 0 });
  const sim = await useSimulator({ clock, ...options });
  const session = await loggedInSession(sim, { now: () => clock.now(), retry: false });
  return { sim, session, clock };
}

type Model = keyof Simulator["demo"]["vins"];

function carPath(sim: Simulator, model: Model, leaf: string): string {
  const car = sim.demo.models.find((entry) => entry.model === model)!;
  const version = leaf === "battery-status" ? "v2" : "v1";
  return `/commerce/v1/accounts/${car.accountId}/kamereon/kca/car-adapter/${version}/cars/${car.vin}/${leaf}`;
}

async function read(
  sim: Simulator,
  session: RenaultSession,
  model: Model,
  leaf: string,
): Promise<Record<string, unknown>> {
  const path = carPath(sim, model, leaf);
  const body = (await session.request("GET", path)) as { data: { attributes: Record<string, unknown> } };
  const last = sim.requests.at(-1)!;
  expect({ method: last.method, path: last.path, status: last.status }).toEqual({
    method: "GET",
    path,
    status: 200,
  });
  return body.data.attributes;
}

describe("SimulatorClock", () => {
  test("starts where told, runs at its speed, and only moves forward", () => {
    let real = 1_000;
    const clock = new SimulatorClock({ start: "2026-12-01T05:00:00Z", speed: 60, source: () => real });
    expect(clock.now()).toBe(T0);
    real += 1_000; // one real second is a simulated minute
    expect(clock.now()).toBe(T0 + MINUTE);
    clock.advance(59 * MINUTE);
    expect(clock.now()).toBe(T0 + 60 * MINUTE);
    clock.advanceTo("07:30");
    expect(clock.now()).toBe(Date.parse("2026-12-01T07:30:00Z"));
    clock.advanceTo("07:00"); // the next 07:00 is tomorrow
    expect(clock.now()).toBe(Date.parse("2026-12-02T07:00:00Z"));
    expect(() => {
      clock.advance(-1);
    }).toThrow(ConfigurationError);
    expect(() => new SimulatorClock({ speed: -2 })).toThrow(ConfigurationError);
    expect(() => new SimulatorClock({ start: "yesterday" })).toThrow(ConfigurationError);
  });

  test("script times: HH:MM after the previous one, +N[s|m|h], ISO, epoch", () => {
    expect(resolveTime("+90m", T0)).toBe(T0 + 90 * MINUTE);
    expect(resolveTime("+2h", T0)).toBe(T0 + 120 * MINUTE);
    expect(resolveTime("04:00", T0)).toBe(Date.parse("2026-12-02T04:00:00Z"));
    expect(resolveTime("2026-12-01T06:00:00Z", T0)).toBe(T0 + 60 * MINUTE);
    expect(resolveTime(T0 + 5, T0)).toBe(T0 + 5);
    expect(() => resolveTime("25:00", T0)).toThrow(/invalid time/);
  });

  test("the clock and now options exclude each other", async () => {
    await expect(useSimulator({ clock: new SimulatorClock(), now: Date.now })).rejects.toThrow(
      ConfigurationError,
    );
  });
});

describe("cars on the clock", () => {
  test("a charging car gains charge at its power, reports every 10 minutes, stops when full", async () => {
    const { sim, session, clock } = await setup();
    // The ZOE 50 is charging at 27 kW, 60 %, 52 kWh: +0.865 % a minute, full after 46.2 minutes.
    const before = await read(sim, session, "zoe50", "battery-status");
    expect(before).toMatchObject({ batteryLevel: 60, chargingStatus: 1, plugStatus: 1 });
    clock.advance(5 * MINUTE);
    expect(await read(sim, session, "zoe50", "battery-status")).toEqual(before); // no report yet
    clock.advance(5 * MINUTE);
    expect(await read(sim, session, "zoe50", "battery-status")).toMatchObject({
      batteryLevel: 69,
      chargingStatus: 1,
      timestamp: iso(T0 + 10 * MINUTE),
    });
    clock.advance(2 * 60 * MINUTE);
    const full = T0 + Math.round(((40 / 100) * 52 * 60 * MINUTE) / 27);
    const after = await read(sim, session, "zoe50", "battery-status");
    expect(after).toMatchObject({ batteryLevel: 100, chargingStatus: 0.2, chargingInstantaneousPower: 0 });
    expect(Math.abs(Date.parse(after.timestamp as string) - full)).toBeLessThan(1000);
  });

  test("a charging car stops at its SoC target (Megane, soc-levels 80 %)", async () => {
    const { sim, session, clock } = await setup();
    const megane = sim.world.vehicle(sim.demo.vins.megane);
    sim.script([{ at: "+30m", vin: megane.vin, event: "plug-in" }]);
    clock.advance(29 * MINUTE);
    expect(await read(sim, session, "megane", "battery-status")).toMatchObject({ plugStatus: 0 });
    clock.advance(6 * 60 * MINUTE);
    // 50 → 80 % of 60 kWh at 7.4 kW: 2.43 hours after the plug-in.
    const battery = await read(sim, session, "megane", "battery-status");
    expect(battery).toMatchObject({ batteryLevel: 80, chargingStatus: 0.2, plugStatus: 1 });
    const end = T0 + 30 * MINUTE + ((0.3 * 60) / 7.4) * 60 * MINUTE;
    expect(Math.abs(Date.parse(battery.timestamp as string) - end)).toBeLessThan(1000);
  });

  test("a parked car stays frozen with its old timestamps", async () => {
    const { sim, session, clock } = await setup();
    const battery = await read(sim, session, "zoe40", "battery-status");
    const location = await read(sim, session, "zoe50", "location");
    clock.advance(20 * 60 * MINUTE);
    expect(await read(sim, session, "zoe40", "battery-status")).toEqual(battery);
    expect(await read(sim, session, "zoe50", "location")).toEqual(location);
    expect(Date.parse(battery.timestamp as string)).toBe(T0 - 5 * MINUTE);
  });

  test("a trip commits mileage, position and charge together at ignition-off", async () => {
    const { sim, session, clock } = await setup();
    const vin = sim.demo.vins.zoe50;
    const cockpit = await read(sim, session, "zoe50", "cockpit");
    const location = await read(sim, session, "zoe50", "location");
    const scheduled = sim.script([{ at: "07:00", vin, event: "trip", minutes: 40, km: 30 }]);
    expect(scheduled).toEqual([{ at: T0 + 120 * MINUTE, vin, event: "trip" }]);
    clock.advanceTo("07:20"); // driving: nothing committed yet, and the car was unplugged
    expect(await read(sim, session, "zoe50", "cockpit")).toEqual(cockpit);
    expect(await read(sim, session, "zoe50", "location")).toEqual(location);
    const driving = await read(sim, session, "zoe50", "battery-status");
    expect(driving).toMatchObject({ plugStatus: 0, chargingStatus: 0, timestamp: iso(T0 + 120 * MINUTE) });
    clock.advanceTo("07:45");
    const end = iso(T0 + 160 * MINUTE);
    const after = await read(sim, session, "zoe50", "cockpit");
    expect(after.totalMileage).toBeCloseTo((cockpit.totalMileage as number) + 30, 2);
    const moved = await read(sim, session, "zoe50", "location");
    expect(moved.lastUpdateTime).toBe(end);
    expect(moved.gpsLatitude).not.toBe(location.gpsLatitude);
    const battery = await read(sim, session, "zoe50", "battery-status");
    expect(battery.timestamp).toBe(end);
    expect(battery.batteryLevel).toBe(Math.round((driving.batteryLevel as number) - (30 * 0.17 * 100) / 52));
  });

  test("a refresh's 'no fix' gets a real position at the end of the next trip", async () => {
    const { sim, session, clock } = await setup();
    const car = sim.world.vehicle(sim.demo.vins.zoe50);
    const location = await read(sim, session, "zoe50", "location");
    await session.request("POST", carPath(sim, "zoe50", "actions/refresh-location"), {
      body: { data: { type: "RefreshLocation" } },
    });
    expect(await read(sim, session, "zoe50", "location")).toMatchObject({
      gpsLatitude: 91,
      gpsLongitude: 181,
    });
    sim.script([{ at: "+1h", vin: car.vin, event: "trip", minutes: 10, km: 5 }]);
    clock.advance(2 * 60 * MINUTE);
    const moved = await read(sim, session, "zoe50", "location");
    expect(moved.gpsLatitude).toBeCloseTo((location.gpsLatitude as number) + 5 / 111 / Math.SQRT2, 6);
  });

  test("a scripted day: plug-in without charging, charge start, unplug, privacy", async () => {
    const { sim, session, clock } = await setup();
    const vin = sim.demo.vins.zoe40;
    sim.script([
      { at: "06:00", vin, event: "plug-in", charge: false },
      { at: "+1h", event: "charge-start" },
      { at: "+30m", event: "unplug" },
      { at: "+1m", event: "privacy", on: true },
    ]);
    clock.advanceTo("06:30");
    expect(await read(sim, session, "zoe40", "battery-status")).toMatchObject({
      plugStatus: 1,
      chargingStatus: 0,
      timestamp: iso(T0 + 60 * MINUTE),
    });
    clock.advanceTo("07:20");
    expect(await read(sim, session, "zoe40", "battery-status")).toMatchObject({
      chargingStatus: 1,
      chargingInstantaneousPower: 7400,
      timestamp: iso(T0 + 140 * MINUTE), // the 07:00 start, then a report every 10 minutes
    });
    clock.advanceTo("07:30");
    const unplugged = await read(sim, session, "zoe40", "battery-status");
    // 7.4 kW into 41 kWh for 30 minutes: +9 %.
    expect(unplugged).toMatchObject({ plugStatus: 0, chargingStatus: 0, batteryLevel: 59 });
    clock.advance(2 * MINUTE);
    await expect(session.request("GET", carPath(sim, "zoe40", "cockpit"))).rejects.toMatchObject({
      code: "err.func.privacy.on",
    });
  });

  test("script errors: unknown car, past time, trip without minutes", async () => {
    const { sim } = await setup();
    const vin = sim.demo.vins.zoe40;
    expect(() => sim.script([{ at: "+1m", event: "unplug" }])).toThrow(/no car/);
    expect(() => sim.script([{ at: T0 - 1, vin, event: "unplug" }])).toThrow(/in the past/);
    expect(() => sim.script([{ at: "+1m", vin, event: "trip", minutes: 0, km: 3 }])).toThrow(/minutes > 0/);
    expect(sim.world.vehicle(vin).state.timeline).toEqual([]);
  });
});

test("the quota is counted per account per hour on the simulator's clock", async () => {
  const { sim, session, clock } = await setup({ quota: 2 });
  await read(sim, session, "zoe40", "cockpit");
  clock.advance(30 * MINUTE);
  await read(sim, session, "zoe50", "cockpit");
  // The Spring is on the other account: its own quota.
  await read(sim, session, "spring", "cockpit");
  const refused = session.request("GET", carPath(sim, "zoe40", "cockpit"));
  await expect(refused).rejects.toBeInstanceOf(QuotaLimitError);
  const last = requestsTo(sim, "kamereon").at(-1)!;
  expect(last.status).toBe(429);
  clock.advance(30 * MINUTE); // the first request leaves the window
  expect(await read(sim, session, "zoe40", "cockpit")).toHaveProperty("totalMileage");
});
