import { randomBytes } from "node:crypto";
import { loadFixture } from "./fixtures.js";
import type { HandlerContext, RecordedRequest, SimulatorResponse } from "./server.js";
import { handleTfa, twoFactorLoginCheck } from "./tfa.js";

/** Answers Gigya's `accounts.*` calls. Like the real service, errors come with HTTP 200. */
export function handleGigya(context: HandlerContext, request: RecordedRequest): SimulatorResponse {
  const form = (request.json ?? {}) as Record<string, string | undefined>;
  const tfa = handleTfa(context, request); // webSdkBootstrap, accounts.tfa.*, finalizeRegistration
  if (tfa) return tfa;
  if (!form.ApiKey) return gigyaError(400093, "Missing required parameter: apiKey");
  switch (request.path) {
    case "/accounts.login":
      return twoFactorLoginCheck(context, request) ?? login(context, form);
    case "/accounts.getAccountInfo":
      return withUser(context, form, (user) => ({
        ...ok(context.now()),
        data: { personId: user.personId, gigyaDataCenter: "eu1.gigya.com" },
      }));
    case "/accounts.getJWT":
      return withUser(context, form, (user) => {
        const asked = Number(form.expiration ?? 300);
        const lifetime = Math.min(
          Number.isFinite(asked) && asked > 0 ? asked : 300,
          context.options.jwtTtl ?? Infinity,
        );
        return { ...ok(context.now()), id_token: context.jwt.mint(user.personId, context.now(), lifetime) };
      });
    default:
      return gigyaError(400096, "Not supported: unknown method");
  }
}

function login(context: HandlerContext, form: Record<string, string | undefined>): SimulatorResponse {
  const user = form.loginID === undefined ? undefined : context.world.users.get(form.loginID);
  if (!user || user.password !== form.password) {
    return { status: 200, body: loadFixture("gigya/error/login.403042.json") };
  }
  const token = `st2.s.sim${randomBytes(24).toString("base64url")}`;
  context.world.loginTokens.set(token, user.email);
  return {
    status: 200,
    body: { ...ok(context.now()), sessionInfo: { cookieName: "gac_simulator", cookieValue: token } },
  };
}

function withUser(
  context: HandlerContext,
  form: Record<string, string | undefined>,
  answer: (user: { personId: string }) => Record<string, unknown>,
): SimulatorResponse {
  const email = form.login_token === undefined ? undefined : context.world.loginTokens.get(form.login_token);
  const user = email === undefined ? undefined : context.world.users.get(email);
  if (!user) return { status: 200, body: loadFixture("gigya/error/get_jwt.403005.json") };
  return { status: 200, body: answer(user) };
}

function ok(now: number): Record<string, unknown> {
  return {
    callId: randomBytes(8).toString("hex"),
    errorCode: 0,
    apiVersion: 2,
    statusCode: 200,
    statusReason: "OK",
    time: new Date(now).toISOString(),
  };
}

/** A Gigya error body (HTTP 200, as Gigya answers by default). */
export function gigyaError(
  code: number,
  details: string,
  extra: Record<string, unknown> = {},
): SimulatorResponse {
  return {
    status: 200,
    body: {
      callId: randomBytes(8).toString("hex"),
      errorCode: code,
      errorDetails: details,
      errorMessage: details,
      apiVersion: 2,
      statusCode: Math.floor(code / 1000),
      time: new Date().toISOString(),
      ...extra,
    },
  };
}
