/**
 * What confirmed actions do around the edges (issue 17): a lost answer is never resent and the
 * confirmation tells whether the car acted; known no-ops and cars whose feature list rules an
 * action out fail before sending; a watcher's reader replaces the vehicle's reads; `describeAction`
 * (the CLI's --dry-run) sends nothing.
 */
import { expect, test } from "vitest";
import { NetworkError, TimeoutError } from "../src/index.js";
import {
  ActionNotEffectiveError,
  describeAction,
  performAction,
  type EffectReader,
} from "../src/actions/index.js";
import { KNOWN_NO_OPS, knownNoOp } from "../src/registry/index.js";
import { actionSetup, type ActionSetup } from "./support/actions.js";

const SECOND = 1000;
const confirm = (setup: ActionSetup, extra: object = {}) => ({
  confirm: { clock: setup.confirmClock, deadline: 60 * SECOND, budget: 6, ...extra },
});
const posts = (setup: ActionSetup) => setup.sent().filter((line) => line.startsWith("POST"));

test("an answer lost after the car acted: not resent, confirmed, answerLost", async () => {
  const setup = await actionSetup("zoe40");
  const vin = setup.sim.demo.vins.zoe40;
  // The service queues the start and the connection breaks before its answer.
  setup.sim.route("POST", /actions\/hvac-start$/, () => {
    setup.sim.world.vehicle(vin).attributes("hvac-status").hvacStatus = "on";
    return { reset: true };
  });
  const performed = await performAction(
    setup.vehicle,
    { action: "hvac-start", temperature: 21 },
    confirm(setup),
  );
  expect(performed).not.toHaveProperty("result");
  expect(performed.outcome).toMatchObject({ outcome: "confirmed", answerLost: true, reads: 1, requests: 2 });
  expect(posts(setup)).toEqual(["POST actions/hvac-start"]);
  expect(setup.sent()).toEqual(["POST actions/hvac-start", "GET hvac-status"]);
});

test("an answer lost before the car got it: not resent, unconfirmed, answerLost", async () => {
  const setup = await actionSetup("zoe40");
  setup.sim.addFault({ kind: "reset", target: "actions/charge-start", count: 1 });
  const { outcome } = await performAction(
    setup.vehicle,
    { action: "charge-start" },
    confirm(setup, { budget: 3 }),
  );
  expect(outcome).toMatchObject({ outcome: "unconfirmed", reason: "budget", answerLost: true, reads: 3 });
  expect(posts(setup)).toEqual(["POST actions/charging-start"]);
});

test("a timed-out action is not resent either", async () => {
  const setup = await actionSetup("zoe40", { actionDelay: 0 });
  setup.sim.addFault({ kind: "hang", target: "actions/hvac-stop", count: 1 });
  const { outcome } = await performAction(
    setup.vehicle,
    { action: "hvac-stop" },
    {
      ...confirm(setup, { budget: 1 }),
      call: { timeout: 200 },
    },
  );
  // The hung stop never reached the car, whose HVAC was off already: the read shows "off".
  expect(outcome).toMatchObject({ outcome: "confirmed", answerLost: true, reads: 1 });
  expect(posts(setup)).toEqual(["POST actions/hvac-start"]);
});

test("without a confirmation a lost answer is thrown, as before, and not resent", async () => {
  const setup = await actionSetup("zoe40");
  setup.sim.addFault({ kind: "reset", target: "actions/hvac-start", count: 1 });
  const error: unknown = await performAction(setup.vehicle, { action: "hvac-start", temperature: 21 }).catch(
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(NetworkError);
  expect((error as NetworkError).notSent).toBe(false);
  expect(posts(setup)).toEqual(["POST actions/hvac-start"]);
});

test("horn with a lost answer: unknown, never resent", async () => {
  const setup = await actionSetup("r5");
  setup.sim.addFault({ kind: "reset", target: "actions/horn-start", count: 1 });
  const { outcome } = await performAction(setup.vehicle, { action: "horn" }, confirm(setup));
  expect(outcome).toEqual({
    outcome: "unconfirmed",
    reason: "unreadable",
    answerLost: true,
    requests: 1,
    reads: 0,
  });
  expect(setup.sent()).toEqual(["POST actions/horn-lights"]);
});

// The ZOE 50's ignored pause (KNOWN_NO_OPS, mode kcm-pause-resume) is no longer its stop route:
// the registry stops it with a KCM start a day ahead (docs/models.md, X102VE).
test.each([["r5", { action: "hvac-stop" }, "R5E1VE", /does nothing/]] as const)(
  "%s %o is a known no-op: refused, nothing sent",
  async (car, spec, model, reason) => {
    const setup = await actionSetup(car);
    const error: unknown = await performAction(setup.vehicle, spec, confirm(setup)).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ActionNotEffectiveError);
    expect(error).toMatchObject({
      key: `actions/${spec.action}`,
      modelCode: model,
      reason: expect.stringMatching(reason),
    });
    expect((error as Error).message).toMatch(/nothing was sent/);
    expect(setup.sent()).toEqual([]);
    // The same refusal in a dry run.
    await expect(describeAction(setup.vehicle, spec)).rejects.toBeInstanceOf(ActionNotEffectiveError);
  },
);

