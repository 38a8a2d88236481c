/**
 * The simulator's e-mail two-factor login (Gigya 403101), modelled on the facts in the shared
 * `two-factor.md`:
 *
 * - `accounts.webSdkBootstrap` issues a device identity (`gmid`, `ucid`) as `Set-Cookie` and in the body;
 * - a user that requires two-factor (`requireTwoFactor`, or the demo user with the simulator
 *   option `twoFactor: true`) logging in from a device that is not trusted gets 403101 with a
 *   `regToken` (valid one hour of simulated time);
 * - `accounts.tfa.initTFA` (needs the device) → `gigyaAssertion` (five minutes);
 *   `accounts.tfa.email.getEmails` → masked addresses; `sendVerificationCode` → `phvToken`, and the
 *   code is "e-mailed": kept in {@link SimulatorTfa.outbox} and {@link SimulatorTfa.lastCode}, and
 *   served by `GET <gigyaUrl>/simulator/tfa-code?email=…`;
 * - `completeVerification`: a wrong code → 400006 "Invalid parameter value"; after five wrong codes
 *   the login is closed ("Maximum allowed tries exceeded");
 * - `accounts.tfa.finalizeTFA` trusts the requesting device: `tempDevice=false` for 30 days,
 *   `tempDevice=true` for the next login only;
 * - `accounts.finalizeRegistration` finishes the login only from a trusted device (else 403101).
 *
 * Parameters are read from the form body and the query (Gigya accepts both), the device from the
 * form fields `gmid`/`ucid` or the cookies of the same names. A made-up gmid is not a device.
 */
import { randomInt } from "node:crypto";
import type { HandlerContext, RecordedRequest, SimulatorResponse } from "./server.js";
import {
  answered,
  deviceOf,
  emailIdOf,
  failure,
  invalid,
  jwtShaped,
  missingDevice,
  obfuscate,
  ok,
  type Params,
  paramsOf,
  token,
  uidOf,
} from "./tfa-answers.js";
import {
  type Assertion,
  type Pending,
  SIM_ASSERTION_LIFETIME,
  SIM_MAX_CODE_TRIES,
  SIM_REG_TOKEN_LIFETIME,
  SIM_TRUST_LIFETIME,
  stateOf,
  trustKey,
} from "./tfa-state.js";
import { DEMO_ACCOUNT, type SimUser } from "./world.js";

export { obfuscate } from "./tfa-answers.js";
export {
  SIM_ASSERTION_LIFETIME,
  SIM_MAX_CODE_TRIES,
  SIM_REG_TOKEN_LIFETIME,
  SIM_TRUST_LIFETIME,
  simulatorTfa,
  type SentTfaCode,
  type SimulatorTfa,
} from "./tfa-state.js";

declare module "./options.js" {
  interface SimulatorOptions {
    /**
     * The demo user requires the e-mailed one-time code from devices it does not trust yet
     * (see `src/simulator/tfa.ts` and docs/two-factor.md).
     * @default false
     */
    readonly twoFactor?: boolean;
  }
}

function requiresTwoFactor(context: HandlerContext, user: SimUser): boolean {
  return (
    user.requireTwoFactor === true ||
    stateOf(context.world).required.has(user.email) ||
    (context.options.twoFactor === true && user.email === DEMO_ACCOUNT.email)
  );
}

/**
 * The device check of `accounts.login`: 403101 for a user that requires two-factor on an untrusted
 * device, `undefined` to let the normal login answer (also for a wrong password: 403042 comes first).
 */
export function twoFactorLoginCheck(
  context: HandlerContext,
  request: RecordedRequest,
): SimulatorResponse | undefined {
  const params = paramsOf(request);
  const user = params.loginID === undefined ? undefined : context.world.users.get(params.loginID);
  if (!user || user.password !== params.password || !requiresTwoFactor(context, user)) return undefined;
  const state = stateOf(context.world, context.now);
  const device = deviceOf(context, request);
  const now = context.now();
  if (device) {
    const key = trustKey(user.email, device.gmid);
    const trust = state.trust.get(key);
    if (trust && trust.until > now) {
      if (trust.oneShot) state.trust.delete(key);
      return undefined;
    }
  }
  return pendingTfa(context, user);
}

function pendingTfa(context: HandlerContext, user: SimUser): SimulatorResponse {
  const regToken = `st2.s.${token(24)}.reg`;
  const state = stateOf(context.world);
  state.pending.set(regToken, {
    email: user.email,
    expiresAt: context.now() + SIM_REG_TOKEN_LIFETIME,
    wrongCodes: 0,
  });
  return failure(context, 403101, "Account Pending TFA Verification", "Pending Two-Factor Authentication", {
    regToken,
    UID: uidOf(user.email),
    sessionInfo: { expires_in: String(SIM_REG_TOKEN_LIFETIME / 1000) },
    statusReason: "Forbidden",
  });
}

