/**
 * Security checks: ids and VINs cannot change the request path, plain HTTP goes to loopback only,
 * redirects are never followed (the API key and JWT stay with Renault), and no secret appears in
 * what the library and the CLI print — `settings`, `--debug`, `--log`, errors, traces.
 * (test/secrets.test.ts covers the session's errors; test/cli-traces.test.ts the `--debug` trace
 * of `login` and `status`. This file covers the rest.)
 */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import {
  ConfigurationError,
  MemoryCredentialStore,
  RenaultClient,
  RenaultSession,
  RenaultVehicle,
  type TraceEvent,
} from "../src/index.js";
import { ENDPOINT_KEYS } from "../src/registry/index.js";
import { cliHome, loggedInHome, type CliHome, type CliRun } from "./support/cli.js";
import { loggedInSession, simOptions, useSimulator } from "./support/sim.js";

const PERIOD = { start: new Date(2026, 0, 1), end: new Date(2026, 0, 31) };

/** Calls every method of a vehicle that sends a request (failures are expected and ignored). */
async function everyCall(vehicle: RenaultVehicle): Promise<number> {
  const calls: (() => Promise<unknown>)[] = [
    () => vehicle.getDetails(),
    () => vehicle.getContracts(),
    () => vehicle.getCarAdapter(),
    () => vehicle.getAlerts(),
    () => vehicle.getBatteryStatus(),
    () => vehicle.getSocLevels(),
    () => vehicle.getTyrePressure(),
    () => vehicle.getLocation(),
    () => vehicle.getHvacStatus(),
    () => vehicle.getHvacSettings(),
    () => vehicle.getChargeMode(),
    () => vehicle.getChargingSettings(),
    () => vehicle.getCockpit(),
    () => vehicle.getLockStatus(),
    () => vehicle.getResState(),
    () => vehicle.getChargeSchedule(),
    () => vehicle.getNotificationSettings(),
    () => vehicle.getChargeHistory({ ...PERIOD, period: "month" }),
    () => vehicle.getChargeSessions(PERIOD),
    () => vehicle.getHvacHistory({ ...PERIOD, period: "day" }),
    () => vehicle.getHvacSessions(PERIOD),
    () => vehicle.startHvac(21),
    () => vehicle.stopHvac(),
    () => vehicle.setHvacSchedules([]),
    () => vehicle.setChargeSchedules([]),
    () => vehicle.setChargeMode("always_charging"),
    () => vehicle.startCharge(),
    () => vehicle.stopCharge(),
    () => vehicle.setSocLevels({ socMin: 20, socTarget: 80 }),
    () => vehicle.honkHorn(),
    () => vehicle.flashLights(),
    () => vehicle.refreshLocation(),
    () =>
      vehicle.httpGet("/commerce/v1/accounts/{account_id}/kamereon/kca/car-adapter/v1/cars/{vin}/cockpit"),
    () => vehicle.httpPost("/commerce/v1/accounts/{account_id}/kamereon/kca/car-adapter/v1/cars/{vin}/x", {}),
  ];
  for (const call of calls) await call().catch(() => undefined);
  return calls.length;
}

