import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { expect, test } from "vitest";
import { AbortedError } from "../src/cli/usage.js";
import { loggedInHome } from "./support/cli.js";
import { requestsTo, useSimulator } from "./support/sim.js";

const NOW = Date.parse("2024-07-01T10:00:00Z");
const fixedSim = () => useSimulator({ now: () => NOW });

function kamereonEndpoints(
  sim: Awaited<ReturnType<typeof useSimulator>>,
  since: number,
): (string | undefined)[] {
  return requestsTo(sim, "kamereon", since).map((request) => request.endpoint);
}

test("status: every supported read, in readable units and local times (ZOE 50)", async () => {
  const sim = await fixedSim();
  const home = await loggedInHome(sim, "zoe50");
  const since = sim.requests.length;
  const result = await home.run(["status"], { now: new Date(NOW) });
  expect(result.code).toBe(0);
  expect(result.stdout).toMatchInlineSnapshot(`
    "Battery level         60 %
    Last updated          2024-07-01 11:55:00
    Available energy      31 kWh
    Range estimate        141 km
    Plug state            Plugged
    Charging state        Charge in progress
    Charge rate           27.00 kW
    Time remaining        145 min
    Total mileage         5785.75 km
    Fuel autonomy         0 km
    Fuel quantity         0 L
    GPS Latitude          48.1234567
    GPS Longitude         11.1234567
    GPS last updated      2024-07-01 10:00:00
    HVAC status           On
    Front left pressure   2.46 bar
    Front right pressure  2.73 bar
    Rear left pressure    2.79 bar
    Rear right pressure   2.79 bar
    Remote protocol       JWT
    Privacy mode          off
    "
  `);
  const reads = kamereonEndpoints(sim, since).filter((endpoint) => endpoint !== "details");
  expect(reads).not.toContain("lock-status");
  expect(reads).not.toContain("res-state");
  expect(reads).toContain("pressure");
});

test("status sends its reads concurrently and skips unsupported ones without a request", async () => {
  const sim = await useSimulator();
  const home = await loggedInHome(sim, "zoe40");
  await home.run(["vehicle"]); // warm up: JWT and details are not part of what we measure
  let inFlight = 0;
  let maxInFlight = 0;
  const waiting: (() => void)[] = [];
  sim.route("GET", /\/kca\/car-adapter\//, async () => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    // Hold each read until four are in flight (or 2 s pass): sequential reads would never overlap.
    await new Promise<void>((resolve) => {
      waiting.push(resolve);
      if (waiting.length >= 4) for (const release of waiting.splice(0)) release();
      setTimeout(resolve, 2000);
    });
    inFlight--;
    return undefined;
  });
  const since = sim.requests.length;
  const result = await home.run(["--json", "status"]);
  expect(result.code).toBe(0);
  const sections = Object.keys(JSON.parse(result.stdout));
  expect(sections).toEqual([
    "battery-status",
    "charge-mode",
    "cockpit",
    "hvac-status",
    "remote-protocol",
    "privacy-mode",
  ]);
  expect(maxInFlight).toBe(4);
  // ZOE 40: location, lock-status, res-state and pressure are unsupported: nothing was sent for them
  // (the model, kept in the credential file by the warm-up run, tells them: no details request).
  // The one request more is the /myr gateway's, for the remote protocol and privacy mode.
  expect(kamereonEndpoints(sim, since).sort()).toEqual([
    "battery-status",
    "charge-mode",
    "cockpit",
    "hvac-status",
    "myr/connected-vehicles",
  ]);
});

test("status: a failed read is shown in its row and the others still print", async () => {
  const sim = await useSimulator({ faults: "privacy@battery-status" });
  const home = await loggedInHome(sim, "zoe40");
  const result = await home.run(["status"]);
  expect(result.code).toBe(0);
  expect(result.stdout).toMatch(
    /^battery-status +privacy mode is on in the car: turn data sharing on in the car's settings, then retry$/m,
  );
  expect(result.stdout).toMatch(/^Total mileage +\d/m);
  const json = await home.run(["--json", "status"], { env: {} });
  expect(json.code).toBe(0);
});

test("status: a quota error ends the command with exit 4 and when to retry", async () => {
  const sim = await useSimulator({ faults: "quota@cockpit" });
  const home = await loggedInHome(sim, "zoe40");
  const result = await home.run(["status"], { now: new Date() });
  expect(result.code).toBe(4);
  expect(result.stderr).toMatch(
    // The time alone when it is today in the CLI's zone; with the date when it falls on another day.
    /^Error: quota reached: Renault limits requests per account; retry after (\d{4}-\d\d-\d\d )?\d\d:\d\d\n$/,
  );
  expect(result.stdout).toMatch(/^Battery level/m);
});

