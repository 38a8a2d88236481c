/**
 * Commands as confirmed actions (issue 17) end to end: a real mosquitto, the simulator on its own
 * clock (the confirmation's waits move it: nothing waits for real), the bridge in between.
 */
import { afterEach, describe, expect, it } from "vitest";
import { RenaultClient, type RenaultClientOptions } from "renault-api";
import { SimulatorClock, startSimulator } from "renault-api/simulator";
import { RequestBudget } from "../src/budget.js";
import { HELP, resolveSettings } from "../src/config.js";
import { runConfirmed } from "../src/confirmed-commands.js";
import { LibraryAdapter } from "../src/library-adapter.js";
import { runBridge } from "../src/run.js";
import { startBridge } from "./support/bridge.js";
import { startMosquitto } from "./support/mosquitto.js";
import { record } from "./support/mqtt.js";

const SECOND = 1000;
const T0 = Date.parse("2026-12-01T05:00:00Z");
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A logged-in client on a simulator whose clock moves only when told. */
async function simulatorClient(onTrace?: RenaultClientOptions["onTrace"]) {
  const clock = new SimulatorClock({ start: T0, speed: 0 });
  const sim = await startSimulator({ clock, actionDelay: 15 * SECOND });
  cleanups.push(() => sim.close());
  const client = new RenaultClient({
    locale: "fr_FR",
    gigyaUrl: sim.gigyaUrl,
    gigyaApiKey: sim.gigyaApiKey,
    kamereonUrl: sim.kamereonUrl,
    kamereonApiKey: sim.kamereonApiKey,
    retry: { delay: () => 0 },
    onTrace,
  });
  await client.session.login(sim.demo.email, sim.demo.password);
  return { sim, clock, client };
}

/** The bridge on ZOE 40, a car acting 15 s after the answer; confirmations: 60 s, 6 reads. */
async function confirmingBridge() {
  const mosquitto = await startMosquitto();
  cleanups.push(() => mosquitto.close());
  const { sim, clock, client } = await simulatorClient();
  const zoe = sim.demo.vins.zoe40;
  const adapter = new LibraryAdapter({
    client,
    interval: 3_600_000,
    vins: [zoe],
    confirmation: {
      deadline: 60 * SECOND,
      reads: 6,
      clock: {
        now: () => clock.now(),
        sleep: (ms) => {
          clock.advance(ms);
          return Promise.resolve();
        },
      },
    },
  });
  await startBridge(mosquitto.url, adapter, cleanups);
  const watcher = await record(mosquitto.url);
  cleanups.push(() => watcher.close());
  await watcher.until(() => watcher.on(`renault-api/${zoe}/battery_level`)[0], "first poll");
  const since = sim.requests.at(-1)?.seq ?? 0;
  const sent = () =>
    sim.requests
      .filter((r) => r.service === "kamereon" && r.seq > since)
      .map((r) => ({ method: r.method, leaf: r.path.split(`/${zoe}/`)[1], json: r.json }));
  const press = async (command: string) => {
    await watcher.client.publishAsync(`renault-api/${zoe}/command/${command}`, "PRESS", { qos: 1 });
    const message = await watcher.until(() => watcher.on(`renault-api/${zoe}/result`)[0], "the result");
    return JSON.parse(message.payload) as Record<string, unknown>;
  };
  return { sim, clock, zoe, sent, press };
}

const CHARGE_START_BODY = { data: { type: "ChargingStart", attributes: { action: "start" } } };

