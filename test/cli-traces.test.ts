import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { expect, test } from "vitest";
import { cliHome, loggedInHome, type CliRun } from "./support/cli.js";
import { useSimulator } from "./support/sim.js";

function everything(...runs: CliRun[]): string {
  return runs.map((run) => run.stdout + run.stderr).join("\n");
}

test("--debug traces every Kamereon request to stderr; no secret appears anywhere, log file included", async () => {
  const sim = await useSimulator();
  const home = await cliHome(sim);
  const login = await home.run([
    "--debug",
    "--log",
    "login",
    "--user",
    sim.demo.email,
    "--password",
    sim.demo.password,
  ]);
  expect(login.code).toBe(0);
  const status = await home.run([
    "status",
    "--debug",
    "--log",
    "--account",
    sim.demo.renaultAccountId,
    "--vin",
    sim.demo.vins.zoe40,
  ]);
  expect(status.code).toBe(0);
  expect(status.stdout).toMatch(/^Battery level/);
  expect(status.stderr).toMatch(/^WARNING renault_api\.cli: Trace enabled/);
  expect(status.stderr).toMatch(
    /^DEBUG renault_api\.kamereon: GET http:\/\/127\.0\.0\.1:\d+\/kamereon\/commerce\/v1\/accounts\/account-id-1\/kamereon\/kca\/car-adapter\/v2\/cars\/\w+\/battery-status\?country=FR$/m,
  );
  expect(status.stderr).toMatch(/-> 200 \(\d+ ms\) \{/);
  // Gigya calls are traced too (issue 13.6), never with their bodies (password, tokens).
  expect(login.stderr).toMatch(
    /^DEBUG renault_api\.gigya: POST http:\/\/127\.0\.0\.1:\d+\/gigya\/accounts\.login -> 200 \(\d+ ms\) $/m,
  );
  expect(status.stderr).toMatch(/^DEBUG renault_api\.gigya: JWT minted \(missing\)$/m);
  const settings = await home.run(["settings", "--debug"]);
  const file = (await home.file()) ?? {};
  const failing = await home.run([
    "--debug",
    "login",
    "--user",
    sim.demo.email,
    "--password",
    "not-the-password",
  ]);
  expect(failing.code).toBe(1);

  const logs = await readdir(join(home.dir, "logs"));
  expect(logs).toHaveLength(1);
  expect(logs[0]).toMatch(/^\d{4}-\d\d-\d\d\.log$/);
  const log = await readFile(join(home.dir, "logs", logs[0] ?? ""), "utf8");
  expect(log).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} - renault_api\.kamereon - DEBUG - GET /m);

  const secrets = {
    password: sim.demo.password,
    wrongPassword: "not-the-password",
    loginToken: file.gigya_login_token,
    jwt: file.gigya_jwt,
    gigyaKey: sim.gigyaApiKey,
    kamereonKey: sim.kamereonApiKey,
  };
  const output = everything(login, status, settings, failing) + log;
  for (const [name, secret] of Object.entries(secrets)) {
    expect(secret, name).toBeTruthy();
    expect(output.includes(secret ?? ""), `${name} leaked`).toBe(false);
  }
  expect(output).not.toMatch(/eyJ[\w-]{4,}\.[\w-]{4,}\./);
  expect(output).not.toMatch(/st2\.s\.[\w-]/);
});

test("--pseudonymise (alias --anonymise) replaces VIN, ids and GPS with stable fakes", async () => {
  const sim = await useSimulator();
  const home = await loggedInHome(sim, "zoe50");
  const result = await home.run(["--debug", "--anonymise", "status"]);
  expect(result.code).toBe(0);
  const trace = result.stderr;
  expect(trace).toContain("DEBUG renault_api.kamereon: GET");
  for (const personal of [sim.demo.vins.zoe50, sim.demo.renaultAccountId, "48.1234567", "11.1234567"]) {
    expect(trace.includes(personal), personal).toBe(false);
  }
  expect(trace).toMatch(/\/accounts\/account-1\/kamereon\/kca\/car-adapter\/v\d\/cars\/VF1PSEUDO00000001\//);
  // The data on stdout is not pseudonymised: it is the user's own.
  expect(result.stdout).toContain("48.1234567");
});

test("errors are one line without a stack, unless --debug", async () => {
  const sim = await useSimulator({ faults: "notfound@cockpit" });
  const home = await loggedInHome(sim, "zoe40");
  const plain = await home.run(["cockpit"]);
  expect(plain.code).toBe(1);
  expect(plain.stderr.trim().split("\n")).toHaveLength(1);
  expect(plain.stderr).toMatch(
    /^Error: err\.func\.wired\.notFound.*not supported by this vehicle, or no data yet\)$/m,
  );
  // cockpit is now known refused (kept in the credential file): another endpoint fails for real.
  sim.addFault("notfound@battery-status");
  const debug = await home.run(["battery", "--debug"]);
  expect(debug.stderr).toMatch(/ResourceNotFoundError: .*\n\s+at /);
});
