/** client.diagnose, per car and local: each failure produced against the simulator (issue 19). */
import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, expect, test } from "vitest";
import { CredentialKey } from "../src/credentials/store.js";
import { checkOf, diagnoseOn, loggedInClient } from "./support/doctor.js";
import { useSimulator } from "./support/sim.js";

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

test("contract: the 404 'There is no data for this vin and uid' fails, pointing at the contracts", async () => {
  const sim = await useSimulator();
  const vin = sim.demo.vins.zoe50;
  sim.addFault(`contract-ended@${vin}:*`);
  const client = await loggedInClient(sim);
  const { diagnosis } = await diagnoseOn(sim, client, { vin });
  const contract = checkOf(diagnosis, "contract", vin);
  expect(contract).toMatchObject({
    status: "fail",
    message: expect.stringContaining("There is no data for this vin and uid"),
  });
  expect(contract.remedy).toMatch(/renew the connected-services subscription.*renault-api contracts/);
  expect(checkOf(diagnosis, "freshness", vin)).toMatchObject({
    status: "skip",
    message: "no data (see contract)",
  });
});

test("contract: a contracts list whose connected services all ended fails", async () => {
  const sim = await useSimulator();
  const vin = sim.demo.vins.zoe40;
  sim.route("GET", /\/contracts$/, () => ({
    body: [{ type: "CONNECTED_SERVICES", code: "ZECONNECTP", status: "ENDED", endDate: "2024-12-31" }],
  }));
  const { diagnosis } = await diagnoseOn(sim, await loggedInClient(sim), { vin });
  expect(checkOf(diagnosis, "contract", vin)).toMatchObject({
    status: "fail",
    message: "no active connected-services contract (ZECONNECTP ENDED 2024-12-31)",
    remedy: expect.stringContaining("renew"),
  });
});

test("privacy-mode: a car with data sharing off fails with 'turn data sharing on'", async () => {
  const sim = await useSimulator();
  const vin = sim.demo.vins.zoe50;
  sim.world.vehicle(vin).state.privacy = true;
  const { diagnosis } = await diagnoseOn(sim, await loggedInClient(sim), { vin });
  const privacy = checkOf(diagnosis, "privacy-mode", vin);
  expect(privacy).toMatchObject({ status: "fail", message: expect.stringContaining("privacy mode is on") });
  expect(privacy.remedy).toContain("turn data sharing on in the car");
  expect(checkOf(diagnosis, "freshness", vin).status).toBe("skip");
});

test("privacy-mode: told by a read when the feature list says nothing", async () => {
  const sim = await useSimulator({ faults: "privacy@battery-status:*" });
  const vin = sim.demo.vins.zoe50;
  sim.route("GET", /connected-vehicles$/, () => ({ body: { vehicleLinks: [{ vin }] } }));
  const { diagnosis } = await diagnoseOn(sim, await loggedInClient(sim), { vin });
  expect(checkOf(diagnosis, "privacy-mode", vin).status).toBe("fail");
});

test("remote-protocol: an SRP car warns that commands fail with errorCode 6, and says what to use", async () => {
  const sim = await useSimulator();
  const vin = sim.demo.vins.megane;
  sim.world.vehicle(vin).state.remoteProtocol = "SRP";
  const { diagnosis } = await diagnoseOn(sim, await loggedInClient(sim), { vin });
  const protocol = checkOf(diagnosis, "remote-protocol", vin);
  expect(protocol).toMatchObject({ status: "warn", message: expect.stringContaining("SRP") });
  expect(protocol.message).toContain("errorCode 6");
  expect(protocol.remedy).toContain("MyRenault app");
});

test("quota: a lockout in the ledger fails with its end time, and nothing is sent to the account", async () => {
  const sim = await useSimulator();
  const vin = sim.demo.vins.zoe50;
  const client = await loggedInClient(sim);
  const until = Date.now() + 20 * 60_000;
  await client.session.storeValues({
    [CredentialKey.quotaUntil]: JSON.stringify({ [sim.demo.renaultAccountId]: until }),
  });
  const { diagnosis, received } = await diagnoseOn(sim, client, { vin });
  const quota = checkOf(diagnosis, "quota", vin);
  expect(quota.status).toBe("fail");
  expect(quota.message).toContain(`until ${new Date(until).toISOString().slice(11, 16)} UTC`);
  expect(quota.remedy).toContain("poll less often");
  for (const id of ["contract", "privacy-mode", "remote-protocol", "freshness"] as const)
    expect(checkOf(diagnosis, id, vin).status).toBe("skip");
  expect(
    received.filter((request) => request.path.includes(`/accounts/${sim.demo.renaultAccountId}/`)),
  ).toEqual([]);
});

