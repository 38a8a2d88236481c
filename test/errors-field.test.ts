/**
 * The errors owners reported (issue 15.3), from the simulator's fault kinds to a typed error with
 * a message that says what to do, in the library and in the CLI.
 */
import { describe, expect, test } from "vitest";
import {
  ContractEndedError,
  EmptyGarageError,
  EndpointNotAvailableError,
  NoGdcGatewayError,
  NotSupportedError,
  ResourceNotFoundError,
} from "../src/errors.js";
import { RenaultClient, type RenaultVehicle } from "../src/index.js";
import type { Simulator } from "../src/simulator/server.js";
import { loggedInHome } from "./support/cli.js";
import { loggedInSession, requestsTo, useSimulator } from "./support/sim.js";

async function zoe(sim: Simulator): Promise<RenaultVehicle> {
  const client = new RenaultClient({ session: await loggedInSession(sim, { retry: false }) });
  return client
    .account(sim.demo.renaultAccountId)
    .vehicle(sim.demo.vins.zoe50, { details: { model: { code: "X102VE" } } });
}

const sentTo = (sim: Simulator, leaf: string, since: number) =>
  requestsTo(sim, "kamereon", since).filter((request) => request.path.endsWith(`/${leaf}`));

describe("an ended connected-services contract", () => {
  test("is a ContractEndedError pointing at the contracts, and is not learnt as unsupported", async () => {
    const sim = await useSimulator({ faults: "contract-ended@cockpit:2" });
    const vehicle = await zoe(sim);
    const since = sim.requests.length;
    const error = await vehicle.getCockpit().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ContractEndedError);
    expect(error).toBeInstanceOf(ResourceNotFoundError);
    expect(error).toMatchObject({
      status: 404,
      code: "err.func.wired.notFound",
      details: "There is no data for this vin and uid",
      innerCode: "404",
    });
    const message = (error as Error).message;
    expect(message).toContain("contract has probably ended");
    expect(message).toContain("vehicle.getContracts()");
    expect(message).not.toMatch(/renault-api|contracts`/);
    // A renewed contract must work at once: the next call is sent again, not refused locally.
    await expect(vehicle.getCockpit()).rejects.toBeInstanceOf(ContractEndedError);
    await expect(vehicle.getCockpit()).resolves.toBeTypeOf("object");
    expect(sentTo(sim, "cockpit", since)).toHaveLength(3);
    expect(vehicle.knownUnsupported().map(({ endpoint }) => endpoint)).not.toContain("cockpit");
  });

  test("the CLI says so and points at `renault-api contracts`", async () => {
    const sim = await useSimulator();
    const home = await loggedInHome(sim, "zoe50");
    sim.addFault("contract-ended@cockpit:*");
    const run = await home.run(["status"]);
    // The other reads still print; the cockpit row says what happened and what to do.
    expect(run.stdout).toMatch(/^Battery level /m);
    expect(run.stdout).toMatch(
      /^cockpit +Renault has no data for this car: its connected-services contract has probably ended; check with `renault-api contracts`/m,
    );
    expect(run.stdout).not.toContain("getContracts");
  });
});

describe("an empty garage", () => {
  test("is an EmptyGarageError telling to link the car in the MyRenault app", async () => {
    const sim = await useSimulator({ faults: "empty-garage@cockpit" });
    const vehicle = await zoe(sim);
    const error = await vehicle.getCockpit().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(EmptyGarageError);
    expect(error).toMatchObject({
      code: "err.func.wired.empty-vehicle-link",
      details: "No vehicle in garage",
    });
    expect((error as Error).message).toMatch(/link the car in the MyRenault app/);
  });

  test("the CLI prints one line with the advice", async () => {
    const sim = await useSimulator();
    const home = await loggedInHome(sim, "zoe50");
    sim.addFault("empty-garage@cockpit:*");
    const run = await home.run(["status"]);
    expect(run.stdout).toMatch(/^cockpit +no vehicle in the garage .*link the car in the MyRenault app/m);
  });
});

describe("no GDC gateway (400001)", () => {
  test("is a NoGdcGatewayError, not supported, and learnt as unsupported", async () => {
    const sim = await useSimulator({ faults: "no-gdc@notification-settings" });
    const vehicle = await zoe(sim);
    const since = sim.requests.length;
    const error = await vehicle.getNotificationSettings().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NoGdcGatewayError);
    expect(error).toBeInstanceOf(NotSupportedError);
    expect(error).toMatchObject({ code: "400001" });
    expect((error as Error).message).toMatch(/no GDC gateway.*not available on it/);
    // Remembered: the second call is refused before sending.
    await expect(vehicle.getNotificationSettings()).rejects.toBeInstanceOf(EndpointNotAvailableError);
    expect(sentTo(sim, "notification-settings", since)).toHaveLength(1);
    expect(vehicle.knownUnsupported().map(({ endpoint }) => endpoint)).toContain("notification-settings");
  });
});
