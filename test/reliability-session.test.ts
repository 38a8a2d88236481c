/**
 * Two session behaviours found by the fault matrix (both fixed in src/session.ts): one re-mint for
 * all the reads refused with the same JWT, and a failed re-login keeps the previous login.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { onTestFinished, expect, test } from "vitest";
import { FileCredentialStore, MemoryCredentialStore, RenaultVehicle } from "../src/index.js";
import { loggedInSession, requestsTo, useSimulator } from "./support/sim.js";

test("the matrix's setting still holds: a rejected JWT costs one re-mint for one read", async () => {
  const sim = await useSimulator();
  const session = await loggedInSession(sim);
  await session.getJwt();
  const vehicle = new RenaultVehicle({
    session,
    accountId: sim.demo.renaultAccountId,
    vin: sim.demo.vins.zoe50,
    details: { model: { code: "X102VE" } },
  });
  const since = sim.requests.at(-1)!.seq;
  sim.addFault("unauthorized@cockpit");
  await vehicle.getCockpit();
  expect(requestsTo(sim, "gigya", since).map((request) => request.endpoint)).toEqual(["jwt"]);
});

// Before the fix each of N concurrent reads rejected for the same JWT minted its own (N getJWT): a
// read that saw the rejection late deleted the JWT another read had just minted. Seen in the matrix:
// `unauthorized` once on the CLI's `status` cost 16 requests where 12 would do.
test("concurrent reads rejected for the same JWT mint one new JWT between them", async () => {
  const sim = await useSimulator();
  const dir = await mkdtemp(join(tmpdir(), "renault-jwt-"));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  // The credential file of the CLI (its writes take time, which opens the window).
  const session = await loggedInSession(sim, {
    credentialStore: new FileCredentialStore(join(dir, "credentials.json")),
  });
  await session.getJwt();
  const vehicle = new RenaultVehicle({
    session,
    accountId: sim.demo.renaultAccountId,
    vin: sim.demo.vins.zoe50,
    details: { model: { code: "X102VE" } },
  });
  const since = sim.requests.at(-1)!.seq;
  // The fault revokes the JWT it hits, so every read in flight with it is refused too.
  sim.addFault("unauthorized@cockpit");
  await Promise.all([
    vehicle.getCockpit(),
    vehicle.getBatteryStatus(),
    vehicle.getLocation(),
    vehicle.getHvacStatus(),
    vehicle.getTyrePressure(),
  ]);
  expect(requestsTo(sim, "gigya", since).map((request) => request.endpoint)).toEqual(["jwt"]);
});

// `login` used to clear the stored login token before asking Gigya, so a re-login that failed on a
// network error, a timeout or a 5xx left the user logged out although the old token still worked.
test("a re-login that fails on a transient fault keeps the previous login token", async () => {
  const sim = await useSimulator();
  const store = new MemoryCredentialStore();
  const session = await loggedInSession(sim, { credentialStore: store, retry: false });
  const before = (await store.read()).gigya_login_token;
  expect(before).toBeTruthy();
  for (const fault of ["reset@login", "502html@login"]) {
    sim.addFault(fault);
    await expect(session.login(sim.demo.email, sim.demo.password)).rejects.toBeInstanceOf(Error);
    expect((await store.read()).gigya_login_token, fault).toBe(before);
  }
});
