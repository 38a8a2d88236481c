import { expect, test } from "vitest";
import { loggedInHome } from "./support/cli.js";
import { requestsTo, useSimulator } from "./support/sim.js";

type Sim = Awaited<ReturnType<typeof useSimulator>>;

const WINTER = new Date("2024-01-10T12:00:00Z"); // Paris UTC+1
const SUMMER = new Date("2024-07-10T12:00:00Z"); // Paris UTC+2

function lastPost(sim: Sim) {
  return sim.requests.filter((request) => request.method === "POST").at(-1);
}

test("charge start now; --at refused before anything is sent on a car that cannot delay", async () => {
  const sim = await useSimulator();
  const home = await loggedInHome(sim, "zoe40");
  const now = await home.run(["charge", "start"]);
  expect(now).toMatchObject({ code: 0, stdout: "Charge start requested (not yet confirmed).\n" });
  expect(lastPost(sim)?.json).toEqual({ data: { type: "ChargingStart", attributes: { action: "start" } } });
  const posts = sim.requests.filter((request) => request.method === "POST").length;
  const later = await home.run(["charge", "start", "--at", "in 2 hours"]);
  expect(later.code).toBe(2);
  expect(later.stderr).toContain("--at is not supported by this vehicle");
  expect(sim.requests.filter((request) => request.method === "POST")).toHaveLength(posts);
});

test("charge start --at sends the time in UTC on a KCM car (Megane E-Tech)", async () => {
  const sim = await useSimulator({ now: () => WINTER.getTime() });
  const home = await loggedInHome(sim, "megane");
  const result = await home.run(["charge", "start", "--at", "tomorrow at 9am"], { now: WINTER });
  expect(result.code).toBe(0);
  expect(result.stdout).toBe("Charge start scheduled for 2024-01-11 09:00 (requested, not yet confirmed).\n");
  expect(lastPost(sim)?.path).toMatch(/\/kcm\/v1\/vehicles\/[^/]+\/charge\/start$/);
  expect(lastPost(sim)?.json).toEqual({
    data: { type: "ChargingStart", attributes: { action: "start", startDateTime: "2024-01-11T08:00:00Z" } },
  });
  for (const at of ["whenever", "yesterday"]) {
    const bad = await home.run(["charge", "start", "--at", at], { now: WINTER });
    expect(bad.code, at).toBe(2);
  }
});

test("charge stop and charge mode", async () => {
  const sim = await useSimulator();
  const home = await loggedInHome(sim, "zoe40");
  expect((await home.run(["charge", "stop"])).code).toBe(0);
  expect(lastPost(sim)?.json).toEqual({ data: { type: "ChargingStart", attributes: { action: "stop" } } });
  const mode = await home.run(["charge", "mode"]);
  expect(mode.stdout).toMatch(/^Charge mode: \w/);
  const set = await home.run(["charge", "mode", "--set", "SCHEDULE_MODE"]);
  expect(set.code).toBe(0);
  expect(lastPost(sim)?.json).toEqual({
    data: { type: "ChargeMode", attributes: { action: "schedule_mode" } },
  });
  expect((await home.run(["charge", "mode", "--set", "always_schedule"])).code).toBe(2);
});

test("charge mode --set accepts what cars report (always, scheduled), sent as the action names", async () => {
  const sim = await useSimulator();
  const home = await loggedInHome(sim, "zoe40");
  for (const [given, sent] of [
    ["always", "always_charging"],
    ["scheduled", "schedule_mode"],
    ["Always", "always_charging"],
  ] as const) {
    const run = await home.run(["charge", "mode", "--set", given]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`Charge mode change to ${sent} requested`);
    expect(lastPost(sim)?.json).toEqual({ data: { type: "ChargeMode", attributes: { action: sent } } });
  }
});

test("charge history and sessions: dates from phrases, sent as calendar dates; bad dates exit 2", async () => {
  const sim = await useSimulator();
  const home = await loggedInHome(sim, "zoe40");
  const history = await home.run(
    ["charge", "history", "--from", "3 days ago", "--to", "today", "--period", "DAY"],
    { now: SUMMER },
  );
  expect(history.code).toBe(0);
  expect(sim.requests.at(-1)?.query).toMatchObject({ type: "day", start: "20240707", end: "20240710" });
  const months = await home.run(["charge", "history", "--from", "2020-11-01", "--to", "2020-12-31"]);
  expect(months.stdout).toMatch(/^Month +Number of charges +Total time charging +Errors$/m);
  expect(sim.requests.at(-1)?.query).toMatchObject({ type: "month", start: "202011", end: "202012" });
  const sessions = await home.run(["charge", "sessions", "--from", "2020-11-01", "--to", "2020-11-30"]);
  expect(sessions.code).toBe(0);
  // ZOE 40 reports durations in minutes and the start power in watts.
  expect(sessions.stdout).toMatch(/7:59:00 +3\.10 kW +15 % +74 % +59 %/);
  const count = sim.requests.length;
  for (const argv of [
    ["charge", "history", "--from", "soonish", "--to", "today"],
    ["charge", "sessions", "--from", "today", "--to", "last year"],
    ["charge", "history", "--to", "today"],
  ]) {
    expect((await home.run(argv)).code, argv.join(" ")).toBe(2);
  }
  expect(sim.requests).toHaveLength(count);
});

