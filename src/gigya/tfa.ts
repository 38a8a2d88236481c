/**
 * Gigya's e-mail two-factor calls (403101 "Account Pending TFA Verification") and the device
 * identity they need. Facts and sources: shared docs `two-factor.md`; the user-facing flow is in
 * `src/two-factor.ts`.
 *
 * Every call here goes through {@link gigyaCall}, so the device (`gmid`/`ucid`) is sent as form
 * fields and cookies whenever the context has one. Gigya's `errorDetails` are redacted with the
 * call's secrets before they reach an error message.
 */
import * as v from "valibot";
import {
  GigyaError,
  InvalidResponseError,
  TwoFactorCodeError,
  TwoFactorExpiredError,
  type TwoFactorExpiryReason,
} from "../errors.js";
import { redactText } from "../http/redact.js";
import type { ResponseHeaders } from "../http/transport.js";
import { gigyaCall, gigyaExchange, type GigyaContext, type GigyaDevice } from "./gigya.js";

/** One address Gigya can send the code to, as `accounts.tfa.email.getEmails` lists it. */
export interface TwoFactorEmail {
  /** Opaque id to pass as `emailID`. */
  readonly id: string;
  /** The address with most characters masked, for display (e.g. `d***@r***.dev`). */
  readonly obfuscated: string;
  /** Last time this address verified a code (UNIX seconds), when Gigya says. */
  readonly lastVerification?: number | undefined;
}

const Assertion = v.pipe(v.string(), v.nonEmpty());

/**
 * `accounts.webSdkBootstrap`: asks Gigya for a device identity. Gigya sets it as cookies
 * (`gmid`, `ucid`, `hasGmid`); some tenants also echo it in the body, which is the fallback.
 * @returns the device, or `undefined` when the answer carried none
 */
export async function webSdkBootstrap(context: GigyaContext): Promise<GigyaDevice | undefined> {
  const { body, headers } = await gigyaExchange(
    { ...context, device: undefined },
    "accounts.webSdkBootstrap",
    {},
  );
  const cookies = setCookies(headers);
  const gmid = cookies.get("gmid") ?? stringField(body, "gmid");
  const ucid = cookies.get("ucid") ?? stringField(body, "ucid");
  return gmid && ucid ? { gmid, ucid } : undefined;
}

/** The `name=value` pairs of every `Set-Cookie` header. */
function setCookies(headers: ResponseHeaders): Map<string, string> {
  const lines =
    typeof headers.getSetCookie === "function"
      ? headers.getSetCookie()
      : [headers.get("set-cookie") ?? ""].filter(Boolean);
  const cookies = new Map<string, string>();
  for (const line of lines) {
    // A joined header ("a=1; Path=/, b=2; …") still yields each cookie's first pair.
    for (const match of line.matchAll(/(?:^|,)\s*([^=;,\s]+)=([^;,]*)/g)) {
      const [, name, value] = match;
      if (name && value && !cookies.has(name)) cookies.set(name, value.trim());
    }
  }
  return cookies;
}

function stringField(body: Record<string, unknown>, name: string): string | undefined {
  const value = body[name];
  return typeof value === "string" && value !== "" ? value : undefined;
}

/** Form fields whose values are secrets of the challenge (masked in Gigya's details). */
const SECRET_FIELDS = ["regToken", "gigyaAssertion", "phvToken", "code", "providerAssertion"] as const;

/**
 * Calls a two-factor method and maps its failure: the challenge's secrets are masked in Gigya's
 * details; "Maximum allowed tries exceeded" and expired tokens become {@link TwoFactorExpiredError};
 * 400006 on completeVerification is a wrong code ({@link TwoFactorCodeError}).
 */
async function tfaCall(
  context: GigyaContext,
  method: string,
  fields: Readonly<Record<string, string>>,
): Promise<Record<string, unknown>> {
  try {
    return await gigyaCall(context, method, fields);
  } catch (error) {
    if (!(error instanceof GigyaError)) throw error;
    const details = redactText(
      error.details,
      SECRET_FIELDS.map((name) => fields[name]),
    );
    const init = { code: error.code, details, method };
    const expired = (reason: TwoFactorExpiryReason) =>
      new TwoFactorExpiredError(reason, init, { cause: new GigyaError(init) });
    if (/maximum allowed tries/i.test(details)) throw expired("too-many-tries");
    const stale = /expir|invalid/i.test(details);
    if (stale && /regToken/i.test(details)) throw expired("login-expired");
    if (stale && /gigyaAssertion|phvToken/i.test(details)) throw expired("code-expired");
    if (error.code === 400006 && method === "accounts.tfa.email.completeVerification") {
      throw new TwoFactorCodeError(init);
    }
    if (details !== error.details) throw new GigyaError(init);
    throw error;
  }
}