/**
 * Answers `accounts.webSdkBootstrap`, `accounts.tfa.*`, `accounts.finalizeRegistration` and the
 * debug `GET /simulator/tfa-code`; `undefined` for any other path.
 */
export function handleTfa(context: HandlerContext, request: RecordedRequest): SimulatorResponse | undefined {
  stateOf(context.world, context.now);
  if (request.path === "/simulator/tfa-code") return debugCode(context, request);
  const handler = HANDLERS[request.path];
  if (!handler) return undefined;
  const params = paramsOf(request);
  const apiKey = Object.entries(params).find(([name]) => name.toLowerCase() === "apikey")?.[1];
  if (!apiKey)
    return failure(context, 400093, "Invalid ApiKey parameter", "Missing required parameter: apiKey");
  return handler(context, request, params);
}

type Handler = (context: HandlerContext, request: RecordedRequest, params: Params) => SimulatorResponse;

const HANDLERS: Readonly<Record<string, Handler>> = {
  "/accounts.webSdkBootstrap": bootstrap,
  "/accounts.tfa.getProviders": (context, _request, params) =>
    withPending(context, params, () => ({
      activeProviders: [{ name: "gigyaEmail" }],
      inactiveProviders: [],
      pendingOptin: [],
    })),
  "/accounts.tfa.initTFA": initTfa,
  "/accounts.tfa.email.getEmails": (context, _request, params) =>
    withAssertion(context, params, (_assertion, pending) => ({
      emails: [{ id: emailIdOf(pending.email), obfuscated: obfuscate(pending.email), lastVerification: 0 }],
    })),
  "/accounts.tfa.email.sendVerificationCode": sendCode,
  "/accounts.tfa.email.completeVerification": completeVerification,
  "/accounts.tfa.finalizeTFA": finalizeTfa,
  "/accounts.finalizeRegistration": finalizeRegistration,
};

function bootstrap(context: HandlerContext): SimulatorResponse {
  const gmid = `gmid.ver4.${token(18)}.${token(30)}.sc3`;
  const ucid = token(16);
  stateOf(context.world).devices.set(gmid, ucid);
  const cookie = "Path=/; Max-Age=31536000; Secure; SameSite=None";
  return {
    status: 200,
    // Several Set-Cookie headers: node's writeHead takes an array for one header name.
    headers: {
      "set-cookie": [
        `gmid=${gmid}; ${cookie}; HttpOnly`,
        `ucid=${ucid}; ${cookie}`,
        `hasGmid=ver4; ${cookie}`,
      ],
    } as unknown as Readonly<Record<string, string>>,
    body: { ...ok(context), gmid, ucid, hasGmid: "ver4" },
  };
}

function initTfa(context: HandlerContext, request: RecordedRequest, params: Params): SimulatorResponse {
  if (!deviceOf(context, request)) return missingDevice(context);
  if (params.provider !== "gigyaEmail") return invalid(context, "Unsupported provider");
  if (params.mode !== "verify")
    return invalid(context, "Unsupported mode: the account has an active provider");
  return withPending(context, params, (pending) => {
    const gigyaAssertion = jwtShaped({ aud: "gigyaEmail", action: "verify", sub: uidOf(pending.email) });
    stateOf(context.world).assertions.set(gigyaAssertion, {
      regToken: params.regToken ?? "",
      expiresAt: context.now() + SIM_ASSERTION_LIFETIME,
    });
    return { gigyaAssertion };
  });
}

function sendCode(context: HandlerContext, _request: RecordedRequest, params: Params): SimulatorResponse {
  return withAssertion(context, params, (assertion, pending) => {
    const chosen = params.emailID ?? (params.email === pending.email ? emailIdOf(pending.email) : undefined);
    if (chosen !== emailIdOf(pending.email)) return invalid(context, "Invalid emailID");
    const code = String(randomInt(0, 1_000_000)).padStart(6, "0");
    assertion.code = code;
    assertion.phvToken = token(32);
    stateOf(context.world).outbox.push({ email: pending.email, code, lang: params.lang, at: context.now() });
    return { phvToken: assertion.phvToken };
  });
}

