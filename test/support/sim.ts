import { afterEach } from "vitest";
import { RenaultSession, type RenaultSessionOptions } from "../../src/session.js";
import { startSimulator, type Simulator, type SimulatorOptions } from "../../src/simulator/server.js";

const running: Simulator[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((sim) => sim.close()));
});

/** Starts a simulator that is closed after the current test. */
export async function useSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const sim = await startSimulator(options);
  running.push(sim);
  return sim;
}

/** Session options pointing at the simulator, with retries that do not wait. */
export function simOptions(sim: Simulator, extra: RenaultSessionOptions = {}): RenaultSessionOptions {
  return {
    locale: "fr_FR",
    gigyaUrl: sim.gigyaUrl,
    gigyaApiKey: sim.gigyaApiKey,
    kamereonUrl: sim.kamereonUrl,
    kamereonApiKey: sim.kamereonApiKey,
    retry: { delay: () => 0 },
    ...extra,
  };
}

/** A session logged in as the demo user. */
export async function loggedInSession(
  sim: Simulator,
  extra: RenaultSessionOptions = {},
): Promise<RenaultSession> {
  const session = new RenaultSession(simOptions(sim, extra));
  await session.login(sim.demo.email, sim.demo.password);
  return session;
}

/** Requests the simulator received for one service, without the ones made before `since`. */
export function requestsTo(sim: Simulator, service: "gigya" | "kamereon", since = 0) {
  return sim.requests.filter((request) => request.service === service && request.seq > since);
}
