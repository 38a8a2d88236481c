/**
 * Issue 20, defects 8 and 9 at the adapter boundary: a server that echoes secrets or terminal
 * control characters into its error messages (or into a wrong-typed field) never gets them into
 * the message, stack, `JSON.stringify` or `util.inspect` of the library's errors.
 */
import { inspect } from "node:util";
import { expect, test } from "vitest";
import {
  CredentialFileError,
  GigyaError,
  HttpError,
  InvalidCredentialsError,
  InvalidResponseError,
  KamereonError,
  RenaultError,
} from "../src/errors.js";
import * as gigya from "../src/gigya/gigya.js";
import { send } from "../src/http/transport.js";
import { kamereonRequest } from "../src/kamereon/kamereon.js";
import { RenaultVehicle } from "../src/vehicle.js";
import { json, kamereonError, useHostileServer } from "./support/hostile-server.js";
import { loggedInSession, useSimulator } from "./support/sim.js";

const API_KEY = "K1mereonApiKeyNotShapedLikeAToken";
const JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJwZXJzb24ifQ.c2lnbmF0dXJl";
const GIGYA_KEY = "3_GigyaApiKeyNotShaped0123";
const PASSWORD = "correct horse battery staple";
const LOGIN_TOKEN = "plainLoginToken0123456789";

/** Everything a reader of the error could see. */
function everyView(error: unknown): string {
  const e = error as Error;
  return [e.message, e.stack, JSON.stringify(error), inspect(error, { depth: 10 }), String(e.cause)].join(
    "\n",
  );
}

function expectClean(error: unknown, secrets: readonly string[]): void {
  expect(error).toBeInstanceOf(RenaultError);
  const views = everyView(error);
  for (const secret of secrets) expect(views).not.toContain(secret);
  expect(views).toContain("***");
}

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

function kamereonContext(url: string) {
  return {
    url,
    apiKey: API_KEY,
    country: "FR",
    jwt: JWT,
    now: () => Date.now(),
    quotaCooldown: 60_000,
    send: (request: Parameters<typeof send>[0]) => send(request),
  };
}

test("a Kamereon error that echoes the API key and the JWT is redacted in every view", async () => {
  const server = await useHostileServer();
  server.route(
    "/commerce/v1/persons/p1",
    kamereonError(
      400,
      "err.func.400",
      (request) =>
        `bad key ${String(request.headers.apikey)} for ${String(request.headers["x-gigya-id_token"])}`,
    ),
  );
  const error = await failure(
    kamereonRequest(kamereonContext(server.url), { method: "GET", path: "/commerce/v1/persons/p1" }),
  );
  expect(error).toBeInstanceOf(KamereonError);
  expect(error).not.toBeInstanceOf(HttpError);
  expect(error).toMatchObject({
    status: 400,
    code: "err.func.400",
    url: "/commerce/v1/persons/p1?country=FR",
  });
  expectClean(error, [API_KEY, JWT]);
  // The secrets did go out (this is what the server echoed).
  expect(server.requests[0]?.headers).toMatchObject({ apikey: API_KEY, "x-gigya-id_token": JWT });
});

test("control characters in a vendor message become spaces; escape sequences disappear", async () => {
  const server = await useHostileServer();
  server.route(
    "/p",
    kamereonError(
      500,
      "err.tech.\u001b[2J500",
      () => "\u001b[31mboom\u001b[0m\r\nInjected: yes\u0007\u009b1m",
    ),
  );
  const error = await failure(kamereonRequest(kamereonContext(server.url), { method: "GET", path: "/p" }));
  expect(error).toBeInstanceOf(KamereonError);
  const { message, details, code } = error as KamereonError;
  // eslint-disable-next-line no-control-regex -- the assertion is about control characters
  for (const text of [message, details, code]) expect(text).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
  expect(details).toBe("boom  Injected: yes "); // the C1 CSI `\x9b1m` goes whole
  expect(code).toBe("err.tech.500");
});

test("a non-JSON error page that quotes a secret does not leak it through the cause", async () => {
  const server = await useHostileServer();
  server.route("/p", (_request, response) => {
    response.writeHead(502, { "content-type": "text/html" }).end(`${API_KEY} <html>bad gateway</html>`);
  });
  const error = await failure(kamereonRequest(kamereonContext(server.url), { method: "GET", path: "/p" }));
  expect(error).toBeInstanceOf(HttpError);
  expect(everyView(error)).not.toContain(API_KEY.slice(0, 8));
});

