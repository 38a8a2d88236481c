/**
 * Issue 13.7 (client side): what the client learnt survives a restart, and an integrator who keeps
 * only the login token saves and restores the rest with exportState / importState.
 */
import { expect, test } from "vitest";
import { CredentialKey, MemoryCredentialStore, RenaultClient } from "../src/index.js";
import { simOptions, useSimulator } from "./support/sim.js";

test("a new client on the same store relearns nothing: accounts with zero requests", async () => {
  const sim = await useSimulator();
  const store = new MemoryCredentialStore();
  const first = new RenaultClient(simOptions(sim, { credentialStore: store }));
  await first.login(sim.demo.email, sim.demo.password);
  const learnt = await first.getAccounts();
  expect(learnt.map((account) => account.accountId)).toContain(sim.demo.renaultAccountId);
  const since = sim.requests.at(-1)!.seq;

  const restarted = new RenaultClient(simOptions(sim, { credentialStore: store }));
  const accounts = await restarted.getAccounts();
  expect(accounts.map((account) => account.accountId)).toEqual(learnt.map((account) => account.accountId));
  expect(sim.requests.filter((request) => request.seq > since)).toEqual([]);
});

test("getAccounts({ refresh: true }) reads the person again", async () => {
  const sim = await useSimulator();
  const client = new RenaultClient(simOptions(sim));
  await client.login(sim.demo.email, sim.demo.password);
  await client.getAccounts();
  const since = sim.requests.at(-1)!.seq;
  await client.getAccounts({ refresh: true });
  expect(sim.requests.filter((request) => request.seq > since).map((request) => request.endpoint)).toEqual([
    "person",
  ]);
});

test("learnt accounts of another person are not used", async () => {
  const sim = await useSimulator();
  const store = new MemoryCredentialStore();
  const client = new RenaultClient(simOptions(sim, { credentialStore: store }));
  await client.login(sim.demo.email, sim.demo.password);
  await store.update({
    [CredentialKey.accounts]: JSON.stringify({ personId: "someone-else", accounts: [{ id: "theirs" }] }),
  });
  const accounts = await new RenaultClient(simOptions(sim, { credentialStore: store })).getAccounts();
  expect(accounts.map((account) => account.accountId)).not.toContain("theirs");
});

test("exportState: exactly the non-secret learnt keys; importState after restoreLogin: no relearning", async () => {
  const sim = await useSimulator();
  const client = new RenaultClient(simOptions(sim));
  await client.login(sim.demo.email, sim.demo.password);
  await client.getAccounts();
  const vehicles = JSON.stringify({ VF1AAAAA555777999: { model: "X102VE" } });
  await client.session.storeValues({ [CredentialKey.vehicles]: vehicles });
  const state = await client.exportState();
  expect(Object.keys(state).sort()).toEqual([
    "gigya_person_id",
    "renault_api_accounts",
    "renault_api_vehicles",
  ]);
  expect(state.renault_api_vehicles).toBe(vehicles);
  const text = JSON.stringify(state);
  const stored = await client.session.credentialStore.read();
  for (const key of [CredentialKey.loginToken, CredentialKey.jwt, CredentialKey.gmid, CredentialKey.ucid])
    expect(text).not.toContain(stored[key]!);
  expect(text).not.toContain(sim.demo.password);

  // The integrator kept only the token and the state (through JSON, as it would be saved).
  const token = (await client.getLoginToken())!;
  const saved = JSON.parse(JSON.stringify({ token, state })) as { token: string; state: typeof state };
  const since = sim.requests.at(-1)!.seq;
  const restarted = new RenaultClient(simOptions(sim));
  await restarted.restoreLogin(saved.token);
  await restarted.importState(saved.state);
  const accounts = await restarted.getAccounts();
  expect(accounts.map((account) => account.accountId)).toContain(sim.demo.renaultAccountId);
  expect(sim.requests.filter((request) => request.seq > since)).toEqual([]);
  expect(await restarted.exportState()).toEqual(state);
});

test("importState ignores invalid parts and unknown keys (a token cannot be smuggled in)", async () => {
  const store = new MemoryCredentialStore();
  const client = new RenaultClient({ locale: "fr_FR", credentialStore: store });
  const now = Date.now();
  await client.importState({
    gigya_person_id: "bad id\n",
    renault_api_accounts: "{not json",
    renault_api_vehicles: "[1,2]",
    kamereon_quota_until: JSON.stringify({ a: now + 10 * 365 * 24 * 3600_000 }),
    gigya_login_token: "smuggled",
    gigya_jwt: "smuggled",
  } as never);
  expect(await store.read()).toEqual({});
  await client.importState({
    gigya_person_id: "person-1",
    kamereon_quota_until: JSON.stringify({ a: now + 60_000 }),
  });
  expect(Object.keys(await store.read()).sort()).toEqual(["gigya_person_id", "kamereon_quota_until"]);
  await expect(client.importState(null as never)).rejects.toMatchObject({ name: "InvalidArgumentError" });
  await expect(client.importState("x" as never)).rejects.toMatchObject({ name: "InvalidArgumentError" });
});
