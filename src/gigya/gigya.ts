import * as v from "valibot";
import {
  GigyaError,
  HttpError,
  InvalidCredentialsError,
  InvalidResponseError,
  NotAuthenticatedError,
  TwoFactorRequiredError,
} from "../errors.js";
import { cleanCause, cleanText } from "../http/clean-text.js";
import type { HttpRequest, HttpResponse, ResponseHeaders } from "../http/transport.js";

/** How a Gigya call reaches the server. */
export interface GigyaContext {
  /** Gigya base URL, without a trailing slash. */
  readonly url: string;
  readonly apiKey: string;
  /** Sends one request (the session wires it to the transport with timeout and signal). */
  readonly send: (request: HttpRequest) => Promise<HttpResponse>;
  /** The device identity sent on every call once known (two-factor device trust). */
  readonly device?: GigyaDevice | undefined;
}

/** Gigya's device identity: ids issued by Gigya, sent as form fields and as cookies. */
export interface GigyaDevice {
  readonly gmid: string;
  readonly ucid: string;
}

/** Gigya answers that mean "this login is over": the session clears its tokens. */
export const EXPIRED_LOGIN_CODES: ReadonlySet<number> = new Set([403005, 403013]);

const GigyaStatusSchema = v.looseObject({
  errorCode: v.number(),
  errorDetails: v.optional(v.nullable(v.string())),
  errorMessage: v.optional(v.nullable(v.string())),
  regToken: v.optional(v.string()),
});

/** A parsed Gigya answer with `errorCode` 0. */
export type GigyaBody = v.InferOutput<typeof GigyaStatusSchema>;

/**
 * Calls one Gigya method with a form body and returns its JSON answer.
 *
 * Gigya reports failure in the body's `errorCode`, often with HTTP 200, so the body is checked
 * before the status. Gigya traffic is never logged: its bodies carry passwords and tokens.
 */
export async function gigyaCall(
  context: GigyaContext,
  method: string,
  fields: Readonly<Record<string, string>>,
): Promise<GigyaBody> {
  return (await gigyaExchange(context, method, fields)).body;
}

/** Like {@link gigyaCall}, and also returns the response headers (`Set-Cookie` of webSdkBootstrap). */
export async function gigyaExchange(
  context: GigyaContext,
  method: string,
  fields: Readonly<Record<string, string>>,
): Promise<{ body: GigyaBody; headers: ResponseHeaders }> {
  const form = new URLSearchParams({ ApiKey: context.apiKey, ...fields });
  const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded" };
  if (context.device) {
    form.set("gmid", context.device.gmid);
    form.set("ucid", context.device.ucid);
    headers.cookie = `gmid=${context.device.gmid}; ucid=${context.device.ucid}; hasGmid=ver4`;
  }
  const url = `${context.url}/${method}`;
  const response = await context.send({ method: "POST", url, headers, body: form.toString() });
  // Everything secret this call knows, redacted from whatever Gigya echoes into an error.
  const secrets = [...form].filter(([key]) => SECRET_FIELD.test(key)).map(([, value]) => value);
  let json: unknown;
  try {
    json = JSON.parse(response.text);
  } catch (error) {
    if (response.status >= 400) {
      throw new HttpError(
        { method: "POST", url, status: response.status },
        { cause: cleanCause(error, secrets) },
      );
    }
    throw new InvalidResponseError(method, "Gigya responded with invalid JSON", {
      cause: cleanCause(error, secrets),
    });
  }
  const parsed = v.safeParse(GigyaStatusSchema, json);
  if (!parsed.success) {
    if (response.status >= 400) throw new HttpError({ method: "POST", url, status: response.status });
    throw new InvalidResponseError(method, cleanText(v.summarize(parsed.issues), secrets));
  }
  const body = parsed.output;
  if (body.errorCode !== 0) throw gigyaError(method, body, secrets);
  if (response.status >= 400) throw new HttpError({ method: "POST", url, status: response.status });
  return { body, headers: response.headers };
}

