/** The /myr gateway client: the request it sends, what it parses, and its root's override rules. */
import { expect, test } from "vitest";
import { CredentialKey, MemoryCredentialStore } from "../src/credentials/store.js";
import { ConfigurationError, InvalidApiKeyError, InvalidResponseError } from "../src/errors.js";
import { parseConnectedVehicles } from "../src/myr/models.js";
import { RenaultSession } from "../src/session.js";
import { RenaultClient } from "../src/client.js";
import type { Simulator } from "../src/simulator/index.js";
import { simOptions, useSimulator } from "./support/sim.js";

async function loggedInClient(
  sim: Simulator,
  extra: { kamereonApiKey?: string } = {},
): Promise<RenaultClient> {
  const client = new RenaultClient(simOptions(sim, { myrUrl: sim.myrUrl, ...extra }));
  await client.login(sim.demo.email, sim.demo.password);
  return client;
}

test("connected-vehicles: one GET with the key and the JWT in x-gigya-id_token, features named", async () => {
  const sim = await useSimulator();
  const client = await loggedInClient(sim);
  const since = sim.requests.length;
  const cars = await client.getConnectedVehicles(sim.demo.renaultAccountId);
  const sent = sim.requests.slice(since).filter((request) => request.endpoint === "myr/connected-vehicles");
  expect(sent).toHaveLength(1);
  const [request] = sent;
  expect(request).toMatchObject({
    method: "GET",
    path: `/myr/api/v1/accounts/${sim.demo.renaultAccountId}/connected-vehicles`,
    query: { country: "FR" },
  });
  expect(request?.headers.apikey).toBe(sim.kamereonApiKey);
  expect(request?.headers["x-gigya-id_token"]).toBe(await client.session.getStoredValue(CredentialKey.jwt));
  expect(request?.headers.authorization).toBeUndefined();
  const zoe50 = cars.find((car) => car.vin === sim.demo.vins.zoe50);
  expect(zoe50).toMatchObject({
    remoteSecurityProtocol: "JWT",
    privacyModeStatus: "OFF",
    privacyModeOn: false,
  });
  expect(zoe50?.applicableFeatures).toContainEqual({
    featureId: "831",
    status: "ACTIVATED",
    name: "TYRE_PRESSURE",
  });
  // A ZOE phase 1 has no feature list: absent, not empty.
  expect(cars.find((car) => car.vin === sim.demo.vins.zoe40)?.applicableFeatures).toBeUndefined();
});

test("connected-vehicles: the vin filter, an SRP car and privacy mode", async () => {
  const sim = await useSimulator();
  const client = await loggedInClient(sim);
  const car = sim.world.vehicle(sim.demo.vins.megane);
  car.state.remoteProtocol = "SRP";
  car.state.privacy = true;
  const since = sim.requests.length;
  const cars = await client.getConnectedVehicles(sim.demo.renaultAccountId, { vin: sim.demo.vins.megane });
  expect(sim.requests.slice(since).at(-1)?.query).toEqual({ country: "FR", vin: sim.demo.vins.megane });
  expect(cars).toHaveLength(1);
  expect(cars[0]).toMatchObject({ remoteSecurityProtocol: "SRP", privacyModeOn: true });
});

test("connected-vehicles: a rejected JWT is re-minted once, a stale key is InvalidApiKeyError", async () => {
  const sim = await useSimulator({ faults: "unauthorized@myr/connected-vehicles" });
  const client = await loggedInClient(sim);
  const since = sim.requests.length;
  await expect(client.getConnectedVehicles(sim.demo.renaultAccountId)).resolves.not.toHaveLength(0);
  expect(sim.requests.slice(since).map((request) => request.endpoint)).toEqual([
    "jwt",
    "myr/connected-vehicles",
    "jwt",
    "myr/connected-vehicles",
  ]);
  const stale = await loggedInClient(sim, { kamereonApiKey: "stale" });
  await expect(stale.getConnectedVehicles(sim.demo.renaultAccountId)).rejects.toBeInstanceOf(
    InvalidApiKeyError,
  );
});

test("parse: open codes and ids kept as sent, links without a VIN skipped, a bad shape refused", () => {
  const cars = parseConnectedVehicles({
    vehicleLinks: [
      { vehicleDetails: {} },
      {
        vin: "VF1TEST0000000001",
        extra: 1,
        connectedStatus: {
          applicableFeatures: [
            { featureId: 97, status: "ACTIVATED" },
            { featureId: "9999" },
            { status: "X" },
          ],
          remoteSecurityProtocol: "QUANTUM",
          privacyModeStatus: "MAYBE",
        },
      },
    ],
  });
  expect(cars).toEqual([
    {
      vin: "VF1TEST0000000001",
      vehicleDetails: undefined,
      applicableFeatures: [
        { featureId: "97", status: "ACTIVATED", name: "HORN_AND_LIGHTS" },
        { featureId: "9999", status: undefined, name: undefined },
      ],
      remoteSecurityProtocol: "QUANTUM",
      privacyModeStatus: "MAYBE",
      privacyModeLastUpdate: undefined,
      privacyModeOn: undefined,
    },
  ]);
  expect(() => parseConnectedVehicles({ vehicleLinks: {} })).toThrow(InvalidResponseError);
  expect(() => parseConnectedVehicles([])).toThrow(InvalidResponseError);
});

test("the /myr root: https://apis.renault.com by default, option > stored key, http only to loopback", async () => {
  await expect(new RenaultSession({ locale: "fr_FR" }).getSettings()).resolves.toMatchObject({
    myrUrl: "https://apis.renault.com",
  });
  const store = new MemoryCredentialStore({
    [CredentialKey.locale]: "fr_FR",
    [CredentialKey.myrUrl]: "https://myr.example/",
  });
  await expect(new RenaultSession({ credentialStore: store }).getSettings()).resolves.toMatchObject({
    myrUrl: "https://myr.example",
  });
  await expect(
    new RenaultSession({ credentialStore: store, myrUrl: "http://127.0.0.1:9/apis" }).getSettings(),
  ).resolves.toMatchObject({ myrUrl: "http://127.0.0.1:9/apis" });
  await expect(
    new RenaultSession({ locale: "fr_FR", myrUrl: "http://apis.example" }).getSettings(),
  ).rejects.toBeInstanceOf(ConfigurationError);
});
