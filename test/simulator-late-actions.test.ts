/**
 * Actions that take effect late or not at all: the service answers at once, the car acts after
 * its delay on the simulator's clock, or never (an ignored action). Over real HTTP, asserting the
 * requests sent and the state read back.
 */
import { expect, test } from "vitest";
import { ConfigurationError } from "../src/errors.js";
import { SimulatorClock, type Simulator, type SimulatorOptions } from "../src/simulator/index.js";
import { loggedInSession, useSimulator } from "./support/sim.js";

const T0 = Date.parse("2026-12-01T05:00:00Z");
const SECOND = 1000;

async function setup(options: SimulatorOptions = {}) {
  const clock = new SimulatorClock({ start: T0, speed: 0 });
  const sim = await useSimulator({ clock, ...options });
  const session = await loggedInSession(sim, { now: () => clock.now(), retry: false });
  return { sim, session, clock };
}

type Model = keyof Simulator["demo"]["vins"];

function path(sim: Simulator, model: Model, leaf: string): string {
  const car = sim.demo.models.find((entry) => entry.model === model)!;
  if (leaf.startsWith("kcm/"))
    return `/commerce/v1/accounts/${car.accountId}/kamereon/kcm/v1/vehicles/${car.vin}/${leaf.slice(4)}`;
  const version = leaf === "battery-status" ? "v2" : "v1";
  return `/commerce/v1/accounts/${car.accountId}/kamereon/kca/car-adapter/${version}/cars/${car.vin}/${leaf}`;
}

const hvacStart = { data: { type: "HvacStart", attributes: { action: "start", targetTemperature: 21 } } };

test("with actionDelay the answer comes at once and the car acts later", async () => {
  const { sim, session, clock } = await setup({ actionDelay: 20 * SECOND });
  const answer = await session.request("POST", path(sim, "zoe40", "actions/hvac-start"), { body: hvacStart });
  expect(answer).toMatchObject({ data: { type: "HvacStart", attributes: hvacStart.data.attributes } });
  const sent = sim.requests.at(-1)!;
  expect({ method: sent.method, endpoint: sent.endpoint, json: sent.json, status: sent.status }).toEqual({
    method: "POST",
    endpoint: "actions/hvac-start",
    json: hvacStart,
    status: 200,
  });
  const hvac = () =>
    session.request("GET", path(sim, "zoe40", "hvac-status")) as Promise<{
      data: { attributes: Record<string, unknown> };
    }>;
  clock.advance(19 * SECOND);
  expect((await hvac()).data.attributes.hvacStatus).toBe("off");
  clock.advance(SECOND);
  const on = (await hvac()).data.attributes;
  expect(on).toMatchObject({ hvacStatus: "on", lastUpdateTime: "2026-12-01T05:00:20Z" });
  expect(sim.world.vehicle(sim.demo.vins.zoe40).state.actions).toEqual([
    {
      at: T0,
      endpoint: "actions/hvac-start",
      key: "actions/hvac-start",
      body: hvacStart,
      effectAt: T0 + 20 * SECOND,
    },
  ]);
});

test("a car's own delay overrides the global one", async () => {
  const { sim, session, clock } = await setup({ actionDelay: 60 * SECOND });
  sim.world.vehicle(sim.demo.vins.zoe40).state.actionDelay = 5 * SECOND;
  await session.request("POST", path(sim, "zoe40", "actions/hvac-start"), { body: hvacStart });
  clock.advance(5 * SECOND);
  const hvac = (await session.request("GET", path(sim, "zoe40", "hvac-status"))) as {
    data: { attributes: Record<string, unknown> };
  };
  expect(hvac.data.attributes.hvacStatus).toBe("on");
});

test("an ignored action is answered as usual and never acted on", async () => {
  const { sim, session, clock } = await setup();
  const car = sim.world.vehicle(sim.demo.vins.zoe40);
  car.state.ignoredActions.add("actions/charge-stop");
  const start = { data: { type: "ChargingStart", attributes: { action: "start" } } };
  const stop = { data: { type: "ChargingStart", attributes: { action: "stop" } } };
  await session.request("POST", path(sim, "zoe40", "actions/charging-start"), { body: start });
  const answer = await session.request("POST", path(sim, "zoe40", "actions/charging-start"), { body: stop });
  expect(answer).toMatchObject({ data: { attributes: { action: "stop" } } });
  clock.advance(60 * SECOND);
  const battery = (await session.request("GET", path(sim, "zoe40", "battery-status"))) as {
    data: { attributes: Record<string, unknown> };
  };
  expect(battery.data.attributes).toMatchObject({ chargingStatus: 1, chargingInstantaneousPower: 7400 });
  expect(car.state.actions.map((action) => [action.key, action.ignored])).toEqual([
    ["actions/charge-start", undefined],
    ["actions/charge-stop", true],
  ]);
});

test("modelQuirks: the ZOE 50 ignores the KCM pause, the R5 its HVAC stop; others act after 15 s", async () => {
  const { sim, session, clock } = await setup({ modelQuirks: true });
  const pause = { data: { type: "ChargePauseResume", attributes: { action: "pause" } } };
  await session.request("POST", path(sim, "zoe50", "kcm/charge/pause-resume"), { body: pause });
  await session.request("POST", path(sim, "r5", "actions/hvac-start"), { body: hvacStart });
  const r5Stop = { data: { type: "HvacStart", attributes: { action: "stop" } } };
  await session.request("POST", path(sim, "r5", "actions/hvac-start"), { body: r5Stop });
  await session.request("POST", path(sim, "zoe40", "actions/hvac-start"), { body: hvacStart });
  clock.advance(14 * SECOND);
  const read = async (model: Model, leaf: string) =>
    (
      (await session.request("GET", path(sim, model, leaf))) as {
        data: { attributes: Record<string, unknown> };
      }
    ).data.attributes;
  expect((await read("zoe40", "hvac-status")).hvacStatus).toBe("off");
  clock.advance(SECOND);
  expect((await read("zoe40", "hvac-status")).hvacStatus).toBe("on");
  expect((await read("r5", "hvac-status")).hvacStatus).toBe("on"); // started, stop ignored
  expect((await read("zoe50", "battery-status")).chargingStatus).toBe(1); // still charging
});

test("actionDelay must be milliseconds ≥ 0", async () => {
  await expect(useSimulator({ actionDelay: -1 })).rejects.toThrow(ConfigurationError);
});
