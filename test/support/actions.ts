/** A logged-in vehicle on the simulator's clock, and a confirmation clock that moves it instead of waiting. */
import { RenaultClient, type RenaultVehicle } from "../../src/index.js";
import type { ConfirmClock } from "../../src/actions/index.js";
import { SimulatorClock, type Simulator, type SimulatorOptions } from "../../src/simulator/index.js";
import { loggedInSession, useSimulator } from "./sim.js";

export const T0 = Date.parse("2026-12-01T05:00:00Z");
export type Car = keyof Simulator["demo"]["vins"];

export interface ActionSetup {
  readonly sim: Simulator;
  readonly vehicle: RenaultVehicle;
  readonly clock: SimulatorClock;
  /** Waits by moving the simulator's clock: no real waiting. */
  readonly confirmClock: ConfirmClock;
  /** Kamereon requests sent since the setup, as `METHOD leaf` (the path after the VIN). */
  readonly sent: () => string[];
}

/** A demo car, or a car of the `newModels` account by account id and VIN. */
export async function actionSetup(
  car: Car | { readonly accountId: string; readonly vin: string },
  options: SimulatorOptions = {},
): Promise<ActionSetup> {
  const clock = new SimulatorClock({ start: T0, speed: 0 });
  const sim = await useSimulator({ clock, ...options });
  const session = await loggedInSession(sim, { now: () => clock.now() });
  const vin = typeof car === "string" ? sim.demo.vins[car] : car.vin;
  const accountId =
    typeof car !== "string"
      ? car.accountId
      : car === "spring"
        ? sim.demo.daciaAccountId
        : sim.demo.renaultAccountId;
  const vehicle = (await new RenaultClient({ session }).account(accountId).getVehicles()).find(
    (candidate) => candidate.vin === vin,
  )!;
  await vehicle.getDetails();
  const since = sim.requests.length === 0 ? 0 : sim.requests.at(-1)!.seq;
  return {
    sim,
    vehicle,
    clock,
    confirmClock: {
      now: () => clock.now(),
      sleep: (ms) => {
        clock.advance(ms);
        return Promise.resolve();
      },
    },
    sent: () =>
      sim.requests
        .filter((request) => request.service === "kamereon" && request.seq > since)
        .map((request) => `${request.method} ${request.path.split(`/${vin}/`)[1] ?? request.path}`),
  };
}
