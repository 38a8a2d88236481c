import { inspect } from "node:util";
import { expect, test } from "vitest";
import { CredentialKey, MemoryCredentialStore } from "../src/credentials/store.js";
import {
  GigyaError,
  RenaultError,
  TwoFactorCodeError,
  TwoFactorExpiredError,
  TwoFactorIncompleteError,
  TwoFactorRequiredError,
} from "../src/errors.js";
import { RenaultSession, type RenaultSessionOptions, type TraceEvent } from "../src/session.js";
import type { Simulator } from "../src/simulator/server.js";
import { simulatorTfa } from "../src/simulator/tfa.js";
import type { TwoFactorChallenge } from "../src/two-factor.js";
import { requestsTo, simOptions, useSimulator } from "./support/sim.js";

const PERSON = "/commerce/v1/persons/person-id-1";
const MINUTE = 60_000;

/** A session on the simulator whose `login` answers 403101; returns the thrown error. */
async function pendingLogin(
  sim: Simulator,
  extra: RenaultSessionOptions = {},
): Promise<{ session: RenaultSession; error: TwoFactorRequiredError; challenge: TwoFactorChallenge }> {
  const session = new RenaultSession(simOptions(sim, extra));
  const error = await session.login(sim.demo.email, sim.demo.password).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(TwoFactorRequiredError);
  const challenge = (error as TwoFactorRequiredError).challenge;
  expect(challenge).toBeDefined();
  return { session, error: error as TwoFactorRequiredError, challenge: challenge! };
}

const lastCode = (sim: Simulator) => simulatorTfa(sim.world).lastCode(sim.demo.email)!;
const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, "0");

test("full flow: 403101, code by e-mail, trusted device, then a Kamereon read; exact requests and fields", async () => {
  const sim = await useSimulator({ twoFactor: true });
  const store = new MemoryCredentialStore();
  const { session, error, challenge } = await pendingLogin(sim, { credentialStore: store });

  expect(error).toMatchObject({ code: 403101, details: "Pending Two-Factor Authentication" });
  expect(error.message).toMatch(/call error\.challenge\.sendCode\(\) to e-mail it to d\*\*\*@r\*\*\*\.dev/);
  expect(challenge.emails).toEqual([
    { id: expect.stringMatching(/^email-/), obfuscated: "d***@r***.dev", lastVerification: 0 },
  ]);
  expect(challenge.codeSent).toBe(false);
  expect(challenge.isOpen).toBe(true);
  expect(await store.read()).not.toHaveProperty(CredentialKey.loginToken);

  const sent = await challenge.sendCode();
  expect(sent.email.obfuscated).toBe("d***@r***.dev");
  expect(challenge.codeSent).toBe(true);
  expect(challenge.codeExpiresAt).toBe(sent.expiresAt);
  await challenge.complete(` ${lastCode(sim)} `);
  expect(challenge.isOpen).toBe(false);
  await expect(session.request("GET", PERSON)).resolves.toMatchObject({ personId: "person-id-1" });

  const gigya = requestsTo(sim, "gigya");
  expect(gigya.map((r) => r.path)).toEqual([
    "/accounts.webSdkBootstrap",
    "/accounts.login",
    "/accounts.tfa.initTFA",
    "/accounts.tfa.email.getEmails",
    "/accounts.tfa.email.sendVerificationCode",
    "/accounts.tfa.email.completeVerification",
    "/accounts.tfa.finalizeTFA",
    "/accounts.login",
    "/accounts.getJWT",
  ]);
  const stored = await store.read();
  const gmid = stored[CredentialKey.gmid]!;
  const ucid = stored[CredentialKey.ucid]!;
  expect(gmid).toMatch(/^gmid\.ver4\./);
  expect(simulatorTfa(sim.world).devices.get(gmid)).toBe(ucid);
  const device = { gmid, ucid };
  const form = gigya.map((r) => r.json as Record<string, string>);
  const regToken = form[2]!.regToken!;
  const assertion = form[3]!.gigyaAssertion!;
  const phvToken = form[5]!.phvToken!;
  expect(form).toEqual([
    { ApiKey: sim.gigyaApiKey },
    { ApiKey: sim.gigyaApiKey, loginID: sim.demo.email, password: sim.demo.password, ...device },
    { ApiKey: sim.gigyaApiKey, regToken, provider: "gigyaEmail", mode: "verify", ...device },
    { ApiKey: sim.gigyaApiKey, gigyaAssertion: assertion, ...device },
    {
      ApiKey: sim.gigyaApiKey,
      gigyaAssertion: assertion,
      emailID: challenge.emails[0]!.id,
      lang: "fr",
      regToken,
      ...device,
    },
    {
      ApiKey: sim.gigyaApiKey,
      gigyaAssertion: assertion,
      phvToken,
      code: lastCode(sim),
      regToken,
      ...device,
    },
    {
      ApiKey: sim.gigyaApiKey,
      gigyaAssertion: assertion,
      providerAssertion: expect.any(String),
      regToken,
      tempDevice: "false",
      ...device,
    },
    { ApiKey: sim.gigyaApiKey, loginID: sim.demo.email, password: sim.demo.password, ...device },
    {
      ApiKey: sim.gigyaApiKey,
      login_token: stored[CredentialKey.loginToken],
      fields: "data.personId,data.gigyaDataCenter",
      expiration: "900",
      ...device,
    },
  ]);
  expect(gigya[0]!.headers.cookie).toBeUndefined();
  for (const request of gigya.slice(1)) {
    expect(request.headers.cookie).toBe(`gmid=${gmid}; ucid=${ucid}; hasGmid=ver4`);
  }
  expect(Object.keys(stored).sort()).toEqual(
    [
      CredentialKey.deviceTrustedAt,
      CredentialKey.gmid,
      CredentialKey.ucid,
      CredentialKey.loginToken,
      CredentialKey.jwt,
      CredentialKey.locale,
      CredentialKey.country,
      CredentialKey.gigyaUrl,
      CredentialKey.gigyaApiKey,
      CredentialKey.kamereonUrl,
      CredentialKey.kamereonApiKey,
    ]
      .filter((key) => key in stored)
      .sort(),
  );
  expect(stored).toHaveProperty(CredentialKey.loginToken);
  expect(stored).not.toHaveProperty(CredentialKey.tfaChallenge);
});

