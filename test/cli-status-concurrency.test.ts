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
  const unlimited = await maxInFlight({ RENAULT_API_CONCURRENCY: "" });
  expect(unlimited).toEqual({ code: 0, max: 4, reads: 4 });
  // A value that is not 1–100 is a usage error before any read, never silently "all at once".
  for (const bad of ["zero", "abc", "-5", "0", "1.5", "101"]) {
    expect(await maxInFlight({ RENAULT_API_CONCURRENCY: bad }), bad).toEqual({ code: 2, max: 0, reads: 0 });
  }
});

test("RENAULT_API_TIMEOUT and RENAULT_API_RETRIES set the per-attempt timeout and the read retries", async () => {
  const sim = await useSimulator();
  const home = await loggedInHome(sim, "zoe40");
  await home.run(["vehicle"]);
  sim.route("GET", /\/cockpit$/, () => ({ hang: true }));
  const since = sim.requests.length;
  const started = Date.now();
  const result = await home.run(["cockpit"], {
    env: { RENAULT_API_TIMEOUT: "0.2", RENAULT_API_RETRIES: "0" },
  });
  expect(result.code).toBe(1);
  expect(Date.now() - started).toBeLessThan(5_000);
  expect(sim.requests.slice(since).filter((request) => request.path.endsWith("/cockpit"))).toHaveLength(1);
  for (const [name, value] of [
    ["RENAULT_API_TIMEOUT", "soon"],
    ["RENAULT_API_TIMEOUT", "-1"],
    ["RENAULT_API_RETRIES", "1.5"],
    ["RENAULT_API_RETRIES", "9"],
  ] as const) {
    const bad = await home.run(["cockpit"], { env: { [name]: value } });
    expect(bad.code, `${name}=${value}`).toBe(2);
    expect(bad.stderr).toContain(name);
  }
});

test("status fails with the first error's exit code when every read fails, after printing the rows", async () => {
  const sim = await useSimulator();
  const home = await loggedInHome(sim, "zoe40");
  await home.run(["vehicle"]);
  sim.route("GET", /\/kca\/car-adapter\//, () => ({
    status: 401,
    body: { errors: [{ errorCode: "err.func.wired.unauthorized", errorMessage: "JWT rejected" }] },
  }));
  const result = await home.run(["status"]);
  expect(result.code).toBe(3);
  expect(result.stdout).toMatch(/^battery-status +.*login/m);
  expect(result.stdout).toMatch(/^cockpit +/m);
  sim.clearRoutes();
  sim.route("GET", /\/cockpit$/, () => ({
    status: 404,
    body: { errors: [{ errorCode: "err.func.wired.notFound", errorMessage: "x" }] },
  }));
  const partial = await home.run(["status"]);
  expect(partial.code).toBe(0);
  expect(partial.stdout).toMatch(/^cockpit +/m);
});
