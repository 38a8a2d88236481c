import { readFileSync } from "node:fs";
import { expect, test } from "vitest";
import {
  GigyaError,
  HttpError,
  InvalidCredentialsError,
  InvalidResponseError,
  NotAuthenticatedError,
  TwoFactorRequiredError,
} from "../src/errors.js";
import * as gigya from "../src/gigya/gigya.js";
import { send } from "../src/http/transport.js";
import { useSimulator } from "./support/sim.js";
import type { Simulator } from "../src/simulator/server.js";

const fixture = (name: string) => readFileSync(new URL(`../fixtures/gigya/${name}`, import.meta.url), "utf8");

function contextFor(sim: Simulator): gigya.GigyaContext {
  return { url: sim.gigyaUrl, apiKey: "test-gigya-key", send: (request) => send(request) };
}

test("accounts.login posts exactly ApiKey, loginID and password as a form and returns the cookie value", async () => {
  const sim = await useSimulator();
  sim.route("POST", "/accounts.login", () => ({ body: fixture("login.json") }));
  await expect(gigya.login(contextFor(sim), "user@example.com", "p@ss w&rd")).resolves.toBe(
    "sample-cookie-value",
  );
  const [request] = sim.requests;
  expect(request?.headers["content-type"]).toBe("application/x-www-form-urlencoded");
  expect(request?.json).toEqual({
    ApiKey: "test-gigya-key",
    loginID: "user@example.com",
    password: "p@ss w&rd",
  });
});

test("accounts.getAccountInfo and accounts.getJWT send the exact fields and read personId / id_token", async () => {
  const sim = await useSimulator();
  sim.route("POST", "/accounts.getAccountInfo", () => ({ body: fixture("get_account_info.json") }));
  sim.route("POST", "/accounts.getJWT", () => ({ body: fixture("get_jwt.json") }));
  await expect(gigya.getAccountInfo(contextFor(sim), "token-1")).resolves.toBe("person-id-1");
  await expect(gigya.getJwt(contextFor(sim), "token-1")).resolves.toBe("sample-jwt-token");
  expect(sim.requests.map((r) => r.json)).toEqual([
    { ApiKey: "test-gigya-key", login_token: "token-1" },
    {
      ApiKey: "test-gigya-key",
      login_token: "token-1",
      fields: "data.personId,data.gigyaDataCenter",
      expiration: "900",
    },
  ]);
});

test("the device identity is sent as form fields and cookies when known", async () => {
  const sim = await useSimulator();
  sim.route("POST", "/accounts.login", () => ({ body: fixture("login.json") }));
  await gigya.login({ ...contextFor(sim), device: { gmid: "gmid-1", ucid: "ucid-1" } }, "u", "p");
  expect(sim.requests[0]?.json).toMatchObject({ gmid: "gmid-1", ucid: "ucid-1" });
  expect(sim.requests[0]?.headers.cookie).toBe("gmid=gmid-1; ucid=ucid-1; hasGmid=ver4");
});

test("403042 is InvalidCredentialsError whose message mentions the stale-key case", async () => {
  const sim = await useSimulator();
  sim.route("POST", "/accounts.login", () => ({ body: fixture("error/login.403042.json") }));
  const error = await gigya.login(contextFor(sim), "u", "secret-password").catch((e: unknown) => e);
  expect(error).toBeInstanceOf(InvalidCredentialsError);
  expect(error).toMatchObject({
    code: 403042,
    details: "invalid loginID or password",
    method: "accounts.login",
  });
  expect((error as Error).message).toMatch(/stale Gigya API key/);
  expect(JSON.stringify(error) + String((error as Error).stack)).not.toContain("secret-password");
});

test.each([
  ["error/get_jwt.403005.json", 403005, "Unauthorized user"],
  ["error/get_jwt.403013.json", 403013, "Unverified user"],
])("getJWT %s becomes NotAuthenticatedError caused by the Gigya error", async (file, code, details) => {
  const sim = await useSimulator();
  sim.route("POST", "/accounts.getJWT", () => ({ body: fixture(file) }));
  const error = await gigya.getJwt(contextFor(sim), "t").catch((e: unknown) => e);
  expect(error).toBeInstanceOf(NotAuthenticatedError);
  expect((error as Error).cause).toBeInstanceOf(GigyaError);
  expect((error as Error).cause).toMatchObject({ code, details });
});