test("a second login from the same store asks for no code; a fresh store asks again", async () => {
  const sim = await useSimulator({ twoFactor: true });
  const store = new MemoryCredentialStore();
  const { challenge } = await pendingLogin(sim, { credentialStore: store });
  await challenge.sendCode();
  await challenge.complete(lastCode(sim));

  const seen = sim.requests.length;
  const again = new RenaultSession(simOptions(sim, { credentialStore: store }));
  await again.login(sim.demo.email, sim.demo.password);
  expect(requestsTo(sim, "gigya", seen).map((r) => r.path)).toEqual(["/accounts.login"]);
  await expect(again.request("GET", PERSON)).resolves.toMatchObject({ personId: "person-id-1" });

  const fresh = await pendingLogin(sim, { credentialStore: new MemoryCredentialStore() });
  expect(fresh.challenge.emails).toHaveLength(1);
  expect(simulatorTfa(sim.world).outbox).toHaveLength(1);
});

test("the device identity survives logout, an expired login and setLoginToken", async () => {
  const sim = await useSimulator({ twoFactor: true });
  const store = new MemoryCredentialStore();
  const { session, challenge } = await pendingLogin(sim, { credentialStore: store });
  await challenge.sendCode();
  await challenge.complete(lastCode(sim));
  const { [CredentialKey.gmid]: gmid, [CredentialKey.ucid]: ucid } = await store.read();
  await session.logout();
  expect(await store.read()).toMatchObject({ [CredentialKey.gmid]: gmid, [CredentialKey.ucid]: ucid });
  await session.login(sim.demo.email, sim.demo.password); // trusted: no code
  sim.route("POST", "/accounts.getJWT", () => ({
    body: { errorCode: 403005, errorDetails: "Unauthorized user" },
  }));
  await expect(session.getJwt()).rejects.toThrow(/Authentication expired/);
  sim.clearRoutes();
  await session.setLoginToken("st2.s.other");
  const values = await store.read();
  expect(values).toMatchObject({ [CredentialKey.gmid]: gmid, [CredentialKey.ucid]: ucid });
  expect(values).not.toHaveProperty(CredentialKey.jwt);
});