function completeVerification(
  context: HandlerContext,
  _request: RecordedRequest,
  params: Params,
): SimulatorResponse {
  return withAssertion(context, params, (assertion, pending) => {
    if (!assertion.phvToken || params.phvToken !== assertion.phvToken)
      return invalid(context, "Invalid phvToken");
    if (pending.wrongCodes >= SIM_MAX_CODE_TRIES) return invalid(context, "Maximum allowed tries exceeded");
    if (params.code !== assertion.code) {
      pending.wrongCodes++;
      return invalid(context, "Invalid parameter value");
    }
    assertion.phvToken = undefined;
    assertion.providerAssertion = jwtShaped({ aud: "gigyaEmail", action: "verified" });
    return { providerAssertion: assertion.providerAssertion };
  });
}

function finalizeTfa(context: HandlerContext, request: RecordedRequest, params: Params): SimulatorResponse {
  const device = deviceOf(context, request);
  if (!device) return missingDevice(context);
  return withAssertion(context, params, (assertion, pending) => {
    if (!assertion.providerAssertion || params.providerAssertion !== assertion.providerAssertion) {
      return invalid(context, "Invalid providerAssertion");
    }
    const oneShot = params.tempDevice === "true";
    stateOf(context.world).trust.set(trustKey(pending.email, device.gmid), {
      until: oneShot ? context.now() + SIM_REG_TOKEN_LIFETIME : context.now() + SIM_TRUST_LIFETIME,
      oneShot,
    });
    stateOf(context.world).assertions.delete(params.gigyaAssertion ?? "");
    return {};
  });
}

function finalizeRegistration(
  context: HandlerContext,
  request: RecordedRequest,
  params: Params,
): SimulatorResponse {
  const pending = pendingOf(context, params.regToken);
  if (typeof pending === "string") return invalid(context, pending);
  const user = context.world.users.get(pending.email);
  if (!user) return invalid(context, "Invalid regToken");
  const device = deviceOf(context, request);
  const state = stateOf(context.world);
  const key = device ? trustKey(user.email, device.gmid) : "";
  const trust = state.trust.get(key);
  if (!trust || trust.until <= context.now()) return pendingTfa(context, user);
  if (trust.oneShot) state.trust.delete(key);
  state.pending.delete(params.regToken ?? "");
  const loginToken = `st2.s.sim${token(24)}`;
  context.world.loginTokens.set(loginToken, user.email);
  return {
    status: 200,
    body: {
      ...ok(context),
      UID: uidOf(user.email),
      sessionInfo: { cookieName: "gac_simulator", cookieValue: loginToken },
      ...(params.includeUserInfo === "true"
        ? { userInfo: { UID: uidOf(user.email), email: user.email, isVerified: true } }
        : {}),
    },
  };
}

function debugCode(context: HandlerContext, request: RecordedRequest): SimulatorResponse {
  if (request.method !== "GET") return { status: 405, body: { error: "GET only" } };
  const email = request.query.email ?? "";
  const sent = stateOf(context.world).outbox.findLast((entry) => entry.email === email);
  if (!sent) return { status: 404, body: { error: `No code was sent to ${email || "(no email given)"}.` } };
  return { status: 200, body: { email, code: sent.code, sentAt: new Date(sent.at).toISOString() } };
}

function withPending(
  context: HandlerContext,
  params: Params,
  answer: (pending: Pending) => Record<string, unknown> | SimulatorResponse,
): SimulatorResponse {
  const pending = pendingOf(context, params.regToken);
  if (typeof pending === "string") return invalid(context, pending);
  return answered(context, answer(pending));
}

function withAssertion(
  context: HandlerContext,
  params: Params,
  answer: (assertion: Assertion, pending: Pending) => Record<string, unknown> | SimulatorResponse,
): SimulatorResponse {
  const assertion = stateOf(context.world).assertions.get(params.gigyaAssertion ?? "");
  if (!assertion) return invalid(context, "Invalid gigyaAssertion");
  if (params.regToken !== undefined && params.regToken !== assertion.regToken) {
    return invalid(context, "Invalid regToken");
  }
  const pending = pendingOf(context, assertion.regToken);
  if (typeof pending === "string") return invalid(context, pending);
  if (assertion.expiresAt <= context.now()) return invalid(context, "gigyaAssertion has expired");
  return answered(context, answer(assertion, pending));
}

/** The pending login of a regToken, or why there is none. */
function pendingOf(context: HandlerContext, regToken: string | undefined): Pending | string {
  const pending = stateOf(context.world).pending.get(regToken ?? "");
  if (!pending) return "Invalid regToken";
  if (pending.expiresAt <= context.now()) return "regToken has expired";
  return pending;
}
