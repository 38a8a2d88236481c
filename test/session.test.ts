import { expect, test } from "vitest";
import { CredentialKey, MemoryCredentialStore } from "../src/credentials/store.js";
import {
  InvalidArgumentError,
  ConfigurationError,
  HttpError,
  NetworkError,
  NotAuthenticatedError,
  QuotaLimitError,
  TimeoutError,
  UnauthorizedError,
  FailedForwardError,
  NotSupportedError,
  ForbiddenError,
} from "../src/errors.js";
import { isRetryable, jwtExpiry, RenaultSession, type TraceEvent } from "../src/session.js";
import { loggedInSession, requestsTo, simOptions, useSimulator } from "./support/sim.js";

const PERSON = "/commerce/v1/persons/person-id-1";
const COCKPIT =
  "/commerce/v1/accounts/account-id-1/kamereon/kca/car-adapter/v1/cars/VF1AAAAA000000404/cockpit";
const unauthorized = {
  status: 401,
  body: { errors: [{ errorCode: "err.func.wired.unauthorized", errorMessage: "JWT rejected" }] },
};

test("login, then person id, then JWT: exact Gigya sequence and form bodies, then zero Gigya requests", async () => {
  const sim = await useSimulator();
  const session = new RenaultSession(simOptions(sim));
  await session.login(sim.demo.email, sim.demo.password);
  await session.request("GET", PERSON);
  await session.getPersonId();
  const gigya = requestsTo(sim, "gigya");
  expect(gigya.map((r) => r.path)).toEqual([
    "/accounts.webSdkBootstrap",
    "/accounts.login",
    "/accounts.getJWT",
    "/accounts.getAccountInfo",
  ]);
  const token = await session.getLoginToken();
  const stored = await session.credentialStore.read();
  // The device identity from webSdkBootstrap rides on every later Gigya call (two-factor trust).
  const device = { gmid: stored[CredentialKey.gmid], ucid: stored[CredentialKey.ucid] };
  expect(gigya.map((r) => r.json)).toEqual([
    { ApiKey: sim.gigyaApiKey },
    { ApiKey: sim.gigyaApiKey, loginID: sim.demo.email, password: sim.demo.password, ...device },
    {
      ApiKey: sim.gigyaApiKey,
      login_token: token,
      fields: "data.personId,data.gigyaDataCenter",
      expiration: "900",
      ...device,
    },
    { ApiKey: sim.gigyaApiKey, login_token: token, ...device },
  ]);
  const seen = sim.requests.length;
  await session.request("GET", PERSON);
  await session.getPersonId();
  await session.getJwt();
  expect(requestsTo(sim, "gigya", seen)).toHaveLength(0);
  expect(requestsTo(sim, "kamereon", seen)).toHaveLength(1);
});

test("a JWT about to expire is renewed; a fresh one is reused", async () => {
  let now = Date.now();
  const sim = await useSimulator({ now: () => now });
  const session = await loggedInSession(sim, { now: () => now });
  const first = await session.getJwt();
  now += 800_000; // 900 s lifetime, 60 s leeway: still fresh at +800 s
  expect(await session.getJwt()).toBe(first);
  now += 50_000;
  const second = await session.getJwt();
  expect(second).not.toBe(first);
  expect(requestsTo(sim, "gigya").filter((r) => r.path === "/accounts.getJWT")).toHaveLength(2);
  expect(jwtExpiry(second)).toBeGreaterThan(jwtExpiry(first)!);
});

test("50 concurrent calls that need a JWT cause exactly one getJWT", async () => {
  const sim = await useSimulator();
  const session = await loggedInSession(sim);
  const results = await Promise.all(
    Array.from({ length: 50 }, (_, i) => session.request("GET", PERSON, { query: { n: String(i) } })),
  );
  expect(results).toHaveLength(50);
  expect(requestsTo(sim, "gigya").filter((r) => r.path === "/accounts.getJWT")).toHaveLength(1);
  expect(requestsTo(sim, "kamereon")).toHaveLength(50);
});

test("concurrent identical reads share one request", async () => {
  const sim = await useSimulator();
  const session = await loggedInSession(sim);
  const [a, b, c] = await Promise.all([
    session.request("GET", PERSON),
    session.request("GET", PERSON),
    session.request("GET", PERSON),
  ]);
  expect(a).toEqual(b);
  expect(b).toEqual(c);
  expect(requestsTo(sim, "kamereon")).toHaveLength(1);
});

