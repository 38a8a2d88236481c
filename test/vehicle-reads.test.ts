import { readdirSync } from "node:fs";
import { describe, expect, test } from "vitest";
import {
  EndpointNotAvailableError,
  InvalidArgumentError,
  InvalidResponseError,
  RenaultClient,
  RenaultVehicle,
} from "../src/index.js";
import { FIXTURES_DIR, loadFixture } from "../src/simulator/fixtures.js";
import type { Simulator } from "../src/simulator/server.js";
import { loggedInSession, requestsTo, simOptions, useSimulator } from "./support/sim.js";

/** A car that no model table documents (the "NEW DUSTER" of the fixtures, model XJD1SU). */
const DUSTER_VIN = "VF1AAAAA555000111";

interface Setup {
  readonly sim: Simulator;
  readonly client: RenaultClient;
  readonly vehicle: RenaultVehicle;
  readonly warnings: string[];
  /** Kamereon requests sent since the vehicle was ready (its details are preloaded). */
  readonly sent: () => ReturnType<typeof requestsTo>;
  /** `/commerce/v1/accounts/{account}/kamereon/kca/car-adapter/v{version}/cars/{vin}/{leaf}` */
  readonly kca: (version: 1 | 2, leaf: string) => string;
  /** `/commerce/v1/accounts/{account}/kamereon/kcm/v1/vehicles/{vin}/{leaf}` */
  readonly kcm: (leaf: string) => string;
  /** Answers `method path` with a fixture (or a literal body). */
  readonly serve: (method: string, path: string, body: string | object, status?: number) => void;
}

