/**
 * The simulator's per-model contract, asserted through the real session over HTTP: every read and
 * every action of every demo car answers data, or the typed error the real API gives when the model
 * does not support it. The expected tables below are written by hand from the capability matrix
 * (shared protocol.md §4.3), independently of the simulator's code.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  AccessDeniedError,
  ForbiddenError,
  KamereonError,
  NotSupportedError,
  ResourceNotFoundError,
} from "../src/errors.js";
import { DEFAULT_ENDPOINTS, type EndpointKey, MODEL_ENDPOINTS } from "../src/registry/index.js";
import { RenaultSession } from "../src/session.js";
import { startSimulator, type Simulator } from "../src/simulator/index.js";
import { OPERATIONS } from "../src/simulator/operations.js";
import { ACTION_ENDPOINTS } from "../src/simulator/car-actions.js";
import { simOptions } from "./support/sim.js";

type Model = "zoe40" | "zoe50" | "megane" | "r5" | "spring" | "captur" | "clio";
const MODELS: readonly Model[] = ["zoe40", "zoe50", "megane", "r5", "spring", "captur", "clio"];

let sim: Simulator;
let session: RenaultSession;

beforeAll(async () => {
  sim = await startSimulator();
  session = new RenaultSession(simOptions(sim, { retry: false }));
  await session.login(sim.demo.email, sim.demo.password);
});
afterAll(async () => {
  await sim.close();
});

function root(model: Model): string {
  const car = sim.demo.models.find((entry) => entry.model === model)!;
  return `/commerce/v1/accounts/${car.accountId}/kamereon`;
}
function vin(model: Model): string {
  return sim.demo.vins[model];
}

// Legend: . = data, F = err.func.wired.forbidden (403), N = err.func.wired.notFound (404),
// S = err.tech.501 (501), C = err.func.403 with inner 403011 "not supported for this can" (403),
// B = err.func.wired.invalid-body-format (400, the Megane's charge stop).
const READS = [
  ["car-adapter", "/kca/car-adapter/v2/cars/{vin}", {}],
  ["battery-status", "/kca/car-adapter/v2/cars/{vin}/battery-status", {}],
  [
    "charge-history",
    "/kca/car-adapter/v1/cars/{vin}/charge-history",
    { type: "month", start: "202401", end: "202412" },
  ],
  ["charge-mode", "/kca/car-adapter/v1/cars/{vin}/charge-mode", {}],
  ["charge-schedule", "/kca/car-adapter/v1/cars/{vin}/charge-schedule", {}],
  ["charges", "/kca/car-adapter/v1/cars/{vin}/charges", { start: "20240101", end: "20240131" }],
  ["charging-settings", "/kca/car-adapter/v1/cars/{vin}/charging-settings", {}],
  ["cockpit", "/kca/car-adapter/v1/cars/{vin}/cockpit", {}],
  [
    "hvac-history",
    "/kca/car-adapter/v1/cars/{vin}/hvac-history",
    { type: "day", start: "20240101", end: "20240131" },
  ],
  ["hvac-sessions", "/kca/car-adapter/v1/cars/{vin}/hvac-sessions", { start: "20240101", end: "20240131" }],
  ["hvac-settings", "/kca/car-adapter/v1/cars/{vin}/hvac-settings", {}],
  ["hvac-status", "/kca/car-adapter/v1/cars/{vin}/hvac-status", {}],
  ["location", "/kca/car-adapter/v1/cars/{vin}/location", {}],
  ["lock-status", "/kca/car-adapter/v1/cars/{vin}/lock-status", {}],
  ["notification-settings", "/kca/car-adapter/v1/cars/{vin}/notification-settings", {}],
  ["pressure", "/kca/car-adapter/v1/cars/{vin}/pressure", {}],
  ["res-state", "/kca/car-adapter/v1/cars/{vin}/res-state", {}],
  ["soc-levels", "/kcm/v1/vehicles/{vin}/ev/soc-levels", {}],
  ["ev-settings", "/kcm/v1/vehicles/{vin}/ev/settings", {}],
  ["alerts", "/vehicles/{vin}/alerts", {}],
] as const;

//                        adapter battery c-hist c-mode c-sched charges c-sett cockpit h-hist h-sess h-sett h-stat loc lock notif press res soc ev-set alerts
const READ_MATRIX: Readonly<Record<Model, string>> = {
  zoe40: /*            */ ". . . . . . . . . . . . N N . N N F S .",
  zoe50: /*            */ ". . . F S . . . . . . . . N . . N F S .",
  megane: /*           */ ". . N F S . . . N N . . . N S N N . S .",
  r5: /*               */ ". . N F S . F . N N . . . N S N N . . .",
  spring: /*           */ ". . N F S . F . N N S . . N S N N F S S",
  captur: /*           */ ". N N F S N N . N N . . . N S N N F S .",
  clio: /*             */ ". N N F S N F . N N S C . N S N N F S S",
};