test("a wrong code is retryable on the same challenge; the right one then logs in", async () => {
  const sim = await useSimulator({ twoFactor: true });
  const { session, challenge } = await pendingLogin(sim);
  await challenge.sendCode();
  const error = await challenge.complete(wrong(lastCode(sim))).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(TwoFactorCodeError);
  expect(error).toBeInstanceOf(GigyaError);
  expect(error).toMatchObject({
    code: 400006,
    retryable: true,
    method: "accounts.tfa.email.completeVerification",
  });
  expect((error as Error).message).toMatch(/code is wrong.*challenge\.complete\(code\)/);
  expect(challenge.isOpen).toBe(true);
  await challenge.complete(lastCode(sim));
  await expect(session.request("GET", PERSON)).resolves.toMatchObject({ personId: "person-id-1" });
});

test("too many wrong codes close the challenge: TwoFactorExpiredError, then no more requests", async () => {
  const sim = await useSimulator({ twoFactor: true });
  const { session, challenge } = await pendingLogin(sim);
  await challenge.sendCode();
  const code = lastCode(sim);
  for (let i = 0; i < 5; i++) {
    await expect(challenge.complete(wrong(code))).rejects.toBeInstanceOf(TwoFactorCodeError);
  }
  const error = await challenge.complete(code).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(TwoFactorExpiredError);
  expect(error).toMatchObject({ reason: "too-many-tries", code: 400006, retryable: false });
  expect((error as Error).message).toMatch(/Too many wrong codes.*Start the login again/);
  expect(challenge.isOpen).toBe(false);
  const seen = sim.requests.length;
  await expect(challenge.complete(code)).rejects.toMatchObject({ reason: "closed" });
  await expect(challenge.sendCode()).rejects.toBeInstanceOf(TwoFactorExpiredError);
  expect(sim.requests.length).toBe(seen);
  await expect(session.login(sim.demo.email, sim.demo.password)).rejects.toBeInstanceOf(
    TwoFactorRequiredError,
  );
});

test("an expired login (regToken > 1 h) is detected locally, and from the server's answer", async () => {
  let now = Date.parse("2026-11-25T10:00:00Z");
  const sim = await useSimulator({ twoFactor: true, now: () => now });
  const { challenge } = await pendingLogin(sim, { now: () => now });
  expect(challenge.expiresAt).toBe(now + 60 * MINUTE);
  await challenge.sendCode();
  now += 61 * MINUTE;
  const seen = sim.requests.length;
  const local = await challenge.complete(lastCode(sim)).catch((e: unknown) => e);
  expect(local).toBeInstanceOf(TwoFactorExpiredError);
  expect(local).toMatchObject({ reason: "login-expired", code: undefined });
  expect((local as Error).message).toMatch(/expired \(it lasts one hour\)\. Start the login again/);
  expect(sim.requests.length).toBe(seen);
  expect(challenge.isOpen).toBe(false);

  // The session's clock is behind the server's: Gigya's answer says it.
  let simNow = Date.parse("2026-11-25T10:00:00Z");
  const sim2 = await useSimulator({ twoFactor: true, now: () => simNow });
  const second = await pendingLogin(sim2, { now: () => Date.parse("2026-11-25T10:00:00Z") });
  await second.challenge.sendCode();
  simNow += 61 * MINUTE;
  const remote = await second.challenge.complete(lastCode(sim2)).catch((e: unknown) => e);
  expect(remote).toBeInstanceOf(TwoFactorExpiredError);
  expect(remote).toMatchObject({ reason: "login-expired", code: 400006 });
  expect(requestsTo(sim2, "gigya").at(-1)!.path).toBe("/accounts.tfa.email.completeVerification");
  expect(second.challenge.isOpen).toBe(false);
});

test("an expired code is TwoFactorExpiredError; a new code on the same challenge still works", async () => {
  let now = Date.parse("2026-11-25T10:00:00Z");
  const sim = await useSimulator({ twoFactor: true, now: () => now });
  const { session, challenge } = await pendingLogin(sim, { now: () => now });
  await challenge.sendCode();
  now += 6 * MINUTE;
  const seen = sim.requests.length;
  await expect(challenge.complete(lastCode(sim))).rejects.toMatchObject({
    name: "TwoFactorExpiredError",
    reason: "code-expired",
  });
  expect(sim.requests.length).toBe(seen);
  expect(challenge.isOpen).toBe(true);
  await challenge.sendCode(); // the assertion is stale: initTFA again
  expect(requestsTo(sim, "gigya", seen).map((r) => r.path)).toEqual([
    "/accounts.tfa.initTFA",
    "/accounts.tfa.email.getEmails",
    "/accounts.tfa.email.sendVerificationCode",
  ]);
  await challenge.complete(lastCode(sim));
  await expect(session.request("GET", PERSON)).resolves.toMatchObject({ personId: "person-id-1" });

  // Server clock ahead: Gigya says the assertion expired.
  let simNow = now;
  const sim2 = await useSimulator({ twoFactor: true, now: () => simNow });
  const frozen = now;
  const second = await pendingLogin(sim2, { now: () => frozen });
  await second.challenge.sendCode();
  simNow += 6 * MINUTE;
  await expect(second.challenge.complete(lastCode(sim2))).rejects.toMatchObject({
    reason: "code-expired",
    code: 400006,
  });
});