/** A logged-in client and one of the simulator's cars, found through the account's vehicle list. */
async function setup(
  car: "zoe40" | "zoe50" | "megane" | "r5" | "spring" | "captur" | "duster",
): Promise<Setup> {
  const sim = await useSimulator();
  const accountId = car === "spring" ? sim.demo.daciaAccountId : sim.demo.renaultAccountId;
  const vin =
    car === "duster" ? sim.world.addVehicle(accountId, "duster.1.json", DUSTER_VIN).vin : sim.demo.vins[car];
  const warnings: string[] = [];
  const client = new RenaultClient({
    session: await loggedInSession(sim),
    logger: { warn: (m) => warnings.push(m) },
  });
  const vehicles = await client.account(accountId).getVehicles();
  const vehicle = vehicles.find((candidate) => candidate.vin === vin)!;
  const since = sim.requests.length;
  const root = `/commerce/v1/accounts/${accountId}/kamereon`;
  return {
    sim,
    client,
    vehicle,
    warnings,
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

const attributesOf = (file: string) =>
  (loadFixture(`kamereon/${file}`) as { data: { attributes?: unknown } }).data.attributes ?? {};

type Car = Parameters<typeof setup>[0];
type Read = (vehicle: RenaultVehicle) => Promise<unknown>;

/** Each car-adapter read fixture: the car that supports it, the call, the path leaf and extra query. */
const READS: readonly [file: string, car: Car, read: Read, version: 1 | 2, leaf: string, query?: object][] = [
  ["battery-status.1.json", "zoe40", (v) => v.getBatteryStatus(), 2, "battery-status"],
  ["battery-status.2.json", "zoe50", (v) => v.getBatteryStatus(), 2, "battery-status"],
  ["battery-status.renault_5.json", "r5", (v) => v.getBatteryStatus(), 2, "battery-status"],
  [
    "charge-history.day.json",
    "zoe40",
    (v) =>
      v.getChargeHistory({
        start: new Date(2020, 11, 1),
        end: new Date(2020, 11, 31, 23, 59),
        period: "day",
      }),
    1,
    "charge-history",
    { type: "day", start: "20201201", end: "20201231" },
  ],
  [
    "charge-history.month.json",
    "zoe50",
    (v) => v.getChargeHistory({ start: new Date(2020, 10, 15), end: new Date(2021, 0, 2), period: "month" }),
    1,
    "charge-history",
    { type: "month", start: "202011", end: "202101" },
  ],
  ["charge-mode.json", "zoe40", (v) => v.getChargeMode(), 1, "charge-mode"],
  ["no_data.json", "zoe40", (v) => v.getChargeMode(), 1, "charge-mode"],
  ["charge-schedule.single.json", "zoe40", (v) => v.getChargeSchedule(), 1, "charge-schedule"],
  [
    "charges.json",
    "zoe40",
    (v) => v.getChargeSessions({ start: new Date(2020, 10, 1), end: new Date(2020, 10, 30) }),
    1,
    "charges",
    { start: "20201101", end: "20201130" },
  ],
  [
    "charges-zoe_50.json",
    "zoe50",
    (v) => v.getChargeSessions({ start: new Date(2022, 2, 16), end: new Date(2022, 2, 21) }),
    1,
    "charges",
    { start: "20220316", end: "20220321" },
  ],
  ["charging-settings.always.json", "zoe50", (v) => v.getChargingSettings(), 1, "charging-settings"],
  ["charging-settings.delayed.json", "zoe50", (v) => v.getChargingSettings(), 1, "charging-settings"],
  ["charging-settings.multi.json", "megane", (v) => v.getChargingSettings(), 1, "charging-settings"],
  ["charging-settings.single.json", "captur", (v) => v.getChargingSettings(), 1, "charging-settings"],
  ["cockpit.captur_ii.json", "captur", (v) => v.getCockpit(), 1, "cockpit"],
  ["cockpit.renault_5.json", "r5", (v) => v.getCockpit(), 1, "cockpit"],
  ["cockpit.spring.json", "spring", (v) => v.getCockpit(), 1, "cockpit"],
  ["cockpit.zoe.json", "zoe40", (v) => v.getCockpit(), 1, "cockpit"],
  ["cockpit.zoe_50.json", "zoe50", (v) => v.getCockpit(), 1, "cockpit"],
  [
    "hvac-history.json",
    "zoe40",
    (v) => v.getHvacHistory({ start: new Date(2021, 0, 1), end: new Date(2021, 1, 1), period: "month" }),
    1,
    "hvac-history",
    { type: "month", start: "202101", end: "202102" },
  ],
  [
    "hvac-sessions.json",
    "zoe50",
    (v) => v.getHvacSessions({ start: new Date(2021, 0, 1), end: new Date(2021, 0, 9) }),
    1,
    "hvac-sessions",
    { start: "20210101", end: "20210109" },
  ],
  ["hvac-settings.json", "zoe50", (v) => v.getHvacSettings(), 1, "hvac-settings"],
  ["hvac-status.renault_5.json", "r5", (v) => v.getHvacStatus(), 1, "hvac-status"],
  ["hvac-status.spring.json", "spring", (v) => v.getHvacStatus(), 1, "hvac-status"],
  ["hvac-status.zoe.json", "zoe40", (v) => v.getHvacStatus(), 1, "hvac-status"],
  ["hvac-status.zoe_50.json", "zoe50", (v) => v.getHvacStatus(), 1, "hvac-status"],
  ["location.1.json", "zoe50", (v) => v.getLocation(), 1, "location"],
  ["location.2.json", "megane", (v) => v.getLocation(), 1, "location"],
  ["lock-status.1.json", "duster", (v) => v.getLockStatus(), 1, "lock-status"],
  ["lock-status.2.json", "duster", (v) => v.getLockStatus(), 1, "lock-status"],
  ["notification-settings.json", "zoe40", (v) => v.getNotificationSettings(), 1, "notification-settings"],
  ["pressure.json", "zoe50", (v) => v.getTyrePressure(), 1, "pressure"],
  ["res-state.1.json", "duster", (v) => v.getResState(), 1, "res-state"],
  ["res-state.2.json", "duster", (v) => v.getResState(), 1, "res-state"],
];

describe("car-adapter reads through RenaultClient", () => {
  test("cover every vehicle_data fixture", () => {
    const all = readdirSync(`${FIXTURES_DIR}/kamereon/vehicle_data`).sort();
    expect(READS.map(([file]) => file).sort()).toEqual(all);
  });

  test.each(READS)("%s (%s)", async (file, car, read, version, leaf, query = {}) => {
    const { vehicle, serve, sent, kca } = await setup(car);
    serve("GET", kca(version, leaf), `vehicle_data/${file}`);
    await expect(read(vehicle)).resolves.toEqual(attributesOf(`vehicle_data/${file}`));
    const requests = sent();
    expect(requests.map((r) => [r.method, r.path])).toEqual([["GET", kca(version, leaf)]]);
    expect(requests[0]!.query).toEqual({ country: "FR", ...query });
  });
});

describe("other reads through RenaultClient", () => {
  test.each(["ev-settings.empty.json", "ev-settings.single.json", "ev-settings.single.inactive.json"])(
    "getChargeSchedule reads KCM ev/settings on a Renault 5 (%s)",
    async (file) => {
      const { vehicle, serve, sent, kcm } = await setup("r5");
      serve("GET", kcm("ev/settings"), `vehicle_kcm_data/${file}`);
      await expect(vehicle.getChargeSchedule()).resolves.toEqual(
        loadFixture(`kamereon/vehicle_kcm_data/${file}`),
      );
      expect(sent().map((r) => `${r.method} ${r.path}`)).toEqual([`GET ${kcm("ev/settings")}`]);
    },
  );

  test("getSocLevels reads the flat KCM soc-levels", async () => {
    const { vehicle, serve, sent, kcm } = await setup("r5");
    serve("GET", kcm("ev/soc-levels"), "vehicle_kcm_data/ev-soc-levels.json");
    await expect(vehicle.getSocLevels()).resolves.toEqual({
      lastEnergyUpdateTimestamp: "2025-04-18T06:51:09Z",
      socMin: 20,
      socTarget: 80,
    });
    expect(sent()).toHaveLength(1);
  });

  test.each(["duster.1.json", "spring.1.json", "twingo_ze.1.json", "zoe_40.1.json", "zoe_50.1.json"])(
    "getCarAdapter reads the v2 root once per vehicle (%s)",
    async (file) => {
      const { vehicle, serve, sent, kca } = await setup("zoe40");
      const root = kca(2, "").slice(0, -1);
      serve("GET", root, `vehicle_gateway/${file}`);
      const first = await vehicle.getCarAdapter();
      expect(first).toEqual(attributesOf(`vehicle_gateway/${file}`));
      await expect(vehicle.getCarAdapter()).resolves.toBe(first);
      expect(sent().map((r) => `${r.method} ${r.path}`)).toEqual([`GET ${root}`]);
    },
  );

  test("getAlerts unwraps the alerts array", async () => {
    const { vehicle, sim, sent } = await setup("r5");
    const path = `/commerce/v1/accounts/${sim.demo.renaultAccountId}/kamereon/vehicles/${vehicle.vin}/alerts`;
    sim.route("GET", path, () => ({ body: loadFixture("kamereon/vehicle_info/alerts.json") }));
    const alerts = await vehicle.getAlerts();
    expect(alerts).toEqual(loadFixture("kamereon/vehicle_info/alerts.json"));
    expect(alerts[0]?.alertCode).toBe("crashairbagmalfunction");
    expect(sent().map((r) => `${r.method} ${r.path}`)).toEqual([`GET ${path}`]);
  });

  test.each(["fr_FR.1.json", "fr_FR.2.json"])(
    "getContracts asks with the session locale and the car's brand, and caches (%s)",
    async (file) => {
      const { vehicle, sim, sent } = await setup("spring");
      const path = `/commerce/v1/accounts/${sim.demo.daciaAccountId}/vehicles/${vehicle.vin}/contracts`;
      sim.route("GET", path, () => ({ body: loadFixture(`kamereon/vehicle_contract/${file}`) }));
      const contracts = await vehicle.getContracts();
      expect(contracts).toEqual(loadFixture(`kamereon/vehicle_contract/${file}`));
      await vehicle.getContracts();
      const requests = sent();
      expect(requests).toHaveLength(1);
      expect(requests[0]).toMatchObject({ method: "GET", path });
      expect(requests[0]!.query).toEqual({
        country: "FR",
        locale: "fr_FR",
        brand: "DACIA",
        connectedServicesContracts: "true",
        warranty: "true",
        warrantyMaintenanceContracts: "true",
      });
    },
  );

  test.each(["master_iv.1.json", "megane_e-tech.2.json", "zoe_40.1.json"])(
    "getDetails of a bare vehicle fetches /details once, then routes with its model (%s)",
    async (file) => {
      const { client, sim } = await setup("zoe40");
      const vin = sim.demo.vins.zoe40;
      const accountId = sim.demo.renaultAccountId;
      const details = loadFixture(`kamereon/vehicle_details/${file}`) as { model: { code: string } };
      sim.route("GET", `/commerce/v1/accounts/${accountId}/vehicles/${vin}/details`, () => ({
        body: details,
      }));
      const since = sim.requests.length;
      const vehicle = client.account(accountId).vehicle(vin);
      expect(requestsTo(sim, "kamereon", since)).toHaveLength(0);
      await expect(vehicle.getDetails()).resolves.toEqual(details);
      await vehicle.getDetails();
      expect(await vehicle.supports("hvac-status")).toBe(true);
      expect(await vehicle.supports("lock-status")).toBe(false);
      expect(requestsTo(sim, "kamereon", since).map((r) => r.path)).toEqual([
        `/commerce/v1/accounts/${accountId}/vehicles/${vin}/details`,
      ]);
    },
  );

  test("a bare vehicle fetches its details once before its first routed read", async () => {
    const { client, sim } = await setup("zoe40");
    const accountId = sim.demo.renaultAccountId;
    const vin = sim.demo.vins.zoe50;
    const kca = (version: number, leaf: string) =>
      `/commerce/v1/accounts/${accountId}/kamereon/kca/car-adapter/v${version}/cars/${vin}/${leaf}`;
    sim.route("GET", kca(1, "cockpit"), () => ({
      body: loadFixture("kamereon/vehicle_data/cockpit.zoe_50.json"),
    }));
    sim.route("GET", kca(2, "battery-status"), () => ({
      body: loadFixture("kamereon/vehicle_data/battery-status.2.json"),
    }));
    const since = sim.requests.length;
    const vehicle = client.account(accountId).vehicle(vin);
    await Promise.all([vehicle.getCockpit(), vehicle.getBatteryStatus()]);
    await vehicle.getCockpit();
    const paths = requestsTo(sim, "kamereon", since).map((r) =>
      r.path.replace(`/commerce/v1/accounts/${accountId}`, ""),
    );
    expect(paths.filter((p) => p.endsWith("/details"))).toEqual([`/vehicles/${vin}/details`]);
    expect(paths[0]).toBe(`/vehicles/${vin}/details`);
    expect(paths.filter((p) => p.endsWith("/cockpit"))).toHaveLength(2);
  });
});

describe("client and account", () => {
  test("getPerson reads the logged-in person", async () => {
    const { client, sim } = await setup("zoe40");
    sim.route("GET", "/commerce/v1/persons/person-id-1", () => ({
      body: loadFixture("kamereon/person.json"),
    }));
    const person = await client.getPerson();
    expect(person).toEqual(loadFixture("kamereon/person.json"));
    expect(sim.requests.at(-1)).toMatchObject({ method: "GET", path: "/commerce/v1/persons/person-id-1" });
  });

  test("getAccounts skips accounts without an id, account() does no I/O", async () => {
    const { client, sim } = await setup("zoe40");
    const person = loadFixture("kamereon/person.json") as { accounts: object[] };
    person.accounts.push({ accountId: null, accountType: "MYRENAULT" }, { accountType: "SFDC" });
    sim.route("GET", "/commerce/v1/persons/person-id-1", () => ({ body: person }));
    const accounts = await client.getAccounts();
    expect(accounts.map((account) => account.accountId)).toEqual(["account-id-1", "account-id-2"]);
    const since = sim.requests.length;
    expect(client.account("account-id-9").accountId).toBe("account-id-9");
    expect(sim.requests.length).toBe(since);
    expect(() => client.account("")).toThrow(InvalidArgumentError);
  });

  test("a client can be built from session options and logged in through its session", async () => {
    const sim = await useSimulator();
    const client = new RenaultClient(simOptions(sim));
    await client.login(sim.demo.email, sim.demo.password);
    const accounts = await client.getAccounts();
    expect(accounts.map((account) => account.accountId)).toContain(sim.demo.renaultAccountId);
  });

  test.each([
    "captur_ii.1.json",
    "captur_ii.2.json",
    "clio_v.1.json",
    "duster.1.json",
    "master_iv.1.json",
    "megane_e-tech.1.json",
    "megane_e-tech.2.json",
    "renault_5.1.json",
    "spring.1.json",
    "twingo_ze.1.json",
    "zoe_40.1.json",
    "zoe_40.2.json",
    "zoe_50.1.json",
  ])("getVehicles preloads the details of vehicles/%s", async (file) => {
    const { client, sim } = await setup("zoe40");
    const list = loadFixture(`kamereon/vehicles/${file}`) as {
      vehicleLinks: { vin: string; vehicleDetails: { model: { code: string } } }[];
    };
    list.vehicleLinks.push({ vin: null } as never);
    const accountId = sim.demo.renaultAccountId;
    sim.route("GET", `/commerce/v1/accounts/${accountId}/vehicles`, () => ({ body: list }));
    const account = client.account(accountId);
    await expect(account.getVehicleLinks()).resolves.toEqual(list);
    const vehicles = await account.getVehicles();
    expect(vehicles.map((vehicle) => vehicle.vin)).toEqual([list.vehicleLinks[0]!.vin]);
    const since = sim.requests.length;
    const details = await vehicles[0]!.getDetails();
    expect(details.model?.code).toBe(list.vehicleLinks[0]!.vehicleDetails.model.code);
    expect(sim.requests.length).toBe(since);
  });

  test("httpGet and httpPost fill in {account_id} and {vin}, encoded", async () => {
    const { client, sim } = await setup("zoe40");
    const vehicle = client.account("account/1").vehicle("VIN?#1");
    const seen: string[] = [];
    sim.route("GET", /^\/commerce\/v1\/accounts\/account%2F1\//, (request) => {
      seen.push(request.path);
      return { body: loadFixture("kamereon/person/notifications.1.json") };
    });
    sim.route("POST", /^\/commerce\/v1\/accounts\/account%2F1\//, (request) => {
      seen.push(`${request.path} ${request.body}`);
      return { body: { ok: true } };
    });
    const got = await vehicle.httpGet(
      "/commerce/v1/accounts/{account_id}/kamereon/kca/car-adapter/v1/cars/{vin}/x",
    );
    expect(got).toEqual({ data: loadFixture("kamereon/person/notifications.1.json") });
    await expect(vehicle.httpPost("/commerce/v1/accounts/{account_id}/y/{vin}", { a: 1 })).resolves.toEqual({
      ok: true,
    });
    expect(seen).toEqual([
      "/commerce/v1/accounts/account%2F1/kamereon/kca/car-adapter/v1/cars/VIN%3F%231/x",
      '/commerce/v1/accounts/account%2F1/y/VIN%3F%231 {"a":1}',
    ]);
    await expect(vehicle.httpGet("commerce/v1/x")).rejects.toThrow(InvalidArgumentError);
  });
});