test("the no-op table is data: the X102VE entry applies to the KCM pause only", () => {
  expect(knownNoOp("X102VE", "actions/charge-stop", "kcm-pause-resume")).toBe(
    KNOWN_NO_OPS.X102VE?.["actions/charge-stop"],
  );
  // Once the stop goes another way (a start 24 h ahead, protocol-additions), the entry no longer matches.
  expect(knownNoOp("X102VE", "actions/charge-stop", "kcm")).toBeUndefined();
  expect(knownNoOp("XCB1SE", "actions/charge-stop", "default")).toMatchObject({
    reason: expect.stringMatching(/no known way/),
  });
  expect(knownNoOp("X101VE", "actions/charge-stop", "default")).toBeUndefined();
  expect(knownNoOp("constructor", "actions/charge-stop", "default")).toBeUndefined();
  expect(knownNoOp(undefined, "actions/hvac-stop", "default")).toBeUndefined();
});

test("a car on the SRP protocol or without the feature: refused before sending", async () => {
  const setup = await actionSetup("zoe40");
  await expect(
    performAction(setup.vehicle, { action: "horn" }, { features: { remoteSecurityProtocol: "SRP" } }),
  ).rejects.toMatchObject({ name: "ActionNotEffectiveError", reason: expect.stringMatching(/SRP/) });
  await expect(
    performAction(
      setup.vehicle,
      { action: "hvac-start", temperature: 20 },
      {
        features: { supports: (key) => key !== "actions/hvac-start" },
      },
    ),
  ).rejects.toMatchObject({ name: "ActionNotEffectiveError", reason: expect.stringMatching(/feature list/) });
  expect(setup.sent()).toEqual([]);
  // A feature list that says nothing of the action lets it through.
  const { outcome } = await performAction(
    setup.vehicle,
    { action: "hvac-start", temperature: 20 },
    {
      features: { remoteSecurityProtocol: "NONE", supports: () => undefined },
    },
  );
  expect(outcome.outcome).toBe("accepted");
});

test("a watcher's reader replaces the vehicle's reads", async () => {
  const setup = await actionSetup("zoe40", { actionDelay: 5 * SECOND });
  const asked: string[] = [];
  const reader: EffectReader = {
    readNow: async (vin, key) => {
      asked.push(`${vin} ${key}`);
      return setup.vehicle.read(key as "hvac-status");
    },
  };
  const { outcome } = await performAction(
    setup.vehicle,
    { action: "hvac-start", temperature: 19 },
    confirm(setup, { reader }),
  );
  expect(outcome).toMatchObject({ outcome: "confirmed", reads: 1 });
  expect(asked).toEqual([`${setup.vehicle.vin} hvac-status`]);
});

test("an effect read the car does not have ends it as unreadable", async () => {
  const setup = await actionSetup("zoe40");
  setup.sim.addFault({ kind: "notfound", target: "hvac-status", count: Infinity });
  const { outcome } = await performAction(
    setup.vehicle,
    { action: "hvac-start", temperature: 19 },
    confirm(setup),
  );
  expect(outcome).toMatchObject({
    outcome: "unconfirmed",
    reason: "unreadable",
    reads: 1,
    lastError: { name: "ResourceNotFoundError" },
  });
});

test("a transient read failure (retried by the session) never resends the action", async () => {
  const setup = await actionSetup("zoe40", { actionDelay: 15 * SECOND });
  setup.sim.addFault({ kind: "5xx", target: "hvac-status", count: 1 });
  const { outcome } = await performAction(
    setup.vehicle,
    { action: "hvac-start", temperature: 19 },
    confirm(setup),
  );
  expect(outcome).toMatchObject({ outcome: "confirmed" });
  expect(posts(setup)).toEqual(["POST actions/hvac-start"]);
});

test("progress is reported at the start and after each read that did not confirm", async () => {
  const setup = await actionSetup("zoe40", { actionDelay: 15 * SECOND });
  const seen: string[] = [];
  await performAction(
    setup.vehicle,
    { action: "hvac-start", temperature: 19 },
    confirm(setup, {
      onProgress: (p: { reads: number; elapsedMs: number }) => seen.push(`${p.reads}@${p.elapsedMs}`),
    }),
  );
  expect(seen).toEqual(["0@0", "1@10000"]);
});

test("describeAction gives the exact request and sends nothing", async () => {
  const setup = await actionSetup("zoe40");
  const described = await describeAction(setup.vehicle, { action: "hvac-start", temperature: 21.5 });
  expect(described).toEqual({
    method: "POST",
    path: `/commerce/v1/accounts/${setup.sim.demo.renaultAccountId}/kamereon/kca/car-adapter/v1/cars/${setup.vehicle.vin}/actions/hvac-start`,
    query: { country: "FR" },
    body: { data: { type: "HvacStart", attributes: { action: "start", targetTemperature: 21.5 } } },
  });
  const r5 = await actionSetup("r5");
  await expect(describeAction(r5.vehicle, { action: "charge-start" })).resolves.toMatchObject({
    method: "GET+POST",
    path: expect.stringMatching(/\/kcm\/v1\/vehicles\/[A-Z0-9]+\/ev\/settings$/),
  });
  expect(setup.sent()).toEqual([]);
  expect(r5.sent()).toEqual([]);
});

