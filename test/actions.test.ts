/**
 * Confirmed actions (issue 17) against the simulator on its clock: for each action `confirmed`,
 * `unconfirmed` (ignored by the car, or acting after the deadline) and `rejected` (a fault), with
 * the requests that went out.
 */
import { describe, expect, test } from "vitest";
import { ForbiddenError } from "../src/errors.js";
import { performAction, type ActionSpec } from "../src/actions/index.js";
import { startCharging } from "../src/simulator/car-actions.js";
import type { ChargeSchedule, HvacSchedule } from "../src/kamereon/schedules.js";
import { actionSetup, T0, type ActionSetup, type Car } from "./support/actions.js";

const SECOND = 1000;
const days = <Day>(monday: Day) => ({
  monday,
  tuesday: null,
  wednesday: null,
  thursday: null,
  friday: null,
  saturday: null,
  sunday: null,
});
const chargeSchedules: ChargeSchedule[] = [
  { id: 1, activated: true, ...days({ startTime: "T01:15Z", duration: 135 }) },
];
const hvacSchedules: HvacSchedule[] = [{ id: 2, activated: true, ...days({ readyAtTime: "T06:45Z" }) }];

interface Case {
  readonly car: Car;
  readonly spec: ActionSpec;
  /** The simulator's key of the action (for ignoredActions and faults). */
  readonly key: string;
  /** The POSTs the action sends, and the GET that confirms it (leaves after the VIN). */
  readonly post: string;
  readonly read: string;
  /** Puts the car in a state the action changes. */
  readonly prepare?: (setup: ActionSetup) => void | Promise<void>;
  /** A field of the confirmed state and its value. */
  readonly shows: readonly [string, unknown];
}

const CASES: Readonly<Record<string, Case>> = {
  "charge-start (KCA)": {
    car: "zoe40",
    spec: { action: "charge-start" },
    key: "actions/charge-start",
    post: "POST actions/charging-start",
    read: "GET battery-status",
    shows: ["chargingStatus", 1],
  },
  "charge-stop (KCM pause)": {
    car: "spring",
    spec: { action: "charge-stop" },
    key: "actions/charge-stop",
    post: "POST charge/pause-resume",
    read: "GET battery-status",
    prepare: ({ sim, clock }) => {
      startCharging(sim.world.vehicle(sim.demo.vins.spring), clock.now());
    },
    shows: ["chargingStatus", 0],
  },
  "hvac-start": {
    car: "zoe40",
    spec: { action: "hvac-start", temperature: 21 },
    key: "actions/hvac-start",
    post: "POST actions/hvac-start",
    read: "GET hvac-status",
    shows: ["hvacStatus", "on"],
  },
  "hvac-stop": {
    car: "zoe40",
    spec: { action: "hvac-stop" },
    key: "actions/hvac-stop",
    post: "POST actions/hvac-start",
    read: "GET hvac-status",
    prepare: ({ sim }) => {
      sim.world.vehicle(sim.demo.vins.zoe40).attributes("hvac-status").hvacStatus = "on";
    },
    shows: ["hvacStatus", "off"],
  },
  "charge-mode": {
    car: "zoe40",
    spec: { action: "charge-mode", mode: "always_charging" },
    key: "actions/charge-set-mode",
    post: "POST actions/charge-mode",
    read: "GET charge-mode",
    prepare: ({ sim }) => {
      sim.world.vehicle(sim.demo.vins.zoe40).attributes("charge-mode").chargeMode = "schedule_mode";
    },
    shows: ["chargeMode", "always_charging"],
  },
  "charge-schedules": {
    car: "zoe40",
    spec: { action: "charge-schedules", schedules: chargeSchedules },
    key: "actions/charge-set-schedule",
    post: "POST actions/charge-schedule",
    read: "GET charging-settings",
    shows: ["mode", expect.any(String)],
  },
  "hvac-schedules": {
    car: "zoe40",
    spec: { action: "hvac-schedules", schedules: hvacSchedules },
    key: "actions/hvac-set-schedule",
    post: "POST actions/hvac-schedule",
    read: "GET hvac-settings",
    shows: ["schedules", expect.arrayContaining([expect.objectContaining({ id: 2, activated: true })])],
  },
  "soc-levels": {
    car: "r5",
    spec: { action: "soc-levels", socMin: 35, socTarget: 75 },
    key: "soc-levels",
    post: "POST ev/soc-levels",
    read: "GET ev/soc-levels",
    shows: ["socTarget", 75],
  },
  "refresh-location": {
    car: "r5",
    spec: { action: "refresh-location" },
    key: "actions/refresh-location",
    post: "POST actions/refresh-location",
    read: "GET location",
    shows: ["gpsLatitude", 91],
  },
};

const confirmOf = (setup: ActionSetup, extra: object = {}) => ({
  confirm: { clock: setup.confirmClock, deadline: 60 * SECOND, budget: 6, ...extra },
});

