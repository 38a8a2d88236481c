/**
 * client.diagnose, up to the accounts: each failure produced against the simulator, with its
 * check id, status and a remedy naming the fix (issue 19).
 */
import { createServer } from "node:net";
import { expect, test } from "vitest";
import { CredentialKey, MemoryCredentialStore } from "../src/credentials/store.js";
import { TwoFactorRequiredError } from "../src/errors.js";
import { simulatorTfa } from "../src/simulator/tfa.js";
import { checkOf, diagnoseOn, loggedInClient, oneCarWorld, simClient } from "./support/doctor.js";
import { useSimulator } from "./support/sim.js";

test("a healthy account with one car passes with at most 10 requests, every check ok", async () => {
  const sim = await useSimulator();
  const vin = oneCarWorld(sim);
  const client = await loggedInClient(sim);
  const { diagnosis, received } = await diagnoseOn(sim, client);
  expect(diagnosis.ok).toBe(true);
  expect(diagnosis.checks.filter((entry) => entry.status !== "ok")).toEqual([]);
  expect(received.length).toBeLessThanOrEqual(10);
  expect(diagnosis.requests).toBe(received.length);
  expect(received.map((request) => request.endpoint)).toEqual([
    "jwt",
    "account-info",
    "person",
    "vehicles",
    "myr/connected-vehicles",
    "battery-status",
    "contracts",
  ]);
  expect(diagnosis.checks.map((entry) => entry.id)).toEqual([
    "config",
    "network",
    "gigya-api-key",
    "login",
    "jwt",
    "kamereon-api-key",
    "accounts",
    "model",
    "quota",
    "contract",
    "privacy-mode",
    "remote-protocol",
    "freshness",
    "local",
  ]);
  expect(
    diagnosis.checks.filter((entry) => entry.vin !== undefined).every((entry) => entry.vin === vin),
  ).toBe(true);
  // The JWT it minted is in the store, ready for the next call (no second mint).
  const jwt = await client.session.getStoredValue(CredentialKey.jwt);
  expect(jwt).toBeTruthy();
});

test("network: a host that refuses connections fails, naming the host and the override", async () => {
  const sim = await useSimulator();
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
  const port = (closed.address() as { port: number }).port;
  await new Promise<void>((resolve) =>
    closed.close(() => {
      resolve();
    }),
  );
  const client = simClient(sim, { kamereonUrl: `http://127.0.0.1:${port}/kamereon` });
  await client.login(sim.demo.email, sim.demo.password);
  const { diagnosis, received } = await diagnoseOn(sim, client);
  const network = checkOf(diagnosis, "network");
  expect(network.status).toBe("fail");
  expect(network.message).toContain(
    `Kamereon (127.0.0.1:${port}): TCP connection to port ${port} failed (ECONNREFUSED)`,
  );
  expect(network.remedy).toContain("RENAULT_API_KAMEREON_URL");
  expect(checkOf(diagnosis, "accounts").status).toBe("skip");
  expect(received.filter((request) => request.service === "kamereon")).toEqual([]);
});

test("gigya-api-key: a key Gigya refuses (400093) fails and says the password is not the problem", async () => {
  const sim = await useSimulator();
  const client = await loggedInClient(sim);
  sim.addFault("gigya-400093@jwt");
  const { diagnosis } = await diagnoseOn(sim, client);
  const key = checkOf(diagnosis, "gigya-api-key");
  expect(key).toMatchObject({ status: "fail", message: expect.stringContaining("400093") });
  expect(key.remedy).toMatch(/RENAULT_API_GIGYA_API_KEY.*the password is not the problem/);
  expect(checkOf(diagnosis, "login").status).toBe("skip");
  expect(diagnosis.ok).toBe(false);
  // The refused mint did not cost the stored login token.
  await expect(client.getLoginToken()).resolves.toBeTruthy();
});

test("gigya-api-key without a login: the device bootstrap names a refused key", async () => {
  const sim = await useSimulator({ faults: "gigya-400093@*:*" });
  const { diagnosis, received } = await diagnoseOn(sim, simClient(sim));
  expect(received.map((request) => request.path)).toContain("/accounts.webSdkBootstrap");
  expect(checkOf(diagnosis, "gigya-api-key").status).toBe("fail");
  expect(checkOf(diagnosis, "login")).toMatchObject({
    status: "fail",
    remedy: expect.stringContaining("renault-api login"),
  });
});