test("quota: spent during the diagnosis (a 429) fails with the time from the answer", async () => {
  const sim = await useSimulator({ quota: 2 });
  const vin = sim.demo.vins.zoe50;
  const { diagnosis } = await diagnoseOn(sim, await loggedInClient(sim), { vin });
  expect(checkOf(diagnosis, "quota", vin)).toMatchObject({
    status: "fail",
    message: expect.stringMatching(/until \d\d:\d\d UTC/),
  });
  expect(diagnosis.ok).toBe(false);
});

test("freshness: a car that last reported days ago warns with the age", async () => {
  const sim = await useSimulator();
  const vin = sim.demo.vins.zoe50;
  const old = new Date(Date.now() - 3 * 24 * 3600_000).toISOString();
  sim.route("GET", /battery-status$/, () => ({
    body: { data: { type: "Car", id: vin, attributes: { timestamp: old, batteryLevel: 50 } } },
  }));
  const { diagnosis } = await diagnoseOn(sim, await loggedInClient(sim), { vin });
  const freshness = checkOf(diagnosis, "freshness", vin);
  expect(freshness).toMatchObject({
    status: "warn",
    message: expect.stringContaining("3 days ago (battery-status)"),
  });
  expect(freshness.remedy).toContain("drive it or plug it in");
});

test("model: an undocumented model warns and asks for a probe report", async () => {
  const sim = await useSimulator();
  const car = sim.world.addVehicle(sim.demo.renaultAccountId, "duster.1.json");
  const { diagnosis } = await diagnoseOn(sim, await loggedInClient(sim), { vin: car.vin });
  const model = checkOf(diagnosis, "model", car.vin);
  expect(model).toMatchObject({ status: "warn", message: expect.stringContaining("is not documented") });
  expect(model.remedy).toContain("renault-api probe");
});

test("local: a credential file readable by others warns with chmod 600", async () => {
  const sim = await useSimulator();
  const dir = await mkdtemp(join(tmpdir(), "doctor-"));
  dirs.push(dir);
  const file = join(dir, "renault-api.json");
  await writeFile(file, "{}");
  await chmod(file, 0o644);
  const { diagnosis } = await diagnoseOn(sim, await loggedInClient(sim), {
    vin: sim.demo.vins.zoe50,
    credentialFile: file,
  });
  const local = checkOf(diagnosis, "local");
  expect(local).toMatchObject({ status: "warn", message: expect.stringContaining("mode 644") });
  expect(local.remedy).toBe(`chmod 600 ${file}`);
  await chmod(file, 0o600);
  const again = await diagnoseOn(sim, await loggedInClient(sim), {
    vin: sim.demo.vins.zoe50,
    credentialFile: file,
  });
  expect(checkOf(again.diagnosis, "local").status).toBe("ok");
});

test("local: a server Date ten minutes off this machine's clock fails and names NTP", async () => {
  const sim = await useSimulator({ dateOffset: -10 * 60_000 });
  const { diagnosis } = await diagnoseOn(sim, await loggedInClient(sim), { vin: sim.demo.vins.zoe50 });
  const local = checkOf(diagnosis, "local");
  expect(local).toMatchObject({
    status: "fail",
    message: expect.stringContaining("10 min ahead of the servers'"),
  });
  expect(local.remedy).toContain("NTP");
});

test("remote-protocol: a gateway that cannot be reached is skipped, not sent to", async () => {
  const sim = await useSimulator();
  const vin = sim.demo.vins.zoe50;
  const client = await loggedInClient(sim, { myrUrl: "http://127.0.0.1:1/apis" });
  const { diagnosis, received } = await diagnoseOn(sim, client, { vin });
  expect(checkOf(diagnosis, "network").status).toBe("fail");
  expect(checkOf(diagnosis, "remote-protocol", vin).status).toBe("skip");
  expect(received.map((request) => request.endpoint)).not.toContain("myr/connected-vehicles");
});
