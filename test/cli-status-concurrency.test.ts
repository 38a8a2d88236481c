import { expect, test } from "vitest";
import { loggedInHome } from "./support/cli.js";
import { useSimulator } from "./support/sim.js";

/** Runs `status` and returns the largest number of car-adapter reads the simulator saw at once. */
async function maxInFlight(
  env: Record<string, string>,
): Promise<{ code: number; max: number; reads: number }> {
  const sim = await useSimulator();
  const home = await loggedInHome(sim, "zoe40");
  await home.run(["vehicle"]);
  let inFlight = 0;
  let max = 0;
  let reads = 0;
  sim.route("GET", /\/kca\/car-adapter\//, async () => {
    inFlight++;
    reads++;
    max = Math.max(max, inFlight);
    await new Promise((resolve) => setTimeout(resolve, 30));
    inFlight--;
    return undefined;
  });
  const result = await home.run(["status"], { env });
  return { code: result.code, max, reads };
}

test("RENAULT_API_CONCURRENCY=1 sends the status reads one after the other (the benchmark's baseline)", async () => {
  const sequential = await maxInFlight({ RENAULT_API_CONCURRENCY: "1" });
  expect(sequential).toEqual({ code: 0, max: 1, reads: 4 });
  const limited = await maxInFlight({ RENAULT_API_CONCURRENCY: "2" });
  expect(limited).toEqual({ code: 0, max: 2, reads: 4 });
  const unlimited = await maxInFlight({ RENAULT_API_CONCURRENCY: "zero" });
  expect(unlimited).toEqual({ code: 0, max: 4, reads: 4 });
});
