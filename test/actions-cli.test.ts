/**
 * The CLI's `--wait [SECONDS]` and `--dry-run` on the action commands (issue 17), against the
 * simulator on its clock: the CLI's waits move the clock, nothing waits for real.
 */
import { expect, test } from "vitest";
import { SimulatorClock, type Simulator } from "../src/simulator/index.js";
import { loggedInHome } from "./support/cli.js";
import { useSimulator } from "./support/sim.js";

const SECOND = 1000;

async function setup(car: keyof Simulator["demo"]["vins"] = "zoe40", actionDelay = 15 * SECOND) {
  const clock = new SimulatorClock({ speed: 0 });
  const sim = await useSimulator({ clock, actionDelay });
  const home = await loggedInHome(sim, car);
  // A read first, so the model is known and a dry run needs no request at all.
  const read = await home.run(["status"]);
  expect(read.code).toBe(0);
  const since = sim.requests.at(-1)?.seq ?? 0;
  const timed = {
    now: () => new Date(clock.now()),
    sleep: (ms: number) => {
      clock.advance(ms);
      return Promise.resolve();
    },
  };
  const sent = () =>
    sim.requests
      .filter((request) => request.service === "kamereon" && request.seq > since)
      .map(
        (request) => `${request.method} ${request.path.split(`/${sim.demo.vins[car]}/`)[1] ?? request.path}`,
      );
  return { sim, home, clock, timed, sent };
}

test("hvac start --wait: progress on stderr, the outcome on stdout, exit 0", async () => {
  const { home, timed, sent } = await setup();
  const run = await home.run(["hvac", "start", "--temperature", "21", "--wait"], timed);
  expect(run.code).toBe(0);
  expect(run.stdout).toBe("Climate control start confirmed: the car shows it (3 requests).\n");
  expect(run.stderr).toBe(
    "Confirming climate control start: 0/6 reads of hvac-status, 0 s of 90 s…\n" +
      "Confirming climate control start: 1/6 reads of hvac-status, 10 s of 90 s…\n",
  );
  expect(sent()).toEqual(["POST actions/hvac-start", "GET hvac-status", "GET hvac-status"]);
});

test("on a terminal the progress line is rewritten in place and cleared", async () => {
  const { home, timed } = await setup();
  const run = await home.run(["hvac", "start", "--temperature", "21", "--wait"], { ...timed, tty: true });
  expect(run.code).toBe(0);
  expect(run.stderr).toBe(
    "\r\x1b[2KConfirming climate control start: 0/6 reads of hvac-status, 0 s of 90 s…" +
      "\r\x1b[2KConfirming climate control start: 1/6 reads of hvac-status, 10 s of 90 s…" +
      "\r\x1b[2K",
  );
});

test("--wait in --json prints the outcome; unconfirmed exits 7", async () => {
  const { sim, home, timed, sent } = await setup();
  sim.world.vehicle(sim.demo.vins.zoe40).state.ignoredActions.add("actions/charge-start");
  const run = await home.run(["--json", "charge", "start", "--wait", "30"], timed);
  expect(run.code).toBe(7);
  const outcome = JSON.parse(run.stdout) as Record<string, unknown>;
  expect(outcome).toMatchObject({
    outcome: "unconfirmed",
    reason: "deadline",
    requests: 4,
    reads: 3,
    ageMs: 0,
  });
  expect(outcome.lastState).toMatchObject({ chargingStatus: expect.any(Number) });
  expect(run.stderr).toMatch(/^Error: Charge start not confirmed \(deadline\): the car may still act/);
  expect(run.stderr.split("\n").filter(Boolean)).toHaveLength(1);
  // 10 s, 25 s, then the deadline at 30 s.
  expect(sent()).toEqual(["POST actions/charging-start", ...Array<string>(3).fill("GET battery-status")]);
});

test("--wait: a refused action is rejected (exit 1), in --json too", async () => {
  const { sim, home, timed, sent } = await setup();
  sim.addFault("forbidden@hvac-start");
  const run = await home.run(["--json", "hvac", "start", "--temperature", "21", "--wait"], timed);
  expect(run.code).toBe(1);
  expect(JSON.parse(run.stdout)).toMatchObject({
    outcome: "rejected",
    requests: 1,
    error: { name: "ForbiddenError", code: "err.func.wired.forbidden" },
  });
  expect(run.stderr).toMatch(/^Error: forbidden/);
  expect(sent()).toEqual(["POST actions/hvac-start"]);
});