const schedules = [{ id: 1, activated: true, monday: { startTime: "T23:30Z", duration: 60 }, tuesday: null }];
const jsonApi = (type: string, attributes?: unknown) => ({
  data: attributes === undefined ? { type } : { type, attributes },
});
const ACTIONS = [
  [
    "charge-mode",
    "/kca/car-adapter/v1/cars/{vin}/actions/charge-mode",
    jsonApi("ChargeMode", { action: "schedule_mode" }),
  ],
  [
    "charge-schedule",
    "/kca/car-adapter/v2/cars/{vin}/actions/charge-schedule",
    jsonApi("ChargeSchedule", { schedules }),
  ],
  [
    "charging-start start",
    "/kca/car-adapter/v1/cars/{vin}/actions/charging-start",
    jsonApi("ChargingStart", { action: "start" }),
  ],
  [
    "charging-start stop",
    "/kca/car-adapter/v1/cars/{vin}/actions/charging-start",
    jsonApi("ChargingStart", { action: "stop" }),
  ],
  [
    "horn",
    "/kca/car-adapter/v1/cars/{vin}/actions/horn-lights",
    jsonApi("HornLights", { action: "start", target: "horn" }),
  ],
  [
    "lights",
    "/kca/car-adapter/v1/cars/{vin}/actions/horn-lights",
    jsonApi("HornLights", { action: "start", target: "lights" }),
  ],
  [
    "hvac-schedule",
    "/kca/car-adapter/v2/cars/{vin}/actions/hvac-schedule",
    jsonApi("HvacSchedule", { schedules: [{ id: 2, activated: true, monday: { readyAtTime: "T07:15Z" } }] }),
  ],
  [
    "hvac-start start",
    "/kca/car-adapter/v1/cars/{vin}/actions/hvac-start",
    jsonApi("HvacStart", { action: "start", targetTemperature: 21 }),
  ],
  [
    "hvac-start cancel",
    "/kca/car-adapter/v1/cars/{vin}/actions/hvac-start",
    jsonApi("HvacStart", { action: "cancel" }),
  ],
  [
    "hvac-start stop",
    "/kca/car-adapter/v1/cars/{vin}/actions/hvac-start",
    jsonApi("HvacStart", { action: "stop" }),
  ],
  ["refresh-location", "/kca/car-adapter/v1/cars/{vin}/actions/refresh-location", jsonApi("RefreshLocation")],
  ["kcm charge/start", "/kcm/v1/vehicles/{vin}/charge/start", jsonApi("ChargingStart", { action: "start" })],
  [
    "kcm resume",
    "/kcm/v1/vehicles/{vin}/charge/pause-resume",
    jsonApi("ChargePauseResume", { action: "resume" }),
  ],
  [
    "kcm pause",
    "/kcm/v1/vehicles/{vin}/charge/pause-resume",
    jsonApi("ChargePauseResume", { action: "pause" }),
  ],
  ["kcm charge/schedule", "/kcm/v1/vehicles/{vin}/charge/schedule", jsonApi("ChargeSchedule", { schedules })],
  ["kcm ev/settings", "/kcm/v1/vehicles/{vin}/ev/settings", { chargeModeRq: "SCHEDULED", programs: [] }],
  ["kcm ev/soc-levels", "/kcm/v1/vehicles/{vin}/ev/soc-levels", { socMin: 20, socTarget: 80 }],
] as const;

//                        c-mode c-sched cs-start cs-stop horn lights h-sched h-start h-cancel h-stop refresh kcm-start resume pause kcm-sched ev soc
const ACTION_MATRIX: Readonly<Record<Model, string>> = {
  zoe40: /*            */ ". . . . . . . . . . . F F F F F F",
  zoe50: /*            */ ". . . . F F . . . . . . . . F F F",
  megane: /*           */ ". F F B . . . . . . . . F B . F .",
  r5: /*               */ "F F F F . . F . . . . F F F F . .",
  spring: /*           */ ". . F F F F . . . . . F . . F F F",
  captur: /*           */ ". . F F F F . . . . . F F F F F F",
  clio: /*             */ ". . F F F F F F F F . F F F F F F",
};

function expectations(matrix: Readonly<Record<Model, string>>, names: readonly string[]) {
  return MODELS.flatMap((model) => {
    const cells = matrix[model].split(" ");
    if (cells.length !== names.length)
      throw new Error(`${model}: ${cells.length} cells for ${names.length} columns`);
    return cells.map((cell, index) => ({ model, index, name: names[index]!, cell }));
  });
}

async function outcome(promise: Promise<unknown>): Promise<{ value?: unknown; error?: unknown }> {
  try {
    return { value: await promise };
  } catch (error) {
    return { error };
  }
}

