/**
 * What a typical confirmation costs, per action: the default confirmation (reads after 10 s, then
 * ×1.5) against the simulator with `modelQuirks` (cars act 15 s after the answer, the A290 12 s to
 * refresh its position). The table is in docs/actions.md.
 */
import { expect, test } from "vitest";
import { performAction, type ActionSpec } from "../src/actions/index.js";
import { startCharging } from "../src/simulator/car-actions.js";
import { NEW_MODEL_VINS, NEW_MODELS_ACCOUNT_ID } from "../src/simulator/index.js";
import { actionSetup, type ActionSetup, type Car } from "./support/actions.js";

const week = <Day>(monday: Day) => ({
  monday,
  tuesday: null,
  wednesday: null,
  thursday: null,
  friday: null,
  saturday: null,
  sunday: null,
});
const newCar = (name: keyof typeof NEW_MODEL_VINS) => ({
  accountId: NEW_MODELS_ACCOUNT_ID,
  vin: NEW_MODEL_VINS[name],
});

type Row = readonly [
  label: string,
  car: Car | ReturnType<typeof newCar>,
  spec: ActionSpec,
  requests: number,
  reads: number,
  prepare?: (setup: ActionSetup) => void,
];

/** Action, car, spec, then the requests and confirmation reads measured. */
const ROWS: readonly Row[] = [
  ["charge start (ZOE 40, KCA)", "zoe40", { action: "charge-start" }, 3, 2],
  ["charge start (R5, ev/settings)", "r5", { action: "charge-start" }, 4, 2],
  [
    "charge start (ZOE 40 acting after 30 s, as the Scenic)",
    "zoe40",
    { action: "charge-start" },
    4,
    3,
    ({ sim }) => {
      sim.world.vehicle(sim.demo.vins.zoe40).state.actionDelay = 30_000;
    },
  ],
  [
    "charge stop (Spring, KCM pause)",
    "spring",
    { action: "charge-stop" },
    3,
    2,
    ({ sim, clock }) => {
      startCharging(sim.world.vehicle(sim.demo.vins.spring), clock.now());
    },
  ],
  ["hvac start (ZOE 40)", "zoe40", { action: "hvac-start", temperature: 21 }, 3, 2],
  [
    "hvac stop (ZOE 40)",
    "zoe40",
    { action: "hvac-stop" },
    3,
    2,
    ({ sim }) => {
      sim.world.vehicle(sim.demo.vins.zoe40).attributes("hvac-status").hvacStatus = "on";
    },
  ],
  [
    "charge mode (ZOE 40)",
    "zoe40",
    { action: "charge-mode", mode: "always_charging" },
    3,
    2,
    ({ sim }) => {
      sim.world.vehicle(sim.demo.vins.zoe40).attributes("charge-mode").chargeMode = "schedule_mode";
    },
  ],
  [
    "charge schedules (ZOE 40)",
    "zoe40",
    {
      action: "charge-schedules",
      schedules: [{ id: 1, activated: true, ...week({ startTime: "T01:15Z", duration: 135 }) }],
    },
    3,
    2,
  ],
  [
    "hvac schedules (ZOE 40)",
    "zoe40",
    {
      action: "hvac-schedules",
      schedules: [{ id: 2, activated: true, ...week({ readyAtTime: "T06:45Z" }) }],
    },
    3,
    2,
  ],
  ["soc levels (R5)", "r5", { action: "soc-levels", socMin: 35, socTarget: 75 }, 3, 2],
  ["refresh location (R5)", "r5", { action: "refresh-location" }, 3, 2],
  ["refresh location (A290, 12 s)", newCar("a290"), { action: "refresh-location" }, 3, 2],
  ["horn (R5)", "r5", { action: "horn" }, 1, 0],
  ["lights (R5)", "r5", { action: "lights" }, 1, 0],
];

for (const [label, car, spec, requests, reads, prepare] of ROWS) {
  test(label, async () => {
    const setup = await actionSetup(car, { modelQuirks: true, newModels: typeof car !== "string" });
    prepare?.(setup);
    const { outcome } = await performAction(setup.vehicle, spec, { confirm: { clock: setup.confirmClock } });
    expect(outcome.outcome).toBe(
      spec.action === "horn" || spec.action === "lights" ? "accepted" : "confirmed",
    );
    expect({ requests: outcome.requests, reads: outcome.reads }).toEqual({ requests, reads });
    expect(setup.sent()).toHaveLength(requests);
  });
}