describe("caching", () => {
  test("a failed details, car-adapter or contracts read is not cached", async () => {
    const { client, sim, kca } = await setup("zoe40");
    const accountId = sim.demo.renaultAccountId;
    const vin = sim.demo.vins.zoe40;
    const paths = {
      details: `/commerce/v1/accounts/${accountId}/vehicles/${vin}/details`,
      contracts: `/commerce/v1/accounts/${accountId}/vehicles/${vin}/contracts`,
      carAdapter: kca(2, "").slice(0, -1),
    };
    const failures = new Map<string, number>();
    for (const [name, path] of Object.entries(paths)) {
      sim.route("GET", path, () => {
        if (failures.has(name)) {
          return name === "contracts"
            ? { body: loadFixture("kamereon/vehicle_contract/fr_FR.1.json") }
            : name === "carAdapter"
              ? { body: loadFixture("kamereon/vehicle_gateway/zoe_40.1.json") }
              : undefined;
        }
        failures.set(name, 1);
        return { status: 404, body: loadFixture("kamereon/error/resource_not_found.json") };
      });
    }
    const vehicle = client.account(accountId).vehicle(vin);
    await expect(vehicle.getDetails()).rejects.toMatchObject({ name: "ResourceNotFoundError" });
    await expect(vehicle.getDetails()).resolves.toMatchObject({ vin });
    await expect(vehicle.getCarAdapter()).rejects.toMatchObject({ name: "ResourceNotFoundError" });
    await expect(vehicle.getCarAdapter()).resolves.toMatchObject({ carGateway: "GDC" });
    await expect(vehicle.getContracts()).rejects.toMatchObject({ name: "ResourceNotFoundError" });
    await expect(vehicle.getContracts()).resolves.toHaveLength(8);
    expect([...failures.keys()].sort()).toEqual(["carAdapter", "contracts", "details"]);
  });

  test("preloaded car-adapter data is used as is", async () => {
    const { client, sim } = await setup("zoe40");
    const since = sim.requests.length;
    const carAdapter = { carGateway: "GDC" };
    const vehicle = new RenaultVehicle({ session: client.session, accountId: "a", vin: "v", carAdapter });
    await expect(vehicle.getCarAdapter()).resolves.toBe(carAdapter);
    expect(sim.requests.length).toBe(since);
    expect(() => new RenaultVehicle({ session: client.session, accountId: "a", vin: "" })).toThrow(
      InvalidArgumentError,
    );
    expect(() => new RenaultVehicle({ session: client.session, accountId: "", vin: "v" })).toThrow(
      InvalidArgumentError,
    );
    expect(() => client.account("a").vehicle("")).toThrow(InvalidArgumentError);
  });

  test("contracts leave out the locale and brand when they are unknown", async () => {
    const sim = await useSimulator();
    const session = await loggedInSession(sim, { locale: undefined, country: "FR" });
    const accountId = sim.demo.renaultAccountId;
    const vin = sim.demo.vins.zoe40;
    sim.route("GET", `/commerce/v1/accounts/${accountId}/vehicles/${vin}/details`, () => ({ body: { vin } }));
    sim.route("GET", `/commerce/v1/accounts/${accountId}/vehicles/${vin}/contracts`, () => ({ body: [] }));
    const vehicle = new RenaultClient({ session }).account(accountId).vehicle(vin);
    await expect(vehicle.getContracts()).resolves.toEqual([]);
    expect(sim.requests.at(-1)!.query).toEqual({
      country: "FR",
      connectedServicesContracts: "true",
      warranty: "true",
      warrantyMaintenanceContracts: "true",
    });
  });
});

