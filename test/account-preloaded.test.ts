import { expect, test } from "vitest";
import { RenaultClient } from "../src/client.js";
import { EndpointNotAvailableError } from "../src/errors.js";
import { loggedInSession, requestsTo, useSimulator } from "./support/sim.js";

test("getApiVehicle with known details routes without a details request", async () => {
  const sim = await useSimulator();
  const client = new RenaultClient({ session: await loggedInSession(sim) });
  const account = client.getApiAccount(sim.demo.renaultAccountId);
  const since = sim.requests.length;
  const zoe40 = account.getApiVehicle(sim.demo.vins.zoe40, { details: { model: { code: "X101VE" } } });
  await expect(zoe40.getCockpit()).resolves.toHaveProperty("totalMileage");
  await expect(zoe40.getLocation()).rejects.toBeInstanceOf(EndpointNotAvailableError); // X101VE: no location
  expect(requestsTo(sim, "kamereon", since).map((request) => request.endpoint)).toEqual(["cockpit"]);
  const fresh = account.getApiVehicle(sim.demo.vins.zoe40);
  await fresh.getCockpit();
  expect(requestsTo(sim, "kamereon", since).map((request) => request.endpoint)).toEqual([
    "cockpit",
    "details",
    "cockpit",
  ]);
});
