import { expect, test } from "vitest";
import { TimeoutError } from "../src/errors.js";
import { type Flight, SingleFlight } from "../src/session/single-flight.js";

const timeoutError = (timeout: number) => new TimeoutError({ method: "GET", url: "/x", timeout });

/** Work that settles only when told to, recording the flight it was given. */
function pending() {
  const flights: Flight[] = [];
  let resolve: (value: string) => void = () => undefined;
  const work = (flight: Flight) => {
    flights.push(flight);
    flight.startAttempt();
    return new Promise<string>((done) => (resolve = done));
  };
  return {
    flights,
    work,
    resolve: (value: string) => {
      resolve(value);
    },
  };
}

test("one caller leaving does not abort the shared work; the last one leaving does", async () => {
  const flight = new SingleFlight<string, string>(30_000);
  const { flights, work } = pending();
  const a = new AbortController();
  const b = new AbortController();
  const first = flight.run("k", { signal: a.signal, timeoutError }, work);
  const second = flight.run("k", { signal: b.signal, timeoutError }, work);
  await Promise.resolve();
  expect(flights).toHaveLength(1);
  const reason = new Error("first left");
  a.abort(reason);
  await expect(first).rejects.toBe(reason);
  expect(flights[0]!.signal.aborted).toBe(false);
  b.abort(new Error("second left"));
  await expect(second).rejects.toThrow("second left");
  expect(flights[0]!.signal.aborted).toBe(true);
  // The abandoned flight is forgotten: a new caller starts new work.
  void flight.run("k", { timeoutError }, work).catch(() => undefined);
  await Promise.resolve();
  await Promise.resolve();
  expect(flights).toHaveLength(2);
});

test("a caller's shorter timeout ends its wait only; the attempt runs with the longest", async () => {
  const flight = new SingleFlight<string, string>(30_000);
  const { flights, work, resolve } = pending();
  const short = flight.run("k", { timeout: 20, timeoutError }, work);
  const long = flight.run("k", { timeout: 5_000, timeoutError }, work);
  await Promise.resolve();
  await Promise.resolve();
  expect(flights[0]!.attemptTimeout()).toBe(5_000);
  await expect(short).rejects.toMatchObject({ name: "TimeoutError", timeout: 20 });
  expect(flights[0]!.signal.aborted).toBe(false);
  resolve("answer");
  await expect(long).resolves.toBe("answer");
});

test("a caller already aborted does not start any work", async () => {
  const flight = new SingleFlight<string, string>(30_000);
  const { flights, work } = pending();
  const reason = new Error("already gone");
  await expect(flight.run("k", { signal: AbortSignal.abort(reason), timeoutError }, work)).rejects.toBe(
    reason,
  );
  expect(flights).toHaveLength(0);
});
