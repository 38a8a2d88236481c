import { randomBytes } from "node:crypto";
import { ConfigurationError } from "../errors.js";
import { loadFixture, loadFixtureText } from "./fixtures.js";
import { ENDPOINT_NAMES } from "./operations.js";
import { errorAnswer, kamereonError } from "./envelopes.js";
import { HOSTILE_KAMEREON_KINDS, HOSTILE_KINDS, hostileResponse, type HostileKind } from "./hostile.js";
import { NO_GDC_GATEWAY, SRP_REFUSAL } from "./models.js";
import type { RecordedRequest, SimulatorResponse } from "./server.js";

/**
 * What a fault does to the request it hits.
 *
 * | Kind | Applies to | Answer |
 * |---|---|---|
 * | `5xx` (alias `proxy`) | Kamereon | 500, `err.tech.wired.kamereon-proxy` (failed_forward.json) |
 * | `upstream` | Kamereon | 500, `err.tech.500` (invalid_upstream.json) |
 * | `502html` | both | 502 with the HTML "502 Bad Gateway" page (bad_gateway.html) |
 * | `reset` | both | the connection is destroyed without an answer |
 * | `hang` | both | no answer at all (the client must time out) |
 * | `privacy` | Kamereon | 403, `err.func.privacy.on` (privacy_on.json) |
 * | `quota` | Kamereon | 429, `err.func.wired.overloaded` (quota_limit.json), `Retry-After: 900` |
 * | `unauthorized` | Kamereon | 401, `err.func.wired.unauthorized`; the request's JWT stays revoked |
 * | `forbidden` | Kamereon | 403, `err.func.wired.forbidden` (forbidden.json) |
 * | `notfound` | Kamereon | 404, `err.func.wired.notFound` (resource_not_found.json) |
 * | `notsupported` | Kamereon | 501, `err.tech.501` (not_supported.json) |
 * | `inprogress` | Kamereon | 409, `409001` (charge_mode_inprogress.json) |
 * | `apikey` | Kamereon | 403 `{"error":"access_denied"}`: what a stale Kamereon API key gets |
 * | `contract-ended` | Kamereon | 404 `err.func.wired.notFound` whose message is the JSON "There is no data for this vin and uid" |
 * | `empty-garage` | Kamereon | 404 `err.func.wired.empty-vehicle-link` "No vehicle in garage" |
 * | `no-gdc` | Kamereon | 400 `400001` "The vehicle does not have a GDC gateway" |
 * | `srp` | Kamereon | 403 errorCode `6` `CONTACT_SRC`: a command to a car on the SRP protocol |
 * | `stall` | both | the headers and the start of a body, then nothing (the timeout must cover the body) |
 * | `drip` | both | the headers, then one byte every 50 ms, forever |
 * | `huge` | both | a 12 MiB body, chunked, without a length (over the client's 8 MiB cap) |
 * | `bomb` | both | a gzip bomb: 12 KiB that decode to 12 MiB |
 * | `redirect` | both | 302 to `https://login.example.invalid/moved` |
 * | `retry-after-absurd` | Kamereon | 429 quota with `Retry-After: 99999999999999999999` |
 * | `control-chars` | Kamereon | 400 `err.func.400` whose message holds escape sequences, a bell and a CR LF |
 * | `echo-secret` | both | an error whose message repeats the JWT, API key, password or login token the request carried |
 * | `gigya-<code>` | Gigya | HTTP 200 with Gigya `errorCode` `<code>`, e.g. `gigya-403042` (stale key or bad password), `gigya-403101` (pending two-factor, with a `regToken`), `gigya-403005` (login expired) |
 */
export type FaultKind =
  | "5xx"
  | "upstream"
  | "502html"
  | "reset"
  | "hang"
  | "privacy"
  | "quota"
  | "unauthorized"
  | "forbidden"
  | "notfound"
  | "notsupported"
  | "inprogress"
  | "apikey"
  | "contract-ended"
  | "empty-garage"
  | "no-gdc"
  | "srp"
  | HostileKind
  | `gigya-${number}`;

/** One fault: what happens (`kind`), to which requests (`target`), how many times (`count`). */
export interface FaultSpec {
  readonly kind: FaultKind;
  /**
   * Which requests it hits:
   * - a number: the request with that sequence number (`RecordedRequest.seq`, from 1, Gigya included);
   * - `*`: every request the kind applies to;
   * - `login`, `account-info`, `jwt`: the Gigya calls `accounts.login`, `accounts.getAccountInfo`,
   *   `accounts.getJWT`;
   * - an endpoint: the simulator's endpoint name (`battery-status`, `actions/hvac-start`, `person`…,
   *   see `RecordedRequest.endpoint`) or a logical key, with or without `actions/` (`hvac-stop`,
   *   `charge-start`);
   * - anything else: whole path segments the request path contains (a VIN, `kcm`, `kca/car-adapter`).
   */
  readonly target: number | string;
  /**
   * How many matching requests fail before the fault is used up; `Infinity` never runs out.
   * @default 1
   */
  readonly count?: number;
}

