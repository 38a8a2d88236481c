/**
 * Fewer requests, per vehicle: endpoints the server answers as unsupported are remembered for a
 * while (never a transient failure), and an optional read cache that actions invalidate.
 */
import { describe, expect, test } from "vitest";
import { EndpointNotAvailableError, NotSupportedError, RenaultClient, RenaultVehicle } from "../src/index.js";
import { ForbiddenError, ResourceNotFoundError } from "../src/errors.js";
import { ENDPOINT_KEYS, invalidatedBy, isActionKey } from "../src/registry/index.js";
import {
  isUnsupportedAnswer,
  VehicleMemories,
  VehicleMemory,
  type VehicleMemoryOptions,
} from "../src/kamereon/memory.js";
import { loadFixture } from "../src/simulator/fixtures.js";
import type { Simulator } from "../src/simulator/server.js";
import { loggedInSession, requestsTo, useSimulator } from "./support/sim.js";

type Car = keyof Simulator["demo"]["vins"];
const HOUR = 3_600_000;

/** A logged-in client on a fake clock (memory and cache only), and one car of the simulator. */
async function setup(car: Car = "zoe50", options: VehicleMemoryOptions = {}) {
  const sim = await useSimulator();
  const clock = { now: Date.now() };
  const session = await loggedInSession(sim);
  const client = new RenaultClient({ session, now: () => clock.now, ...options });
  const accountId = sim.demo.models.find((model) => model.model === car)!.accountId;
  const vin = sim.demo.vins[car];
  const account = client.account(accountId);
  const vehicle = account.vehicle(vin);
  await vehicle.getDetails();
  const since = sim.requests.at(-1)?.seq ?? 0;
  /** Kamereon requests sent since the setup, by endpoint name. */
  const sent = () => requestsTo(sim, "kamereon", since).map((request) => request.endpoint ?? request.path);
  return { sim, clock, client, account, vehicle, vin, accountId, sent };
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a failure");
}

