/**
 * The faults a diagnosis (`doctor`, issue 19) must tell apart, as the simulator produces them:
 * wrong Gigya key, lock-out, ended contract, empty garage, no GDC gateway, SRP, and a server clock
 * that disagrees (the `Date` header). Real HTTP with node's fetch; the answers are checked as sent.
 */
import { expect, test } from "vitest";
import { RenaultSession } from "../src/session.js";
import { parseFaultSpec, SimulatorClock, type Simulator } from "../src/simulator/index.js";
import { loggedInSession, simOptions, useSimulator } from "./support/sim.js";

async function kamereon(sim: Simulator, jwt: string, path: string, init: RequestInit = {}) {
  const response = await fetch(`${sim.kamereonUrl}${path}?country=FR`, {
    ...init,
    headers: {
      apikey: sim.kamereonApiKey,
      "x-gigya-id_token": jwt,
      "content-type": "application/vnd.api+json",
    },
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const car = (sim: Simulator, leaf: string) =>
  `/commerce/v1/accounts/${sim.demo.renaultAccountId}/kamereon/kca/car-adapter/v1/cars/${sim.demo.vins.zoe50}/${leaf}`;

test("the new Kamereon kinds parse", () => {
  expect(
    parseFaultSpec(
      "contract-ended@cockpit:*,empty-garage@vehicles,no-gdc@notification-settings,srp@hvac-start",
    ),
  ).toEqual([
    { kind: "contract-ended", target: "cockpit", count: Infinity },
    { kind: "empty-garage", target: "vehicles", count: 1 },
    { kind: "no-gdc", target: "notification-settings", count: 1 },
    { kind: "srp", target: "hvac-start", count: 1 },
  ]);
});

test("contract-ended: 404 notFound whose message is the JSON 'There is no data for this vin and uid'", async () => {
  const sim = await useSimulator({ faults: "contract-ended@cockpit" });
  const session = await loggedInSession(sim, { retry: false });
  const { status, body } = await kamereon(sim, await session.getJwt(), car(sim, "cockpit"));
  expect(status).toBe(404);
  const [error] = body.errors as { errorCode: string; errorMessage: string }[];
  expect(error!.errorCode).toBe("err.func.wired.notFound");
  expect(JSON.parse(error!.errorMessage)).toMatchObject({
    errors: [{ errorCode: 404, errorMessage: "There is no data for this vin and uid" }],
  });
  expect(sim.requests.at(-1)).toMatchObject({ endpoint: "cockpit", fault: "contract-ended", status: 404 });
});

test("empty-garage, no-gdc and srp answer their envelopes", async () => {
  const sim = await useSimulator({
    faults: "empty-garage@vehicles,no-gdc@notification-settings,srp@hvac-start",
  });
  const session = await loggedInSession(sim, { retry: false });
  const jwt = await session.getJwt();
  const garage = await kamereon(sim, jwt, `/commerce/v1/accounts/${sim.demo.renaultAccountId}/vehicles`);
  expect(garage).toMatchObject({
    status: 404,
    body: {
      errors: [{ errorCode: "err.func.wired.empty-vehicle-link", errorMessage: "No vehicle in garage" }],
    },
  });
  const gdc = await kamereon(sim, jwt, car(sim, "notification-settings"));
  expect(gdc).toMatchObject({ status: 400, body: { errors: [{ errorCode: "400001" }] } });
  const srp = await kamereon(sim, jwt, car(sim, "actions/hvac-start"), {
    method: "POST",
    body: JSON.stringify({
      data: { type: "HvacStart", attributes: { action: "start", targetTemperature: 21 } },
    }),
  });
  expect(srp).toMatchObject({
    status: 403,
    body: { errors: [{ errorCode: "6", errorMessage: "CONTACT_SRC" }] },
  });
  expect(sim.world.vehicle(sim.demo.vins.zoe50).state.actions).toEqual([]); // refused: nothing done
});

test.each([
  ["gigya-400093", 400093, "Invalid ApiKey parameter"],
  ["gigya-403120", 403120, "Account temporarily locked out"],
] as const)("%s@login: Gigya's own words", async (kind, code, message) => {
  const sim = await useSimulator({ faults: `${kind}@login` });
  const session = new RenaultSession(simOptions(sim, { retry: false }));
  await expect(session.login(sim.demo.email, sim.demo.password)).rejects.toMatchObject({ code });
  const login = sim.requests.find((request) => request.endpoint === "login")!;
  expect(login).toMatchObject({ method: "POST", path: "/accounts.login", fault: kind, status: 200 });
  const response = await fetch(`${sim.gigyaUrl}/accounts.login`, {
    method: "POST",
    body: new URLSearchParams({ apiKey: "x", loginID: sim.demo.email, password: sim.demo.password }),
  });
  expect(await response.json()).not.toHaveProperty("errorMessage", message); // the fault was used up
  sim.addFault(`${kind}@login`);
  const again = await fetch(`${sim.gigyaUrl}/accounts.login`, {
    method: "POST",
    body: new URLSearchParams({ apiKey: "x", loginID: sim.demo.email, password: sim.demo.password }),
  });
  expect(await again.json()).toMatchObject({ errorCode: code, errorMessage: message });
});

test("dateOffset: the Date header is that far from the simulator's clock", async () => {
  const clock = new SimulatorClock({ start: "2026-12-01T05:00:00Z", speed: 0 });
  const sim = await useSimulator({ clock, dateOffset: 10 * 60_000 });
  const response = await fetch(`${sim.gigyaUrl}/accounts.login`, { method: "POST", body: "" });
  expect(response.headers.get("date")).toBe("Tue, 01 Dec 2026 05:10:00 GMT");
  await expect(useSimulator({ dateOffset: Number.NaN })).rejects.toThrow(/dateOffset/);
});
