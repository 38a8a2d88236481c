/** `renault-api doctor`: the checklist, --json, exit codes, and no secret in any output. */
import { expect, test } from "vitest";
import { CredentialKey } from "../src/credentials/store.js";
import { cliHome, loggedInHome } from "./support/cli.js";
import { useSimulator } from "./support/sim.js";

test("a healthy car: a checklist of ok lines, the request count, exit 0", async () => {
  const sim = await useSimulator();
  const home = await loggedInHome(sim, "zoe50");
  const run = await home.run(["doctor", "--vin", sim.demo.vins.zoe50], {
    env: { RENAULT_API_MYR_URL: sim.myrUrl },
  });
  expect(run.stderr).toBe("");
  expect(run.code).toBe(0);
  expect(run.stdout).toMatch(/^\[ok {2}\] config {13}locale fr_FR, country FR$/m);
  expect(run.stdout).toMatch(/^Vehicle VF1AAAAA555777050:\n\[ok {2}\] model {14}X102VE/m);
  expect(run.stdout).toMatch(/^\[ok {2}\] remote-protocol {4}remote protocol JWT/m);
  expect(run.stdout).toMatch(/^nothing failed, 0 warning\(s\), 0 skipped; \d+ request\(s\) sent$/m);
  expect(run.stdout).not.toContain("→");
});

test("--json: {ok, requests, checks[{id, status, message, remedy}]}, exit 1 on a failure", async () => {
  const sim = await useSimulator();
  const home = await loggedInHome(sim, "zoe50");
  sim.world.vehicle(sim.demo.vins.zoe50).state.privacy = true;
  const since = sim.requests.length;
  const run = await home.run(["doctor", "--vin", sim.demo.vins.zoe50, "--json"], {
    env: { RENAULT_API_MYR_URL: sim.myrUrl },
  });
  expect(run.code).toBe(1);
  expect(run.stderr).toBe("Error: doctor: 1 check(s) failed (see the remedies above)\n");
  const report = JSON.parse(run.stdout) as {
    ok: boolean;
    requests: number;
    checks: Record<string, unknown>[];
  };
  expect(Object.keys(report)).toEqual(["ok", "requests", "checks"]);
  expect(report.ok).toBe(false);
  expect(report.requests).toBe(sim.requests.length - since);
  for (const entry of report.checks) {
    expect(Object.keys(entry).slice(0, 4)).toEqual(["id", "status", "message", "remedy"]);
    expect(["ok", "warn", "fail", "skip"]).toContain(entry.status);
  }
  expect(report.checks.find((entry) => entry.id === "privacy-mode")).toMatchObject({
    status: "fail",
    vin: sim.demo.vins.zoe50,
    remedy: expect.stringContaining("turn data sharing on"),
  });
});

test("a stale Gigya key: the remedy under the failure says to check the key before the password", async () => {
  const sim = await useSimulator({ faults: "gigya-403042@login" });
  const home = await cliHome(sim, {
    RENAULT_API_USERNAME: sim.demo.email,
    RENAULT_API_PASSWORD: sim.demo.password,
    RENAULT_API_MYR_URL: sim.myrUrl,
  });
  const run = await home.run(["doctor"]);
  expect(run.code).toBe(1);
  expect(run.stdout).toMatch(/^\[FAIL\] login {14}the password login was refused: 403042/m);
  expect(run.stdout).toMatch(
    /^ {7}→ check the Gigya API key first; if it is current, check the e-mail and password/m,
  );
  expect(run.stdout).toMatch(/^\[WARN\] gigya-api-key {6}a stale Gigya key is suspect/m);
  expect(run.stderr).toBe("Error: doctor: 1 check(s) failed (see the remedies above)\n");
});

test("no locale and no login: it still runs and reports, one line on stderr, exit 1", async () => {
  const home = await cliHome();
  const run = await home.run(["doctor"]);
  expect(run.code).toBe(1);
  expect(run.stdout).toMatch(/^\[FAIL\] config/m);
  expect(run.stdout).toMatch(/^\[skip\] login/m);
  expect(run.stderr.trim().split("\n")).toHaveLength(1);
});

test("never prints a secret: login token, JWT, API keys, password, device ids", async () => {
  const sim = await useSimulator();
  const home = await loggedInHome(sim, "zoe50");
  const env = { RENAULT_API_MYR_URL: sim.myrUrl, RENAULT_API_PASSWORD: sim.demo.password };
  const runs = [
    await home.run(["doctor"], { env }),
    await home.run(["doctor", "--json"], { env }),
    await home.run(["doctor", "--debug", "--vin", sim.demo.vins.zoe50], { env }),
  ];
  sim.addFault("gigya-400093@jwt");
  runs.push(await home.run(["doctor", "--vin", sim.demo.vins.zoe50], { env }));
  const file = (await home.file()) ?? {};
  const secrets = [
    file[CredentialKey.loginToken],
    file[CredentialKey.jwt],
    file[CredentialKey.gmid],
    file[CredentialKey.ucid],
    sim.gigyaApiKey,
    sim.kamereonApiKey,
    sim.demo.password,
  ];
  expect(secrets.every((secret) => typeof secret === "string" && secret.length > 4)).toBe(true);
  // Every JWT the runs minted, not only the last one kept in the file.
  const jwts = sim.requests.flatMap((request) => request.headers["x-gigya-id_token"] ?? []).filter(Boolean);
  expect(jwts.length).toBeGreaterThan(0);
  for (const run of runs) {
    const output = run.stdout + run.stderr;
    for (const secret of [...secrets, ...jwts]) expect(output).not.toContain(secret);
  }
  expect(runs[2]?.stderr).toContain("GET"); // the debug trace was there, redacted
});