function read<TSchema extends v.GenericSchema>(
  method: string,
  schema: TSchema,
  body: unknown,
): v.InferOutput<TSchema> {
  const parsed = v.safeParse(schema, body);
  if (!parsed.success) throw new InvalidResponseError(method, v.summarize(parsed.issues));
  return parsed.output;
}

/** `accounts.tfa.initTFA` (provider gigyaEmail, mode verify): returns the `gigyaAssertion`. */
export async function initTfa(context: GigyaContext, regToken: string): Promise<string> {
  const method = "accounts.tfa.initTFA";
  const body = await tfaCall(context, method, { regToken, provider: "gigyaEmail", mode: "verify" });
  return read(method, v.object({ gigyaAssertion: Assertion }), body).gigyaAssertion;
}

const EmailsSchema = v.object({
  emails: v.array(
    v.object({
      id: v.pipe(v.string(), v.nonEmpty()),
      obfuscated: v.string(),
      lastVerification: v.optional(v.number()),
    }),
  ),
});

/** `accounts.tfa.email.getEmails`: the addresses the code can be sent to. */
export async function getEmails(context: GigyaContext, gigyaAssertion: string): Promise<TwoFactorEmail[]> {
  const method = "accounts.tfa.email.getEmails";
  const body = await tfaCall(context, method, { gigyaAssertion });
  return read(method, EmailsSchema, body).emails.map(({ id, obfuscated, lastVerification }) =>
    lastVerification === undefined ? { id, obfuscated } : { id, obfuscated, lastVerification },
  );
}

/** `accounts.tfa.email.sendVerificationCode`: e-mails a code and returns the `phvToken`. */
export async function sendVerificationCode(
  context: GigyaContext,
  init: { gigyaAssertion: string; emailId: string; lang: string; regToken: string },
): Promise<string> {
  const method = "accounts.tfa.email.sendVerificationCode";
  const body = await tfaCall(context, method, {
    gigyaAssertion: init.gigyaAssertion,
    emailID: init.emailId,
    lang: init.lang,
    regToken: init.regToken,
  });
  return read(method, v.object({ phvToken: Assertion }), body).phvToken;
}

/**
 * `accounts.tfa.email.completeVerification`: checks the code, returns the `providerAssertion`.
 * @throws {TwoFactorCodeError} wrong code (400006): the challenge accepts another try
 * @throws {TwoFactorExpiredError} too many tries, or expired tokens
 */
export async function completeVerification(
  context: GigyaContext,
  init: { gigyaAssertion: string; phvToken: string; code: string; regToken: string },
): Promise<string> {
  const method = "accounts.tfa.email.completeVerification";
  const body = await tfaCall(context, method, {
    gigyaAssertion: init.gigyaAssertion,
    phvToken: init.phvToken,
    code: init.code,
    regToken: init.regToken,
  });
  return read(method, v.object({ providerAssertion: Assertion }), body).providerAssertion;
}

/**
 * `accounts.tfa.finalizeTFA`: records the device as verified.
 * @param tempDevice - true trusts the device for this login only; false "remembers" it (30 days at Renault)
 */
export async function finalizeTfa(
  context: GigyaContext,
  init: { gigyaAssertion: string; providerAssertion: string; regToken: string; tempDevice: boolean },
): Promise<void> {
  await tfaCall(context, "accounts.tfa.finalizeTFA", {
    gigyaAssertion: init.gigyaAssertion,
    providerAssertion: init.providerAssertion,
    regToken: init.regToken,
    tempDevice: String(init.tempDevice),
  });
}

/**
 * `accounts.finalizeRegistration`: Gigya's documented way to end a pending login; returns the
 * login token (`sessionInfo.cookieValue`). On Renault it is unproven, so it is only the fallback.
 */
export async function finalizeRegistration(context: GigyaContext, regToken: string): Promise<string> {
  const method = "accounts.finalizeRegistration";
  const body = await tfaCall(context, method, {
    regToken,
    include: "profile,data",
    includeUserInfo: "true",
  });
  return read(method, v.object({ sessionInfo: v.object({ cookieValue: Assertion }) }), body).sessionInfo
    .cookieValue;
}
