/**
 * Issue 20, defect 2 on a real socket: an absurd `Retry-After` on a quota answer is bounded to a
 * day (`MAX_COOLDOWN`, src/http/retry.ts), so the Kamereon adapter's quota error has valid dates.
 */
import { expect, test } from "vitest";
import { QuotaLimitError } from "../src/errors.js";
import { send } from "../src/http/transport.js";
import { MAX_COOLDOWN as MAX_RETRY_AFTER } from "../src/http/retry.js";
import { kamereonRequest } from "../src/kamereon/kamereon.js";
import { json, useHostileServer } from "./support/hostile-server.js";

const NOW = Date.UTC(2026, 11, 1, 10, 0, 0);
const QUOTA = { errors: [{ errorCode: "err.func.wired.overloaded", errorMessage: "quota" }] };

test.each([
  ["a huge number of seconds", "99999999999999999999", MAX_RETRY_AFTER],
  ["ten years", String(10 * 365 * 24 * 3600), MAX_RETRY_AFTER],
  ["a date in year 9999", "Fri, 31 Dec 9999 23:59:59 GMT", MAX_RETRY_AFTER],
  ["two minutes", "120", 120_000],
])("Retry-After of %s gives a quota error with a valid, bounded retryAt", async (_name, header, wait) => {
  const server = await useHostileServer();
  server.route("/p", json(429, QUOTA, { "retry-after": header }));
  const context = {
    url: server.url,
    apiKey: "K-api-key-0001",
    country: "FR",
    jwt: "jwt",
    now: () => NOW,
    quotaCooldown: 15 * 60_000,
    send: (request: Parameters<typeof send>[0]) => send(request),
  };
  const error = await kamereonRequest(context, { method: "GET", path: "/p" }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(QuotaLimitError);
  const quota = error as QuotaLimitError;
  expect(quota.retryAt).toBe(NOW + wait);
  expect(new Date(quota.retryAt).toISOString()).toMatch(/^2026-12-0[12]T/);
  expect(quota.retryAfter).toBe(wait / 1000);
  expect(server.requests).toHaveLength(1);
});