test("battery: charge rate in kW whatever the car reports", async () => {
  const sim = await useSimulator();
  const zoe40 = await loggedInHome(sim, "zoe40");
  sim.route("GET", /battery-status$/, () => ({
    body: {
      data: {
        type: "Car",
        id: "x",
        attributes: {
          batteryLevel: 60,
          chargingInstantaneousPower: 7400,
          plugStatus: 1,
          chargingStatus: 1.0,
        },
      },
    },
  }));
  const watts = await zoe40.run(["battery"]);
  expect(watts.stdout).toContain("Charge rate     7.40 kW");
  expect(watts.stdout).toContain("Plug state      Plugged");
  expect(watts.stdout).toContain("Charging state  Charge in progress");
  const zoe50 = await loggedInHome(sim, "zoe50");
  sim.clearRoutes();
  sim.route("GET", /battery-status$/, () => ({
    body: { data: { type: "Car", id: "x", attributes: { chargingInstantaneousPower: 27 } } },
  }));
  expect((await zoe50.run(["battery"])).stdout).toContain("Charge rate  27.00 kW");
});

test("pressure in bar, cockpit, lock-status and location, each alone", async () => {
  const sim = await fixedSim();
  const home = await loggedInHome(sim, "zoe50");
  const pressure = await home.run(["pressure"]);
  expect(pressure.code).toBe(0);
  expect(pressure.stdout).toMatch(/^Front left pressure +\d\.\d\d bar$/m);
  expect(pressure.stdout).not.toMatch(/\d{4} bar/);
  const cockpit = await home.run(["--json", "cockpit"]);
  expect(JSON.parse(cockpit.stdout)).toHaveProperty("totalMileage");
  const location = await home.run(["location"]);
  expect(location.code).toBe(0);
  expect(location.stdout).toMatch(/^GPS (Latitude|position)/m);
  const lock = await home.run(["lock-status"]);
  expect(lock.code).toBe(1);
  expect(lock.stderr).toBe("Error: endpoint lock-status not available for model X102VE (nothing was sent)\n");
});

test("accounts lists every account, even two of the same type", async () => {
  const sim = await useSimulator();
  const home = await loggedInHome(sim);
  sim.route("GET", /^\/commerce\/v1\/persons\//, () => ({
    body: {
      personId: "person-id-1",
      accounts: [
        { accountId: "a-1", accountType: "MYRENAULT", accountStatus: "ACTIVE" },
        { accountId: "a-2", accountType: "MYRENAULT", accountStatus: "ACTIVE" },
        { accountId: "s-1", accountType: "SFDC", accountStatus: "ACTIVE" },
      ],
    },
  }));
  const result = await home.run(["accounts"]);
  expect(result.stdout).toMatchInlineSnapshot(`
    "Type       ID   Status
    ---------  ---  ------
    MYRENAULT  a-1  ACTIVE
    MYRENAULT  a-2  ACTIVE
    SFDC       s-1  ACTIVE
    "
  `);
  const json = JSON.parse((await home.run(["accounts", "--json"])).stdout);
  expect(json.map((account: { accountId: string }) => account.accountId)).toEqual(["a-1", "a-2", "s-1"]);
});

test("vehicles, vehicle, contracts and alerts", async () => {
  const sim = await useSimulator();
  const home = await loggedInHome(sim, "zoe40");
  const vehicles = await home.run(["vehicles"]);
  expect(vehicles.stdout).toMatch(/^Registration +Brand +Model +VIN$/m);
  expect(vehicles.stdout).toContain(sim.demo.vins.zoe40);
  const vehicle = await home.run(["vehicle"]);
  expect(vehicle.stdout).toContain("Model code          X101VE");
  const contracts = await home.run(["contracts"]);
  expect(contracts.stdout).toMatch(/^Type +Code +Description +Start +End +Status$/m);
  const since = sim.requests.length;
  const alerts = await home.run(["--json", "alerts"]);
  expect(alerts.code).toBe(0);
  expect(Array.isArray(JSON.parse(alerts.stdout))).toBe(true);
  expect(requestsTo(sim, "kamereon", since).at(-1)?.path).toBe(
    `/commerce/v1/accounts/${sim.demo.renaultAccountId}/kamereon/vehicles/${sim.demo.vins.zoe40}/alerts`,
  );
});

