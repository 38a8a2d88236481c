/** `features` and the /myr rows of `status`, against the simulator's /myr gateway. */
import { expect, test } from "vitest";
import { CredentialKey } from "../src/credentials/store.js";
import { NEW_MODEL_VINS, NEW_MODELS_ACCOUNT_ID, type Simulator } from "../src/simulator/index.js";
import { cliHome, type CliHome, loggedInHome } from "./support/cli.js";
import { useSimulator } from "./support/sim.js";

const MYR = "myr/connected-vehicles";

function myrRequests(sim: Simulator, since: number) {
  return sim.requests.filter((request) => request.seq > since && request.endpoint === MYR);
}

/** The /myr request of a run: path, query, the key and the JWT as the gateway wants them. */
async function expectMyrRequest(
  sim: Simulator,
  home: CliHome,
  since: number,
  accountId: string,
  vin: string,
) {
  const sent = myrRequests(sim, since);
  expect(sent).toHaveLength(1);
  expect(sent[0]).toMatchObject({
    method: "GET",
    path: `/myr/api/v1/accounts/${accountId}/connected-vehicles`,
    query: { country: "FR", vin },
  });
  expect(sent[0]?.headers.apikey).toBe(sim.kamereonApiKey);
  const jwt = (await home.file())?.[CredentialKey.jwt];
  expect(jwt).toBeTruthy();
  expect(sent[0]?.headers["x-gigya-id_token"]).toBe(jwt);
  expect(sent[0]?.headers.authorization).toBeUndefined();
  return jwt ?? "";
}

/** A home logged in with the SRP Megane of the 2026 account as its default car. */
async function srpHome(sim: Simulator): Promise<CliHome> {
  const home = await cliHome(sim);
  expect((await home.run(["login", "--user", sim.demo.email, "--password", sim.demo.password])).code).toBe(0);
  const set = await home.run(["set", "--account", NEW_MODELS_ACCOUNT_ID, "--vin", NEW_MODEL_VINS.meganeSrp]);
  expect(set.code).toBe(0);
  return home;
}

test("features: id, name and status of each feature, the protocol and privacy mode (ZOE 50)", async () => {
  const sim = await useSimulator();
  const home = await loggedInHome(sim, "zoe50");
  const since = sim.requests.length;
  const result = await home.run(["features"]);
  expect(result.code).toBe(0);
  expect(result.stderr).toBe("");
  const jwt = await expectMyrRequest(sim, home, since, sim.demo.renaultAccountId, sim.demo.vins.zoe50);
  expect(result.stdout).toMatch(/^Remote protocol +JWT$/m);
  expect(result.stdout).toMatch(/^Privacy mode +off$/m);
  expect(result.stdout).toMatch(/^Id +Name +Status$/m);
  expect(result.stdout).toMatch(/^831 +TYRE_PRESSURE +ACTIVATED$/m);
  expect(result.stdout).toMatch(/^833 +CHARGE_PAUSE_RESUME +ACTIVATED$/m);
  expect(result.stdout).not.toContain("SRP");
  expect(result.stdout).not.toContain(jwt);
  expect(result.stdout).not.toContain(sim.kamereonApiKey);
  // The JWT minted for this first call, then the /myr request: no Kamereon read is needed.
  expect(sim.requests.filter((request) => request.seq > since).map((request) => request.endpoint)).toEqual([
    "jwt",
    MYR,
  ]);
});

test("features --json: the fields, each feature marked remote or not", async () => {
  const sim = await useSimulator();
  const home = await loggedInHome(sim, "zoe50");
  const result = await home.run(["--json", "features"]);
  expect(result.code).toBe(0);
  const data = JSON.parse(result.stdout) as Record<string, unknown> & { features: unknown[] };
  expect(data).toMatchObject({
    vin: sim.demo.vins.zoe50,
    remoteSecurityProtocol: "JWT",
    privacyModeStatus: "OFF",
    privacyModeOn: false,
  });
  expect(data.features).toContainEqual({
    featureId: "831",
    name: "TYRE_PRESSURE",
    status: "ACTIVATED",
    remote: false,
  });
  expect(data.features).toContainEqual({
    featureId: "833",
    name: "CHARGE_PAUSE_RESUME",
    status: "ACTIVATED",
    remote: true,
  });
});

test("features on the SRP car: the protocol, and a line saying remote commands will fail", async () => {
  const sim = await useSimulator({ newModels: true });
  const home = await srpHome(sim);
  const since = sim.requests.length;
  const result = await home.run(["features"]);
  expect(result.code).toBe(0);
  await expectMyrRequest(sim, home, since, NEW_MODELS_ACCOUNT_ID, NEW_MODEL_VINS.meganeSrp);
  expect(result.stdout).toMatch(/^Remote protocol +SRP$/m);
  expect(result.stdout).toMatch(/^This car uses the SRP remote protocol: remote commands .* will fail\.$/m);
  const json = JSON.parse((await home.run(["--json", "features"])).stdout) as Record<string, unknown>;
  expect(json.remoteSecurityProtocol).toBe("SRP");
});

