/**
 * Issue 20, defects 2, 3 and 4: an absurd `Retry-After`, a shared read that obeyed its first
 * caller, and a stale request that deleted a fresh login token. Each test failed before the fix.
 */
import { expect, test } from "vitest";
import { MemoryCredentialStore, QuotaLimitError, RenaultVehicle, TimeoutError } from "../src/index.js";
import { CredentialKey } from "../src/credentials/store.js";
import { RenaultSession } from "../src/session.js";
import { loggedInSession, requestsTo, simOptions, useSimulator } from "./support/sim.js";

const DAY = 24 * 3600_000;

for (const retryAfter of [
  "99999999999999999999",
  String(10 * 365 * 24 * 3600),
  "Fri, 31 Dec 9999 23:59:59 GMT",
  "-5",
  "NaN",
]) {
  test(`Retry-After ${retryAfter}: the lockout is at most a day and formats as a date`, async () => {
    const sim = await useSimulator();
    const session = await loggedInSession(sim);
    sim.route("GET", /battery-status/, () => ({
      status: 429,
      headers: { "retry-after": retryAfter },
      body: { errors: [{ errorCode: "err.func.wired.overloaded", errorMessage: "quota" }] },
    }));
    const vehicle = battery(session, sim.demo.renaultAccountId, sim.demo.vins.zoe50);
    const error = await vehicle.getBatteryStatus().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(QuotaLimitError);
    const { retryAt } = error as QuotaLimitError;
    expect(retryAt).toBeGreaterThanOrEqual(Date.now() - 1000);
    expect(retryAt).toBeLessThanOrEqual(Date.now() + DAY);
    expect(() => new Date(retryAt).toISOString()).not.toThrow();
    // The next process reads a sane lockout too, and sends nothing.
    const stored = JSON.parse((await session.credentialStore.read())[CredentialKey.quotaUntil] ?? "{}");
    expect(Object.values(stored as Record<string, number>).every((until) => until <= Date.now() + DAY)).toBe(
      true,
    );
  });
}

test("a stored lockout that fails validation is treated as absent", async () => {
  const sim = await useSimulator();
  const store = new MemoryCredentialStore();
  const first = await loggedInSession(sim, { credentialStore: store });
  await first.getJwt();
  for (const bad of ["1e400", String(Date.now() + 20 * 365 * DAY), '"soon"', "-1"]) {
    await store.update({ [CredentialKey.quotaUntil]: `{"${sim.demo.renaultAccountId}": ${bad}}` });
    const session = new RenaultSession(simOptions(sim, { credentialStore: store }));
    const since = sim.requests.at(-1)!.seq;
    await battery(session, sim.demo.renaultAccountId, sim.demo.vins.zoe50).getBatteryStatus();
    expect(requestsTo(sim, "kamereon", since).map((request) => request.endpoint)).toEqual(["battery-status"]);
  }
});

test("aborting one of two identical reads: the other succeeds, one request is sent", async () => {
  const sim = await useSimulator({ latency: 150 });
  const session = await loggedInSession(sim);
  await session.getJwt();
  const vehicle = battery(session, sim.demo.renaultAccountId, sim.demo.vins.zoe50);
  const since = sim.requests.at(-1)!.seq;
  const controller = new AbortController();
  const reason = new Error("user left");
  const first = vehicle.getBatteryStatus({ signal: controller.signal });
  const second = vehicle.getBatteryStatus();
  setTimeout(() => {
    controller.abort(reason);
  }, 30);
  await expect(first).rejects.toBe(reason);
  expect((await second).batteryLevel).toBeTypeOf("number");
  expect(requestsTo(sim, "kamereon", since).map((request) => request.endpoint)).toEqual(["battery-status"]);
});

test("a short timeout on one of two identical reads does not fail the other", async () => {
  const sim = await useSimulator({ latency: 300 });
  const session = await loggedInSession(sim, { retry: false });
  await session.getJwt();
  const vehicle = battery(session, sim.demo.renaultAccountId, sim.demo.vins.zoe50);
  const since = sim.requests.at(-1)!.seq;
  const first = vehicle.getBatteryStatus({ timeout: 50 });
  const second = vehicle.getBatteryStatus();
  await expect(first).rejects.toBeInstanceOf(TimeoutError);
  expect((await second).batteryLevel).toBeTypeOf("number");
  expect(requestsTo(sim, "kamereon", since)).toHaveLength(1);
});

test("the shared read is aborted once every caller has left", async () => {
  const sim = await useSimulator();
  const session = await loggedInSession(sim, { retry: false });
  await session.getJwt();
  sim.addFault("hang@battery-status");
  const vehicle = battery(session, sim.demo.renaultAccountId, sim.demo.vins.zoe50);
  const controllers = [new AbortController(), new AbortController()];
  const abandoned = Promise.allSettled(
    controllers.map((controller) => vehicle.getBatteryStatus({ signal: controller.signal })),
  );
  await until(() => sim.requests.some((request) => request.endpoint === "battery-status"));
  controllers[0]!.abort(new Error("gone"));
  await new Promise((resolve) => setTimeout(resolve, 20));
  controllers[1]!.abort(new Error("gone too"));
  expect((await abandoned).map((result) => result.status)).toEqual(["rejected", "rejected"]);
  // A later read does not join the abandoned (hanging) one: it is sent afresh and answered.
  const since = sim.requests.at(-1)!.seq;
  await expect(vehicle.getBatteryStatus({ timeout: 1000 })).resolves.toBeDefined();
  expect(requestsTo(sim, "kamereon", since).map((request) => request.status)).toEqual([200]);
});

test("aborting one of two concurrent JWT mints: the other gets the JWT, one getJWT is sent", async () => {
  const sim = await useSimulator({ latency: 100 });
  const session = await loggedInSession(sim);
  const since = sim.requests.at(-1)!.seq;
  const controller = new AbortController();
  const first = session.getJwt({ signal: controller.signal });
  const second = session.getJwt();
  setTimeout(() => {
    controller.abort(new Error("left"));
  }, 20);
  await expect(first).rejects.toThrow("left");
  await expect(second).resolves.toMatch(/\./);
  expect(requestsTo(sim, "gigya", since).map((request) => request.endpoint)).toEqual(["jwt"]);
});

test("a stale login's 403005 does not delete the fresh login token another login stored", async () => {
  const sim = await useSimulator();
  const store = new MemoryCredentialStore();
  const stale = await loggedInSession(sim, { credentialStore: store });
  // Another process (its own session on the same store) logs in again: a fresh token.
  const fresh = await loggedInSession(sim, { credentialStore: store });
  const freshToken = (await store.read())[CredentialKey.loginToken];
  expect(freshToken).toBeDefined();
  sim.addFault("gigya-403005@jwt");
  await expect(stale.getJwt()).rejects.toThrow(/expired/i);
  expect((await store.read())[CredentialKey.loginToken]).toBe(freshToken);
  await expect(fresh.getJwt()).resolves.toMatch(/\./);
});

test("a rejected login token that is still the stored one is cleared", async () => {
  const sim = await useSimulator();
  const store = new MemoryCredentialStore();
  const session = await loggedInSession(sim, { credentialStore: store });
  sim.addFault("gigya-403005@jwt");
  await expect(session.getJwt()).rejects.toThrow(/expired/i);
  expect((await store.read())[CredentialKey.loginToken]).toBeUndefined();
});

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}

function battery(session: RenaultSession, accountId: string, vin: string): RenaultVehicle {
  return new RenaultVehicle({ session, accountId, vin, details: { model: { code: "X102VE" } } });
}