describe.each(Object.entries(CASES))("%s", (_name, c) => {
  test("confirmed: the car acts 15 s later, the second read shows it", async () => {
    const setup = await actionSetup(c.car, { actionDelay: 15 * SECOND });
    await c.prepare?.(setup);
    const { result, outcome } = await performAction(setup.vehicle, c.spec, confirmOf(setup));
    expect(result).toBeDefined();
    expect(outcome).toMatchObject({
      outcome: "confirmed",
      seenAt: new Date(T0 + 25 * SECOND).toISOString(),
      requests: 3,
      reads: 2,
      state: { [c.shows[0]]: c.shows[1] },
    });
    expect(outcome).not.toHaveProperty("answerLost");
    expect(setup.sent()).toEqual([c.post, c.read, c.read]);
  });

  test("unconfirmed: an ignored action is read back until the deadline", async () => {
    const setup = await actionSetup(c.car);
    await c.prepare?.(setup);
    setup.sim.world.vehicle(setup.sim.demo.vins[c.car]).state.ignoredActions.add(c.key);
    const before = setup.clock.now();
    const { outcome } = await performAction(setup.vehicle, c.spec, confirmOf(setup));
    // Reads at 10, 25, 47.5 and 60 s: the last one at the deadline.
    expect(outcome).toMatchObject({
      outcome: "unconfirmed",
      reason: "deadline",
      reads: 4,
      requests: 5,
      ageMs: 0,
    });
    expect(outcome.outcome === "unconfirmed" && outcome.lastState).toBeTruthy();
    expect(setup.clock.now() - before).toBe(60 * SECOND);
    expect(setup.sent()).toEqual([c.post, c.read, c.read, c.read, c.read]);
  });

  test("unconfirmed: the budget ends it when the car acts too late", async () => {
    const setup = await actionSetup(c.car, { actionDelay: 120 * SECOND });
    await c.prepare?.(setup);
    const { outcome } = await performAction(setup.vehicle, c.spec, confirmOf(setup, { budget: 2 }));
    expect(outcome).toMatchObject({ outcome: "unconfirmed", reason: "budget", reads: 2, requests: 3 });
    expect(setup.sent()).toEqual([c.post, c.read, c.read]);
  });

  test("rejected: a refusal ends it without a read", async () => {
    const setup = await actionSetup(c.car);
    await c.prepare?.(setup);
    setup.sim.addFault({ kind: "forbidden", target: c.key, count: 1 });
    const { result, outcome } = await performAction(setup.vehicle, c.spec, confirmOf(setup));
    expect(result).toBeUndefined();
    expect(outcome).toMatchObject({ outcome: "rejected", requests: 1, reads: 0 });
    expect(outcome.outcome === "rejected" && outcome.error).toBeInstanceOf(ForbiddenError);
    expect(setup.sent()).toEqual([c.post]);
  });
});

describe.each([
  ["horn", "horn-lights", { action: "horn" }],
  ["lights", "horn-lights", { action: "lights" }],
] as const)("%s", (_name, leaf, spec) => {
  test("can only be accepted: no read follows", async () => {
    const setup = await actionSetup("r5");
    const { result, outcome } = await performAction(setup.vehicle, spec, confirmOf(setup));
    expect(result).toMatchObject({ type: "HornLights" });
    expect(outcome).toEqual({ outcome: "accepted", requests: 1, reads: 0 });
    expect(setup.sent()).toEqual([`POST actions/${leaf}`]);
  });

  test("rejected when refused", async () => {
    const setup = await actionSetup("r5");
    setup.sim.addFault({
      kind: "forbidden",
      target: `actions/${spec.action === "horn" ? "horn" : "lights"}-start`,
      count: 1,
    });
    const { outcome } = await performAction(setup.vehicle, spec, confirmOf(setup));
    expect(outcome).toMatchObject({ outcome: "rejected", requests: 1, reads: 0 });
  });
});

test("without confirm an action is accepted once answered, with no read", async () => {
  const setup = await actionSetup("zoe40");
  const { outcome } = await performAction(setup.vehicle, { action: "hvac-start", temperature: 20 });
  expect(outcome).toEqual({ outcome: "accepted", requests: 1, reads: 0 });
  expect(setup.sent()).toEqual(["POST actions/hvac-start"]);
});

test("a charge start through ev/settings costs its GET and POST", async () => {
  const setup = await actionSetup("r5", { actionDelay: 15 * SECOND });
  const { outcome } = await performAction(setup.vehicle, { action: "charge-start" }, confirmOf(setup));
  expect(outcome).toMatchObject({ outcome: "confirmed", requests: 4, reads: 2 });
  expect(setup.sent()).toEqual([
    "GET ev/settings",
    "POST ev/settings",
    "GET battery-status",
    "GET battery-status",
  ]);
});

test("a location refresh is confirmed by a position time newer than the send", async () => {
  const setup = await actionSetup("r5");
  const car = setup.sim.world.vehicle(setup.sim.demo.vins.r5);
  car.state.ignoredActions.add("actions/refresh-location");
  // A stale position: its time is before the send, so it is not the refresh's answer.
  expect(Date.parse(String(car.attributes("location").lastUpdateTime))).toBeLessThan(T0);
  const { outcome } = await performAction(
    setup.vehicle,
    { action: "refresh-location" },
    confirmOf(setup, { budget: 1 }),
  );
  expect(outcome).toMatchObject({
    outcome: "unconfirmed",
    reason: "budget",
    lastState: { lastUpdateTime: car.attributes("location").lastUpdateTime },
  });
});
