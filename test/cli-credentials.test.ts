import { stat } from "node:fs/promises";
import { expect, test } from "vitest";
import { cliHome, loggedInHome, simEnv, writeCredentials } from "./support/cli.js";
import { loggedInSession, requestsTo, useSimulator } from "./support/sim.js";

test("login with options stores the login token only, in the Python layout, mode 0600", async () => {
  const sim = await useSimulator();
  const home = await cliHome(sim);
  const result = await home.run(["login", "--user", sim.demo.email, "--password", sim.demo.password]);
  expect(result.code).toBe(0);
  expect(result.stdout).toBe("");
  expect(result.stderr).toContain(`Logged in as ${sim.demo.email}`);
  const file = await home.file();
  expect(file?.gigya_login_token).toMatch(/^st2\.s\./);
  expect(JSON.stringify(file)).not.toContain(sim.demo.password);
  // The one-off locale (RENAULT_API_LOCALE) is not saved.
  expect(file).not.toHaveProperty("locale");
  expect((await stat(home.credentials)).mode & 0o777).toBe(0o600);
  expect(requestsTo(sim, "gigya").map((request) => request.path)).toContain("/accounts.login");
});

test("login prompts User then a hidden Password on a terminal", async () => {
  const sim = await useSimulator();
  const home = await cliHome(sim);
  const result = await home.run(["login"], { stdin: `${sim.demo.email}\n${sim.demo.password}\n` });
  expect(result.code).toBe(0);
  expect(result.stderr).toMatch(/^User: Password: /);
  expect(result.stderr).not.toContain(sim.demo.password);
  expect((await home.file())?.gigya_login_token).toBeDefined();
});

test("login takes RENAULT_API_USERNAME and RENAULT_API_PASSWORD", async () => {
  const sim = await useSimulator();
  const home = await cliHome(sim, {
    RENAULT_API_USERNAME: sim.demo.email,
    RENAULT_API_PASSWORD: sim.demo.password,
  });
  expect((await home.run(["login"])).code).toBe(0);
});

test("without a terminal, login never waits: it names the missing option (exit 2)", async () => {
  const sim = await useSimulator();
  const home = await cliHome(sim);
  const result = await home.run(["login"], { tty: false });
  expect(result.code).toBe(2);
  expect(result.stderr).toContain("--user");
  expect(sim.requests).toHaveLength(0);
});

test("a wrong password says what to check, including a stale Gigya key", async () => {
  const sim = await useSimulator();
  const home = await cliHome(sim);
  const result = await home.run(["login", "--user", sim.demo.email, "--password", "wrong-password"]);
  expect(result.code).toBe(1);
  expect(result.stderr).toBe(
    "Error: login refused: invalid credentials — or a stale API key: set RENAULT_API_GIGYA_API_KEY " +
      "(Renault answers both with the same error)\n",
  );
});

