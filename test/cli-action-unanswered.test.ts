import { expect, test } from "vitest";
import { loggedInHome } from "./support/cli.js";
import { useSimulator } from "./support/sim.js";

type Sim = Awaited<ReturnType<typeof useSimulator>>;

/** The POSTs that the simulator's fault hit (recorded, so they did reach the server). */
const faulted = (sim: Sim) =>
  sim.requests.filter((request) => request.method === "POST" && request.fault !== undefined);

const CHECK = "sent, the car may have acted: check before retrying";

test("an action that timed out after sending exits 6 and says to check, not to retry", async () => {
  const sim = await useSimulator();
  const home = await loggedInHome(sim, "zoe40");
  sim.addFault("hang@hvac-start");
  const result = await home.run(["hvac", "start", "--temperature", "21"], {
    env: { RENAULT_API_TIMEOUT: "0.3" },
  });
  expect(result.code).toBe(6);
  expect(result.stderr).toMatch(
    /^Error: sent, the car may have acted: check before retrying \(POST .*hvac-start\?country=FR: no answer within 300 ms\)\n$/,
  );
  expect(faulted(sim).map((request) => request.endpoint)).toEqual(["actions/hvac-start"]);
});

test("an action whose connection was reset after sending exits 6", async () => {
  const sim = await useSimulator();
  const home = await loggedInHome(sim, "zoe40");
  sim.addFault("reset@charge-start");
  const result = await home.run(["charge", "start"]);
  expect(result.code).toBe(6);
  expect(result.stderr).toContain(CHECK);
  expect(result.stderr).toContain("the connection was lost before the answer");
  expect(faulted(sim).map((request) => request.endpoint)).toEqual(["actions/charging-start"]);
});

test("Ctrl-C while an action waits for its answer exits 6, not 130", async () => {
  const sim = await useSimulator();
  const home = await loggedInHome(sim, "zoe40");
  sim.addFault("hang@horn-start");
  const controller = new AbortController();
  const watcher = setInterval(() => {
    if (faulted(sim).length > 0) controller.abort(Object.assign(new Error("SIGINT"), { name: "AbortError" }));
  }, 10);
  try {
    const result = await home.run(["horn"], { signal: controller.signal });
    expect(result.code).toBe(6);
    expect(result.stderr).toContain(`${CHECK} (POST `);
    expect(result.stderr).toContain("interrupted while waiting");
  } finally {
    clearInterval(watcher);
  }
});

test("a read that times out and a refused action keep exit 1", async () => {
  const sim = await useSimulator();
  const home = await loggedInHome(sim, "zoe40");
  sim.addFault("hang@battery-status");
  const read = await home.run(["battery"], { env: { RENAULT_API_TIMEOUT: "0.2", RENAULT_API_RETRIES: "0" } });
  expect(read.code).toBe(1);
  expect(read.stderr).toContain("timed out");
  sim.addFault("forbidden@hvac-start");
  const refused = await home.run(["hvac", "start", "--temperature", "21"]);
  expect(refused.code).toBe(1);
  expect(refused.stderr).not.toContain(CHECK);
});
