import { expect, test } from "vitest";
import { loggedInSession, requestsTo, useSimulator } from "./support/sim.js";

test("login, person id, JWT and a Kamereon read go through the simulator", async () => {
  const sim = await useSimulator();
  const session = await loggedInSession(sim);
  const personId = await session.getPersonId();
  const person = (await session.request("GET", `/commerce/v1/persons/${personId}`)) as {
    accounts: unknown[];
  };
  expect(person.accounts).toHaveLength(2);
  expect(requestsTo(sim, "gigya").map((r) => r.path)).toEqual([
    "/accounts.webSdkBootstrap",
    "/accounts.login",
    "/accounts.getAccountInfo",
    "/accounts.getJWT",
  ]);
  const read = requestsTo(sim, "kamereon")[0]!;
  expect(read.query).toEqual({ country: "FR" });
  expect(read.headers.apikey).toBe(sim.kamereonApiKey);
  expect(read.headers["content-type"]).toBe("application/vnd.api+json");
});