test("a rejected JWT is re-minted once and the request repeated, then it succeeds", async () => {
  const sim = await useSimulator();
  const session = await loggedInSession(sim);
  let rejections = 1;
  sim.route("GET", PERSON, () => (rejections-- > 0 ? unauthorized : undefined));
  const person = (await session.request("GET", PERSON)) as { personId: string };
  expect(person.personId).toBe("person-id-1");
  expect(requestsTo(sim, "gigya").filter((r) => r.path === "/accounts.getJWT")).toHaveLength(2);
  const reads = requestsTo(sim, "kamereon");
  expect(reads).toHaveLength(2);
  expect(reads[0]!.headers["x-gigya-id_token"]).not.toBe(reads[1]!.headers["x-gigya-id_token"]);
});

test("a second rejection is an error, with no loop", async () => {
  const sim = await useSimulator();
  const session = await loggedInSession(sim);
  sim.route("POST", COCKPIT, () => unauthorized);
  await expect(session.request("POST", COCKPIT, { body: {} })).rejects.toBeInstanceOf(UnauthorizedError);
  expect(requestsTo(sim, "kamereon")).toHaveLength(2);
  expect(requestsTo(sim, "gigya").filter((r) => r.path === "/accounts.getJWT")).toHaveLength(2);
});

test("an expired login (403005) clears the tokens; the next call fails without a request", async () => {
  const sim = await useSimulator();
  const store = new MemoryCredentialStore();
  const session = await loggedInSession(sim, { credentialStore: store });
  sim.route("POST", "/accounts.getJWT", () => ({
    body: { errorCode: 403005, errorDetails: "Unauthorized user" },
  }));
  await expect(session.getJwt()).rejects.toThrow(/Authentication expired/);
  expect(await store.read()).not.toHaveProperty(CredentialKey.loginToken);
  const seen = sim.requests.length;
  await expect(session.getJwt()).rejects.toBeInstanceOf(NotAuthenticatedError);
  expect(sim.requests.length).toBe(seen);
});

test("setLoginToken restores a login: the next JWT costs exactly one request", async () => {
  const sim = await useSimulator();
  const first = await loggedInSession(sim);
  const token = (await first.getLoginToken())!;
  const seen = sim.requests.length;
  const second = new RenaultSession(simOptions(sim));
  await second.setLoginToken(token);
  await second.getJwt();
  expect(sim.requests.length - seen).toBe(1);
  await expect(second.setLoginToken(" ")).rejects.toBeInstanceOf(InvalidArgumentError);
});

test("no login token: NotAuthenticatedError before any request", async () => {
  const sim = await useSimulator();
  const session = new RenaultSession(simOptions(sim));
  await expect(session.request("GET", PERSON)).rejects.toBeInstanceOf(NotAuthenticatedError);
  expect(sim.requests).toHaveLength(0);
});

test("an expired JWT in the store is ignored and a new one minted", async () => {
  const sim = await useSimulator();
  const first = await loggedInSession(sim);
  const token = (await first.getLoginToken())!;
  const expired = `${Buffer.from("{}").toString("base64url")}.${Buffer.from(JSON.stringify({ exp: 1_000 })).toString("base64url")}.x`;
  const store = new MemoryCredentialStore({
    [CredentialKey.loginToken]: token,
    [CredentialKey.jwt]: expired,
    [CredentialKey.personId]: "person-id-1",
  });
  const session = new RenaultSession(simOptions(sim, { credentialStore: store }));
  await session.request("GET", PERSON);
  expect(requestsTo(sim, "kamereon").at(-1)!.headers["x-gigya-id_token"]).not.toBe(expired);
  expect((await store.read())[CredentialKey.jwt]).not.toBe(expired);
});

test("a quota error starts a per-account cooldown: no request until retryAt", async () => {
  const sim = await useSimulator();
  let now = Date.now();
  const session = await loggedInSession(sim, { now: () => now, quotaCooldown: 60_000 });
  sim.route("GET", COCKPIT, () => ({
    status: 429,
    body: { errors: [{ errorCode: "err.func.wired.overloaded", errorMessage: "quota" }] },
  }));
  const error = (await session.request("GET", COCKPIT).catch((e: unknown) => e)) as QuotaLimitError;
  expect(error).toBeInstanceOf(QuotaLimitError);
  expect(error.retryAt).toBe(now + 60_000);
  const seen = sim.requests.length;
  await expect(session.request("GET", COCKPIT)).rejects.toBe(error);
  await expect(session.request("POST", `${COCKPIT}/x`)).rejects.toBe(error);
  expect(sim.requests.length).toBe(seen);
  await session.request("GET", PERSON); // another path without the account: not locked
  sim.clearRoutes();
  now += 61_000;
  await expect(session.request("GET", COCKPIT)).rejects.toMatchObject({ status: 404 });
});