test("features: a ZOE phase 1 lists no features; a failing gateway is an error on stderr", async () => {
  const sim = await useSimulator();
  const home = await loggedInHome(sim, "zoe40");
  const none = await home.run(["features"]);
  expect(none.code).toBe(0);
  expect(none.stdout).toContain("The gateway lists no features for this car.");
  sim.route("GET", /connected-vehicles$/, () => ({ status: 500, body: { message: "down" } }));
  const failed = await home.run(["features"]);
  expect(failed.code).not.toBe(0);
  expect(failed.stdout).toBe("");
  expect(failed.stderr).toMatch(/^Error: .+\n$/);
  expect(failed.stderr).not.toContain("    at ");
});

test("status: remote protocol and privacy mode rows, one /myr request alongside the reads", async () => {
  const sim = await useSimulator();
  const home = await loggedInHome(sim, "zoe40");
  await home.run(["vehicle"]); // warm: JWT and model known
  const car = sim.world.vehicle(sim.demo.vins.zoe40);
  car.state.privacy = true;
  // The /myr answer waits for a read to arrive (2 s at most); a read arriving while it waits shows
  // both in flight at once. Sent one after the other, no read would see it pending.
  let myrPending = false;
  let readsWhileMyrPending = 0;
  sim.route("GET", /connected-vehicles$/, async () => {
    myrPending = true;
    const started = Date.now();
    while (readsWhileMyrPending === 0 && Date.now() - started < 2000) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    myrPending = false;
    return undefined;
  });
  sim.route("GET", /\/kca\/car-adapter\//, () => {
    if (myrPending) readsWhileMyrPending++;
    return undefined;
  });
  const since = sim.requests.length;
  const result = await home.run(["status"]);
  expect(result.code).toBe(0);
  expect(readsWhileMyrPending).toBeGreaterThan(0);
  // Warm: the four reads the ZOE 40 supports and the one /myr request, nothing else.
  const sent = sim.requests.filter((request) => request.seq > since).map((request) => request.endpoint);
  expect(sent.sort()).toEqual(["battery-status", "charge-mode", "cockpit", "hvac-status", MYR]);
  const jwt = await expectMyrRequest(sim, home, since, sim.demo.renaultAccountId, sim.demo.vins.zoe40);
  expect(result.stdout).toMatch(/^Remote protocol +JWT$/m);
  expect(result.stdout).toMatch(/^Privacy mode +on \(the car shares no data\)$/m);
  expect(result.stdout).not.toContain(jwt);
  sim.clearRoutes();
  const json = await home.run(["--json", "status"]);
  expect(JSON.parse(json.stdout)).toMatchObject({ "remote-protocol": "JWT", "privacy-mode": "ON" });
});

test("status on the SRP car shows SRP", async () => {
  const sim = await useSimulator({ newModels: true });
  const home = await srpHome(sim);
  const result = await home.run(["status"]);
  expect(result.code).toBe(0);
  expect(result.stdout).toMatch(/^Remote protocol +SRP$/m);
  expect(result.stdout).toMatch(/^Battery level +\d+ %$/m);
});

test("status: a failing or unreachable /myr gateway leaves the rows unknown and status succeeds", async () => {
  const sim = await useSimulator();
  const home = await loggedInHome(sim, "zoe40");
  await home.run(["vehicle"]);
  sim.route("GET", /connected-vehicles$/, () => ({ status: 500, body: { message: "down" } }));
  const since = sim.requests.length;
  const failed = await home.run(["status"]);
  expect(failed.code).toBe(0);
  expect(myrRequests(sim, since).length).toBeGreaterThan(0);
  expect(failed.stdout).toMatch(/^Remote protocol +unknown$/m);
  expect(failed.stdout).toMatch(/^Privacy mode +unknown$/m);
  expect(failed.stdout).toMatch(/^Battery level +\d+ %$/m);
  const json = await home.run(["--json", "status"]);
  expect(json.code).toBe(0);
  expect(JSON.parse(json.stdout)).toMatchObject({ "remote-protocol": null, "privacy-mode": null });
  // Nothing listens on port 9: the gateway is unreachable.
  const unreachable = await home.run(["status"], { env: { RENAULT_API_MYR_URL: "http://127.0.0.1:9/apis" } });
  expect(unreachable.code).toBe(0);
  expect(unreachable.stdout).toMatch(/^Remote protocol +unknown$/m);
  expect(unreachable.stdout).toMatch(/^Total mileage +\d/m);
  // Kamereon on 127.0.0.1 and the gateway at its production default: the simulator's JWT is not
  // sent to the internet, the rows say unknown.
  const before = sim.requests.length;
  const production = await home.run(["status"], { env: { RENAULT_API_MYR_URL: "" } });
  expect(production.code).toBe(0);
  expect(production.stdout).toMatch(/^Remote protocol +unknown$/m);
  expect(myrRequests(sim, before)).toHaveLength(0);
  const features = await home.run(["features"], { env: { RENAULT_API_MYR_URL: "" } });
  expect(features.code).toBe(1);
  expect(features.stderr).toContain("set RENAULT_API_MYR_URL");
});
