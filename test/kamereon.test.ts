import { readFileSync } from "node:fs";
import { expect, test } from "vitest";
import {
  AccessDeniedError,
  ChargeModeInProgressError,
  FailedForwardError,
  ForbiddenError,
  HttpError,
  InvalidApiKeyError,
  InvalidInputError,
  InvalidResponseError,
  InvalidUpstreamError,
  KamereonError,
  NotSupportedError,
  PrivacyModeOnError,
  QuotaLimitError,
  ResourceNotFoundError,
  UnauthorizedError,
} from "../src/errors.js";
import { extractDetails } from "../src/kamereon/kamereon.js";
import { loggedInSession, useSimulator } from "./support/sim.js";

const PATH = "/commerce/v1/accounts/account-id-1/kamereon/kca/car-adapter/v1/cars/VF1AAAAA555777999/cockpit";
const errorFixture = (name: string) =>
  readFileSync(new URL(`../fixtures/kamereon/error/${name}`, import.meta.url), "utf8");

async function answer(status: number, body: unknown, headers: Record<string, string> = {}) {
  const sim = await useSimulator();
  const session = await loggedInSession(sim, { retry: false });
  sim.route("GET", PATH, () => ({ status, body, headers }));
  return { sim, result: await session.request("GET", PATH).catch((e: unknown) => e) };
}

test.each([
  ["access_denied.json", 403, AccessDeniedError, "err.func.403", "Access is denied for this resource"],
  [
    "charge_mode_inprogress.json",
    409,
    ChargeModeInProgressError,
    "409001",
    "A remote CHARGE_MODE is already in progress",
  ],
  [
    "failed_forward.json",
    500,
    FailedForwardError,
    "err.tech.wired.kamereon-proxy",
    "Failed to forward request to remote service.",
  ],
  ["forbidden.json", 403, ForbiddenError, "err.func.wired.forbidden", "The access is forbidden"],
  [
    "hvac-status.403.403011.json",
    403,
    AccessDeniedError,
    "err.func.403",
    "Operation not supported Operation not supported for this can (C1A)",
  ],
  [
    "invalid_date.json",
    400,
    InvalidInputError,
    "err.func.400",
    "/data/attributes/startDateTime must be a future date",
  ],
  [
    "invalid_upstream.json",
    500,
    InvalidUpstreamError,
    "err.tech.500",
    "Invalid response from the upstream server (The request sent to the GDC is erroneous) ; 502 Bad Gateway",
  ],
  [
    "not_supported.json",
    501,
    NotSupportedError,
    "err.tech.501",
    "This feature is not technically supported by this gateway",
  ],
  ["privacy_on.json", 403, PrivacyModeOnError, "err.func.privacy.on", "Privacy mode currently ON"],
  [
    "quota_limit.json",
    429,
    QuotaLimitError,
    "err.func.wired.overloaded",
    "You have reached your quota limit",
  ],
  ["resource_not_found.json", 404, ResourceNotFoundError, "err.func.wired.notFound", "Resource not found"],
])("%s → %s with code and details", async (file, status, ErrorClass, code, details) => {
  const { result } = await answer(status, errorFixture(file));
  expect(result).toBeInstanceOf(ErrorClass);
  expect(result).toBeInstanceOf(KamereonError);
  expect(result).toMatchObject({ code, details, status, method: "GET" });
  expect((result as KamereonError).errors).toEqual([{ code, details }]);
  expect((result as Error).message).toContain(code);
});

test("inner code 403011 is kept on the error; inner 403009 means privacy mode", async () => {
  const { result } = await answer(403, errorFixture("hvac-status.403.403011.json"));
  expect((result as KamereonError).innerCode).toBe("403011");
  const privacy = JSON.stringify({
    errors: [
      {
        errorCode: "err.func.403",
        errorMessage: JSON.stringify({ errors: [{ code: "403009", title: "Privacy mode currently ON" }] }),
      },
    ],
  });
  const second = await answer(403, privacy);
  expect(second.result).toBeInstanceOf(PrivacyModeOnError);
});