test("a Python credential file (accound-id, gigya_jwt…) is used as is, and keeps its layout", async () => {
  const sim = await useSimulator();
  const session = await loggedInSession(sim);
  const personId = await session.getPersonId();
  const jwt = await session.getJwt();
  const python = {
    locale: "fr_FR",
    country: "FR",
    "gigya-root-url": sim.gigyaUrl,
    "gigya-api-key": sim.gigyaApiKey,
    "kamereon-root-url": sim.kamereonUrl,
    "kamereon-api-key": sim.kamereonApiKey,
    gigya_login_token: (await session.getLoginToken()) ?? "",
    gigya_person_id: personId,
    gigya_jwt: jwt,
    "accound-id": sim.demo.renaultAccountId,
    vin: sim.demo.vins.zoe40,
  };
  const home = await cliHome(); // no environment overrides at all
  await writeCredentials(home, python);
  const since = sim.requests.length;
  const result = await home.run(["--json", "cockpit"]);
  expect(result.code).toBe(0);
  expect(JSON.parse(result.stdout)).toHaveProperty("totalMileage");
  // The stored JWT and person id were reused: no Gigya call.
  expect(requestsTo(sim, "gigya", since)).toHaveLength(0);
  const after = await home.file();
  // Every Python key is kept as it was; the only addition is what the library learnt about the car
  // (its model: code, energy, brand; the endpoints that worked), kept so that the next run needs no
  // details request, and the request ledger the quota budget counts (issue 16). The Python client
  // ignores unknown keys.
  expect(after).toEqual({
    ...python,
    renault_api_vehicles: expect.any(String),
    renault_api_ledger: expect.any(String),
  });
  const vehicles = JSON.parse(after?.renault_api_vehicles ?? "{}");
  expect(vehicles[sim.demo.vins.zoe40].details).toEqual({
    model: { code: "X101VE", label: "ZOE" },
    energy: { code: "ELEC", label: "ELECTRIQUE" },
    brand: { label: "RENAULT" },
    engineEnergyType: "ELEC",
  });
  const again = sim.requests.length;
  expect((await home.run(["--json", "cockpit"])).code).toBe(0);
  expect(requestsTo(sim, "kamereon", again).map((request) => request.endpoint)).toEqual(["cockpit"]);
});

test("settings masks tokens and keys and shows when the JWT expires", async () => {
  const sim = await useSimulator();
  const home = await loggedInHome(sim);
  await home.run(["set", "--locale", "fr_FR"]);
  await home.run(["vehicle"]); // mints a JWT
  const file = (await home.file()) ?? {};
  const result = await home.run(["settings"]);
  expect(result.code).toBe(0);
  for (const secret of [
    file.gigya_login_token,
    file.gigya_jwt,
    file["gigya-api-key"],
    file["kamereon-api-key"],
  ]) {
    expect(secret).toBeDefined();
    expect(result.stdout).not.toContain(secret);
  }
  expect(result.stdout).toContain("st2.s…(redacted)");
  expect(result.stdout).toMatch(
    /gigya_jwt +eyJhb…\(redacted\) \(valid until \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\)/,
  );
  expect(result.stdout).toMatch(/accound-id +account-id-1/);
  const json = JSON.parse((await home.run(["settings", "--json"])).stdout);
  expect(json.gigya_login_token).toBe("st2.s…(redacted)");
});

test("set --locale saves locale, country, URLs and keys; a one-off --locale is not saved", async () => {
  const sim = await useSimulator();
  const home = await loggedInHome(sim);
  expect((await home.run(["set", "--locale", "es_MX"])).code).toBe(0);
  expect(await home.file()).toMatchObject({
    locale: "es_MX",
    country: "MX",
    "gigya-root-url": "https://accounts.us1.gigya.com",
    "gigya-api-key": "4_yTFqPSsGxVyRXPZUM7t1Iw",
    "kamereon-root-url": "https://api-wired-prod-1-usw2.wrd-aws.com",
    "kamereon-api-key": "YjkKtHmGfaceeuExUDKGxrLZGGvtVS0J",
  });
  const oneOff = await home.run(["--locale", "de_DE", "vehicle"]);
  expect(oneOff.code).toBe(0);
  expect(sim.requests.at(-1)?.query.country).toBe("DE");
  expect((await home.file())?.locale).toBe("es_MX");
  const bad = await home.run(["set", "--locale", "xx_XX"]);
  expect(bad.code).toBe(2);
  expect(bad.stderr).toContain("unknown locale 'xx_XX'");
});

test("reset deletes the credential file", async () => {
  const sim = await useSimulator();
  const home = await loggedInHome(sim);
  const result = await home.run(["reset"]);
  expect(result.code).toBe(0);
  expect(await home.file()).toBeUndefined();
  expect((await home.run(["reset"])).stderr).toContain("Nothing to delete");
});