describe("paths", () => {
  test("a VIN like ../x?y#z and such an account id reach the server as one encoded segment each, on every call", async () => {
    const sim = await useSimulator();
    const session = await loggedInSession(sim, { retry: false });
    const vin = "../x?y#z";
    const accountId = "a/../b?c#d";
    // No model code: every endpoint goes to its default URL; memory off, so each call is sent.
    const vehicle = new RenaultVehicle({
      session,
      accountId,
      vin,
      details: { vin },
      unsupportedMemory: false,
    });
    const since = sim.requests.length;
    const calls = await everyCall(vehicle);
    await new RenaultClient({ session })
      .account(accountId)
      .getVehicleLinks()
      .catch(() => undefined);
    const sent = sim.requests.slice(since).filter((request) => request.service === "kamereon");
    // Every call sent its request (details were given, so getDetails sends one too, and the KCM
    // charge start reads before it writes).
    expect(sent.length).toBeGreaterThanOrEqual(calls);
    const encodedVin = encodeURIComponent(vin);
    const encodedAccount = encodeURIComponent(accountId);
    expect(encodedVin).toBe("..%2Fx%3Fy%23z");
    for (const request of sent) {
      const segments = request.path.split("/");
      expect(segments.slice(0, 5), request.path).toEqual(["", "commerce", "v1", "accounts", encodedAccount]);
      expect(segments).not.toContain("..");
      expect(segments).not.toContain(".");
      if (request.path !== `/commerce/v1/accounts/${encodedAccount}/vehicles`)
        expect(segments, request.path).toContain(encodedVin);
      // Nothing leaked into the query: only what the call itself adds.
      const allowed = new Set([
        "country",
        "type",
        "start",
        "end",
        "locale",
        "brand",
        "connectedServicesContracts",
        "warranty",
        "warrantyMaintenanceContracts",
      ]);
      for (const key of Object.keys(request.query))
        expect(allowed, `${key} in ${request.path}`).toContain(key);
      expect(request.query.country).toBe("FR");
    }
  });

  test("every routed endpoint of the table builds its path from the encoded VIN", () => {
    // The table's templates all have exactly one {vin}: nothing else is interpolated raw.
    for (const key of ENDPOINT_KEYS) expect(key).toMatch(/^[\w/-]+$/);
  });

  // WHATWG URLs treat "%2E%2E" and "%2E" as dot segments, so encoding "." and ".." would not stop
  // them from moving the path: `encodeSegment` refuses them (TypeError) before any request.
  test('a VIN or account id of exactly ".." or "." cannot move the request path', async () => {
    const sim = await useSimulator();
    const session = await loggedInSession(sim, { retry: false });
    const since = sim.requests.length;
    for (const [accountId, vin] of [
      ["account-id-1", ".."],
      ["..", "VF1"],
      [".", "."],
    ] as const) {
      const vehicle = new RenaultVehicle({ session, accountId, vin, details: { vin } });
      const sent = await vehicle.getCockpit().then(
        () => true,
        (error: unknown) => !(error instanceof TypeError),
      );
      if (!sent) continue;
      const request = sim.requests.at(-1)!;
      expect(request.seq).toBeGreaterThan(since);
      expect(request.path).toMatch(
        /^\/commerce\/v1\/accounts\/[^/]+\/kamereon\/kca\/car-adapter\/v1\/cars\/[^/]+\/cockpit$/,
      );
    }
  });
});

describe("transport", () => {
  test("plain http:// is refused for any host but loopback, from options and from the credential file", async () => {
    const refused = [
      { kamereonUrl: "http://api.example.com/kamereon" },
      { gigyaUrl: "http://accounts.example.com" },
      { kamereonUrl: "http://127.0.0.1.example.com" },
      { kamereonUrl: "http://localhost.example.com" },
      { kamereonUrl: "ftp://127.0.0.1" },
      { kamereonUrl: "https://user:secret@api.example.com" },
      { kamereonUrl: "https://api.example.com/?apikey=x" },
    ];
    for (const urls of refused) {
      const session = new RenaultSession({ locale: "fr_FR", ...urls });
      await expect(session.getSettings(), JSON.stringify(urls)).rejects.toBeInstanceOf(ConfigurationError);
    }
    const stored = new RenaultSession({
      credentialStore: new MemoryCredentialStore({
        locale: "fr_FR",
        country: "FR",
        "kamereon-root-url": "http://evil.example.com",
      }),
    });
    await expect(stored.getSettings()).rejects.toBeInstanceOf(ConfigurationError);
    for (const url of [
      "http://127.0.0.1:8080",
      "http://localhost:1",
      "http://[::1]:2",
      "https://api.example.com",
    ]) {
      const session = new RenaultSession({ locale: "fr_FR", kamereonUrl: url, gigyaUrl: url });
      await expect(session.getSettings(), url).resolves.toMatchObject({ kamereonUrl: url });
    }
  });

  test("a redirect is never followed: the API key and JWT never reach another host", async () => {
    const sim = await useSimulator();
    const elsewhere = await useSimulator();
    const session = await loggedInSession(sim);
    for (const status of [301, 302, 307, 308]) {
      sim.route("GET", /\/cockpit$/, () => ({
        status,
        headers: { location: `${elsewhere.kamereonUrl}/steal` },
        body: {},
      }));
      sim.route("POST", /\/horn-lights$/, () => ({
        status,
        headers: { location: `${elsewhere.kamereonUrl}/steal` },
        body: {},
      }));
      const vehicle = new RenaultVehicle({
        session,
        accountId: sim.demo.renaultAccountId,
        vin: sim.demo.vins.zoe40,
        details: { model: { code: "X101VE" } },
      });
      await expect(vehicle.getCockpit()).rejects.toMatchObject({ name: "RedirectError", status });
      await expect(vehicle.honkHorn()).rejects.toMatchObject({ name: "RedirectError", status });
      sim.clearRoutes();
    }
    expect(elsewhere.requests).toEqual([]);
  });
});

