import { expect, test } from "vitest";
import { loggedInHome } from "./support/cli.js";
import { useSimulator } from "./support/sim.js";

/** Runs `cockpit` with the first cockpit answer a 503; returns the gap before the repeat. */
async function repeatAfterOne503(env: Record<string, string>) {
  const sim = await useSimulator();
  const home = await loggedInHome(sim, "zoe40");
  await home.run(["vehicle"]);
  const times: number[] = [];
  sim.route("GET", /\/cockpit$/, () => {
    times.push(Date.now());
    return times.length === 1 ? { status: 503, body: { message: "busy" } } : undefined;
  });
  const result = await home.run(["cockpit"], { env });
  return {
    code: result.code,
    stderr: result.stderr,
    attempts: times.length,
    gap: (times[1] ?? 0) - (times[0] ?? 0),
  };
}

test("RENAULT_API_RETRY_DELAY sets the wait before a read is repeated (0: no real backoff)", async () => {
  const immediate = await repeatAfterOne503({ RENAULT_API_RETRY_DELAY: "0" });
  expect(immediate).toMatchObject({ code: 0, attempts: 2 });
  expect(immediate.gap).toBeLessThan(250); // the default backoff waits at least 375 ms
  const waited = await repeatAfterOne503({ RENAULT_API_RETRY_DELAY: "0.4" });
  expect(waited).toMatchObject({ code: 0, attempts: 2 });
  expect(waited.gap).toBeGreaterThanOrEqual(390);
});

test("a bad RENAULT_API_RETRY_DELAY is a usage error, before any request", async () => {
  const sim = await useSimulator();
  const home = await loggedInHome(sim, "zoe40");
  for (const value of ["soon", "-1", "601", " "]) {
    const since = sim.requests.length;
    const bad = await home.run(["cockpit"], { env: { RENAULT_API_RETRY_DELAY: value } });
    expect(bad.code, `RENAULT_API_RETRY_DELAY=${JSON.stringify(value)}`).toBe(2);
    expect(bad.stderr).toMatch(/^Error: invalid RENAULT_API_RETRY_DELAY /);
    expect(sim.requests.length - since).toBe(0);
  }
});
