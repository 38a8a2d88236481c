/** Helpers of the doctor tests: a diagnosis against the simulator, and the checks by id. */
import { expect } from "vitest";
import { RenaultClient } from "../../src/client.js";
import { MemoryCredentialStore } from "../../src/credentials/store.js";
import type { CheckId, DiagnoseOptions, DiagnosticCheck, Diagnosis } from "../../src/doctor/diagnose.js";
import type { RenaultSessionOptions } from "../../src/session.js";
import type { Simulator } from "../../src/simulator/index.js";
import { simOptions } from "./sim.js";

/** A client on the simulator, /myr included. */
export function simClient(sim: Simulator, extra: RenaultSessionOptions = {}): RenaultClient {
  return new RenaultClient(
    simOptions(sim, { myrUrl: sim.myrUrl, credentialStore: new MemoryCredentialStore(), ...extra }),
  );
}

/** A client logged in as the demo user. */
export async function loggedInClient(
  sim: Simulator,
  extra: RenaultSessionOptions = {},
): Promise<RenaultClient> {
  const client = simClient(sim, extra);
  await client.login(sim.demo.email, sim.demo.password);
  return client;
}

/** Runs a diagnosis and returns it with the requests the simulator received meanwhile. */
export async function diagnoseOn(
  sim: Simulator,
  client: RenaultClient,
  options: DiagnoseOptions = {},
): Promise<{ diagnosis: Diagnosis; received: Simulator["requests"] }> {
  const since = sim.requests.at(-1)?.seq ?? 0;
  const diagnosis = await client.diagnose(options);
  return { diagnosis, received: sim.requests.filter((request) => request.seq > since) };
}

/** The one check with this id (and VIN); fails the test when there is not exactly one. */
export function checkOf(diagnosis: Diagnosis, id: CheckId, vin?: string): DiagnosticCheck {
  const found = diagnosis.checks.filter(
    (entry) => entry.id === id && (vin === undefined || entry.vin === vin),
  );
  expect(found, `checks ${id}`).toHaveLength(1);
  return found[0] as DiagnosticCheck;
}

/** Keeps one account with one car in the demo world (the ZOE 50). */
export function oneCarWorld(sim: Simulator): string {
  const vin = sim.demo.vins.zoe50;
  const account = sim.world.accounts.get(sim.demo.renaultAccountId);
  account?.vins.splice(0, account.vins.length, vin);
  const person = sim.world.persons.get(sim.demo.personId) as { accounts: { accountId: string }[] };
  person.accounts = person.accounts.filter((entry) => entry.accountId === sim.demo.renaultAccountId);
  return vin;
}