describe("routing", () => {
  test.each([
    ["zoe40", (v: RenaultVehicle) => v.getLocation(), "location"],
    ["zoe50", (v: RenaultVehicle) => v.getLockStatus(), "lock-status"],
    [
      "r5",
      (v: RenaultVehicle) => v.getChargeHistory({ start: new Date(), end: new Date(), period: "day" }),
      "charge-history",
    ],
    [
      "spring",
      (v: RenaultVehicle) => v.getHvacSessions({ start: new Date(), end: new Date() }),
      "hvac-sessions",
    ],
    ["captur", (v: RenaultVehicle) => v.getChargeSchedule(), "charge-schedule"],
    ["spring", (v: RenaultVehicle) => v.getAlerts(), "alerts"],
    ["megane", (v: RenaultVehicle) => v.getChargeMode(), "charge-mode"],
  ] as const)(
    "%s: an unsupported read throws EndpointNotAvailableError and sends nothing",
    async (car, read, key) => {
      const { vehicle, sent } = await setup(car);
      const error = await read(vehicle).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(EndpointNotAvailableError);
      expect(error).toMatchObject({ endpoint: key });
      expect(sent()).toEqual([]);
    },
  );

  test("supportsEndpoint answers without a request once the details are known", async () => {
    const { vehicle, sent } = await setup("zoe40");
    expect(await vehicle.supports("location")).toBe(false);
    expect(await vehicle.supports("charge-mode")).toBe(true);
    expect(sent()).toEqual([]);
  });

  test("an undocumented model uses the defaults and warns once per client", async () => {
    const { vehicle, client, warnings, serve, kca, sim } = await setup("duster");
    for (const leaf of ["cockpit", "lock-status", "hvac-status"])
      serve("GET", kca(1, leaf), { data: { attributes: {} } });
    serve("GET", kca(2, "").slice(0, -1), "vehicle_gateway/duster.1.json");
    await vehicle.getCockpit();
    await vehicle.getLockStatus();
    await vehicle.getHvacStatus();
    const again = (await client.account(sim.demo.renaultAccountId).getVehicles()).find(
      (candidate) => candidate.vin === DUSTER_VIN,
    )!;
    await again.getCockpit();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/XJD1SU.*not documented/);

    const otherWarnings: string[] = [];
    const other = new RenaultClient({
      session: client.session,
      logger: { warn: (m) => otherWarnings.push(m) },
    });
    const duster = other.account(sim.demo.renaultAccountId).vehicle(DUSTER_VIN);
    await duster.getCarAdapter();
    expect(otherWarnings).toEqual(warnings);
  });

  test("a key a documented model does not list warns with the model and key", async () => {
    const { vehicle, warnings, serve, kca } = await setup("zoe40");
    serve("GET", kca(1, "notification-settings"), "vehicle_data/notification-settings.json");
    await vehicle.getNotificationSettings();
    await vehicle.getNotificationSettings();
    expect(warnings).toEqual([expect.stringMatching(/'notification-settings'.*X101VE/)]);
  });
});

