/** Open enums in the CLI output (issue 15.2): known codes by name, new ones as they came. */
import { expect, test } from "vitest";
import { loggedInHome } from "./support/cli.js";
import { useSimulator } from "./support/sim.js";

const car = (attributes: Record<string, unknown>) => ({
  status: 200,
  body: { data: { type: "Car", id: "vin", attributes } },
});

test("status shows unknown plug, charge and HVAC codes as they came", async () => {
  const sim = await useSimulator();
  const home = await loggedInHome(sim, "zoe50");
  sim.route("GET", /\/battery-status$/, () =>
    car({ batteryLevel: 50, plugStatus: 42, chargingStatus: 0.7, timestamp: "2026-01-01T00:00:00Z" }),
  );
  sim.route("GET", /\/hvac-status$/, () => car({ hvacStatus: "defrosting", externalTemperature: 3 }));
  const run = await home.run(["status"]);
  expect(run.code, run.stderr).toBe(0);
  expect(run.stdout).toMatch(/^Plug state +42$/m);
  expect(run.stdout).toMatch(/^Charging state +0\.7$/m);
  expect(run.stdout).toMatch(/^HVAC status +defrosting$/im);
  expect(run.stdout).toMatch(/^Battery level +50 %$/m);
});

test("known codes are shown by name", async () => {
  const sim = await useSimulator();
  const home = await loggedInHome(sim, "zoe50");
  sim.route("GET", /\/battery-status$/, () =>
    car({ batteryLevel: 50, plugStatus: 1, chargingStatus: 1, timestamp: "2026-01-01T00:00:00Z" }),
  );
  const run = await home.run(["status"]);
  expect(run.stdout).toMatch(/^Plug state +Plugged$/m);
  expect(run.stdout).toMatch(/^Charging state +Charge in progress$/m);
});

test("charge mode and charging-settings show `delegated` and unknown modes", async () => {
  const sim = await useSimulator();
  const home = await loggedInHome(sim, "zoe40");
  sim.route("GET", /\/charge-mode$/, () => car({ chargeMode: "delegated" }));
  const mode = await home.run(["charge", "mode"]);
  expect(mode.code, mode.stderr).toBe(0);
  expect(mode.stdout).toMatch(/^Charge mode: delegated/im);
  const other = await loggedInHome(sim, "zoe50");
  sim.route("GET", /\/charging-settings$/, () => car({ mode: "mobilize_smart", schedules: [] }));
  const settings = await other.run(["charge", "schedule", "show"]);
  expect(settings.code, settings.stderr).toBe(0);
  expect(settings.stdout).toMatch(/^Mode: mobilize_smart$/im);
});