test("not logged in: exit 3 with what to do, and no request", async () => {
  const sim = await useSimulator();
  const home = await cliHome(sim);
  const result = await home.run(["status", "--account", "a", "--vin", "V"], { tty: false });
  expect(result).toEqual({ code: 3, stdout: "", stderr: "Error: not logged in: run `renault-api login`\n" });
  expect(sim.requests).toHaveLength(0);
});

test("no locale anywhere: a terminal is asked (Python's prompt), otherwise exit 2 naming --locale", async () => {
  const sim = await useSimulator();
  const home = await cliHome(undefined, { ...simEnv(sim), LANG: "fr_BE.UTF-8" });
  const noTty = await home.run(["login", "--user", sim.demo.email, "--password", sim.demo.password], {
    tty: false,
  });
  expect(noTty.code).toBe(2);
  expect(noTty.stderr).toContain("--locale");
  const asked = await home.run(["login", "--user", sim.demo.email, "--password", sim.demo.password], {
    stdin: "xx_XX\n\ny\n",
  });
  expect(asked.code).toBe(0);
  expect(asked.stderr).toContain("Please select a locale [fr_BE]: ");
  expect(asked.stderr).toContain("Locale `xx_XX` is unknown");
  expect(asked.stderr).toContain("Do you want to save the locale to the credential store? [y/N]: ");
  expect(await home.file()).toMatchObject({ locale: "fr_BE", country: "BE" });
});

test("account and VIN menus: one person GET, Python's prompts, saved on request", async () => {
  const sim = await useSimulator();
  const home = await cliHome(sim);
  await home.run(["login", "--user", sim.demo.email, "--password", sim.demo.password]);
  const since = sim.requests.length;
  const result = await home.run(["vehicle"], { stdin: "1\ny\n2\ny\n" });
  expect(result.code).toBe(0);
  expect(result.stderr).toContain("Please select account [1]: ");
  expect(result.stderr).toContain("Do you want to save the account ID to the credential store? [y/N]: ");
  expect(result.stderr).toContain("Please select vehicle: ");
  expect(result.stderr).toContain("Do you want to save the VIN to the credential store? [y/N]: ");
  // The vehicle-count column of the Python CLI's menu (issue 15.6): one list GET per account.
  expect(result.stderr).toMatch(/ID +Type +Status +Vehicles/);
  const cars = (id: string) => sim.demo.models.filter((model) => model.accountId === id).length;
  expect(result.stderr).toMatch(
    new RegExp(
      `^1 +${sim.demo.renaultAccountId} +MYRENAULT +\\S+ +${cars(sim.demo.renaultAccountId)}\\s*$`,
      "m",
    ),
  );
  expect(result.stderr).toMatch(
    new RegExp(`^2 +${sim.demo.daciaAccountId} +MYDACIA +\\S+ +${cars(sim.demo.daciaAccountId)}\\s*$`, "m"),
  );
  const kamereon = requestsTo(sim, "kamereon", since).map((request) => request.endpoint);
  // person once, each account's vehicles for the count, then the chosen account's (details come with the list).
  expect(kamereon).toEqual(["person", "vehicles", "vehicles", "vehicles"]);
  const file = await home.file();
  expect(file?.["accound-id"]).toBe(sim.demo.renaultAccountId);
  expect(file?.vin).toBe(
    sim.demo.models.filter((model) => model.accountId === sim.demo.renaultAccountId)[1]?.vin,
  );
});

test("without a terminal, several accounts are an error naming --account (exit 2)", async () => {
  const sim = await useSimulator();
  const home = await cliHome(sim);
  await home.run(["login", "--user", sim.demo.email, "--password", sim.demo.password]);
  const result = await home.run(["vehicle"], { tty: false });
  expect(result.code).toBe(2);
  expect(result.stderr).toContain("choose one with --account");
  const vin = await home.run(["vehicle", "--account", sim.demo.renaultAccountId], { tty: false });
  expect(vin.code).toBe(2);
  expect(vin.stderr).toContain("choose one with --vin");
});