test("resume from the serialized state in a new session (no password in it), then log in", async () => {
  const sim = await useSimulator({ twoFactor: true });
  const store = new MemoryCredentialStore();
  const { challenge } = await pendingLogin(sim, { credentialStore: store });
  await challenge.sendCode();
  const saved = challenge.serialize();
  expect(saved).not.toContain(sim.demo.password);
  expect(JSON.stringify(challenge)).toBe(saved);
  const state = JSON.parse(saved) as Record<string, unknown>;
  expect(Object.keys(state).sort()).toEqual(
    [
      "version",
      "loginId",
      "regToken",
      "expiresAt",
      "gigyaAssertion",
      "assertionExpiresAt",
      "emails",
      "phvToken",
      "emailId",
      "codeSentAt",
      "createdAt",
      "device",
    ].sort(),
  );
  challenge.cancel();
  expect(challenge.isOpen).toBe(false);

  const second = new RenaultSession(simOptions(sim, { credentialStore: store }));
  const resumed = second.resumeTwoFactor(saved, { password: sim.demo.password });
  expect(resumed.loginId).toBe(sim.demo.email);
  expect(resumed.codeSent).toBe(true);
  expect(inspect(resumed)).toBe(
    `TwoFactorChallenge { loginId: ${sim.demo.email}, emails: [d***@r***.dev], open: true, codeSent: true }`,
  );
  const seen = sim.requests.length;
  await resumed.complete(lastCode(sim));
  expect(requestsTo(sim, "gigya", seen).map((r) => r.path)).toEqual([
    "/accounts.tfa.email.completeVerification",
    "/accounts.tfa.finalizeTFA",
    "/accounts.login",
  ]);
  await expect(second.request("GET", PERSON)).resolves.toMatchObject({ personId: "person-id-1" });

  // A state object works too; one that is not a state is refused without echoing it.
  const third = new RenaultSession(simOptions(sim, { credentialStore: new MemoryCredentialStore() }));
  expect(() => third.resumeTwoFactor({ ...state, regToken: 42 } as never)).toThrow(
    /Not a two-factor state \(bad regToken\)/,
  );
  expect(() => third.resumeTwoFactor("{nope")).toThrow(RenaultError);
  expect(() => third.resumeTwoFactor({ ...state, expiresAt: 1 } as never)).toThrow(TwoFactorExpiredError);
});

test("resumed without the password: finalizeRegistration finishes the login", async () => {
  const sim = await useSimulator({ twoFactor: true });
  const store = new MemoryCredentialStore();
  const { challenge } = await pendingLogin(sim, { credentialStore: store });
  await challenge.sendCode();
  const state = challenge.toJSON();
  const other = new RenaultSession(simOptions(sim, { credentialStore: store }));
  const seen = sim.requests.length;
  await other.resumeTwoFactor(state).complete(lastCode(sim));
  const gigya = requestsTo(sim, "gigya", seen);
  expect(gigya.map((r) => r.path)).toEqual([
    "/accounts.tfa.email.completeVerification",
    "/accounts.tfa.finalizeTFA",
    "/accounts.finalizeRegistration",
  ]);
  expect(gigya[2]!.json).toEqual({
    ApiKey: sim.gigyaApiKey,
    regToken: state.regToken,
    include: "profile,data",
    includeUserInfo: "true",
    ...state.device,
  });
  await expect(other.request("GET", PERSON)).resolves.toMatchObject({ personId: "person-id-1" });
});