test("TimeoutError and NetworkError before sending are not lost answers", async () => {
  const { isAnswerLost } = await import("../src/actions/index.js");
  expect(isAnswerLost(new NetworkError({ method: "POST", url: "u", notSent: true }))).toBe(false);
  expect(isAnswerLost(new NetworkError({ method: "POST", url: "u", notSent: false }))).toBe(true);
  expect(isAnswerLost(new NetworkError({ method: "GET", url: "u", notSent: false }))).toBe(false);
  expect(isAnswerLost(new TimeoutError({ method: "POST", url: "u", timeout: 1 }))).toBe(true);
});

test("the /myr feature list: an SRP car refuses every command before sending", async () => {
  const { RenaultClient } = await import("../src/index.js");
  const { actionFeaturesOf } = await import("../src/actions/index.js");
  const { NEW_MODEL_VINS, NEW_MODELS_ACCOUNT_ID } = await import("../src/simulator/index.js");
  const { simOptions, useSimulator } = await import("./support/sim.js");
  const sim = await useSimulator({ newModels: true });
  const client = new RenaultClient(simOptions(sim, { myrUrl: sim.myrUrl }));
  await client.login(sim.demo.email, sim.demo.password);
  const account = client.account(NEW_MODELS_ACCOUNT_ID);
  const [srp] = await client.getConnectedVehicles(NEW_MODELS_ACCOUNT_ID, { vin: NEW_MODEL_VINS.meganeSrp });
  expect(srp?.remoteSecurityProtocol).toBe("SRP");
  const since = sim.requests.at(-1)?.seq ?? 0;
  const vehicle = account.vehicle(NEW_MODEL_VINS.meganeSrp);
  await expect(
    performAction(vehicle, { action: "horn" }, { features: actionFeaturesOf(srp!) }),
  ).rejects.toMatchObject({ name: "ActionNotEffectiveError", reason: expect.stringMatching(/SRP/) });
  expect(sim.requests.filter((request) => request.seq > since && request.method === "POST")).toEqual([]);
  // A car whose list has the feature is let through.
  const [other] = await client.getConnectedVehicles(NEW_MODELS_ACCOUNT_ID, { vin: NEW_MODEL_VINS.a290 });
  const features = actionFeaturesOf(other!);
  expect(features.remoteSecurityProtocol).not.toBe("SRP");
  expect(features.supports?.("actions/charge-stop")).toBeUndefined();
});

test("a watcher's shared budget: reads through it, nudged once, budget refusal ends it", async () => {
  const { watcherReader } = await import("../src/actions/index.js");
  const setup = await actionSetup("zoe40", { actionDelay: 60 * SECOND });
  const nudged: string[] = [];
  let allowed = 1;
  const reader = watcherReader({
    readNow: async (_vin, key) => {
      if (allowed-- <= 0) return undefined;
      return { value: await setup.vehicle.read(key as "hvac-status") };
    },
    nudge: (vin, key) => nudged.push(`${vin} ${key ?? ""}`),
  });
  const { outcome } = await performAction(
    setup.vehicle,
    { action: "hvac-start", temperature: 19 },
    confirm(setup, { reader }),
  );
  expect(outcome).toMatchObject({ outcome: "unconfirmed", reason: "budget", reads: 1, requests: 2 });
  expect(nudged).toEqual([`${setup.vehicle.vin} hvac-status`]);
  expect(setup.sent()).toEqual(["POST actions/hvac-start", "GET hvac-status"]);
});

test("a watcher running on the vehicle's session confirms by default, from its budget", async () => {
  const { running } = await import("../src/watch/running.js");
  const setup = await actionSetup("zoe40", { actionDelay: 60 * SECOND });
  const asked: string[] = [];
  // The handle of a running watcher (src/watch/events.ts) whose budget is spent: it sends nothing.
  running.set(setup.vehicle.session, {
    vins: [setup.vehicle.vin],
    readNow: (vin, key) => {
      asked.push(`${vin} ${key}`);
      return Promise.resolve(undefined);
    },
    nudge: () => undefined,
    readings: () => ({}),
  });
  try {
    const { outcome } = await performAction(
      setup.vehicle,
      { action: "hvac-start", temperature: 19 },
      confirm(setup),
    );
    expect(outcome).toMatchObject({ outcome: "unconfirmed", reason: "budget", requests: 1, reads: 0 });
    expect(asked).toEqual([`${setup.vehicle.vin} hvac-status`]);
    // Only the action itself went out: the confirmation read was the watcher's to send.
    expect(setup.sent()).toEqual(["POST actions/hvac-start"]);
  } finally {
    running.delete(setup.vehicle.session);
  }
});