/** A fault with its remaining count, as `Simulator.faults` lists it. */
export interface ActiveFault {
  readonly kind: FaultKind;
  readonly target: number | string;
  /** Matching requests it will still hit (`Infinity` for a permanent fault). */
  readonly remaining: number;
}

/** Fault kinds that only Kamereon requests can meet (never a Gigya login). */
export const KAMEREON_KINDS: ReadonlySet<string> = new Set<string>([
  "5xx",
  "upstream",
  "privacy",
  "quota",
  "unauthorized",
  "forbidden",
  "notfound",
  "notsupported",
  "inprogress",
  "apikey",
  "contract-ended",
  "empty-garage",
  "no-gdc",
  "srp",
  ...HOSTILE_KAMEREON_KINDS,
]);
const TRANSPORT_KINDS = new Set<string>([
  "502html",
  "reset",
  "hang",
  ...HOSTILE_KINDS.filter((kind) => !HOSTILE_KAMEREON_KINDS.includes(kind)),
]);
const ALIASES: Readonly<Record<string, FaultKind>> = { proxy: "5xx" };
const GIGYA_TARGETS: Readonly<Record<string, string>> = {
  login: "/accounts.login",
  "account-info": "/accounts.getAccountInfo",
  jwt: "/accounts.getJWT",
};

/** The names `parseFaultSpec` accepts as kinds, for help texts. */
export const FAULT_KINDS: readonly string[] = [
  ...KAMEREON_KINDS,
  ...TRANSPORT_KINDS,
  ...Object.keys(ALIASES),
  "gigya-<code>",
];

const SYNTAX = "expected kind@target[:count], e.g. 5xx@battery-status:2, reset@5, hang@cockpit:*";

/**
 * Parses a fault spec: comma-separated `kind@target[:count]` items.
 *
 * `target` is a request number, `*`, `login`/`account-info`/`jwt`, an endpoint name or key, or path
 * segments (see {@link FaultSpec.target}); `count` is a positive integer or `*` (forever), 1 when
 * left out.
 *
 * @example
 * parseFaultSpec("502html@3,proxy@battery-status,privacy@location:*,gigya-403042@login");
 * @throws {ConfigurationError} the text is not a valid spec; the message names the bad item and why
 */
export function parseFaultSpec(text: string): FaultSpec[] {
  const items = text.split(",").map((item) => item.trim());
  if (items.every((item) => item === "")) return [];
  return items.map((item, index) => {
    const fail = failure(`item ${index + 1} "${item}"`);
    if (item === "") return fail("empty item");
    const match = /^([^@:]+)@([^:]*)(?::(.*))?$/.exec(item);
    if (!match) return fail(item.includes("@") ? "malformed item" : 'missing "@target"');
    const [, rawKind = "", rawTarget = "", rawCount] = match;
    const targetText = rawTarget.trim();
    const target = /^\d+$/.test(targetText) ? Number(targetText) : targetText;
    let count = 1;
    if (rawCount !== undefined) {
      const countText = rawCount.trim();
      if (countText === "*") count = Infinity;
      else if (/^\d+$/.test(countText)) count = Number(countText);
      else return fail(`invalid count "${rawCount}" (a positive integer or *)`);
    }
    return checked(rawKind.trim(), target, count, fail);
  });
}

function failure(what: string): (reason: string) => never {
  return (reason) => {
    throw new ConfigurationError(
      `Invalid fault spec ${what}: ${reason} (${SYNTAX}; kinds: ${FAULT_KINDS.join(", ")}).`,
    );
  };
}

/** A valid spec from its parts, or a {@link ConfigurationError} saying what is wrong. */
function checked(
  rawKind: unknown,
  target: number | string,
  count: number,
  fail: (reason: string) => never,
): FaultSpec {
  const kind = typeof rawKind === "string" ? normaliseKind(rawKind.toLowerCase()) : undefined;
  if (kind === undefined) return fail(`unknown kind "${String(rawKind)}"`);
  if (typeof target === "number") {
    if (!Number.isInteger(target) || target < 1) return fail("request numbers start at 1");
  } else if (target === "") {
    return fail('missing target after "@"');
  } else if (!/^[\w.*/-]+$/.test(target) || (target.includes("*") && target !== "*")) {
    return fail(`invalid target "${target}"`);
  }
  if (count !== Infinity && (!Number.isInteger(count) || count < 1))
    return fail(`invalid count "${String(count)}" (a positive integer or *)`);
  const problem = checkTarget(kind, target);
  if (problem !== undefined) return fail(problem);
  return { kind, target, count };
}

