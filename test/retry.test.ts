import { expect, test } from "vitest";
import { backoff, boundCooldown, MAX_COOLDOWN, parseRetryAfter, sleep } from "../src/http/retry.js";

test("backoff doubles from 500 ms, is capped at 8 s and jitters by ±25 %", () => {
  expect([1, 2, 3, 4, 5, 6].map((n) => backoff(n, () => 0.5))).toEqual([500, 1000, 2000, 4000, 8000, 8000]);
  expect(backoff(1, () => 0)).toBe(375);
  expect(backoff(1, () => 1)).toBe(625);
});

test("Retry-After in seconds or as an HTTP date", () => {
  const now = Date.parse("2026-11-25T10:00:00Z");
  expect(parseRetryAfter("120", now)).toBe(120_000);
  expect(parseRetryAfter("1.5", now)).toBe(1_500);
  expect(parseRetryAfter("Wed, 25 Nov 2026 10:01:00 GMT", now)).toBe(60_000);
  expect(parseRetryAfter("Wed, 25 Nov 2026 09:00:00 GMT", now)).toBe(0);
  expect(parseRetryAfter("soon", now)).toBeUndefined();
  expect(parseRetryAfter(null, now)).toBeUndefined();
  expect(parseRetryAfter(" ", now)).toBeUndefined();
});

test("an absurd Retry-After is bounded to a day; negative, NaN and past dates give no wait", () => {
  const now = Date.parse("2026-11-25T10:00:00Z");
  expect(MAX_COOLDOWN).toBe(24 * 3600_000);
  expect(parseRetryAfter("99999999999999999999", now)).toBe(MAX_COOLDOWN);
  expect(parseRetryAfter(String(10 * 365 * 86_400), now)).toBe(MAX_COOLDOWN);
  expect(parseRetryAfter("Fri, 31 Dec 9999 23:59:59 GMT", now)).toBe(MAX_COOLDOWN);
  expect(parseRetryAfter("-5", now)).toBe(0);
  expect(parseRetryAfter("NaN", now)).toBeUndefined();
  expect([Number.NaN, -1, Infinity, 1.4].map(boundCooldown)).toEqual([0, 0, MAX_COOLDOWN, 1]);
});

test("sleep resolves, and rejects with the signal's reason when aborted", async () => {
  await expect(sleep(0)).resolves.toBeUndefined();
  await expect(sleep(5)).resolves.toBeUndefined();
  const reason = new Error("stop");
  await expect(sleep(10, AbortSignal.abort(reason))).rejects.toBe(reason);
  const controller = new AbortController();
  const pending = sleep(10_000, controller.signal);
  controller.abort(reason);
  await expect(pending).rejects.toBe(reason);
});