describe("unsupported endpoints are remembered", () => {
  test("a not-found answer blocks the endpoint without a request until the memory expires", async () => {
    const { sim, clock, vehicle, sent } = await setup();
    sim.addFault("notfound@cockpit");
    expect(await failure(vehicle.getCockpit())).toBeInstanceOf(ResourceNotFoundError);
    const second = await failure(vehicle.getCockpit());
    expect(second).toBeInstanceOf(EndpointNotAvailableError);
    expect((second as EndpointNotAvailableError).endpoint).toBe("cockpit");
    expect((second as EndpointNotAvailableError).modelCode).toBe("X102VE");
    expect((second as Error).cause).toBeInstanceOf(ResourceNotFoundError);
    expect(sent()).toEqual(["cockpit"]);
    expect(vehicle.knownUnsupported()).toMatchObject([
      { endpoint: "cockpit", use: "read", modelCode: "X102VE", until: clock.now + 24 * HOUR },
    ]);
    expect(await vehicle.supports("cockpit")).toBe(false);
    // Other endpoints are not affected.
    await vehicle.getLocation();
    clock.now += 24 * HOUR - 1;
    await expect(vehicle.getCockpit()).rejects.toBeInstanceOf(EndpointNotAvailableError);
    clock.now += 1;
    await expect(vehicle.getCockpit()).resolves.toMatchObject({ totalMileage: expect.any(Number) });
    expect(sent()).toEqual(["cockpit", "location", "cockpit"]);
    expect(vehicle.knownUnsupported()).toEqual([]);
  });

  test.each([
    ["forbidden@hvac-status", ForbiddenError],
    ["notsupported@hvac-status", NotSupportedError],
  ] as const)("%s is remembered", async (fault, type) => {
    const { sim, vehicle, sent } = await setup();
    sim.addFault(fault);
    expect(await failure(vehicle.getHvacStatus())).toBeInstanceOf(type);
    const error = await failure(vehicle.getHvacStatus());
    expect(error).toBeInstanceOf(EndpointNotAvailableError);
    expect((error as Error).cause).toBeInstanceOf(type);
    expect(sent()).toEqual(["hvac-status"]);
  });

  test("403011 'not supported for this can' is remembered; another err.func.403 is not", async () => {
    const { sim, vehicle, sent } = await setup();
    const answers = ["hvac-status.403.403011.json", "access_denied.json"];
    sim.route("GET", /\/hvac-status$/, () => {
      const fixture = answers.shift();
      return fixture ? { status: 403, body: loadFixture(`kamereon/error/${fixture}`) } : undefined;
    });
    expect(await failure(vehicle.getHvacStatus())).toMatchObject({
      name: "AccessDeniedError",
      innerCode: "403011",
    });
    await expect(vehicle.getHvacStatus()).rejects.toBeInstanceOf(EndpointNotAvailableError);
    vehicle.forgetUnsupported("hvac-status");
    expect(await failure(vehicle.getHvacStatus())).toMatchObject({
      name: "AccessDeniedError",
      code: "err.func.403",
    });
    await expect(vehicle.getHvacStatus()).resolves.toBeDefined();
    expect(sent()).toEqual(["hvac-status", "hvac-status", "hvac-status"]);
  });

  test("transient failures are never remembered: every next call asks the server again", async () => {
    // Retried kinds get enough faults to exhaust the read's retries (1 + 2).
    const transient = { "5xx": 3, upstream: 3, "502html": 3, reset: 3, privacy: 1, inprogress: 1, apikey: 1 };
    for (const [kind, count] of Object.entries(transient)) {
      const { sim, vehicle, sent } = await setup();
      sim.addFault(`${kind}@cockpit:${count}`);
      const error = await failure(vehicle.getCockpit());
      expect(error, kind).not.toBeInstanceOf(EndpointNotAvailableError);
      expect(vehicle.knownUnsupported(), kind).toEqual([]);
      await expect(vehicle.getCockpit(), kind).resolves.toBeDefined();
      expect(sent().at(-1), kind).toBe("cockpit");
      await sim.close();
    }
  });

  test("a rejected JWT, a timeout and a quota error are not remembered either", async () => {
    const { sim, vehicle, sent } = await setup();
    sim.addFault("unauthorized@cockpit:2");
    expect(await failure(vehicle.getCockpit())).toMatchObject({ name: "UnauthorizedError" });
    sim.addFault("hang@cockpit:3");
    expect(await failure(vehicle.getCockpit({ timeout: 50 }))).toMatchObject({ name: "TimeoutError" });
    expect(vehicle.knownUnsupported()).toEqual([]);
    await expect(vehicle.getCockpit()).resolves.toBeDefined();
    sim.addFault("quota@cockpit");
    expect(await failure(vehicle.getCockpit())).toMatchObject({ name: "QuotaLimitError" });
    // The session's quota cooldown answers now, not the memory: still a QuotaLimitError.
    expect(await failure(vehicle.getCockpit())).toMatchObject({ name: "QuotaLimitError" });
    expect(vehicle.knownUnsupported()).toEqual([]);
    // 2 rejected, 3 hanging, then the revoked JWT is rejected once more and re-minted, then 1 quota.
    expect(sent().filter((name) => name === "cockpit")).toHaveLength(2 + 3 + 2 + 1);
  });

  test("an endpoint that worked is not blocked by a later not-found or forbidden; 501 still is", async () => {
    const { sim, vehicle, sent } = await setup();
    await vehicle.getCockpit();
    sim.addFault("notfound@cockpit");
    await expect(vehicle.getCockpit()).rejects.toBeInstanceOf(ResourceNotFoundError);
    sim.addFault("forbidden@cockpit");
    await expect(vehicle.getCockpit()).rejects.toBeInstanceOf(ForbiddenError);
    await expect(vehicle.getCockpit()).resolves.toBeDefined();
    sim.addFault("notsupported@cockpit");
    await expect(vehicle.getCockpit()).rejects.toBeInstanceOf(NotSupportedError);
    await expect(vehicle.getCockpit()).rejects.toBeInstanceOf(EndpointNotAvailableError);
    expect(sent()).toEqual(["cockpit", "cockpit", "cockpit", "cockpit", "cockpit"]);
  });

  test("a not-found for a period (history) is not remembered: it may mean 'nothing then'", async () => {
    const { sim, vehicle, sent } = await setup("zoe40");
    const period = { start: new Date(2026, 0, 1), end: new Date(2026, 0, 31) };
    sim.addFault("notfound@charges");
    await expect(vehicle.getChargeSessions(period)).rejects.toBeInstanceOf(ResourceNotFoundError);
    await expect(vehicle.getChargeSessions(period)).resolves.toBeDefined();
    sim.addFault("notsupported@charge-history");
    await expect(vehicle.getChargeHistory({ ...period, period: "month" })).rejects.toBeInstanceOf(
      NotSupportedError,
    );
    await expect(vehicle.getChargeHistory({ ...period, period: "day" })).rejects.toBeInstanceOf(
      EndpointNotAvailableError,
    );
    expect(sent()).toEqual(["charges", "charges", "charge-history"]);
  });

  test("actions are remembered too, separately from the reads of the same endpoint", async () => {
    const { sim, vehicle, sent } = await setup("r5");
    sim.addFault("forbidden@horn-start");
    await expect(vehicle.honkHorn()).rejects.toBeInstanceOf(ForbiddenError);
    await expect(vehicle.honkHorn()).rejects.toBeInstanceOf(EndpointNotAvailableError);
    expect(await vehicle.supports("actions/horn-start")).toBe(false);
    // soc-levels is a read and a write: a read refused does not block the write.
    sim.addFault("notfound@soc-levels");
    await expect(vehicle.getSocLevels()).rejects.toBeInstanceOf(ResourceNotFoundError);
    await expect(vehicle.getSocLevels()).rejects.toBeInstanceOf(EndpointNotAvailableError);
    await expect(vehicle.setSocLevels({ socMin: 20, socTarget: 80 })).resolves.toMatchObject({
      status: expect.any(String),
    });
    expect(vehicle.knownUnsupported().map(({ endpoint, use }) => `${use} ${endpoint}`)).toEqual([
      "action actions/horn-start",
      "read soc-levels",
    ]);
    vehicle.forgetUnsupported();
    expect(vehicle.knownUnsupported()).toEqual([]);
    expect(sent()).toEqual(["actions/horn-lights", "soc-levels", "soc-levels"]);
  });

  test("every instance of the vehicle in one client shares the memory; a client on another store does not", async () => {
    const { sim, client, account, vehicle, accountId, vin, sent } = await setup();
    sim.addFault("notsupported@location");
    await expect(vehicle.getLocation()).rejects.toBeInstanceOf(NotSupportedError);
    const again = client.account(accountId).vehicle(vin);
    const listed = (await account.getVehicles()).find((candidate) => candidate.vin === vin)!;
    for (const instance of [again, listed]) {
      await expect(instance.getLocation()).rejects.toBeInstanceOf(EndpointNotAvailableError);
    }
    // A client on the same credential store restores what was learnt (issue 13, item 7)…
    const same = new RenaultClient({ session: client.session }).account(accountId).vehicle(vin);
    await expect(same.getLocation()).rejects.toBeInstanceOf(EndpointNotAvailableError);
    // …one on another store asks again.
    const other = new RenaultClient({ session: await loggedInSession(sim) }).account(accountId).vehicle(vin);
    await expect(other.getLocation()).resolves.toBeDefined();
    expect(sent().filter((name) => name === "location")).toHaveLength(2);
  });

  test("unsupportedMemory: false turns the memory off; a custom ttl is honoured", async () => {
    const off = await setup("zoe50", { unsupportedMemory: false });
    off.sim.addFault("notfound@cockpit");
    await expect(off.vehicle.getCockpit()).rejects.toBeInstanceOf(ResourceNotFoundError);
    await expect(off.vehicle.getCockpit()).resolves.toBeDefined();
    const short = await setup("zoe50", { unsupportedMemory: { ttl: 1_000 } });
    short.sim.addFault("notfound@cockpit");
    await expect(short.vehicle.getCockpit()).rejects.toBeInstanceOf(ResourceNotFoundError);
    await expect(short.vehicle.getCockpit()).rejects.toBeInstanceOf(EndpointNotAvailableError);
    short.clock.now += 1_000;
    await expect(short.vehicle.getCockpit()).resolves.toBeDefined();
  });

  test("an undocumented model learns its endpoints from the server: the second poll skips the refused ones", async () => {
    const sim = await useSimulator();
    const session = await loggedInSession(sim);
    const vin = sim.demo.vins.captur;
    const accountId = sim.demo.renaultAccountId;
    // The client does not know the model, so it tries every default endpoint; the simulator answers
    // as the real Captur II does.
    sim.route("GET", `/commerce/v1/accounts/${accountId}/vehicles/${vin}/details`, () => ({
      body: { vin, model: { code: "XNEW1VE", label: "NEW" } },
    }));
    const vehicle = new RenaultClient({ session }).account(accountId).vehicle(vin);
    const poll = () =>
      Promise.allSettled([
        vehicle.getBatteryStatus(),
        vehicle.getCockpit(),
        vehicle.getLocation(),
        vehicle.getLockStatus(),
        vehicle.getHvacStatus(),
        vehicle.getTyrePressure(),
        vehicle.getResState(),
        vehicle.getChargeMode(),
      ]);
    const before = sim.requests.length;
    const first = await poll();
    const firstRequests = sim.requests.length - before;
    const refused = first.filter((outcome) => outcome.status === "rejected").length;
    expect(refused).toBeGreaterThan(0);
    const second = await poll();
    const secondRequests = sim.requests.length - before - firstRequests;
    expect(secondRequests).toBe(first.length - refused);
    expect(
      second.filter(
        (outcome) => outcome.status === "rejected" && outcome.reason instanceof EndpointNotAvailableError,
      ),
    ).toHaveLength(refused);
  });
});

