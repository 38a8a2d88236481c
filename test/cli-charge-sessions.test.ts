/** `charge sessions` as a user switching from the Python CLI reads it (issue 15.6). */
import { expect, test } from "vitest";
import { loggedInHome } from "./support/cli.js";
import { useSimulator } from "./support/sim.js";

const session = (chargeDuration: number, chargeEnergyRecovered: number) => ({
  data: {
    type: "Car",
    id: "vin",
    attributes: {
      charges: [
        {
          chargeStartDate: "2026-03-01T20:00:00Z",
          chargeEndDate: "2026-03-01T21:37:00Z",
          chargeDuration,
          chargeStartBatteryLevel: 40,
          chargeEndBatteryLevel: 52,
          chargeEnergyRecovered,
          chargeEndStatus: "ok",
        },
      ],
    },
  },
});

test("the Megane's durations are minutes, energy is rounded", async () => {
  const sim = await useSimulator();
  const home = await loggedInHome(sim, "megane");
  sim.route("GET", /\/charges$/, () => ({ status: 200, body: session(97, 4.10000038) }));
  const run = await home.run(["charge", "sessions", "--from", "2026-03-01", "--to", "2026-03-02"]);
  expect(run.code, run.stderr).toBe(0);
  const [, , row] = run.stdout.split("\n");
  expect(row).toMatch(/ 1:37:00 /);
  expect(row).toMatch(/ 4\.1 kWh /);
  expect(run.stdout).not.toContain("4.10000038");
});

test("a car that reports seconds keeps them", async () => {
  const sim = await useSimulator();
  const home = await loggedInHome(sim, "r5");
  sim.route("GET", /\/charges$/, () => ({ status: 200, body: session(5820, 12.345678) }));
  const run = await home.run(["charge", "sessions", "--from", "2026-03-01", "--to", "2026-03-02"]);
  expect(run.code, run.stderr).toBe(0);
  expect(run.stdout).toMatch(/ 1:37:00 /);
  expect(run.stdout).toMatch(/ 12\.346 kWh /);
});