test("a wrong-typed Gigya field holding the API key does not put it in the error", async () => {
  const server = await useHostileServer();
  server.route("/accounts.login", (request, response) => {
    const form = new URLSearchParams(request.body);
    response
      .writeHead(200, { "content-type": "application/json" })
      .end(JSON.stringify({ errorCode: form.get("ApiKey"), errorDetails: form.get("password") }));
  });
  const context = { url: server.url, apiKey: GIGYA_KEY, send: (r: Parameters<typeof send>[0]) => send(r) };
  const error = await failure(gigya.login(context, "user@example.com", PASSWORD));
  expect(error).toBeInstanceOf(InvalidResponseError);
  expect(everyView(error)).not.toContain(GIGYA_KEY);
  expect(everyView(error)).not.toContain(PASSWORD);
  expect(new URLSearchParams(server.requests[0]?.body).get("ApiKey")).toBe(GIGYA_KEY);
});

test("a Gigya error that echoes the password and the login token is redacted", async () => {
  const server = await useHostileServer();
  server.route("/accounts.login", (request, response) => {
    const form = new URLSearchParams(request.body);
    const details = `wrong password ${form.get("password") ?? ""} for key ${form.get("ApiKey") ?? ""}\r\nx`;
    response
      .writeHead(200, { "content-type": "application/json" })
      .end(JSON.stringify({ errorCode: 403042, errorDetails: details }));
  });
  server.route(
    "/accounts.getAccountInfo",
    json(200, { errorCode: 400006, errorDetails: `token ${LOGIN_TOKEN} is invalid` }),
  );
  const context = { url: server.url, apiKey: GIGYA_KEY, send: (r: Parameters<typeof send>[0]) => send(r) };
  const login = await failure(gigya.login(context, "user@example.com", PASSWORD));
  expect(login).toBeInstanceOf(InvalidCredentialsError);
  expectClean(login, [PASSWORD, GIGYA_KEY]);
  expect((login as GigyaError).details).not.toMatch(/[\r\n]/);
  const info = await failure(gigya.getAccountInfo(context, LOGIN_TOKEN));
  expect(info).toBeInstanceOf(GigyaError);
  expectClean(info, [LOGIN_TOKEN]);
});

test("through a session, every secret it knows is redacted from an echoing error", async () => {
  const sim = await useSimulator();
  const session = await loggedInSession(sim);
  const loginToken = (await session.getLoginToken()) ?? "";
  sim.route("GET", /\/cockpit$/, (request) => ({
    status: 400,
    body: {
      errors: [
        {
          errorCode: "err.func.400",
          errorMessage: `echo ${JSON.stringify(request.headers)} ${sim.gigyaApiKey} ${loginToken}`,
        },
      ],
    },
  }));
  const vehicle = new RenaultVehicle({
    session,
    accountId: sim.demo.renaultAccountId,
    vin: sim.demo.vins.zoe40,
    details: { model: { code: "X101VE" } },
  });
  const error = await failure(vehicle.getCockpit());
  expect(error).toBeInstanceOf(KamereonError);
  expectClean(error, [sim.kamereonApiKey, sim.gigyaApiKey, loginToken]);
  expect(everyView(error)).not.toMatch(/eyJ[\w-]{4,}\.[\w-]{4,}/);
});

test("a wrong-typed model field holding the JWT does not put it in the error", async () => {
  const sim = await useSimulator();
  const session = await loggedInSession(sim);
  sim.route("GET", /\/battery-status$/, (request) => ({
    status: 200,
    body: {
      data: { type: "Car", id: "VF1", attributes: { batteryLevel: request.headers["x-gigya-id_token"] } },
    },
  }));
  const vehicle = new RenaultVehicle({
    session,
    accountId: sim.demo.renaultAccountId,
    vin: sim.demo.vins.zoe40,
    details: { model: { code: "X101VE" } },
  });
  const error = await failure(vehicle.getBatteryStatus());
  expect(error).toBeInstanceOf(InvalidResponseError);
  expect(everyView(error)).not.toMatch(/eyJ[\w-]{4,}\.[\w-]{4,}/);
});

test("no library message names a CLI command or an environment variable", () => {
  const messages = [
    new CredentialFileError("/home/x/.credentials/renault-api.json", "not JSON").message,
    new InvalidCredentialsError({
      code: 403042,
      details: "invalid loginID or password",
      method: "accounts.login",
    }).message,
  ];
  for (const message of messages) expect(message).not.toMatch(/renault-api (reset|login)|RENAULT_API_/);
  expect(messages[1]).toMatch(/gigyaApiKey option/);
});

test("a vendor code named like an Object.prototype member is a plain KamereonError", async () => {
  const server = await useHostileServer();
  for (const code of ["constructor", "toString", "__proto__", "hasOwnProperty"]) {
    server.route(
      `/${code}`,
      kamereonError(400, code, () => "x"),
    );
    const error = await failure(
      kamereonRequest(kamereonContext(server.url), { method: "GET", path: `/${code}` }),
    );
    expect(error, code).toBeInstanceOf(KamereonError);
    expect((error as KamereonError).code, code).toBe(code);
  }
});
