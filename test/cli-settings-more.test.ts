import { expect, test } from "vitest";
import { cliHome, runCli, writeCredentials } from "./support/cli.js";
import { useSimulator } from "./support/sim.js";

const jwtWithExp = (exp: number) =>
  `${Buffer.from('{"alg":"none"}').toString("base64url")}.${Buffer.from(JSON.stringify({ exp })).toString("base64url")}.sig`;

test("settings: nothing stored, an expired JWT, an empty secret, and the demo's memory store", async () => {
  const home = await cliHome();
  const empty = await home.run(["settings"]);
  expect(empty.code).toBe(0);
  expect(empty.stdout).toContain("No settings stored.");
  expect(empty.stdout).toContain(home.credentials);
  const expired = jwtWithExp(1_000_000_000);
  await writeCredentials(home, { locale: "fr_FR", gigya_jwt: expired, gigya_login_token: "" });
  const shown = await home.run(["settings"]);
  expect(shown.code).toBe(0);
  expect(shown.stdout).toMatch(/gigya_jwt +.*\(expired 2001-09-09/);
  expect(shown.stdout).toMatch(/gigya_login_token +-/);
  expect(shown.stdout).not.toContain(expired);
  const demo = await runCli(["--demo", "settings"]);
  expect(demo.code).toBe(0);
  expect(demo.stdout).toContain("memory (demo)");
});

test("vehicle choice without a terminal: the only car is taken, several cars or none are clear errors", async () => {
  const sim = await useSimulator();
  const home = await cliHome(sim);
  expect((await home.run(["login", "--user", sim.demo.email, "--password", sim.demo.password])).code).toBe(0);
  const dacia = await home.run(["--account", sim.demo.daciaAccountId, "--json", "cockpit"]);
  expect(dacia.code, dacia.stderr).toBe(0);
  expect(JSON.parse(dacia.stdout)).toHaveProperty("totalMileage");
  const several = await home.run(["--account", sim.demo.renaultAccountId, "cockpit"]);
  expect(several.code).toBe(2);
  expect(several.stderr).toContain("--vin");
  sim.route("GET", /\/accounts\/[^/]+\/vehicles$/, () => ({
    body: { accountId: "account-id-2", vehicleLinks: [] },
  }));
  const none = await home.run(["--account", sim.demo.daciaAccountId, "cockpit"]);
  expect(none.code).toBe(1);
  expect(none.stderr).toContain("No vehicle found.");
});
