/**
 * The simulator's `/myr` gateway (protocol-additions.md): connected vehicles with their features,
 * remote protocol and privacy state; the remotes of a car; its header rules. Plus the cars of the
 * `newModels` account, the SRP Megane refusing Kamereon commands, and the new models' envelopes.
 * Real HTTP with node's fetch against the simulator (no mock), asserting what was sent.
 */
import { beforeAll, describe, expect, test } from "vitest";
import type { RenaultSession } from "../src/session.js";
import {
  NEW_MODEL_VINS,
  NEW_MODELS_ACCOUNT_ID,
  startSimulator,
  type Simulator,
} from "../src/simulator/index.js";
import { loggedInSession } from "./support/sim.js";

let sim: Simulator;
let session: RenaultSession;
let jwt: string;

beforeAll(async () => {
  sim = await startSimulator({ newModels: true });
  session = await loggedInSession(sim, { retry: false });
  jwt = await session.getJwt();
  return () => sim.close();
});

async function myr(path: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${sim.myrUrl}/myr/api/v1${path}`, {
    headers: { apikey: sim.kamereonApiKey, "x-gigya-id_token": jwt, ...headers },
  });
  const sent = sim.requests.at(-1)!;
  expect(sent.path).toBe(`/myr/api/v1${path.replace(/\?.*/, "")}`);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

interface Link {
  vin: string;
  vehicleDetails: { model: { code: string } };
  connectedStatus: {
    applicableFeatures?: { featureId: string; status: string }[];
    remoteSecurityProtocol: string;
    privacyModeStatus: string;
  };
}

describe("connected-vehicles", () => {
  test("lists the account's cars with features, protocol and privacy", async () => {
    const { status, body } = await myr(
      `/accounts/${sim.demo.renaultAccountId}/connected-vehicles?country=FR`,
    );
    expect(status).toBe(200);
    const links = body.vehicleLinks as Link[];
    expect(links.map((link) => link.vin)).toEqual(
      sim.demo.models.filter((car) => car.accountId === sim.demo.renaultAccountId).map((car) => car.vin),
    );
    const byVin = new Map(links.map((link) => [link.vin, link]));
    // A ZOE phase 1 has no applicableFeatures (protocol-additions.md).
    expect(byVin.get(sim.demo.vins.zoe40)!.connectedStatus).not.toHaveProperty("applicableFeatures");
    const r5 = byVin.get(sim.demo.vins.r5)!.connectedStatus;
    expect(r5.applicableFeatures!.map((feature) => feature.featureId)).toEqual([
      "97",
      "202",
      "299",
      "366",
      "806",
      "820",
      "204",
    ]);
    expect(r5).toMatchObject({ remoteSecurityProtocol: "JWT", privacyModeStatus: "OFF" });
    // The ZOE 50 has no horn or lights (its table row), so no feature 97; it pauses a charge (833).
    const zoe50 = byVin.get(sim.demo.vins.zoe50)!.connectedStatus.applicableFeatures!.map((f) => f.featureId);
    expect(zoe50).not.toContain("97");
    expect(zoe50).toContain("833");
  });

  test("filters by vin and shows privacy mode", async () => {
    sim.world.vehicle(sim.demo.vins.megane).state.privacy = true;
    const { body } = await myr(
      `/accounts/${sim.demo.renaultAccountId}/connected-vehicles?country=FR&vin=${sim.demo.vins.megane}`,
    );
    const links = body.vehicleLinks as Link[];
    expect(links).toHaveLength(1);
    expect(links[0]!.connectedStatus.privacyModeStatus).toBe("ON");
    sim.world.vehicle(sim.demo.vins.megane).state.privacy = false;
  });

  test("the newModels account has the 2026 cars, one on SRP", async () => {
    const { body } = await myr(`/accounts/${NEW_MODELS_ACCOUNT_ID}/connected-vehicles?country=FR`);
    const links = body.vehicleLinks as Link[];
    expect(
      links.map((link) => [link.vehicleDetails.model.code, link.connectedStatus.remoteSecurityProtocol]),
    ).toEqual([
      ["BD11SL", "JWT"],
      ["XCB1SE", "JWT"],
      ["XHN1ML", "JWT"],
      ["A5E1AE", "JWT"],
      ["XJB2SU", "JWT"],
      ["XFB2BK", "JWT"],
      ["XCB1VE", "SRP"],
    ]);
  });
});

test("remotes: the remote features of a car with their protocol", async () => {
  const { status, body } = await myr(
    `/accounts/${NEW_MODELS_ACCOUNT_ID}/vehicles/${NEW_MODEL_VINS.meganeSrp}/remotes?country=FR`,
  );
  expect(status).toBe(200);
  expect(body).toEqual([
    { featureId: "97", securityProtocol: ["SRP"], status: "ACTIVATED" },
    { featureId: "299", securityProtocol: ["SRP"], status: "ACTIVATED" },
    { featureId: "366", securityProtocol: ["SRP"], status: "ACTIVATED" },
    { featureId: "806", securityProtocol: ["SRP"], status: "ACTIVATED" },
    { featureId: "954", securityProtocol: ["SRP"], status: "ACTIVATED" },
    { featureId: "955", securityProtocol: ["SRP"], status: "ACTIVATED" },
  ]);
});

describe("header rules", () => {
  const path = () => `/accounts/${sim.demo.renaultAccountId}/connected-vehicles?country=FR`;
  test("no apikey: 401 10.01.02.01 Missing apikey.", async () => {
    expect(await myr(path(), { apikey: "" })).toEqual({
      status: 401,
      body: { errorCode: "10.01.02.01", errorMessage: "Missing apikey." },
    });
  });
  test("the JWT as Authorization: Bearer is refused with err.func.wired.unauthorized", async () => {
    const { status, body } = await myr(path(), { "x-gigya-id_token": "", authorization: `Bearer ${jwt}` });
    expect(status).toBe(401);
    expect(body).toMatchObject({ errors: [{ errorCode: "err.func.wired.unauthorized" }] });
  });
  test("another person's account: 403", async () => {
    expect((await myr(`/accounts/account-id-999/connected-vehicles?country=FR`)).status).toBe(403);
  });
});

describe("the new models over Kamereon", () => {
  const root = `/commerce/v1/accounts/${NEW_MODELS_ACCOUNT_ID}/kamereon`;

  test("the SRP Megane refuses Kamereon commands with errorCode 6, and still serves reads", async () => {
    const path = `${root}/kca/car-adapter/v1/cars/${NEW_MODEL_VINS.meganeSrp}/actions/hvac-start`;
    const body = { data: { type: "HvacStart", attributes: { action: "start", targetTemperature: 21 } } };
    await expect(session.request("POST", path, { body })).rejects.toMatchObject({ status: 403, code: "6" });
    expect(sim.requests.at(-1)).toMatchObject({ method: "POST", path, status: 403 });
    const cockpit = await session.request(
      "GET",
      `${root}/kca/car-adapter/v1/cars/${NEW_MODEL_VINS.meganeSrp}/cockpit`,
    );
    expect(cockpit).toMatchObject({ data: { attributes: expect.any(Object) } });
  });

  test.each([
    ["bigster", "GET", "/kca/car-adapter/v1/cars/{vin}/notification-settings", 400, "400001"],
    [
      "bigster",
      "GET",
      "/kca/car-adapter/v1/cars/{vin}/hvac-history?type=day&start=20240101&end=20240131",
      404,
      "err.func.wired.not-found",
    ],
    ["bigster", "GET", "/kca/car-adapter/v2/cars/{vin}/battery-status", 404, "err.func.wired.notFound"],
    [
      "capturLpg",
      "GET",
      "/kca/car-adapter/v1/cars/{vin}/notification-settings",
      400,
      "err.func.vcps.users-helper.get-notification-settings.error",
    ],
    ["espace", "GET", "/vehicles/{vin}/alerts", 404, "err.func.wired.not-found"],
    ["scenic", "GET", "/kca/car-adapter/v1/cars/{vin}/charging-settings", 403, "err.func.wired.forbidden"],
  ] as const)("%s %s %s → %i %s", async (car, method, template, status, code) => {
    const [path, query] = template.replace("{vin}", NEW_MODEL_VINS[car]).split("?");
    const options = query === undefined ? {} : { query: Object.fromEntries(new URLSearchParams(query)) };
    await expect(session.request(method, root + path!, options)).rejects.toMatchObject({ status, code });
    expect(sim.requests.at(-1)).toMatchObject({ method, path: root + path!, status });
  });

  test("the Scenic starts charging through KCM ev/settings, the Bigster serves its cockpit", async () => {
    const settings = `${root}/kcm/v1/vehicles/${NEW_MODEL_VINS.scenic}/ev/settings`;
    const current = (await session.request("GET", settings)) as { programs: Record<string, unknown>[] };
    const programs = current.programs.map((program) => ({ ...program, programActivationStatus: false }));
    await session.request("POST", settings, { body: { ...current, programs } });
    expect(sim.requests.at(-1)).toMatchObject({ method: "POST", path: settings, status: 200 });
    const battery = (await session.request(
      "GET",
      `${root}/kca/car-adapter/v2/cars/${NEW_MODEL_VINS.scenic}/battery-status`,
    )) as { data: { attributes: Record<string, unknown> } };
    expect(battery.data.attributes).toMatchObject({ chargingStatus: 1, chargingInstantaneousPower: 11 });
    const cockpit = await session.request(
      "GET",
      `${root}/kca/car-adapter/v1/cars/${NEW_MODEL_VINS.bigster}/cockpit`,
    );
    expect(cockpit).toMatchObject({ data: { id: NEW_MODEL_VINS.bigster } });
  });
});