function expectRefusal(error: unknown, cell: string): void {
  switch (cell) {
    case "F":
      expect(error).toBeInstanceOf(ForbiddenError);
      expect(error).toMatchObject({ status: 403, code: "err.func.wired.forbidden" });
      break;
    case "N":
      expect(error).toBeInstanceOf(ResourceNotFoundError);
      expect(error).toMatchObject({ status: 404, code: "err.func.wired.notFound" });
      break;
    case "S":
      expect(error).toBeInstanceOf(NotSupportedError);
      expect(error).toMatchObject({ status: 501, code: "err.tech.501" });
      break;
    case "C":
      expect(error).toBeInstanceOf(AccessDeniedError);
      expect(error).toMatchObject({ status: 403, code: "err.func.403", innerCode: "403011" });
      break;
    case "B":
      expect(error).toBeInstanceOf(KamereonError);
      expect(error).toMatchObject({ status: 400, code: "err.func.wired.invalid-body-format" });
      break;
    default:
      throw new Error(`unknown cell ${cell}`);
  }
}

describe("reads", () => {
  test.each(
    expectations(
      READ_MATRIX,
      READS.map(([name]) => name),
    ),
  )("$model GET $name → $cell", async ({ model, index, name, cell }) => {
    const [, template, query] = READS[index]!;
    const path = root(model) + template.replace("{vin}", vin(model));
    const { value, error } = await outcome(session.request("GET", path, { query }));
    if (cell !== ".") {
      expect(value, `${model} ${name} should be refused`).toBeUndefined();
      expectRefusal(error, cell);
      return;
    }
    expect(error, `${model} ${name}`).toBeUndefined();
    if (name === "alerts") {
      expect((value as { data: unknown[] }).data[0]).toMatchObject({ alertCode: "crashairbagmalfunction" });
    } else if (name === "soc-levels" || name === "ev-settings") {
      expect(value).toMatchObject(
        name === "soc-levels" ? { socMin: 20, socTarget: 80 } : { programs: expect.any(Array) },
      );
    } else {
      expect(value).toMatchObject({ data: { id: vin(model), attributes: expect.any(Object) } });
    }
  });
});

describe("actions", () => {
  test.each(
    expectations(
      ACTION_MATRIX,
      ACTIONS.map(([name]) => name),
    ),
  )("$model POST $name → $cell", async ({ model, index, name, cell }) => {
    const [, template, body] = ACTIONS[index]!;
    const path = root(model) + template.replace("{vin}", vin(model));
    const { value, error } = await outcome(session.request("POST", path, { body }));
    if (cell !== ".") {
      expect(value, `${model} ${name} should be refused`).toBeUndefined();
      expectRefusal(error, cell);
      return;
    }
    expect(error, `${model} ${name}`).toBeUndefined();
    if ("data" in body) {
      // The real envelope: the type sent, id "guid", the attributes echoed.
      expect(value).toEqual({ data: { ...body.data, id: "guid" } });
    } else if (name === "kcm ev/soc-levels") {
      expect(value).toMatchObject({ type: "SOC_SYNCH", status: "CREATED", commandId: expect.any(String) });
    } else {
      expect(value).toEqual({ chargeModeRq: "SCHEDULED", programs: [] });
    }
  });
});

test("the read tables cover every demo car the simulator serves", () => {
  expect(sim.demo.models.map((car) => car.model).sort()).toEqual([...MODELS].sort());
  expect(Object.fromEntries(sim.demo.models.map((car) => [car.model, car.modelCode]))).toEqual({
    zoe40: "X101VE",
    zoe50: "X102VE",
    megane: "XCB1VE",
    r5: "R5E1VE",
    spring: "XBG1VE",
    captur: "XJB1SU",
    clio: "XJA1VP",
  });
  const vins = Object.values(sim.demo.vins);
  expect(new Set(vins).size).toBe(vins.length);
  for (const car of sim.demo.models) {
    expect(car.vin).toMatch(car.model === "spring" ? /^UU1AAAA\w{10}$/ : /^VF1AAAA\w{10}$/);
    expect(car.accountId).toBe(car.model === "spring" ? "account-id-2" : "account-id-1");
  }
});

test("every route of the per-model table is an operation the simulator serves for that key", () => {
  const tables = [DEFAULT_ENDPOINTS, ...Object.values(MODEL_ENDPOINTS)];
  const routes = new Set<string>();
  for (const table of tables) {
    for (const [key, definition] of Object.entries(table)) {
      if (definition) routes.add(`${key} ${definition.path}`);
    }
  }
  for (const route of routes) {
    const [key, path] = route.split(" ") as [EndpointKey, string];
    const served = OPERATIONS.filter(
      (operation) => operation.template === path && operation.keys.includes(key),
    );
    expect(served.length, route).toBeGreaterThan(0);
  }
  expect(routes.size).toBeGreaterThan(28); // the 28 default routes and the KCM ones of some models
  // Every POST operation has an action handler, and every read a fixture.
  const posts = OPERATIONS.filter((operation) => operation.method === "POST").map(
    (operation) => operation.name,
  );
  expect([...ACTION_ENDPOINTS].sort()).toEqual([...new Set(posts)].sort());
});