function normaliseKind(kind: string): FaultKind | undefined {
  if (Object.hasOwn(ALIASES, kind)) return ALIASES[kind];
  if (KAMEREON_KINDS.has(kind) || TRANSPORT_KINDS.has(kind)) return kind as FaultKind;
  if (/^gigya-\d{6}$/.test(kind)) return kind as FaultKind;
  return undefined;
}

function checkTarget(kind: FaultKind, target: number | string): string | undefined {
  if (typeof target === "number" || target === "*") return undefined;
  const gigyaTarget = Object.hasOwn(GIGYA_TARGETS, target) || target.startsWith("accounts.");
  if (isGigyaKind(kind) && !gigyaTarget)
    return `${kind} only applies to Gigya calls: use login, account-info, jwt, a request number or *`;
  if (KAMEREON_KINDS.has(kind) && gigyaTarget) return `${kind} only applies to Kamereon requests`;
  return undefined;
}

function isGigyaKind(kind: FaultKind): boolean {
  return kind.startsWith("gigya-");
}

/** Fault specs as the options take them: spec strings and structured specs, alone or mixed in a list. */
export type FaultSpecs = string | FaultSpec | readonly (string | FaultSpec)[];

/**
 * Parses spec strings and validates structured specs the same way.
 * @throws {ConfigurationError} an invalid spec
 */
export function normaliseFaults(specs: FaultSpecs): FaultSpec[] {
  const list: readonly (string | FaultSpec)[] = Array.isArray(specs) ? specs : [specs as string | FaultSpec];
  return list.flatMap((spec) => {
    if (typeof spec === "string") return parseFaultSpec(spec);
    const fail = failure(JSON.stringify(spec, (_key, value: unknown) => (value === Infinity ? "*" : value)));
    return [checked(spec.kind, spec.target, spec.count ?? 1, fail)];
  });
}

/** What the request looks like to the fault matcher. */
export interface FaultSubject {
  readonly request: RecordedRequest;
  /** Logical endpoint keys the request is for (e.g. `actions/hvac-stop`), when known. */
  readonly keys: readonly string[];
}

/** The faults of one simulator, consumed as requests hit them. */
export class FaultList {
  #faults: { spec: FaultSpec; remaining: number }[] = [];

  add(specs: FaultSpecs): void {
    for (const spec of normaliseFaults(specs)) this.#faults.push({ spec, remaining: spec.count ?? 1 });
  }

  clear(): void {
    this.#faults = [];
  }

  list(): ActiveFault[] {
    return this.#faults.map(({ spec, remaining }) => ({ kind: spec.kind, target: spec.target, remaining }));
  }

  /** The first fault that hits this request, counted down (and dropped when used up). */
  take(subject: FaultSubject): FaultKind | undefined {
    const index = this.#faults.findIndex(({ spec }) => hits(spec, subject));
    const fault = this.#faults[index];
    if (fault === undefined) return undefined;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.#faults.splice(index, 1);
    return fault.spec.kind;
  }
}

function hits(spec: FaultSpec, { request, keys }: FaultSubject): boolean {
  if (!appliesTo(spec.kind, request.service)) return false;
  const { target } = spec;
  if (typeof target === "number") return request.seq === target;
  if (target === "*") return true;
  const gigyaPath = Object.hasOwn(GIGYA_TARGETS, target) ? GIGYA_TARGETS[target] : undefined;
  if (gigyaPath !== undefined) return request.path === gigyaPath;
  if (request.endpoint === target) return true;
  if (keys.some((key) => key === target || key === `actions/${target}`)) return true;
  // Known names select exactly: `location` must not also hit `actions/refresh-location`.
  if (ENDPOINT_NAMES.has(target)) return false;
  return `${request.path}/`.includes(`/${target}/`);
}

function appliesTo(kind: FaultKind, service: RecordedRequest["service"]): boolean {
  if (isGigyaKind(kind)) return service === "gigya";
  if (KAMEREON_KINDS.has(kind)) return service === "kamereon";
  return true;
}

/** How long the `quota` fault tells the client to wait (HA pauses 15 minutes after a quota error). */
export const QUOTA_FAULT_RETRY_AFTER = 900;