test("reads are retried on the HTML 502 page and on kamereon-proxy; actions are not", async () => {
  const sim = await useSimulator();
  const session = await loggedInSession(sim);
  let faults = 2;
  sim.route("GET", PERSON, () =>
    faults-- > 0 ? { status: 502, body: "<html>502 Bad Gateway</html>" } : undefined,
  );
  await expect(session.request("GET", PERSON)).resolves.toMatchObject({ personId: "person-id-1" });
  expect(requestsTo(sim, "kamereon")).toHaveLength(3);
  sim.route("POST", COCKPIT, () => ({
    status: 500,
    body: { errors: [{ errorCode: "err.tech.wired.kamereon-proxy", errorMessage: "x" }] },
  }));
  await expect(session.request("POST", COCKPIT, { body: { data: {} } })).rejects.toBeInstanceOf(
    FailedForwardError,
  );
  expect(requestsTo(sim, "kamereon").filter((r) => r.method === "POST")).toHaveLength(1);
});

test("retries are bounded and honour a short Retry-After", async () => {
  const sim = await useSimulator();
  const session = await loggedInSession(sim, { retry: { limit: 1, delay: () => 0 } });
  sim.route("GET", PERSON, () => ({ status: 503, body: "down", headers: { "retry-after": "0" } }));
  await expect(session.request("GET", PERSON)).rejects.toMatchObject({ status: 503 });
  expect(requestsTo(sim, "kamereon")).toHaveLength(2);
  const long = await loggedInSession(sim, { retry: { delay: () => 0 } });
  sim.clearRoutes();
  sim.route("GET", PERSON, () => ({ status: 503, body: "down", headers: { "retry-after": "3600" } }));
  const seen = sim.requests.length;
  await expect(long.request("GET", PERSON)).rejects.toBeInstanceOf(HttpError);
  expect(requestsTo(sim, "kamereon", seen)).toHaveLength(1);
});

test("isRetryable: reads on transient faults; actions only when never sent", () => {
  const where = { method: "GET", url: "/x" };
  expect(isRetryable("GET", new TimeoutError({ ...where, timeout: 1 }))).toBe(true);
  expect(isRetryable("POST", new TimeoutError({ ...where, timeout: 1 }))).toBe(false);
  expect(isRetryable("GET", new NetworkError({ ...where, notSent: false }))).toBe(true);
  expect(isRetryable("POST", new NetworkError({ ...where, notSent: false }))).toBe(false);
  expect(isRetryable("POST", new NetworkError({ ...where, notSent: true }))).toBe(true);
  const entry = (code: string) => ({ ...where, status: 500, errors: [{ code, details: "" }] });
  expect(isRetryable("GET", new FailedForwardError(entry("err.tech.wired.kamereon-proxy")))).toBe(true);
  expect(isRetryable("GET", new NotSupportedError(entry("err.tech.501")))).toBe(false);
  expect(isRetryable("GET", new ForbiddenError(entry("err.func.wired.forbidden")))).toBe(false);
  expect(isRetryable("GET", new HttpError({ ...where, status: 404 }))).toBe(false);
  expect(isRetryable("GET", new HttpError({ ...where, status: 408 }))).toBe(true);
  expect(isRetryable("GET", new Error("bug"))).toBe(false);
});

test("settings: explicit options win over stored values, stored over the locale table", async () => {
  const stored = new MemoryCredentialStore({
    [CredentialKey.locale]: "fr_FR",
    [CredentialKey.kamereonApiKey]: "stored-key",
    [CredentialKey.gigyaUrl]: "https://gigya.example",
  });
  const fromStore = await new RenaultSession({ credentialStore: stored }).getSettings();
  expect(fromStore).toMatchObject({
    locale: "fr_FR",
    country: "FR",
    kamereonApiKey: "stored-key",
    gigyaUrl: "https://gigya.example",
  });
  const explicit = await new RenaultSession({
    credentialStore: stored,
    kamereonApiKey: "mine",
    country: "be",
  }).getSettings();
  expect(explicit).toMatchObject({
    kamereonApiKey: "mine",
    country: "BE",
    gigyaUrl: "https://gigya.example",
  });
  const otherLocale = await new RenaultSession({ credentialStore: stored, locale: "es_MX" }).getSettings();
  expect(otherLocale).toMatchObject({
    country: "MX",
    gigyaUrl: "https://accounts.us1.gigya.com",
    kamereonApiKey: "YjkKtHmGfaceeuExUDKGxrLZGGvtVS0J",
  });
});

test("settings errors: no locale, unknown locale, remote plain http, bad country", async () => {
  await expect(new RenaultSession().getSettings()).rejects.toThrow(/No country configured/);
  await expect(new RenaultSession({ locale: "xx_YY" }).getSettings()).rejects.toThrow(/Unknown locale/);
  await expect(
    new RenaultSession({ locale: "fr_FR", kamereonUrl: "http://example.com" }).getSettings(),
  ).rejects.toBeInstanceOf(ConfigurationError);
  await expect(new RenaultSession({ locale: "fr_FR", country: "FRA" }).getSettings()).rejects.toThrow(
    /Invalid country/,
  );
  const onlyCountry = new RenaultSession({ country: "FR" });
  await expect(onlyCountry.getSettings()).rejects.toThrow(/No gigya URL configured/);
});