describe("read cache", () => {
  test("off by default: every read is a request", async () => {
    const { vehicle, sent } = await setup();
    await vehicle.getBatteryStatus();
    await vehicle.getBatteryStatus();
    expect(sent()).toEqual(["battery-status", "battery-status"]);
  });

  test("with a ttl, a read is served from the cache until it expires; values are copies", async () => {
    const { clock, vehicle, sent } = await setup("zoe50", { cache: { ttl: 60_000 } });
    const first = await vehicle.getBatteryStatus();
    (first as { batteryLevel?: number }).batteryLevel = -1;
    const second = await vehicle.getBatteryStatus();
    expect(second.batteryLevel).not.toBe(-1);
    clock.now += 59_999;
    await vehicle.getBatteryStatus();
    expect(sent()).toEqual(["battery-status"]);
    clock.now += 1;
    await vehicle.getBatteryStatus();
    expect(sent()).toEqual(["battery-status", "battery-status"]);
  });

  test("per-endpoint ttl overrides the default; 0 turns the cache off for that endpoint", async () => {
    const { clock, vehicle, sent } = await setup("zoe50", {
      cache: { ttl: 1_000, endpoints: { location: 600_000, cockpit: 0 } },
    });
    for (let index = 0; index < 3; index++) {
      await Promise.all([vehicle.getLocation(), vehicle.getCockpit(), vehicle.getHvacStatus()]);
      clock.now += 5_000;
    }
    const count = (name: string) => sent().filter((entry) => entry === name).length;
    expect([count("location"), count("cockpit"), count("hvac-status")]).toEqual([1, 3, 3]);
  });

  test("a failed read and a body that does not parse are not cached", async () => {
    const { sim, vehicle, sent } = await setup("zoe50", { cache: { ttl: 60_000 } });
    sim.addFault("5xx@cockpit:3");
    await expect(vehicle.getCockpit()).rejects.toMatchObject({ name: "FailedForwardError" });
    sim.route("GET", /\/cockpit$/, () => ({ body: { data: { attributes: { totalMileage: "many" } } } }));
    await expect(vehicle.getCockpit()).rejects.toMatchObject({ name: "InvalidResponseError" });
    sim.clearRoutes();
    await vehicle.getCockpit();
    await vehicle.getCockpit();
    expect(sent()).toEqual(["cockpit", "cockpit", "cockpit", "cockpit", "cockpit"]);
  });

  test("actions invalidate the reads they change, even when they fail; others keep theirs", async () => {
    const { sim, vehicle, sent } = await setup("zoe50", { cache: { ttl: 60_000 } });
    const read = () =>
      Promise.all([vehicle.getHvacStatus(), vehicle.getLocation(), vehicle.getBatteryStatus()]);
    await read();
    await vehicle.startHvac(21);
    await read();
    await vehicle.setChargeSchedules([]);
    await read();
    sim.addFault("5xx@refresh-location");
    await expect(vehicle.refreshLocation()).rejects.toMatchObject({ name: "FailedForwardError" });
    await read();
    await vehicle.stopCharge().catch(() => undefined);
    await read();
    const reads = sent().filter((name) => !name.startsWith("actions/") && !name.startsWith("charge/"));
    expect(reads.sort()).toEqual(
      [
        ...["hvac-status", "location", "battery-status"], // first read
        "hvac-status", // after hvac start
        "location", // after refresh-location (failed)
        "battery-status", // after charge stop
      ].sort(),
    );
  });

  test("a read in flight when an action is sent is not cached", async () => {
    const { sim, vehicle, sent } = await setup("zoe50", { cache: { ttl: 60_000 } });
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    sim.route("GET", /\/hvac-status$/, async () => {
      await gate;
      return undefined;
    });
    const slow = vehicle.getHvacStatus();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await vehicle.stopHvac();
    release();
    await slow;
    sim.clearRoutes();
    await vehicle.getHvacStatus();
    expect(sent().filter((name) => name === "hvac-status")).toHaveLength(2);
  });

  test("history reads are cached per period; a raw POST clears the whole cache", async () => {
    const { vehicle, sent } = await setup("zoe40", { cache: { ttl: 60_000 } });
    const january = { start: new Date(2026, 0, 1), end: new Date(2026, 0, 31) };
    const february = { start: new Date(2026, 1, 1), end: new Date(2026, 1, 28) };
    await vehicle.getChargeSessions(january);
    await vehicle.getChargeSessions(february);
    await vehicle.getChargeSessions(january);
    await vehicle.getCockpit();
    await vehicle.httpPost(
      "/commerce/v1/accounts/{account_id}/kamereon/kca/car-adapter/v1/cars/{vin}/actions/horn-lights",
      { data: { type: "HornLights", attributes: { action: "start", target: "horn" } } },
    );
    await vehicle.getChargeSessions(january);
    await vehicle.getCockpit();
    expect(sent()).toEqual(["charges", "charges", "cockpit", "actions/horn-lights", "charges", "cockpit"]);
  });

  test("a vehicle built on its own takes the options itself", async () => {
    const sim = await useSimulator();
    const session = await loggedInSession(sim);
    const vehicle = new RenaultVehicle({
      session,
      accountId: sim.demo.renaultAccountId,
      vin: sim.demo.vins.zoe50,
      cache: { ttl: 60_000 },
    });
    await vehicle.getCockpit();
    const since = sim.requests.length;
    await vehicle.getCockpit();
    expect(sim.requests.length).toBe(since);
    vehicle.clearCache();
    await vehicle.getCockpit();
    expect(sim.requests.length).toBe(since + 1);
  });

  test("invalid times to live are refused when the client is built", () => {
    expect(() => new RenaultClient({ locale: "fr_FR", cache: { ttl: -1 } })).toThrow(RangeError);
    expect(
      () => new RenaultClient({ locale: "fr_FR", cache: { ttl: 1, endpoints: { location: Number.NaN } } }),
    ).toThrow(RangeError);
    expect(() => new RenaultClient({ locale: "fr_FR", cache: { ttl: 1, maxEntries: 0 } })).toThrow(
      RangeError,
    );
    expect(() => new RenaultClient({ locale: "fr_FR", unsupportedMemory: { ttl: Infinity } })).toThrow(
      RangeError,
    );
  });
});