// --- what is printed --------------------------------------------------------------------------------

/** The secrets of a home: password, keys, and whatever tokens the credential file held at any point. */
async function secretsOf(
  home: CliHome,
  sim: Awaited<ReturnType<typeof useSimulator>>,
  seen: Record<string, string>,
): Promise<Record<string, string>> {
  const file = (await home.file()) ?? {};
  for (const key of ["gigya_login_token", "gigya_jwt", "gigya_gmid", "gigya_ucid"]) {
    if (file[key]) seen[`${key}:${file[key].slice(-6)}`] = file[key];
  }
  for (const request of sim.requests) {
    if (request.headers["x-gigya-id_token"]) seen[`jwt:${request.seq}`] = request.headers["x-gigya-id_token"];
    const form = (request.json ?? {}) as Record<string, unknown>;
    if (typeof form.login_token === "string") seen[`login_token:${request.seq}`] = form.login_token;
  }
  return { password: sim.demo.password, gigyaKey: sim.gigyaApiKey, kamereonKey: sim.kamereonApiKey, ...seen };
}

function expectNoSecret(output: string, secrets: Readonly<Record<string, string>>): void {
  for (const [name, secret] of Object.entries(secrets)) {
    expect(secret.length, name).toBeGreaterThan(3);
    expect(output.includes(secret), `${name} leaked`).toBe(false);
  }
  expect(output).not.toMatch(/eyJ[\w-]{4,}\.[\w-]{4,}\./);
  expect(output).not.toMatch(/st2\.s\.[\w-]/);
  expect(output).not.toMatch(/gmid\.ver4\.[\w-]/);
}

const everything = (...runs: CliRun[]) => runs.map((run) => `${run.stdout}\n${run.stderr}`).join("\n");

describe("CLI output", () => {
  test("`settings` (table and --json) masks every token and key", async () => {
    const sim = await useSimulator();
    const home = await loggedInHome(sim, "zoe50");
    expect((await home.run(["battery"])).code).toBe(0); // mints and stores a JWT
    await home.run(["set", "--locale", "fr_FR"]); // stores the locale's API keys too
    const runs = [await home.run(["settings"]), await home.run(["settings", "--json"])];
    expect(runs.map((run) => run.code)).toEqual([0, 0]);
    const file = (await home.file()) ?? {};
    expect(file.gigya_jwt).toBeTruthy();
    expect(runs[1]!.stdout).toContain('"gigya_jwt"');
    const secrets = await secretsOf(home, sim, {});
    for (const key of ["gigya-api-key", "kamereon-api-key"]) if (file[key]) secrets[key] = file[key];
    expectNoSecret(everything(...runs), secrets);
  });

  test("--debug and --log on actions, raw requests and failures: no secret on stdout, stderr or in the log", async () => {
    const sim = await useSimulator();
    const home = await loggedInHome(sim, "zoe50");
    const seen: Record<string, string> = {};
    const runs: CliRun[] = [];
    const run = async (argv: string[]) => {
      const result = await home.run(["--debug", "--log", ...argv]);
      runs.push(result);
      Object.assign(seen, await secretsOf(home, sim, seen));
      return result;
    };
    expect((await run(["hvac", "start", "--temperature", "21"])).code).toBe(0);
    expect((await run(["http", "get", "/commerce/v1/persons/{person_id}"])).code).toBe(0);
    expect(
      (
        await run([
          "http",
          "get",
          "/commerce/v1/accounts/{account_id}/kamereon/kca/car-adapter/v1/cars/{vin}/cockpit",
        ])
      ).code,
    ).toBe(0);
    sim.addFault("502html@*:*");
    expect((await run(["cockpit"])).code).toBe(1);
    sim.clearFaults();
    sim.addFault("unauthorized@*:*");
    // Every row says "the server refused the login token"; the exit code is the CLI's choice (0 or 3).
    expect([0, 3]).toContain((await run(["status"])).code);
    sim.clearFaults();
    sim.addFault("quota@cockpit");
    expect((await run(["status", "--json"])).code).toBe(4);
    sim.clearFaults();
    sim.addFault("gigya-403042@login");
    expect((await run(["login", "--user", sim.demo.email, "--password", sim.demo.password])).code).toBe(1);
    const logs = await readdir(join(home.dir, "logs"));
    const log = (await Promise.all(logs.map((name) => readFile(join(home.dir, "logs", name), "utf8")))).join(
      "\n",
    );
    expect(log).toContain("DEBUG");
    expect(runs.some((result) => result.stderr.includes("renault_api.kamereon"))).toBe(true);
    expectNoSecret(`${everything(...runs)}\n${log}`, await secretsOf(home, sim, seen));
  });

  test("a password or key given in the environment is never printed, even when the server echoes it", async () => {
    const sim = await useSimulator();
    const home = await cliHome(sim, {
      RENAULT_API_USERNAME: sim.demo.email,
      RENAULT_API_PASSWORD: sim.demo.password,
    });
    await home.run(["set", "--account", sim.demo.renaultAccountId, "--vin", sim.demo.vins.zoe50]);
    // A hostile or broken server that echoes what it received into its answers and errors.
    sim.route("GET", /\/cockpit$/, (request) => ({
      status: 400,
      body: {
        errors: [
          {
            errorCode: "err.func.400",
            errorMessage: `bad request ${request.headers.apikey} ${request.headers["x-gigya-id_token"]} ${sim.demo.password}`,
          },
        ],
      },
    }));
    sim.route("GET", /\/battery-status$/, (request) => ({
      body: { data: { attributes: { batteryLevel: 50, echo: request.headers["x-gigya-id_token"] } } },
    }));
    const runs = [
      await home.run(["--debug", "cockpit"]),
      await home.run(["--debug", "battery", "--json"]),
      await home.run([
        "--debug",
        "http",
        "get",
        "/commerce/v1/accounts/{account_id}/kamereon/kca/car-adapter/v2/cars/{vin}/battery-status",
      ]),
    ];
    expect(runs.map((result) => result.code)).toEqual([1, 0, 0]);
    expectNoSecret(everything(...runs), await secretsOf(home, sim, {}));
  });
});

