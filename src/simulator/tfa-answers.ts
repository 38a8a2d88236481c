/** Gigya's answer envelopes and request helpers for the two-factor flow of tfa.ts. */
import { createHash, randomBytes } from "node:crypto";
import type { HandlerContext, RecordedRequest, SimulatorResponse } from "./server.js";
import { stateOf } from "./tfa-state.js";

/** The parameters of a Gigya call (query and form fields). */
export type Params = Readonly<Record<string, string | undefined>>;

export function answered(
  context: HandlerContext,
  answer: Record<string, unknown> | SimulatorResponse,
): SimulatorResponse {
  if (isResponse(answer)) return answer;
  return { status: 200, body: { ...ok(context), ...answer } };
}

export function isResponse(value: Record<string, unknown> | SimulatorResponse): value is SimulatorResponse {
  return "status" in value && "body" in value;
}

export function paramsOf(request: RecordedRequest): Params {
  const form = request.json;
  return {
    ...request.query,
    ...(form !== null && typeof form === "object" ? (form as Record<string, string>) : {}),
  };
}

/** The device of a request (form fields, else cookies) when it is one this simulator issued. */
export function deviceOf(context: HandlerContext, request: RecordedRequest): { gmid: string } | undefined {
  const params = paramsOf(request);
  const cookies = new Map(
    (request.headers.cookie ?? "")
      .split(";")
      .map((pair) => pair.trim().split("="))
      .map(([name = "", ...value]) => [name, value.join("=")] as const),
  );
  const gmid = params.gmid ?? cookies.get("gmid");
  const ucid = params.ucid ?? cookies.get("ucid");
  if (!gmid || !ucid || stateOf(context.world).devices.get(gmid) !== ucid) return undefined;
  return { gmid };
}

export function missingDevice(context: HandlerContext): SimulatorResponse {
  return failure(
    context,
    400006,
    "Invalid parameter value",
    "Missing required parameter: gcid or ucid cookie",
    {
      errorFlags: "missingKey",
    },
  );
}

export function invalid(context: HandlerContext, details: string): SimulatorResponse {
  return failure(context, 400006, "Invalid parameter value", details);
}

export function failure(
  context: HandlerContext,
  code: number,
  message: string,
  details: string,
  extra: Record<string, unknown> = {},
): SimulatorResponse {
  return {
    status: 200,
    body: {
      callId: token(12),
      errorCode: code,
      errorDetails: details,
      errorMessage: message,
      apiVersion: 2,
      statusCode: Math.floor(code / 1000),
      time: new Date(context.now()).toISOString(),
      ...extra,
    },
  };
}

export function ok(context: HandlerContext): Record<string, unknown> {
  return {
    callId: token(12),
    errorCode: 0,
    apiVersion: 2,
    statusCode: 200,
    statusReason: "OK",
    time: new Date(context.now()).toISOString(),
  };
}

export function token(bytes: number): string {
  return randomBytes(bytes).toString("base64url");
}

/** A signed-token look-alike (header.payload.signature); the simulator only compares it. */
export function jwtShaped(claims: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  return `${part({ alg: "RS256", typ: "JWT" })}.${part({ ...claims, jti: token(9) })}.${token(32)}`;
}

export function uidOf(email: string): string {
  return createHash("sha256").update(email).digest("hex").slice(0, 32);
}

export function emailIdOf(email: string): string {
  return `email-${createHash("sha256").update(`id:${email}`).digest("hex").slice(0, 16)}`;
}

/** `demo@renault-api.dev` → `d***@r***.dev`. */
export function obfuscate(email: string): string {
  const [local = "", domain = ""] = email.split("@");
  const dot = domain.lastIndexOf(".");
  const host = dot > 0 ? domain.slice(0, dot) : domain;
  const tld = dot > 0 ? domain.slice(dot) : "";
  return `${local.slice(0, 1)}***@${host.slice(0, 1)}***${tld}`;
}