test("a stale Gigya key stored in the file (403042): check the key before resetting the password", async () => {
  const sim = await useSimulator({ faults: "gigya-403042@login" });
  const store = new MemoryCredentialStore({ [CredentialKey.gigyaApiKey]: "3_stale-key-of-last-year" });
  const client = simClient(sim, {
    gigyaApiKey: undefined,
    credentialStore: store,
    locale: undefined,
    country: "FR",
  });
  const { diagnosis } = await diagnoseOn(sim, client, {
    loginId: sim.demo.email,
    password: sim.demo.password,
  });
  const key = checkOf(diagnosis, "gigya-api-key");
  expect(key.status).toBe("warn");
  expect(key.remedy).toMatch(/check the Gigya API key first .* before resetting the password/);
  const login = checkOf(diagnosis, "login");
  expect(login).toMatchObject({ status: "fail", message: expect.stringContaining("403042") });
  expect(login.remedy).toMatch(/^check the Gigya API key first/);
});

test("the locale's key overridden from the credential file is named as the suspect", async () => {
  const sim = await useSimulator({ faults: "gigya-403042@login" });
  const store = new MemoryCredentialStore({
    [CredentialKey.locale]: "fr_FR",
    [CredentialKey.gigyaApiKey]: "3_stale-key-of-last-year",
  });
  const client = simClient(sim, { gigyaApiKey: undefined, credentialStore: store, locale: undefined });
  const { diagnosis } = await diagnoseOn(sim, client, { loginId: sim.demo.email, password: "typo" });
  expect(checkOf(diagnosis, "gigya-api-key").message).toMatch(
    /stale Gigya key is suspect.*from the credential file, not the built-in key of fr_FR/,
  );
});

test("login: a revoked login token (Gigya 403005) fails with 'log in again'", async () => {
  const sim = await useSimulator();
  const client = await loggedInClient(sim);
  sim.addFault("gigya-403005@jwt");
  const { diagnosis } = await diagnoseOn(sim, client);
  expect(checkOf(diagnosis, "gigya-api-key").status).toBe("ok");
  const login = checkOf(diagnosis, "login");
  expect(login).toMatchObject({ status: "fail", message: expect.stringContaining("403005") });
  expect(login.remedy).toContain("log in again");
  expect(checkOf(diagnosis, "jwt").status).toBe("skip");
});

test("login: a locked account (403120) fails with 'wait for the lock to end'", async () => {
  const sim = await useSimulator({ faults: "gigya-403120@login" });
  const { diagnosis } = await diagnoseOn(sim, simClient(sim), {
    loginId: sim.demo.email,
    password: sim.demo.password,
  });
  const login = checkOf(diagnosis, "login");
  expect(login).toMatchObject({ status: "fail", message: expect.stringContaining("locked (Gigya 403120)") });
  expect(login.remedy).toMatch(/wait for the lock to end/);
});

test("login: a pending two-factor login (403101) fails with 'finish the login with the e-mailed code'", async () => {
  const sim = await useSimulator({ twoFactor: true });
  const { diagnosis } = await diagnoseOn(sim, simClient(sim), {
    loginId: sim.demo.email,
    password: sim.demo.password,
  });
  const login = checkOf(diagnosis, "login");
  expect(login.status).toBe("fail");
  expect(login.remedy).toContain("finish the login with the e-mailed code");
});

test("login: an open two-factor challenge in the store is reported without a request to Gigya's login", async () => {
  const sim = await useSimulator();
  const store = new MemoryCredentialStore({
    [CredentialKey.tfaChallenge]: JSON.stringify({ version: 1, expiresAt: Date.now() + 30 * 60_000 }),
  });
  const { diagnosis, received } = await diagnoseOn(sim, simClient(sim, { credentialStore: store }));
  expect(checkOf(diagnosis, "login")).toMatchObject({
    status: "fail",
    message: expect.stringContaining("waiting for its code"),
    remedy: expect.stringContaining("login --code"),
  });
  expect(received.map((request) => request.endpoint)).not.toContain("login");
});

test("login: nothing stored is 'not logged in', and the Kamereon key is still checked", async () => {
  const sim = await useSimulator();
  const { diagnosis, received } = await diagnoseOn(sim, simClient(sim, { kamereonApiKey: "stale" }));
  expect(checkOf(diagnosis, "login")).toMatchObject({
    status: "fail",
    remedy: expect.stringContaining("renault-api login"),
  });
  expect(checkOf(diagnosis, "kamereon-api-key")).toMatchObject({
    status: "fail",
    remedy: expect.stringContaining("RENAULT_API_KAMEREON_API_KEY"),
  });
  const probe = received.find((request) => request.service === "kamereon");
  expect(probe?.headers.apikey).toBe("stale");
  expect(probe?.headers["x-gigya-id_token"]).toBe("");
  expect(diagnosis.requests).toBe(received.length);
});