describe("library output", () => {
  test("traces, logs and warnings of a whole session carry no secret, nor any Gigya body", async () => {
    const sim = await useSimulator();
    const events: TraceEvent[] = [];
    const warnings: string[] = [];
    const store = new MemoryCredentialStore();
    const client = new RenaultClient({
      ...simOptions(sim),
      credentialStore: store,
      onTrace: (event) => events.push(event),
      logger: {
        warn: (message, fields) => warnings.push(`${message} ${JSON.stringify(fields)}`),
        debug: (message, fields) => warnings.push(`${message} ${JSON.stringify(fields)}`),
      },
    });
    sim.addFault("502html@accounts.webSdkBootstrap"); // a warning whose text comes from an error
    await client.login(sim.demo.email, sim.demo.password);
    const [account] = await client.getAccounts();
    const vehicles = await account!.getVehicles();
    for (const vehicle of vehicles) await everyCall(vehicle);
    sim.addFault("unauthorized@cockpit");
    await vehicles[0]!.getCockpit().catch(() => undefined);
    expect(events.length).toBeGreaterThan(100);
    const output = `${events.map((event) => JSON.stringify(event)).join("\n")}\n${warnings.join("\n")}`;
    const gigyaEvents = events.filter((event) => "service" in event && event.service === "gigya");
    expect(gigyaEvents.length).toBeGreaterThan(3);
    expect(gigyaEvents.every((event) => !("body" in event) || !event.body)).toBe(true);
    expect(events.map((event) => event.type)).toContain("jwt-minted");
    const values = await store.read();
    const secrets: Record<string, string> = {
      password: sim.demo.password,
      gigyaKey: sim.gigyaApiKey,
      kamereonKey: sim.kamereonApiKey,
    };
    for (const [key, value] of Object.entries(values))
      if (/token|jwt|gmid|ucid/.test(key)) secrets[key] = value;
    sim.requests.forEach((request) => {
      if (request.headers["x-gigya-id_token"])
        secrets[`jwt ${request.seq}`] = request.headers["x-gigya-id_token"];
    });
    expectNoSecret(output, secrets);
  });
});

test("CI audits the runtime dependencies (npm audit --omit=dev)", async () => {
  const ci = await readFile(new URL("../.ci/run", import.meta.url), "utf8");
  // Run as a command (not only mentioned), and a finding fails the run.
  expect(ci).toMatch(/^if ! npm audit --omit=dev --json/m);
  expect(ci).toContain("process.exit(total > 0 ? 1 : 0)");
});
