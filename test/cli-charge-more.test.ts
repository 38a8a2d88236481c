import { expect, test } from "vitest";
import { InvalidArgumentError } from "../src/errors.js";
import { RenaultAccount } from "../src/account.js";
import { loggedInHome } from "./support/cli.js";
import { loggedInSession, requestsTo, useSimulator } from "./support/sim.js";

const NOW = new Date("2024-07-01T10:00:00Z");

async function home(model: "zoe40" | "zoe50" | "r5" | "megane" | "spring") {
  const sim = await useSimulator({ now: () => NOW.getTime() });
  return { sim, home: await loggedInHome(sim, model) };
}

test("charge mode: show, set, and --json, on a ZOE 40", async () => {
  const { sim, home: zoe } = await home("zoe40");
  const shown = await zoe.run(["charge", "mode"]);
  expect(shown).toMatchObject({ code: 0 });
  expect(shown.stdout).toMatch(/^Charge mode: /);
  const since = sim.requests.length;
  const set = await zoe.run(["charge", "mode", "--set", "schedule_mode"]);
  expect(set.code).toBe(0);
  expect(set.stdout).toContain("schedule_mode");
  const post = requestsTo(sim, "kamereon", since).find((request) => request.method === "POST");
  expect(post?.json).toEqual({ data: { type: "ChargeMode", attributes: { action: "schedule_mode" } } });
  const json = await zoe.run(["--json", "charge", "mode"]);
  expect(JSON.parse(json.stdout)).toHaveProperty("chargeMode", "schedule_mode");
  const bad = await zoe.run(["charge", "mode", "--set", "sometimes"]);
  expect(bad.code).toBe(2);
});

test("charge history per day and per month, and sessions with each model's duration unit", async () => {
  const { sim, home: zoe } = await home("zoe40");
  const since = sim.requests.length;
  const day = await zoe.run([
    "charge",
    "history",
    "--from",
    "2024-06-01",
    "--to",
    "2024-06-30",
    "--period",
    "day",
  ]);
  expect(day.code).toBe(0);
  expect(day.stdout).toMatch(/^Day +Number of charges +Total time charging +Errors/);
  const month = await zoe.run(["charge", "history", "--from", "2024-01-01", "--to", "2024-06-30"]);
  expect(month.stdout).toMatch(/^Month +Number of charges/);
  const queries = requestsTo(sim, "kamereon", since)
    .filter((request) => request.endpoint === "charge-history")
    .map((request) => request.query);
  expect(queries).toEqual([
    { country: "FR", type: "day", start: "20240601", end: "20240630" },
    { country: "FR", type: "month", start: "202401", end: "202406" },
  ]);
  const sessions = await zoe.run(["charge", "sessions", "--from", "2024-06-01", "--to", "2024-06-30"]);
  expect(sessions.code).toBe(0);
  expect(sessions.stdout).toMatch(/^Charge start +Charge end +Duration +Power \(kW\)/);
  const json = await zoe.run(["--json", "charge", "sessions", "--from", "2024-06-01", "--to", "2024-06-30"]);
  expect(JSON.parse(json.stdout)).toHaveProperty("charges");
  const bad = await zoe.run(["charge", "history", "--from", "the day after never", "--to", "today"]);
  expect(bad.code).toBe(2);
  expect(bad.stderr).toContain("--from");
});

test("charge schedule show: KCA calendar (ZOE 40), KCM ev/settings programs (R5), charging-settings (ZOE 50)", async () => {
  const zoe40 = await home("zoe40");
  const calendar = await zoe40.home.run(["charge", "schedule", "show"]);
  expect(calendar.code).toBe(0);
  expect(calendar.stdout).toMatch(/Day +Start time +End time +Duration +Active/);
  const r5 = await home("r5");
  const programs = await r5.home.run(["charge", "schedule", "show"]);
  expect(programs.code).toBe(0);
  expect(programs.stdout).toMatch(/^Mode: /);
  expect(programs.stdout).toContain("Preconditioning temperature in °C:");
  const r5Json = await r5.home.run(["--json", "charge", "schedule", "show"]);
  expect(r5Json.code).toBe(0);
  expect(() => JSON.parse(r5Json.stdout) as unknown).not.toThrow();
  const zoe50 = await home("zoe50");
  const settings = await zoe50.home.run(["charge", "schedule", "show"]);
  expect(settings.code).toBe(0);
  expect(settings.stdout).toMatch(/Schedule ID: \d+ \[(Active|Inactive)\]|No schedules found\./);
});

test("charge start and stop by strategy, with --at where the car can delay", async () => {
  const megane = await home("megane");
  const since = megane.sim.requests.length;
  const later = await megane.home.run(["charge", "start", "--at", "2024-07-02T06:00:00Z"], { now: NOW });
  expect(later.code).toBe(0);
  const start = requestsTo(megane.sim, "kamereon", since).find((request) => request.method === "POST");
  expect(start?.path).toMatch(/\/kcm\/v1\/vehicles\/[^/]+\/charge\/start$/);
  expect(start?.json).toMatchObject({
    data: { attributes: { action: "start", startDateTime: "2024-07-02T06:00:00Z" } },
  });
  const spring = await home("spring");
  const stop = await spring.home.run(["charge", "stop"]);
  expect(stop.code).toBe(0);
  const pause = requestsTo(spring.sim, "kamereon").find((request) => request.method === "POST");
  expect(pause?.json).toEqual({ data: { type: "ChargePauseResume", attributes: { action: "pause" } } });
  const zoe40 = await home("zoe40");
  const refused = await zoe40.home.run(["charge", "start", "--at", "tomorrow at 9am"]);
  expect(refused.code).toBe(2);
  expect(requestsTo(zoe40.sim, "kamereon").filter((request) => request.method === "POST")).toHaveLength(0);
});

test("a bare RenaultAccount builds its vehicles with the listed details (no details request)", async () => {
  const sim = await useSimulator();
  const account = new RenaultAccount({
    session: await loggedInSession(sim),
    accountId: sim.demo.renaultAccountId,
  });
  const vehicles = await account.getVehicles();
  expect(vehicles.map((vehicle) => vehicle.vin)).toContain(sim.demo.vins.zoe40);
  const since = sim.requests.length;
  const zoe = vehicles.find((vehicle) => vehicle.vin === sim.demo.vins.zoe40)!;
  await zoe.getCockpit();
  expect(requestsTo(sim, "kamereon", since).map((request) => request.endpoint)).toEqual(["cockpit"]);
  expect(() => account.vehicle("")).toThrow(InvalidArgumentError);
});
