/** `charge schedule show` as a user switching from the Python CLI reads it (issue 15.6). */
import { expect, test } from "vitest";
import { loggedInHome } from "./support/cli.js";
import { useSimulator } from "./support/sim.js";

const WINTER = new Date("2026-01-05T12:00:00Z");

test("(+1 day) marks an end that passes midnight, not only a UTC shift", async () => {
  const sim = await useSimulator();
  const home = await loggedInHome(sim, "zoe50");
  sim.route("GET", /\/charging-settings$/, () => ({
    status: 200,
    body: {
      data: {
        type: "Car",
        id: "vin",
        attributes: {
          mode: "scheduled",
          schedules: [
            {
              id: 1,
              activated: true,
              monday: { startTime: "T22:00Z", duration: 180 },
              tuesday: { startTime: "T08:00Z", duration: 60 },
            },
          ],
        },
      },
    },
  }));
  const run = await home.run(["charge", "schedule", "show"], { now: WINTER });
  expect(run.code, run.stderr).toBe(0);
  // Paris in winter is UTC+1: 22:00Z + 3 h ends at 02:00 local on Tuesday.
  expect(run.stdout).toMatch(/^Monday +23:00 +02:00 \(\+1 day\) +3:00:00/m);
  expect(run.stdout).toMatch(/^Tuesday +09:00 +10:00 +1:00:00/m);
});

test.each([
  ["zoe40", "calendar", "calendar"],
  ["r5", "ev-settings", "programs"],
  ["zoe50", "charging-settings", "schedules"],
] as const)("--json on a %s says its shape: kind %s", async (car, kind, field) => {
  const sim = await useSimulator();
  const home = await loggedInHome(sim, car);
  const run = await home.run(["--json", "charge", "schedule", "show"]);
  expect(run.code, run.stderr).toBe(0);
  const data = JSON.parse(run.stdout) as Record<string, unknown>;
  expect(data.kind).toBe(kind);
  expect(data).toHaveProperty(field);
});