describe("boundaries", () => {
  test("a body of the wrong shape becomes InvalidResponseError", async () => {
    const { vehicle, serve, kca } = await setup("zoe40");
    serve("GET", kca(2, "battery-status"), { data: { attributes: { batteryLevel: "full" } } });
    const error = await vehicle.getBatteryStatus().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error).toMatchObject({ endpoint: "battery-status" });
  });

  test("bad history queries throw before any request", async () => {
    const { vehicle, sent } = await setup("zoe40");
    const day = new Date(2024, 0, 10);
    await expect(vehicle.getChargeHistory({ start: day, end: day, period: "week" as "day" })).rejects.toThrow(
      InvalidArgumentError,
    );
    await expect(vehicle.getChargeSessions({ start: day, end: new Date(2024, 0, 9) })).rejects.toThrow(
      InvalidArgumentError,
    );
    await expect(vehicle.getChargeSessions({ start: new Date(Number.NaN), end: day })).rejects.toThrow(
      InvalidArgumentError,
    );
    await expect(
      vehicle.getHvacSessions({ start: "2024-01-01" as unknown as Date, end: day }),
    ).rejects.toThrow(InvalidArgumentError);
    expect(sent()).toEqual([]);
  });

  test("history dates come from the local calendar date", async () => {
    const { vehicle, serve, sent, kca } = await setup("zoe40");
    serve("GET", kca(1, "charges"), "vehicle_data/charges.json");
    // 23:30 local on 31 December is still 31 December, whatever the UTC date is.
    await vehicle.getChargeSessions({
      start: new Date(2023, 11, 31, 23, 30),
      end: new Date(2024, 0, 1, 0, 15),
    });
    expect(sent()[0]!.query).toMatchObject({ start: "20231231", end: "20240101" });
  });

  test("call options reach the transport", async () => {
    const { vehicle, sim, kca } = await setup("zoe40");
    sim.route("GET", kca(1, "cockpit"), () => ({ hang: true }));
    await expect(vehicle.getCockpit({ signal: AbortSignal.abort(new Error("stop")) })).rejects.toThrow(
      "stop",
    );
    await expect(vehicle.getCockpit({ timeout: 50 })).rejects.toMatchObject({ name: "TimeoutError" });
  });
});