test("every error of the list is kept, numeric codes become strings", async () => {
  const { result } = await answer(400, {
    errors: [
      { errorCode: 400001, errorMessage: "The vehicle does not have a GDC gateway" },
      { errorCode: "err.func.wired.invalid-body", errorMessage: "bad body" },
    ],
  });
  expect(result).toBeInstanceOf(KamereonError);
  expect((result as KamereonError).errors).toEqual([
    { code: "400001", details: "The vehicle does not have a GDC gateway" },
    { code: "err.func.wired.invalid-body", details: "bad body" },
  ]);
});

test("the HTML 502 page is an HttpError with its status, not 'invalid JSON'", async () => {
  const { result } = await answer(502, errorFixture("bad_gateway.html"));
  expect(result).toBeInstanceOf(HttpError);
  expect(result).not.toBeInstanceOf(KamereonError);
  expect((result as HttpError).status).toBe(502);
});

test("a non-JSON 200 is an InvalidResponseError; an empty 200 is an empty object", async () => {
  expect((await answer(200, "<html>ok?</html>")).result).toBeInstanceOf(InvalidResponseError);
  expect((await answer(200, "")).result).toEqual({});
  expect((await answer(200, '  \n {"data":{}}')).result).toEqual({ data: {} });
});

test("a bare array is wrapped under data (or the call's key)", async () => {
  const sim = await useSimulator();
  const session = await loggedInSession(sim);
  sim.route("GET", PATH, () => ({ body: [{ a: 1 }] }));
  await expect(session.request("GET", PATH)).resolves.toEqual({ data: [{ a: 1 }] });
  await expect(session.request("GET", PATH, { arrayKey: "contractList" })).resolves.toEqual({
    contractList: [{ a: 1 }],
  });
});

test("access_denied without an errors list is a stale Kamereon key", async () => {
  const { result } = await answer(403, { error: "access_denied", error_description: "Unauthorized" });
  expect(result).toBeInstanceOf(InvalidApiKeyError);
});

test("a plain 429 is a quota error whose retryAt honours Retry-After", async () => {
  const before = Date.now();
  const { result } = await answer(429, "", { "retry-after": "120" });
  expect(result).toBeInstanceOf(QuotaLimitError);
  expect((result as QuotaLimitError).retryAt).toBeGreaterThanOrEqual(before + 120_000);
  expect((result as QuotaLimitError).retryAt).toBeLessThan(before + 125_000);
});

test("a JSON error without errors keeps the HTTP status; a JSON scalar is invalid", async () => {
  expect((await answer(404, { message: "Requested route does not exist" })).result).toMatchObject({
    name: "HttpError",
    status: 404,
  });
  expect((await answer(200, "42")).result).toBeInstanceOf(InvalidResponseError);
  expect((await answer(503, "42")).result).toMatchObject({ name: "HttpError", status: 503 });
});

test("a JWT rejection is an UnauthorizedError when re-minting cannot help", async () => {
  const sim = await useSimulator();
  const session = await loggedInSession(sim);
  sim.route("GET", PATH, () => ({
    status: 401,
    body: { errors: [{ errorCode: "err.func.wired.unauthorized", errorMessage: "no" }] },
  }));
  await expect(session.request("GET", PATH)).rejects.toBeInstanceOf(UnauthorizedError);
});

test.each([
  ["plain text", { details: "plain text", innerCode: undefined }],
  ['{"errors":"nope"}', { details: '{"errors":"nope"}', innerCode: undefined }],
  ['{"errors":[{"code":1},null]}', { details: '{"errors":[{"code":1},null]}', innerCode: "1" }],
  ['{"errors":[{"title":"A"},{"detail":"B"}]}', { details: "A, B", innerCode: undefined }],
])("details of %s", (message, expected) => {
  expect(extractDetails(message)).toEqual(expected);
});