test("charge schedule show: every calendar entry, local times for the date (DST), correct end times", async () => {
  const sim = await useSimulator();
  const home = await loggedInHome(sim, "zoe40");
  sim.route("GET", /charge-schedule$/, () => ({
    body: {
      data: {
        type: "Car",
        id: "x",
        attributes: {
          calendar: {
            monday: [
              { startTime: "2230", duration: 45, activationState: true },
              { startTime: "0600", duration: 90, activationState: false },
            ],
          },
        },
      },
    },
  }));
  const winter = await home.run(["charge", "schedule", "show"], { now: WINTER });
  expect(winter.stdout).toMatchInlineSnapshot(`
    "Day     Start time  End time        Duration  Active
    ------  ----------  --------------  --------  ------
    Monday  23:30       00:15 (+1 day)  45 min    yes
    Monday  07:00       08:30           90 min    no
    "
  `);
  const summer = await home.run(["charge", "schedule", "show"], { now: SUMMER });
  expect(summer.stdout).toMatch(/^Monday +00:30 \(\+1 day\) +01:15 \(\+1 day\) +45 min +yes$/m);
});

/** A car whose charging-settings the simulator serves (found by asking, to stay model-agnostic). */
async function chargingSettingsHome(sim: Sim) {
  const home = await loggedInHome(sim, "zoe40");
  sim.route("GET", /charging-settings$/, () => ({
    body: {
      data: {
        type: "Car",
        id: "x",
        attributes: {
          mode: "scheduled",
          schedules: [
            {
              id: 1,
              activated: true,
              monday: { startTime: "T12:00Z", duration: 15 },
              friday: { startTime: "T23:30Z", duration: 480 },
            },
            { id: 2, activated: false },
          ],
        },
      },
    },
  }));
  return home;
}

test("charge schedule set: local times to UTC with that date's offset, UTC kept, clear, all schedules sent", async () => {
  const sim = await useSimulator();
  const home = await chargingSettingsHome(sim);
  const result = await home.run(
    [
      "charge",
      "schedule",
      "set",
      "1",
      "--saturday",
      "19:30,120",
      "--friday",
      "T23:30Z,480",
      "--monday",
      "clear",
    ],
    { now: WINTER },
  );
  expect(result.code).toBe(0);
  const body = lastPost(sim)?.json as { data: { attributes: { schedules: unknown[] } } };
  expect(body.data.attributes.schedules).toEqual([
    {
      id: 1,
      activated: true,
      monday: null,
      tuesday: null,
      wednesday: null,
      thursday: null,
      friday: { startTime: "T23:30Z", duration: 480 },
      saturday: { startTime: "T18:30Z", duration: 120 },
      sunday: null,
    },
    {
      id: 2,
      activated: false,
      monday: null,
      tuesday: null,
      wednesday: null,
      thursday: null,
      friday: null,
      saturday: null,
      sunday: null,
    },
  ]);
  await home.run(["charge", "schedule", "set", "1", "--saturday", "19:30,120"], { now: SUMMER });
  const summer = lastPost(sim)?.json as { data: { attributes: { schedules: { saturday: unknown }[] } } };
  expect(summer.data.attributes.schedules[0]?.saturday).toEqual({ startTime: "T17:30Z", duration: 120 });
  const posts = sim.requests.filter((request) => request.method === "POST").length;
  for (const value of ["19:30,120x", "19:31,120", "19:30,100", "T19:30,120", "25:00,60", "clearly"]) {
    const bad = await home.run(["charge", "schedule", "set", "1", "--monday", value]);
    expect(bad.code, value).toBe(2);
  }
  expect(sim.requests.filter((request) => request.method === "POST")).toHaveLength(posts);
});

test("charge schedule activate/deactivate; an unknown id is refused", async () => {
  const sim = await useSimulator();
  const home = await chargingSettingsHome(sim);
  expect((await home.run(["charge", "schedule", "activate", "2"])).code).toBe(0);
  const body = lastPost(sim)?.json as {
    data: { attributes: { schedules: { id: number; activated: boolean }[] } };
  };
  expect(body.data.attributes.schedules.map((schedule) => [schedule.id, schedule.activated])).toEqual([
    [1, true],
    [2, true],
  ]);
  await home.run(["charge", "schedule", "deactivate", "1"]);
  const after = lastPost(sim)?.json as { data: { attributes: { schedules: { activated: boolean }[] } } };
  expect(after.data.attributes.schedules[0]?.activated).toBe(false);
  const missing = await home.run(["charge", "schedule", "activate", "9"]);
  expect(missing.code).toBe(2);
  expect(missing.stderr).toContain("Schedule id 9 not found (existing: 1, 2).");
});