test("when the second login still answers 403101, finalizeRegistration with the device is tried", async () => {
  const sim = await useSimulator({ twoFactor: true });
  const { session, challenge } = await pendingLogin(sim);
  await challenge.sendCode();
  sim.route("POST", "/accounts.login", () => ({
    body: {
      errorCode: 403101,
      errorDetails: "Pending Two-Factor Authentication",
      regToken: "st2.s.another-reg-token",
    },
  }));
  await challenge.complete(lastCode(sim));
  expect(
    requestsTo(sim, "gigya")
      .slice(-3)
      .map((r) => r.path),
  ).toEqual(["/accounts.tfa.finalizeTFA", "/accounts.login", "/accounts.finalizeRegistration"]);
  await expect(session.request("GET", PERSON)).resolves.toMatchObject({ personId: "person-id-1" });
});

test("when finalizeRegistration answers 403101 too: TwoFactorIncompleteError, nothing stored", async () => {
  const sim = await useSimulator({ twoFactor: true });
  const store = new MemoryCredentialStore();
  const { challenge } = await pendingLogin(sim, { credentialStore: store });
  await challenge.sendCode();
  const pending = { body: { errorCode: 403101, errorDetails: "Pending Two-Factor Authentication" } };
  sim.route("POST", "/accounts.login", () => pending);
  sim.route("POST", "/accounts.finalizeRegistration", () => pending);
  const error = await challenge.complete(lastCode(sim)).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(TwoFactorIncompleteError);
  expect(error).toMatchObject({ code: 403101, method: "accounts.finalizeRegistration" });
  expect((error as Error).message).toMatch(/code was accepted.*Log in again/);
  expect(await store.read()).not.toHaveProperty(CredentialKey.loginToken);
  expect(challenge.isOpen).toBe(false);
});

test("rememberDevice: false trusts the device for one login only", async () => {
  const sim = await useSimulator({ twoFactor: true });
  const store = new MemoryCredentialStore();
  const { challenge } = await pendingLogin(sim, { credentialStore: store });
  await challenge.sendCode();
  await challenge.complete(lastCode(sim), { rememberDevice: false });
  expect(requestsTo(sim, "gigya").find((r) => r.path === "/accounts.tfa.finalizeTFA")!.json).toMatchObject({
    tempDevice: "true",
  });
  expect(await store.read()).toHaveProperty(CredentialKey.loginToken);
  await pendingLogin(sim, { credentialStore: store });
});

test("a trusted device is asked again after 30 days", async () => {
  let now = Date.parse("2026-11-25T10:00:00Z");
  const sim = await useSimulator({ twoFactor: true, now: () => now });
  const store = new MemoryCredentialStore();
  const { challenge } = await pendingLogin(sim, { credentialStore: store, now: () => now });
  await challenge.sendCode();
  await challenge.complete(lastCode(sim));
  const gmid = (await store.read())[CredentialKey.gmid]!;
  now += 29 * 24 * 60 * MINUTE;
  expect(simulatorTfa(sim.world).isTrusted(sim.demo.email, gmid)).toBe(true);
  await new RenaultSession(simOptions(sim, { credentialStore: store })).login(
    sim.demo.email,
    sim.demo.password,
  );
  now += 2 * 24 * 60 * MINUTE;
  expect(simulatorTfa(sim.world).isTrusted(sim.demo.email, gmid)).toBe(false);
  await pendingLogin(sim, { credentialStore: store, now: () => now });
});

test("other Gigya codes stay GigyaError with their code; the challenge stays usable", async () => {
  const sim = await useSimulator({ twoFactor: true });
  const { challenge } = await pendingLogin(sim);
  sim.route("POST", "/accounts.tfa.email.sendVerificationCode", () => ({
    body: { errorCode: 500001, errorDetails: "General Server Error" },
  }));
  const error = await challenge.sendCode().catch((e: unknown) => e);
  expect(error).toBeInstanceOf(GigyaError);
  expect(error).not.toBeInstanceOf(TwoFactorCodeError);
  expect(error).toMatchObject({ code: 500001, details: "General Server Error" });
  sim.clearRoutes();
  await challenge.sendCode();
  await challenge.complete(lastCode(sim));
});

test("misuse: complete before sendCode, a malformed code, an unknown address, two steps at once", async () => {
  const sim = await useSimulator({ twoFactor: true });
  const { challenge } = await pendingLogin(sim);
  await expect(challenge.complete("123456")).rejects.toThrow(/call sendCode\(\) first/);
  await expect(challenge.complete("12 34")).rejects.toThrow(/letters and digits/);
  await expect(challenge.sendCode({ emailId: "nope" })).rejects.toThrow(/Unknown e-mail id/);
  const first = challenge.sendCode({ lang: "de" });
  await expect(challenge.sendCode()).rejects.toThrow(/still running/);
  await first;
  expect(simulatorTfa(sim.world).outbox.map((sent) => sent.lang)).toEqual(["de"]);
});

