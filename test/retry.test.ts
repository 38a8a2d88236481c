import { expect, test } from "vitest";
import { backoff, parseRetryAfter, sleep } from "../src/http/retry.js";

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