test("horn --wait can only be accepted", async () => {
  const { home, timed, sent } = await setup("r5");
  const run = await home.run(["--json", "horn", "--wait"], timed);
  expect(run.code).toBe(0);
  expect(JSON.parse(run.stdout)).toEqual({ outcome: "accepted", requests: 1, reads: 0 });
  expect(sent()).toEqual(["POST actions/horn-lights"]);
});

test("a lost answer with --wait: not resent; confirmed says so", async () => {
  const { sim, home, timed, sent } = await setup();
  const vin = sim.demo.vins.zoe40;
  sim.route("POST", /actions\/hvac-start$/, () => {
    sim.world.vehicle(vin).attributes("hvac-status").hvacStatus = "off";
    return { reset: true };
  });
  const run = await home.run(["hvac", "cancel", "--wait", "20"], timed);
  expect(run.code).toBe(0);
  expect(run.stdout).toContain("its answer was lost; it was not sent again");
  expect(sent().filter((line) => line.startsWith("POST"))).toEqual(["POST actions/hvac-start"]);
});

test("--dry-run prints the exact request and sends nothing", async () => {
  const { sim, home, sent } = await setup();
  const before = sim.requests.length;
  const run = await home.run(["hvac", "start", "--temperature", "21", "--dry-run"]);
  expect(run.code).toBe(0);
  const path = `/commerce/v1/accounts/${sim.demo.renaultAccountId}/kamereon/kca/car-adapter/v1/cars/${sim.demo.vins.zoe40}/actions/hvac-start`;
  expect(run.stdout).toBe(
    `Dry run, nothing sent:\nPOST ${path}?country=FR\n` +
      JSON.stringify(
        { data: { type: "HvacStart", attributes: { action: "start", targetTemperature: 21 } } },
        null,
        2,
      ) +
      "\n",
  );
  const json = await home.run(["--json", "charge", "mode", "--set", "always_charging", "--dry-run"]);
  expect(JSON.parse(json.stdout)).toEqual({
    dryRun: true,
    method: "POST",
    path: path.replace("hvac-start", "charge-mode"),
    query: { country: "FR" },
    body: { data: { type: "ChargeMode", attributes: { action: "always_charging" } } },
  });
  expect(sim.requests.length).toBe(before);
  expect(sent()).toEqual([]);
});

test("every action command documents --wait and --dry-run; bad --wait values exit 2 unsent", async () => {
  const { home, sent } = await setup();
  for (const command of [
    ["charge", "start"],
    ["charge", "stop"],
    ["charge", "mode"],
    ["charge", "soclevels", "set"],
    ["charge", "schedule", "set"],
    ["charge", "schedule", "activate"],
    ["hvac", "start"],
    ["hvac", "cancel"],
    ["hvac", "schedule", "set"],
    ["horn"],
    ["lights"],
    ["refresh-location"],
  ]) {
    const help = await home.run([...command, "--help"]);
    expect(help.stdout, command.join(" ")).toContain("--wait [SECONDS]");
    expect(help.stdout, command.join(" ")).toContain("--dry-run");
  }
  for (const bad of ["0", "abc", "99999"]) {
    const run = await home.run(["horn", `--wait=${bad}`]);
    expect(run.code, bad).toBe(2);
  }
  expect((await home.run(["horn", "--wait", "--dry-run"])).code).toBe(2);
  expect(sent()).toEqual([]);
});

test("a known no-op is refused before sending, exit 1", async () => {
  const { home, sent } = await setup("r5");
  const run = await home.run(["hvac", "cancel", "--wait"]);
  expect(run.code).toBe(1);
  expect(run.stderr).toBe(
    "Error: actions/hvac-stop would do nothing on R5E1VE: the Renault 5 answers an HVAC stop with OK but does nothing (nothing was sent)\n",
  );
  expect(sent()).toEqual([]);
});