test("jwt: a fresh JWT that this machine's clock sees as expired fails and names the clock", async () => {
  const sim = await useSimulator({ now: () => Date.now() - 2 * 3600_000, dateOffset: 0 });
  const client = await loggedInClient(sim);
  const { diagnosis } = await diagnoseOn(sim, client, { vin: sim.demo.vins.zoe50 });
  const jwt = checkOf(diagnosis, "jwt");
  expect(jwt).toMatchObject({ status: "fail", message: expect.stringContaining("already sees as expired") });
  expect(jwt.remedy).toContain("clock");
  expect(checkOf(diagnosis, "local")).toMatchObject({
    status: "fail",
    message: expect.stringContaining("ahead of the servers'"),
  });
});

test("kamereon-api-key: a stale key is refused before the JWT is looked at", async () => {
  const sim = await useSimulator();
  const client = await loggedInClient(sim, { kamereonApiKey: "stale-kamereon-key" });
  const { diagnosis } = await diagnoseOn(sim, client);
  expect(checkOf(diagnosis, "jwt").status).toBe("ok");
  const key = checkOf(diagnosis, "kamereon-api-key");
  expect(key).toMatchObject({ status: "fail", message: expect.stringContaining("access_denied") });
  expect(key.remedy).toContain("RENAULT_API_KAMEREON_API_KEY");
  expect(checkOf(diagnosis, "accounts").status).toBe("skip");
});

test("accounts: an empty garage (err.func.wired.empty-vehicle-link) fails with 'add the car'", async () => {
  const sim = await useSimulator({ faults: "empty-garage@vehicles:*" });
  const client = await loggedInClient(sim);
  const { diagnosis } = await diagnoseOn(sim, client);
  const accounts = checkOf(diagnosis, "accounts");
  expect(accounts).toMatchObject({
    status: "fail",
    message: expect.stringContaining("err.func.wired.empty-vehicle-link"),
  });
  expect(accounts.remedy).toContain("add the car");
  expect(diagnosis.checks.some((entry) => entry.vin !== undefined)).toBe(false);
});

test("accounts: a VIN on none of the accounts fails", async () => {
  const sim = await useSimulator();
  const client = await loggedInClient(sim);
  const { diagnosis } = await diagnoseOn(sim, client, { vin: "VF1NOTMINE0000000" });
  expect(checkOf(diagnosis, "accounts")).toMatchObject({
    status: "fail",
    remedy: expect.stringContaining("check the VIN"),
  });
});

test("config: no locale and no country is reported, not thrown", async () => {
  const client = new (await import("../src/client.js")).RenaultClient({});
  const diagnosis = await client.diagnose();
  expect(checkOf(diagnosis, "config")).toMatchObject({
    status: "fail",
    remedy: expect.stringContaining("locale"),
  });
  expect(diagnosis).toMatchObject({ ok: false, requests: 0 });
});

test("login: a device whose two-factor trust runs out within days warns (the trust is recorded)", async () => {
  const sim = await useSimulator({ twoFactor: true });
  const client = simClient(sim);
  const error: unknown = await client
    .login(sim.demo.email, sim.demo.password)
    .catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(TwoFactorRequiredError);
  const challenge = (error as TwoFactorRequiredError).challenge;
  await challenge?.sendCode();
  await challenge?.complete(simulatorTfa(sim.world).lastCode(sim.demo.email) ?? "");
  const recorded = Number(await client.session.getStoredValue(CredentialKey.deviceTrustedAt));
  expect(Math.abs(recorded - Date.now())).toBeLessThan(60_000);
  expect(checkOf((await diagnoseOn(sim, client)).diagnosis, "login").status).toBe("ok");
  await client.session.storeValues({
    [CredentialKey.deviceTrustedAt]: String(Date.now() - 28 * 24 * 3600_000),
  });
  const login = checkOf((await diagnoseOn(sim, client)).diagnosis, "login");
  expect(login).toMatchObject({
    status: "warn",
    message: expect.stringContaining("two-factor trust ends in 2 days"),
  });
  expect(login.remedy).toContain("e-mailed code");
});