test("the error code is checked before the HTTP status; other codes keep code and message", async () => {
  const sim = await useSimulator();
  sim.route("POST", "/accounts.getAccountInfo", () => ({
    status: 403,
    body: { errorCode: 403007, errorDetails: "Invalid namespace", statusCode: 403 },
  }));
  const error = await gigya.getAccountInfo(contextFor(sim), "t").catch((e: unknown) => e);
  expect(error).toBeInstanceOf(GigyaError);
  expect(error).not.toBeInstanceOf(InvalidCredentialsError);
  expect(error).toMatchObject({ code: 403007, details: "Invalid namespace" });
});

test("403101 is its own TwoFactorRequiredError", async () => {
  const sim = await useSimulator();
  sim.route("POST", "/accounts.login", () => ({
    body: { errorCode: 403101, errorDetails: "Pending Two-Factor Authentication", regToken: "reg-secret" },
  }));
  const error = await gigya.login(contextFor(sim), "u", "p").catch((e: unknown) => e);
  expect(error).toBeInstanceOf(TwoFactorRequiredError);
  expect(JSON.stringify(error) + String(error)).not.toContain("reg-secret");
});

test("an empty body (login_invalid.txt) or non-JSON body is an InvalidResponseError", async () => {
  const sim = await useSimulator();
  sim.route("POST", "/accounts.login", () => ({ body: fixture("login_invalid.txt") }));
  await expect(gigya.login(contextFor(sim), "u", "p")).rejects.toBeInstanceOf(InvalidResponseError);
  sim.clearRoutes();
  sim.route("POST", "/accounts.login", () => ({ body: "<html>oops</html>" }));
  await expect(gigya.login(contextFor(sim), "u", "p")).rejects.toThrow(/invalid JSON/);
});

test("a non-JSON error page keeps its HTTP status", async () => {
  const sim = await useSimulator();
  sim.route("POST", "/accounts.login", () => ({ status: 503, body: "<html>down</html>" }));
  await expect(gigya.login(contextFor(sim), "u", "p")).rejects.toMatchObject({
    name: "HttpError",
    status: 503,
  });
  sim.clearRoutes();
  sim.route("POST", "/accounts.login", () => ({ status: 500, body: { errorCode: 0 } }));
  await expect(gigya.login(contextFor(sim), "u", "p")).rejects.toBeInstanceOf(HttpError);
  sim.clearRoutes();
  sim.route("POST", "/accounts.login", () => ({ status: 502, body: { nothing: true } }));
  await expect(gigya.login(contextFor(sim), "u", "p")).rejects.toBeInstanceOf(HttpError);
});

test.each([
  ["/accounts.login", { errorCode: 0 }, (c: gigya.GigyaContext) => gigya.login(c, "u", "p"), /sessionInfo/],
  [
    "/accounts.login",
    { errorCode: 0, sessionInfo: {} },
    (c: gigya.GigyaContext) => gigya.login(c, "u", "p"),
    /cookieValue/,
  ],
  [
    "/accounts.getAccountInfo",
    { errorCode: 0 },
    (c: gigya.GigyaContext) => gigya.getAccountInfo(c, "t"),
    /data/,
  ],
  [
    "/accounts.getAccountInfo",
    { errorCode: 0, data: {} },
    (c: gigya.GigyaContext) => gigya.getAccountInfo(c, "t"),
    /personId/,
  ],
  ["/accounts.getJWT", { errorCode: 0 }, (c: gigya.GigyaContext) => gigya.getJwt(c, "t"), /id_token/],
  ["/accounts.login", { errorCode: "0" }, (c: gigya.GigyaContext) => gigya.login(c, "u", "p"), /errorCode/],
])("a missing value in %s is an InvalidResponseError (%j)", async (path, body, call, message) => {
  const sim = await useSimulator();
  sim.route("POST", path, () => ({ body }));
  const error = await call(contextFor(sim)).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(InvalidResponseError);
  expect((error as Error).message).toMatch(message);
});