/** The answer a fault gives. */
export function faultResponse(kind: FaultKind, now: number, request: RecordedRequest): SimulatorResponse {
  if ((HOSTILE_KINDS as readonly string[]).includes(kind))
    return hostileResponse(kind as HostileKind, request);
  switch (kind) {
    case "5xx":
      return { status: 500, body: loadFixture("kamereon/error/failed_forward.json") };
    case "upstream":
      return { status: 500, body: loadFixture("kamereon/error/invalid_upstream.json") };
    case "502html":
      return { status: 502, body: loadFixtureText("kamereon/error/bad_gateway.html") };
    case "reset":
      return { reset: true };
    case "hang":
      return { hang: true };
    case "privacy":
      return { status: 403, body: loadFixture("kamereon/error/privacy_on.json") };
    case "quota":
      return {
        status: 429,
        body: loadFixture("kamereon/error/quota_limit.json"),
        headers: { "retry-after": String(QUOTA_FAULT_RETRY_AFTER) },
      };
    case "unauthorized":
      return unauthorizedResponse("JWT rejected");
    case "forbidden":
      return { status: 403, body: loadFixture("kamereon/error/forbidden.json") };
    case "notfound":
      return { status: 404, body: loadFixture("kamereon/error/resource_not_found.json") };
    case "notsupported":
      return { status: 501, body: loadFixture("kamereon/error/not_supported.json") };
    case "inprogress":
      return { status: 409, body: loadFixture("kamereon/error/charge_mode_inprogress.json") };
    case "contract-ended":
      // docs/api-notes.md, 2026: an ended connected-services contract (Arkana XJL1TR, 2024-12).
      return kamereonError(404, "err.func.wired.notFound", CONTRACT_ENDED_MESSAGE);
    case "empty-garage":
      // docs/api-notes.md, 2026 "[report]"; the HTTP status is not known.
      return kamereonError(404, "err.func.wired.empty-vehicle-link", "No vehicle in garage");
    case "no-gdc":
      return errorAnswer(NO_GDC_GATEWAY);
    case "srp":
      return errorAnswer(SRP_REFUSAL);
    case "apikey":
      return { status: 403, body: { error: "access_denied", error_description: "Unauthorized" } };
    case "stall":
    case "drip":
    case "huge":
    case "bomb":
    case "redirect":
    case "retry-after-absurd":
    case "control-chars":
    case "echo-secret":
      return hostileResponse(kind, request);
    default:
      return gigyaFault(Number(kind.slice("gigya-".length)), now);
  }
}

/** Kamereon's answer to a JWT it does not accept. */
export function unauthorizedResponse(reason: string): SimulatorResponse {
  return {
    status: 401,
    body: {
      type: "FUNCTIONAL",
      messages: [{ code: "err.func.wired.unauthorized", message: reason }],
      errors: [{ errorCode: "err.func.wired.unauthorized", errorMessage: reason }],
      error_reference: "FUNCTIONAL",
    },
  };
}

const GIGYA_FIXTURES: Readonly<Record<number, string>> = {
  403042: "gigya/error/login.403042.json",
  403005: "gigya/error/get_jwt.403005.json",
  403013: "gigya/error/get_jwt.403013.json",
};

function gigyaFault(code: number, now: number): SimulatorResponse {
  const fixture = GIGYA_FIXTURES[code];
  // Gigya answers errors with HTTP 200 and the outcome in the body.
  if (fixture !== undefined) return { status: 200, body: loadFixture(fixture) };
  const base = {
    callId: randomBytes(8).toString("hex"),
    errorCode: code,
    apiVersion: 2,
    statusCode: Math.floor(code / 1000),
    time: new Date(now).toISOString(),
  };
  if (code === 403101) {
    // Shape of a real Renault answer (2026-06-01, docs/two-factor.md §5).
    return {
      status: 200,
      headers: { "x-error-code": "403101" },
      body: {
        ...base,
        UID: randomBytes(16).toString("hex"),
        errorDetails: "Pending Two-Factor Authentication",
        errorMessage: "Account Pending TFA Verification",
        regToken: `sim-reg-${randomBytes(12).toString("base64url")}`,
        sessionInfo: { expires_in: "3600" },
        statusReason: "Forbidden",
      },
    };
  }
  const [message, details] = GIGYA_MESSAGES[code] ?? ["Simulated Gigya error", "Simulated Gigya error"];
  return { status: 200, body: { ...base, errorDetails: details, errorMessage: message } };
}

/** Gigya's words for the codes a diagnosis tells apart (docs/api-notes.md, C.1; issue 19). */
const GIGYA_MESSAGES: Readonly<Record<number, readonly [message: string, details: string]>> = {
  400093: ["Invalid ApiKey parameter", "ApiKey is not valid"],
  403120: ["Account temporarily locked out", "Login Failed Captcha Required"],
};

/** The inner message of an ended contract: itself a JSON string (docs/api-notes.md, 2026). */
const CONTRACT_ENDED_MESSAGE = JSON.stringify({
  errors: [
    {
      errorCode: 404,
      errorMessage: "There is no data for this vin and uid",
      errorLevel: "error",
      errorType: "functional",
    },
  ],
  error_reference: "rrt-simulated",
});