test("traces: Gigya calls without bodies, every attempt numbered, retries with delays, JWT mints", async () => {
  const sim = await useSimulator();
  const events: TraceEvent[] = [];
  const session = await loggedInSession(sim, {
    onTrace: (event) => events.push(event),
    retry: { delay: (attempt) => attempt * 0 },
  });
  await session.request("GET", PERSON);
  sim.route("GET", COCKPIT, () => ({ reset: true }));
  await session.request("GET", COCKPIT).catch(() => undefined);
  const line = (e: TraceEvent) => ("service" in e ? `${e.service} ${e.type} ${e.attempt}` : e.type);
  expect(events.map(line)).toEqual([
    "gigya request 1",
    "gigya response 1",
    "gigya request 1",
    "gigya response 1",
    "gigya request 1",
    "gigya response 1",
    "jwt-minted",
    "kamereon request 1",
    "kamereon response 1",
    "kamereon request 1",
    "kamereon error 1",
    "kamereon retry 1",
    "kamereon request 2",
    "kamereon error 2",
    "kamereon retry 2",
    "kamereon request 3",
    "kamereon error 3",
  ]);
  const gigyaUrls = events.flatMap((e) => (e.type === "request" && e.service === "gigya" ? [e.url] : []));
  expect(gigyaUrls.map((url) => new URL(url).pathname)).toEqual([
    "/gigya/accounts.webSdkBootstrap",
    "/gigya/accounts.login",
    "/gigya/accounts.getJWT",
  ]);
  const retries = events.filter((e) => e.type === "retry");
  expect(retries.map((e) => [e.delayMs, e.error])).toEqual([
    [0, "NetworkError"],
    [0, "NetworkError"],
  ]);
  const minted = events.find((e) => e.type === "jwt-minted");
  expect(minted).toMatchObject({ reason: "missing" });
  expect(minted?.type === "jwt-minted" && minted.expiresAt).toBeGreaterThan(Date.now());
  for (const e of events)
    if ("service" in e && e.service === "gigya" && "body" in e) expect(e.body || "").toBe("");
  const text = JSON.stringify(events);
  for (const secret of [
    sim.demo.password,
    await session.getLoginToken(),
    await session.getJwt(),
    sim.kamereonApiKey,
    sim.gigyaApiKey,
  ]) {
    expect(text).not.toContain(secret);
  }
});

test("logout forgets the tokens but keeps the device identity", async () => {
  const store = new MemoryCredentialStore({
    [CredentialKey.gmid]: "g",
    [CredentialKey.ucid]: "u",
    [CredentialKey.loginToken]: "t",
  });
  await new RenaultSession({ credentialStore: store, locale: "fr_FR" }).logout();
  expect(await store.read()).toEqual({ [CredentialKey.gmid]: "g", [CredentialKey.ucid]: "u" });
});

test("a quota lockout is remembered in the store: the next process sends nothing until retryAt", async () => {
  let now = Date.now();
  const sim = await useSimulator({ now: () => now });
  const store = new MemoryCredentialStore();
  const first = await loggedInSession(sim, { credentialStore: store, now: () => now, quotaCooldown: 60_000 });
  sim.route("GET", COCKPIT, () => ({
    status: 429,
    body: { errors: [{ errorCode: "err.func.wired.overloaded", errorMessage: "quota" }] },
  }));
  await expect(first.request("GET", COCKPIT)).rejects.toBeInstanceOf(QuotaLimitError);
  expect(JSON.parse((await store.read())[CredentialKey.quotaUntil]!)).toEqual({
    "account-id-1": now + 60_000,
  });
  const seen = sim.requests.length;
  const second = new RenaultSession(simOptions(sim, { credentialStore: store, now: () => now }));
  const error = (await second.request("GET", COCKPIT).catch((e: unknown) => e)) as QuotaLimitError;
  expect(error).toBeInstanceOf(QuotaLimitError);
  expect(error.retryAt).toBe(now + 60_000);
  expect(sim.requests.length).toBe(seen);
  sim.clearRoutes();
  now += 61_000;
  const third = new RenaultSession(simOptions(sim, { credentialStore: store, now: () => now }));
  await expect(third.request("GET", COCKPIT)).rejects.toMatchObject({ status: 404 });
  const garbled = new MemoryCredentialStore({
    ...(await store.read()),
    [CredentialKey.quotaUntil]: "{not json",
  });
  const fourth = new RenaultSession(simOptions(sim, { credentialStore: garbled, now: () => now }));
  await expect(fourth.request("GET", PERSON)).resolves.toMatchObject({ personId: "person-id-1" });
});