describe("what a vehicle tells about itself, without exposing the routing", () => {
  test.each([
    ["zoe50", "kca"],
    // The R5's HVAC start goes through the car adapter: the first key that tells decides.
    ["r5", "kca"],
    ["captur", "kca"],
  ] as const)(
    "%s: remoteProtocol is %s, socLimits the registry's bounds, no request",
    async (car, protocol) => {
      const { vehicle, sent } = await setup(car);
      expect(await vehicle.remoteProtocol()).toBe(protocol);
      expect(await vehicle.socLimits()).toEqual({
        minSocMin: 15,
        maxSocMin: 45,
        minSocTarget: 55,
        maxSocTarget: 100,
        step: 5,
      });
      // The details came with the account's vehicle list: neither needs a request.
      expect(sent()).toEqual([]);
    },
  );

  test("a bare vehicle fetches its details once for remoteProtocol and socLimits", async () => {
    const { client, sim } = await setup("zoe40");
    const since = sim.requests.length;
    const vehicle = client.account(sim.demo.renaultAccountId).vehicle(sim.demo.vins.r5);
    expect(await vehicle.remoteProtocol()).toBe("kca");
    expect(await vehicle.socLimits()).toMatchObject({ minSocMin: 15, step: 5 });
    expect(requestsTo(sim, "kamereon", since).map((r) => `${r.method} ${r.path}`)).toEqual([
      `GET /commerce/v1/accounts/${sim.demo.renaultAccountId}/vehicles/${sim.demo.vins.r5}/details`,
    ]);
  });
});