test("403101 without a regToken is a TwoFactorRequiredError without a challenge", async () => {
  const sim = await useSimulator();
  sim.route("POST", "/accounts.login", () => ({
    body: { errorCode: 403101, errorDetails: "Pending Two-Factor Authentication" },
  }));
  const error = await new RenaultSession(simOptions(sim))
    .login(sim.demo.email, sim.demo.password)
    .catch((e: unknown) => e);
  expect(error).toBeInstanceOf(TwoFactorRequiredError);
  expect((error as TwoFactorRequiredError).challenge).toBeUndefined();
});

test("device bootstrap: ids from the body when there is no cookie; a failure logs in without a device", async () => {
  const sim = await useSimulator();
  sim.route("POST", "/accounts.webSdkBootstrap", () => ({
    body: { errorCode: 0, gmid: "gmid-from-body", ucid: "ucid-from-body" },
  }));
  const store = new MemoryCredentialStore();
  await new RenaultSession(simOptions(sim, { credentialStore: store })).login(
    sim.demo.email,
    sim.demo.password,
  );
  expect(await store.read()).toMatchObject({
    [CredentialKey.gmid]: "gmid-from-body",
    [CredentialKey.ucid]: "ucid-from-body",
  });

  for (const answer of [
    { body: { errorCode: 0 } },
    { body: { errorCode: 400096, errorDetails: "Not supported" } },
    { status: 503, body: "<html>down</html>" },
  ]) {
    sim.clearRoutes();
    sim.route("POST", "/accounts.webSdkBootstrap", () => answer);
    const warnings: string[] = [];
    const bare = new MemoryCredentialStore();
    const session = new RenaultSession(
      simOptions(sim, { credentialStore: bare, logger: { warn: (m) => warnings.push(m) } }),
    );
    await session.login(sim.demo.email, sim.demo.password);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/device id/);
    expect(await bare.read()).not.toHaveProperty(CredentialKey.gmid);
    expect(requestsTo(sim, "gigya").at(-1)!.json).not.toHaveProperty("gmid");
  }

  sim.clearRoutes();
  sim.route("POST", "/accounts.webSdkBootstrap", () => ({ reset: true }));
  await expect(
    new RenaultSession(simOptions(sim, { retry: false })).login(sim.demo.email, sim.demo.password),
  ).rejects.toMatchObject({ name: "NetworkError" });
});

test("concurrent first logins share one bootstrap", async () => {
  const sim = await useSimulator();
  const session = new RenaultSession(simOptions(sim));
  await Promise.all([
    session.login(sim.demo.email, sim.demo.password),
    session.login(sim.demo.email, sim.demo.password),
  ]);
  expect(requestsTo(sim, "gigya").filter((r) => r.path === "/accounts.webSdkBootstrap")).toHaveLength(1);
});

/** Everything an error exposes: message, stack, JSON, inspect, cause chain. */
function exposed(error: unknown): string {
  let text = inspect(error, { depth: 10 });
  for (let current = error; current instanceof Error; current = current.cause) {
    text += `${current.message}\n${current.stack ?? ""}\n${JSON.stringify(current)}\n${String(current)}\n`;
  }
  return text;
}