/** What a 403101 answer needs to continue; kept off the error object so it is never printed. */
export interface PendingTwoFactor {
  readonly regToken: string;
  /** `sessionInfo.expires_in` of the answer, when it parses. @unit seconds */
  readonly expiresIn: number | undefined;
}

const pendingTwoFactor = new WeakMap<GigyaError, PendingTwoFactor>();

/** The regToken of a 403101 error thrown by {@link gigyaCall}, if the answer carried one. */
export function pendingTwoFactorOf(error: GigyaError): PendingTwoFactor | undefined {
  return pendingTwoFactor.get(error);
}

/** Form fields whose values are secrets (the same list as the URL redaction's). */
const SECRET_FIELD =
  /^(apikey|login_token|password|id_token|regtoken|gigyaassertion|providerassertion|phvtoken|code|gmid|ucid)$/i;

function gigyaError(method: string, body: GigyaBody, secrets: readonly string[]): GigyaError {
  const details = cleanText(body.errorDetails ?? body.errorMessage ?? "", secrets);
  const init = { code: body.errorCode, details, method };
  if (body.errorCode === 403042) return new InvalidCredentialsError(init);
  if (body.errorCode === 403101) {
    const error = new TwoFactorRequiredError(init);
    if (body.regToken) {
      const expiresIn = Number((body.sessionInfo as { expires_in?: unknown } | undefined)?.expires_in);
      pendingTwoFactor.set(error, {
        regToken: body.regToken,
        expiresIn: Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn : undefined,
      });
    }
    return error;
  }
  return new GigyaError(init);
}

const LoginSchema = v.object({
  sessionInfo: v.object({ cookieValue: v.pipe(v.string(), v.nonEmpty()) }, "sessionInfo is missing"),
});
const AccountInfoSchema = v.object({
  data: v.object({ personId: v.pipe(v.string(), v.nonEmpty()) }, "data is missing"),
});
const JwtSchema = v.object({ id_token: v.pipe(v.string(), v.nonEmpty()) });

function pick<TSchema extends v.GenericSchema>(
  method: string,
  schema: TSchema,
  body: unknown,
): v.InferOutput<TSchema> {
  const parsed = v.safeParse(schema, body);
  if (!parsed.success) throw new InvalidResponseError(method, v.summarize(parsed.issues));
  return parsed.output;
}

/** `accounts.login`: returns the login token (`sessionInfo.cookieValue`). */
export async function login(context: GigyaContext, loginId: string, password: string): Promise<string> {
  const body = await gigyaCall(context, "accounts.login", { loginID: loginId, password });
  return pick("accounts.login", LoginSchema, body).sessionInfo.cookieValue;
}

/** `accounts.getAccountInfo`: returns the Kamereon person id (`data.personId`). */
export async function getAccountInfo(context: GigyaContext, loginToken: string): Promise<string> {
  const body = await gigyaCall(context, "accounts.getAccountInfo", { login_token: loginToken });
  return pick("accounts.getAccountInfo", AccountInfoSchema, body).data.personId;
}

/**
 * `accounts.getJWT`: returns a JWT for Kamereon. Without `fields=data.personId,…` Kamereon rejects
 * the token (pyze #99). An expired login (403005, 403013) becomes {@link NotAuthenticatedError}.
 * @param expiration - lifetime requested, in seconds (the Python client asks for 900)
 */
export async function getJwt(context: GigyaContext, loginToken: string, expiration = 900): Promise<string> {
  try {
    const body = await gigyaCall(context, "accounts.getJWT", {
      login_token: loginToken,
      fields: "data.personId,data.gigyaDataCenter",
      expiration: String(expiration),
    });
    return pick("accounts.getJWT", JwtSchema, body).id_token;
  } catch (error) {
    if (error instanceof GigyaError && EXPIRED_LOGIN_CODES.has(error.code)) {
      throw new NotAuthenticatedError(`Authentication expired (Gigya ${error.code}). Log in again.`, {
        cause: error,
      });
    }
    throw error;
  }
}