test("horn, lights and refresh-location post their actions", async () => {
  const sim = await useSimulator();
  const home = await loggedInHome(sim, "zoe40");
  const horn = await home.run(["horn"]);
  expect(horn).toMatchObject({ code: 0, stdout: expect.stringContaining("Horn request sent") });
  expect(sim.requests.at(-1)?.json).toEqual({
    data: { type: "HornLights", attributes: { action: "start", target: "horn" } },
  });
  const lights = await home.run(["--json", "lights"]);
  expect(JSON.parse(lights.stdout)).toHaveProperty("attributes");
  expect(sim.requests.at(-1)?.json).toEqual({
    data: { type: "HornLights", attributes: { action: "start", target: "lights" } },
  });
  const refresh = await home.run(["refresh-location", "--yes"]);
  expect(refresh.code).toBe(0);
  expect(sim.requests.at(-1)?.json).toEqual({ data: { type: "RefreshLocation" } });
});

test('refresh-location warns of "no fix" and asks first; --yes skips; no terminal needs --yes', async () => {
  const sim = await useSimulator();
  const home = await loggedInHome(sim, "zoe40");
  const refreshes = () =>
    sim.requests.filter((request) => request.path.endsWith("/actions/refresh-location"));
  const piped = await home.run(["refresh-location"], { tty: false });
  expect(piped.code).toBe(2);
  expect(piped.stderr).toMatch(/"no fix".*--yes/);
  expect(piped.stderr.trim().split("\n")).toHaveLength(1);
  const declined = await home.run(["refresh-location"], { stdin: "n\n" });
  expect(declined.code).not.toBe(0);
  expect(declined.stderr).toMatch(/replaces the stored position with "no fix" until the next trip/);
  expect(declined.stderr).toContain("Refresh the location anyway? [y/N]");
  expect(refreshes()).toHaveLength(0);
  const accepted = await home.run(["refresh-location"], { stdin: "y\n" });
  expect(accepted.code).toBe(0);
  expect(accepted.stdout).toContain('"no fix" until its next trip');
  expect(refreshes()).toHaveLength(1);
  expect((await home.run(["refresh-location", "--yes"], { tty: false })).code).toBe(0);
  expect(refreshes()).toHaveLength(2);
});

test("http get, post and post-file resolve {account_id} and {vin}", async () => {
  const sim = await useSimulator();
  const home = await loggedInHome(sim, "zoe40");
  const base = `/commerce/v1/accounts/${sim.demo.renaultAccountId}/kamereon/kca/car-adapter/v1/cars/${sim.demo.vins.zoe40}`;
  const get = await home.run([
    "http",
    "get",
    "/commerce/v1/accounts/{account_id}/kamereon/kca/car-adapter/v1/cars/{vin}/cockpit",
  ]);
  expect(get.code).toBe(0);
  expect(JSON.parse(get.stdout)).toHaveProperty("data");
  expect(sim.requests.at(-1)?.path).toBe(`${base}/cockpit`);
  const body = { data: { type: "HornLights", attributes: { action: "start", target: "horn" } } };
  const post = await home.run([
    "http",
    "post",
    "/commerce/v1/accounts/{account_id}/kamereon/kca/car-adapter/v1/cars/{vin}/actions/horn-lights",
    JSON.stringify(body),
  ]);
  expect(post.code).toBe(0);
  expect(sim.requests.at(-1)?.json).toEqual(body);
  const file = join(home.dir, "body.json");
  await writeFile(file, JSON.stringify(body));
  const postFile = await home.run(["http", "post-file", `${base}/actions/horn-lights`, file]);
  expect(postFile.code).toBe(0);
  const person = await home.run(["http", "get", "/commerce/v1/persons/{person_id}"]);
  expect(JSON.parse(person.stdout)).toHaveProperty("accounts");
  const bad = await home.run(["http", "post", `${base}/actions/horn-lights`, "{not json"]);
  expect(bad.code).toBe(2);
  expect(bad.stderr).toContain("JSON_BODY is not valid JSON");
});

test("an interrupt (the io signal) ends a hanging request with exit 130; so does end of input at a prompt", async () => {
  const sim = await useSimulator({ faults: "hang@cockpit" });
  const home = await loggedInHome(sim, "zoe40");
  const controller = new AbortController();
  setTimeout(() => {
    controller.abort(new AbortedError("interrupted (SIGINT)"));
  }, 300);
  const result = await home.run(["cockpit"], { signal: controller.signal });
  expect(result).toEqual({ code: 130, stdout: "", stderr: "Error: interrupted (SIGINT)\n" });
  const prompt = await home.run(["login"], { stdin: "" });
  expect(prompt.code).toBe(130);
  expect(prompt.stderr).toContain("Error: no answer (end of input)");
});