test("no password, code, regToken, assertion or phvToken in any error, trace or the store", async () => {
  let now = Date.parse("2026-11-25T10:00:00Z");
  const sim = await useSimulator({ twoFactor: true, now: () => now });
  const events: TraceEvent[] = [];
  const store = new MemoryCredentialStore();
  const options = { credentialStore: store, now: () => now, onTrace: (e: TraceEvent) => events.push(e) };
  const errors: unknown[] = [];
  const catchIt = (promise: Promise<unknown>) => promise.catch((e: unknown) => errors.push(e));

  // 403101, wrong code, other Gigya error, expired code, too many tries, expired login, incomplete.
  let { error, challenge } = await pendingLogin(sim, options);
  errors.push(error);
  await challenge.sendCode();
  await catchIt(challenge.complete(wrong(lastCode(sim))));
  sim.route("POST", "/accounts.tfa.email.completeVerification", () => ({
    body: { errorCode: 400006, errorDetails: `Invalid parameter value: code ${lastCode(sim)}` },
  }));
  await catchIt(challenge.complete(lastCode(sim)));
  sim.clearRoutes();
  now += 6 * MINUTE;
  await catchIt(challenge.complete(lastCode(sim)));
  await challenge.sendCode();
  for (let i = 0; i < 6; i++) await catchIt(challenge.complete(wrong(lastCode(sim))));
  ({ error, challenge } = await pendingLogin(sim, options));
  errors.push(error);
  await challenge.sendCode();
  now += 61 * MINUTE;
  await catchIt(challenge.complete(lastCode(sim)));
  ({ challenge } = await pendingLogin(sim, options));
  await challenge.sendCode();
  const pending = { body: { errorCode: 403101, errorDetails: "Pending Two-Factor Authentication" } };
  sim.route("POST", "/accounts.login", () => pending);
  sim.route("POST", "/accounts.finalizeRegistration", () => pending);
  await catchIt(challenge.complete(lastCode(sim)));
  sim.clearRoutes();
  // finalizeTFA trusted the device before the failure: a plain login now goes through.
  const session = new RenaultSession(simOptions(sim, options));
  await session.login(sim.demo.email, sim.demo.password);
  await session.request("GET", PERSON);

  expect(errors.map((e) => (e as Error).name)).toEqual([
    "TwoFactorRequiredError",
    "TwoFactorCodeError",
    "TwoFactorCodeError",
    "TwoFactorExpiredError", // code-expired
    "TwoFactorCodeError", // wrong codes 2 to 5 (the server counts per login)
    "TwoFactorCodeError",
    "TwoFactorCodeError",
    "TwoFactorCodeError",
    "TwoFactorExpiredError", // too-many-tries
    "TwoFactorExpiredError", // closed
    "TwoFactorRequiredError",
    "TwoFactorExpiredError",
    "TwoFactorIncompleteError",
  ]);
  const secrets = new Set<string>([sim.demo.password]);
  for (const sent of simulatorTfa(sim.world).outbox) secrets.add(sent.code);
  for (const request of requestsTo(sim, "gigya")) {
    const form = request.json as Record<string, string>;
    for (const name of ["regToken", "gigyaAssertion", "phvToken", "providerAssertion", "code"]) {
      if (form[name]) secrets.add(form[name]);
    }
  }
  expect(secrets.size).toBeGreaterThan(15);
  const text = [
    ...errors.map(exposed),
    JSON.stringify(events),
    JSON.stringify(await store.read()),
    inspect(challenge),
    JSON.stringify(errors),
  ].join("\n");
  for (const secret of secrets) expect(text).not.toContain(secret);
  expect(Object.keys(errors[0] as object)).not.toContain("challenge");
  expect(events.length).toBeGreaterThan(0);
});

test("without a locale the code e-mail is asked in English", async () => {
  const sim = await useSimulator({ twoFactor: true });
  const session = new RenaultSession({ ...simOptions(sim), locale: undefined, country: "FR" });
  const error = (await session
    .login(sim.demo.email, sim.demo.password)
    .catch((e: unknown) => e)) as TwoFactorRequiredError;
  await error.challenge!.sendCode();
  expect(simulatorTfa(sim.world).outbox.at(-1)!.lang).toBe("en");
});

test("after the code: a wrong password on resume and a broken finalizeRegistration surface as such", async () => {
  const sim = await useSimulator({ twoFactor: true });
  const store = new MemoryCredentialStore();
  const { challenge } = await pendingLogin(sim, { credentialStore: store });
  await challenge.sendCode();
  const resumed = new RenaultSession(simOptions(sim, { credentialStore: store })).resumeTwoFactor(
    challenge.toJSON(),
    { password: "not-the-password" },
  );
  await expect(resumed.complete(lastCode(sim))).rejects.toMatchObject({
    name: "InvalidCredentialsError",
    code: 403042,
  });
  expect(resumed.isOpen).toBe(false);

  const second = await pendingLogin(sim, { credentialStore: new MemoryCredentialStore() });
  await second.challenge.sendCode();
  sim.route("POST", "/accounts.login", () => ({
    body: { errorCode: 403101, errorDetails: "Pending Two-Factor Authentication" },
  }));
  sim.route("POST", "/accounts.finalizeRegistration", () => ({ reset: true }));
  await expect(second.challenge.complete(lastCode(sim))).rejects.toMatchObject({ name: "NetworkError" });
});