describe("memory units", () => {
  test("isUnsupportedAnswer: only the unsupported answers, never the transient ones", () => {
    const where = { method: "GET", url: "/x", status: 400 };
    const make = <T>(Type: new (init: never) => T, code: string, innerCode?: string) =>
      new Type({ ...where, errors: [{ code, details: "" }], innerCode } as never);
    expect(isUnsupportedAnswer(make(NotSupportedError, "err.tech.501"), { workedBefore: true })).toBe(true);
    expect(isUnsupportedAnswer(make(ForbiddenError, "err.func.wired.forbidden"))).toBe(true);
    expect(
      isUnsupportedAnswer(make(ForbiddenError, "err.func.wired.forbidden"), { workedBefore: true }),
    ).toBe(false);
    expect(
      isUnsupportedAnswer(make(ResourceNotFoundError, "err.func.wired.notFound"), { period: true }),
    ).toBe(false);
    expect(isUnsupportedAnswer(new Error("x"))).toBe(false);
    expect(isUnsupportedAnswer(undefined)).toBe(false);
  });

  test("every action that changes data invalidates reads that exist", () => {
    for (const key of ENDPOINT_KEYS) {
      for (const read of invalidatedBy(key)) {
        expect(ENDPOINT_KEYS).toContain(read);
        expect(isActionKey(read), `${key} invalidates ${read}`).toBe(false);
      }
    }
    expect(invalidatedBy("actions/charge-start")).toContain("battery-status");
    expect(invalidatedBy("cockpit")).toEqual([]);
  });

  test("the cache keeps at most maxEntries per vehicle, the oldest going first", () => {
    const memory = new VehicleMemory({ cache: { ttl: 1_000, maxEntries: 2 } }, () => 0);
    for (const day of ["1", "2", "3"]) memory.store("charges", { day }, day, memory.generation("charges"));
    expect(memory.cached("charges", { day: "1" })).toBeUndefined();
    expect(memory.cached("charges", { day: "3" })).toEqual({ value: "3" });
    const memories = new VehicleMemories();
    expect(memories.of("a", "v")).toBe(memories.of("a", "v"));
    expect(memories.of("a", "w")).not.toBe(memories.of("a", "v"));
    expect(memories.of("b", "v")).not.toBe(memories.of("a", "v"));
  });
});