test("charge soclevels show and set; values outside the app's bounds exit 2 without a request", async () => {
  const sim = await useSimulator();
  const home = await loggedInHome(sim, "megane");
  const show = await home.run(["charge", "soclevels", "show"]);
  expect(show.code).toBe(0);
  expect(show.stdout).toMatch(/^Min charge level +\d+ %$/m);
  expect(show.stdout).toMatch(/^Target charge level +\d+ %$/m);
  const set = await home.run(["charge", "soclevels", "set", "--min", "20", "--target", "80"]);
  expect(set).toMatchObject({
    code: 0,
    stdout: "Charge levels 20-80% requested (not yet confirmed): they may take a few minutes to apply.\n",
  });
  expect(lastPost(sim)?.json).toEqual({ socMin: 20, socTarget: 80 });
  const count = sim.requests.length;
  for (const [min, target] of [
    ["14", "80"],
    ["46", "80"],
    ["20", "54"],
    ["20", "101"],
    ["22", "80"],
    ["20", "77"],
  ]) {
    const bad = await home.run(["charge", "soclevels", "set", "--min", min ?? "", "--target", target ?? ""]);
    expect(bad.code, `${min}/${target}`).toBe(2);
  }
  expect(requestsTo(sim, "kamereon", count).filter((request) => request.method === "POST")).toHaveLength(0);
});

test("hvac start now and later, cancel", async () => {
  const sim = await useSimulator({ now: () => SUMMER.getTime() });
  const home = await loggedInHome(sim, "zoe40");
  const now = await home.run(["hvac", "start", "--temperature", "21"]);
  expect(now).toMatchObject({ code: 0, stdout: "Climate control at 21 °C requested (not yet confirmed).\n" });
  expect(lastPost(sim)?.json).toEqual({
    data: { type: "HvacStart", attributes: { action: "start", targetTemperature: 21 } },
  });
  const later = await home.run(["hvac", "start", "--temperature", "21", "--at", "2024-07-11T07:30"], {
    now: SUMMER,
  });
  expect(later.code).toBe(0);
  expect(lastPost(sim)?.json).toEqual({
    data: {
      type: "HvacStart",
      attributes: { action: "start", targetTemperature: 21, startDateTime: "2024-07-11T05:30:00Z" },
    },
  });
  expect((await home.run(["hvac", "start"])).code).toBe(2);
  expect((await home.run(["hvac", "cancel"])).code).toBe(0);
  expect(lastPost(sim)?.json).toEqual({ data: { type: "HvacStart", attributes: { action: "cancel" } } });
});

test("hvac history and sessions send the period", async () => {
  const sim = await useSimulator();
  const home = await loggedInHome(sim, "zoe40");
  const history = await home.run(["hvac", "history", "--from", "2024-01-01", "--to", "2024-03-31", "--json"]);
  expect(history.code).toBe(0);
  expect(sim.requests.at(-1)?.query).toMatchObject({ type: "month", start: "202401", end: "202403" });
  const sessions = await home.run(["hvac", "sessions", "--from", "2024-01-01", "--to", "2024-01-31"]);
  expect(sessions.code).toBe(0);
  expect(sim.requests.at(-1)?.query).toMatchObject({ start: "20240101", end: "20240131" });
});

test("hvac settings and hvac schedule set/activate/deactivate", async () => {
  const sim = await useSimulator();
  const home = await loggedInHome(sim, "zoe40");
  const settings = await home.run(["hvac", "settings"], { now: SUMMER });
  expect(settings.code).toBe(0);
  expect(settings.stdout).toMatch(/^Schedule ID: 2 \[Active\]$/m);
  const set = await home.run(["hvac", "schedule", "set", "2", "--monday", "07:30", "--friday", "clear"], {
    now: SUMMER,
  });
  expect(set.code).toBe(0);
  const body = lastPost(sim)?.json as {
    data: { type: string; attributes: { schedules: Record<string, unknown>[] } };
  };
  expect(body.data.type).toBe("HvacSchedule");
  const two = body.data.attributes.schedules.find((schedule) => schedule.id === 2);
  expect(two).toMatchObject({ monday: { readyAtTime: "T05:30Z" }, friday: null });
  expect((await home.run(["hvac", "schedule", "deactivate", "2"])).code).toBe(0);
  expect((await home.run(["hvac", "schedule", "activate", "1"])).code).toBe(0);
  expect((await home.run(["hvac", "schedule", "activate", "42"])).code).toBe(2);
});