describe("commands as confirmed actions (real mosquitto, simulator clock)", () => {
  it("charge-start: one POST, read back until charging, `confirmed` on the result topic", async () => {
    const { sim, clock, zoe, sent, press } = await confirmingBridge();
    const result = await press("charge-start");
    // Reads at 10 s (not yet) and 25 s (the car acted at 15 s).
    expect(result).toMatchObject({
      command: "charge-start",
      status: "confirmed",
      seen_at: new Date(T0 + 25 * SECOND).toISOString(),
      requests: 3,
    });
    const requests = sent();
    expect(requests.filter((r) => r.method !== "GET")).toEqual([
      { method: "POST", leaf: "actions/charging-start", json: CHARGE_START_BODY },
    ]);
    expect(requests.map((r) => `${r.method} ${r.leaf}`)).toEqual([
      "POST actions/charging-start",
      "GET battery-status",
      "GET battery-status",
    ]);
    expect(clock.now()).toBe(T0 + 25 * SECOND);
    expect(sim.world.vehicle(zoe).attributes("battery-status").chargingStatus).toBe(1);
  });

  it("an action the car ignores: sent once, read until the deadline, `unconfirmed`", async () => {
    const { sim, clock, zoe, sent, press } = await confirmingBridge();
    sim.world.vehicle(zoe).state.ignoredActions.add("actions/charge-start");
    const result = await press("charge-start");
    expect(result).toMatchObject({
      command: "charge-start",
      status: "unconfirmed",
      reason: "deadline",
      message: "sent; the car did not show the effect before the deadline",
      requests: 5,
    });
    expect(result).not.toHaveProperty("seen_at");
    const requests = sent();
    expect(requests.filter((r) => r.method !== "GET")).toEqual([
      { method: "POST", leaf: "actions/charging-start", json: CHARGE_START_BODY },
    ]);
    expect(requests.filter((r) => r.method === "GET").map((r) => r.leaf)).toEqual(
      Array(4).fill("battery-status"),
    );
    expect(clock.now()).toBe(T0 + 60 * SECOND);
    expect(sim.world.vehicle(zoe).attributes("battery-status").chargingStatus).not.toBe(1);
  });

  it("makes no confirmation read the hourly budget has no room for: `unconfirmed`, reason budget", async () => {
    // Set once the setup's requests are out: only the test's own requests count.
    const spending: { budget?: RequestBudget } = {};
    const { sim, clock, client } = await simulatorClient((event) => spending.budget?.onTrace(event));
    const zoe = sim.demo.vins.zoe40;
    const vehicle = (await client.account(sim.demo.renaultAccountId).getVehicles()).find(
      (v) => v.vin === zoe,
    )!;
    await vehicle.getDetails();
    const since = sim.requests.at(-1)!.seq;
    // 3 per hour, 1 already spent, the action may cost 2: no room is left for a read.
    const budget = new RequestBudget(3, () => clock.now());
    spending.budget = budget;
    await vehicle.getBatteryStatus();
    const waits = {
      now: () => clock.now(),
      sleep: (ms: number) => {
        clock.advance(ms);
        return Promise.resolve();
      },
    };
    const outcome = await runConfirmed(
      vehicle,
      { kind: "charge-start" },
      { deadline: 60 * SECOND, reads: 6, clock: waits },
      budget,
    );
    expect(outcome).toMatchObject({ status: "unconfirmed", reason: "budget", requests: 1 });
    const sent = sim.requests.filter((r) => r.service === "kamereon" && r.seq > since);
    expect(sent.map((r) => `${r.method} ${r.path.split(`/${zoe}/`)[1]}`)).toEqual([
      "GET battery-status",
      "POST actions/charging-start",
    ]);
    expect(sent[1]!.json).toEqual(CHARGE_START_BODY);
  });

  it("sends nothing once the bridge is stopping", async () => {
    const { sim, client } = await simulatorClient();
    const vehicle = client.account(sim.demo.renaultAccountId).vehicle(sim.demo.vins.zoe40);
    const since = sim.requests.at(-1)!.seq;
    const stopping = new AbortController();
    stopping.abort();
    const outcome = await runConfirmed(
      vehicle,
      { kind: "horn" },
      { deadline: 60 * SECOND, reads: 6 },
      undefined,
      stopping.signal,
    );
    expect(outcome).toEqual({ status: "failed", message: "the bridge is stopping: not sent", requests: 0 });
    expect(sim.requests.filter((r) => r.seq > since)).toEqual([]);
  });

  it("takes --confirm-reads from the settings: 0 reads, `unconfirmed` (budget) after the one POST", async () => {
    const mosquitto = await startMosquitto();
    cleanups.push(() => mosquitto.close());
    const probe = await startSimulator();
    const zoe = probe.demo.vins.zoe40;
    await probe.close();
    const argv = ["--demo", "--broker", mosquitto.url, "--interval", "3600", "--confirm-reads", "0"];
    const settings = resolveSettings({ argv, env: {} });
    if (settings === HELP) throw new Error("help");
    const running = await runBridge(settings);
    cleanups.push(() => running.stop());
    const watcher = await record(mosquitto.url);
    cleanups.push(() => watcher.close());
    await watcher.until(() => watcher.on(`renault-api/${zoe}/battery_level`)[0], "first poll");
    await watcher.client.publishAsync(`renault-api/${zoe}/command/charge-start`, "PRESS", { qos: 1 });
    const message = await watcher.until(() => watcher.on(`renault-api/${zoe}/result`)[0], "the result");
    expect(JSON.parse(message.payload)).toMatchObject({
      command: "charge-start",
      status: "unconfirmed",
      reason: "budget",
      requests: 1,
    });
  });
});
