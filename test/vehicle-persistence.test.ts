import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "vitest";
import {
  CredentialKey,
  EndpointNotAvailableError,
  FileCredentialStore,
  MemoryCredentialStore,
  NotSupportedError,
  RenaultClient,
  type CredentialStore,
} from "../src/index.js";
import { loggedInSession, requestsTo, simOptions, useSimulator } from "./support/sim.js";

/** A logged-in client of the ZOE 50 (undocumented reads are learnt from the server) on `store`. */
async function clientOn(store: CredentialStore) {
  const sim = await useSimulator();
  const client = new RenaultClient({ session: await loggedInSession(sim, { credentialStore: store }) });
  return { sim, vehicle: client.account(sim.demo.renaultAccountId).vehicle(sim.demo.vins.zoe50) };
}

test.each([
  ["MemoryCredentialStore", () => Promise.resolve(new MemoryCredentialStore())],
  [
    "FileCredentialStore",
    async () => new FileCredentialStore(join(await mkdtemp(join(tmpdir(), "rv-")), "c.json")),
  ],
])("a second client on the same %s relearns nothing", async (_name, makeStore) => {
  const store = await makeStore();
  const first = await clientOn(store);
  first.sim.addFault("notsupported@location");
  await expect(first.vehicle.getLocation()).rejects.toBeInstanceOf(NotSupportedError);
  await expect(first.vehicle.getCockpit()).resolves.toHaveProperty("totalMileage");
  const stored = JSON.parse((await store.read())[CredentialKey.vehicles] ?? "{}");
  expect(Object.keys(stored)).toEqual([first.sim.demo.vins.zoe50]);

  const sim = first.sim;
  const since = sim.requests.length;
  const second = new RenaultClient({ session: await loggedInSession(sim, { credentialStore: store }) })
    .account(sim.demo.renaultAccountId)
    .vehicle(sim.demo.vins.zoe50);
  const error = await second.getLocation().catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(EndpointNotAvailableError);
  expect((error as Error).cause).toBeInstanceOf(NotSupportedError);
  await expect(second.getCockpit()).resolves.toHaveProperty("totalMileage");
  expect(second.knownUnsupported().map(({ use, endpoint }) => `${use} ${endpoint}`)).toEqual([
    "read location",
  ]);
  // No details request and no request to the endpoint known refused: only the cockpit.
  expect(requestsTo(sim, "kamereon", since).map((request) => request.endpoint)).toEqual(["cockpit"]);
});

test("an invalid stored value is ignored, never a crash, and is replaced once something is learnt", async () => {
  const store = new MemoryCredentialStore();
  const { sim, vehicle } = await clientOn(store);
  for (const value of ["not json", "[]", JSON.stringify({ [sim.demo.vins.zoe50]: { worked: "x" } })]) {
    await vehicle.session.storeValues({ [CredentialKey.vehicles]: value });
    const fresh = new RenaultClient({ session: vehicle.session })
      .account(sim.demo.renaultAccountId)
      .vehicle(sim.demo.vins.zoe50);
    const since = sim.requests.length;
    await expect(fresh.getCockpit()).resolves.toHaveProperty("totalMileage");
    expect(requestsTo(sim, "kamereon", since).map((request) => request.endpoint)).toEqual([
      "details",
      "cockpit",
    ]);
  }
  const record = JSON.parse((await store.read())[CredentialKey.vehicles] ?? "{}")[sim.demo.vins.zoe50];
  expect(record.details.model.code).toBe("X102VE");
  // Nothing personal is kept: the registration and VIN of the details are left out.
  expect(JSON.stringify(record)).not.toMatch(/registration|REG-/i);
});

test("the record is written only when it changes", async () => {
  const store = new MemoryCredentialStore();
  const updates: string[] = [];
  const spy: CredentialStore = {
    read: () => store.read(),
    update: async (changes) => {
      updates.push(...Object.keys(changes).filter((key) => key === CredentialKey.vehicles));
      await store.update(changes);
    },
  };
  const { vehicle } = await clientOn(spy);
  await vehicle.getCockpit();
  const afterFirst = updates.length;
  expect(afterFirst).toBeGreaterThan(0);
  await vehicle.getCockpit();
  await vehicle.getCockpit();
  expect(updates).toHaveLength(afterFirst);
});

test("the CLI's older vehicle_models key is still read for the details", async () => {
  const sim = await useSimulator();
  const store = new MemoryCredentialStore({
    vehicle_models: JSON.stringify({
      [sim.demo.vins.zoe50]: { at: 0, details: { model: { code: "X102VE", label: "ZOE" } } },
    }),
  });
  const client = new RenaultClient({ session: await loggedInSession(sim, { credentialStore: store }) });
  const vehicle = client.account(sim.demo.renaultAccountId).vehicle(sim.demo.vins.zoe50);
  const since = sim.requests.length;
  await vehicle.getCockpit();
  expect(requestsTo(sim, "kamereon", since).map((request) => request.endpoint)).toEqual(["cockpit"]);
});

test("exportState carries what the vehicle learnt: a client restored from it relearns nothing", async () => {
  const first = await clientOn(new MemoryCredentialStore());
  const { sim } = first;
  sim.addFault("notsupported@location");
  await expect(first.vehicle.getLocation()).rejects.toBeInstanceOf(NotSupportedError);
  const firstClient = new RenaultClient({ session: first.vehicle.session });
  const saved = { token: await firstClient.getLoginToken(), state: await firstClient.exportState() };
  expect(saved.state.renault_api_vehicles).toBeDefined();

  const client = new RenaultClient(simOptions(sim));
  await client.restoreLogin(saved.token ?? "");
  await client.importState(saved.state);
  const vehicle = client.account(sim.demo.renaultAccountId).vehicle(sim.demo.vins.zoe50);
  const since = sim.requests.length;
  await expect(vehicle.getLocation()).rejects.toBeInstanceOf(EndpointNotAvailableError);
  await expect(vehicle.getCockpit()).resolves.toHaveProperty("totalMileage");
  expect(requestsTo(sim, "kamereon", since).map((request) => request.endpoint)).toEqual(["cockpit"]);
});
