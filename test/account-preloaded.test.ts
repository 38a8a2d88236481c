import { expect, test } from "vitest";
import { RenaultAccount } from "../src/account.js";
import { RenaultClient } from "../src/client.js";
import { EndpointNotAvailableError } from "../src/errors.js";
import { loggedInSession, requestsTo, useSimulator } from "./support/sim.js";

test("vehicle with known details routes without a details request", async () => {
  const sim = await useSimulator();
  const client = new RenaultClient({ session: await loggedInSession(sim) });
  const account = client.account(sim.demo.renaultAccountId);
  const since = sim.requests.length;
  const zoe40 = account.vehicle(sim.demo.vins.zoe40, { details: { model: { code: "X101VE" } } });
  await expect(zoe40.getCockpit()).resolves.toHaveProperty("totalMileage");
  await expect(zoe40.getLocation()).rejects.toBeInstanceOf(EndpointNotAvailableError); // X101VE: no location
  expect(requestsTo(sim, "kamereon", since).map((request) => request.endpoint)).toEqual(["cockpit"]);
  // The model is then kept in the session's credential store: a fresh instance needs no details.
  const fresh = account.vehicle(sim.demo.vins.zoe40);
  await fresh.getCockpit();
  expect(requestsTo(sim, "kamereon", since).map((request) => request.endpoint)).toEqual([
    "cockpit",
    "cockpit",
  ]);
  // On another store, the details are fetched first.
  const elsewhere = new RenaultClient({ session: await loggedInSession(sim) })
    .account(sim.demo.renaultAccountId)
    .vehicle(sim.demo.vins.zoe40);
  await elsewhere.getCockpit();
  expect(requestsTo(sim, "kamereon", since).map((request) => request.endpoint)).toEqual([
    "cockpit",
    "cockpit",
    "details",
    "cockpit",
  ]);
});

test("vehicle links without a VIN are skipped, with or without the client's memory", async () => {
  const sim = await useSimulator();
  const session = await loggedInSession(sim);
  sim.route("GET", /\/accounts\/[^/]+\/vehicles$/, () => ({
    body: { accountId: "account-id-1", vehicleLinks: [{ vehicleDetails: {} }, { vin: sim.demo.vins.zoe50 }] },
  }));
  const viaClient = await new RenaultClient({ session }).account("account-id-1").getVehicles();
  expect(viaClient.map((vehicle) => vehicle.vin)).toEqual([sim.demo.vins.zoe50]);
  const bare = await new RenaultAccount({ session, accountId: "account-id-1" }).getVehicles();
  expect(bare.map((vehicle) => vehicle.vin)).toEqual([sim.demo.vins.zoe50]);
  sim.clearRoutes();
  sim.route("GET", /\/accounts\/[^/]+\/vehicles$/, () => ({ body: { accountId: "account-id-1" } }));
  await expect(new RenaultAccount({ session, accountId: "account-id-1" }).getVehicles()).resolves.toEqual([]);
});
