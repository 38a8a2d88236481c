/**
 * The bridge against a real mosquitto and the simulator: discovery, retained state on change
 * only, availability, broker restart, Home Assistant's birth message, commands.
 */
import { afterEach, describe, expect, it } from "vitest";
import { RenaultClient } from "renault-api";
import { startSimulator } from "renault-api/simulator";
import { MqttBridge } from "../src/bridge.js";
import type { CommandRunner, VehicleDescription } from "../src/feed.js";
import { validateDeviceDiscovery } from "../src/ha-validate.js";
import { LibraryAdapter } from "../src/library-adapter.js";
import { startBridge } from "./support/bridge.js";
import { startMosquitto, type Mosquitto } from "./support/mosquitto.js";
import { PushFeed, record, waitUntil, type Recorder } from "./support/mqtt.js";

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function broker(): Promise<Mosquitto> {
  const mosquitto = await startMosquitto();
  cleanups.push(() => mosquitto.close());
  return mosquitto;
}

async function subscriber(url: string): Promise<Recorder> {
  const recorder = await record(url);
  cleanups.push(() => recorder.close());
  return recorder;
}

async function simulatorBridge(mosquitto: Mosquitto, options: { vins?: string[] } = {}) {
  const sim = await startSimulator();
  cleanups.push(() => sim.close());
  const client = new RenaultClient({
    locale: "fr_FR",
    gigyaUrl: sim.gigyaUrl,
    gigyaApiKey: sim.gigyaApiKey,
    kamereonUrl: sim.kamereonUrl,
    kamereonApiKey: sim.kamereonApiKey,
    retry: { delay: () => 0 },
  });
  await client.session.login(sim.demo.email, sim.demo.password);
  const adapter = new LibraryAdapter({ client, interval: 3_600_000, vins: options.vins });
  const bridge = await startBridge(mosquitto.url, adapter, cleanups);
  return { sim, bridge };
}

const NO_COMMANDS: CommandRunner = { run: () => Promise.resolve({ status: "failed", message: "no" }) };
const VIN = "VF1TESTVIN0000001";
const description: VehicleDescription = {
  vin: VIN,
  brand: "Renault",
  model: "ZOE",
  support: { "battery-status": "supported" },
};

async function pushBridge(mosquitto: Mosquitto) {
  const feed = new PushFeed();
  const bridge = new MqttBridge({
    broker: { url: mosquitto.url, reconnectPeriod: 50 },
    feed,
    commands: NO_COMMANDS,
    birthDelay: () => 0,
  });
  await bridge.start();
  cleanups.push(() => bridge.stop());
  return { feed, bridge };
}

describe("bridge end to end (real mosquitto)", () => {
  it("announces every demo car with a valid discovery payload, retained", async () => {
    const mosquitto = await broker();
    const { sim } = await simulatorBridge(mosquitto);
    const vins = Object.values(sim.demo.vins);
    const watcher = await subscriber(mosquitto.url);
    const discoveryOf = (recorder: Recorder) =>
      recorder.messages.filter((m) => m.topic.startsWith("homeassistant/device/"));
    await watcher.until(() => discoveryOf(watcher).length >= vins.length, "discovery of every car", 5000);
    // A subscriber arriving later gets them all, retained.
    const late = await subscriber(mosquitto.url);
    const configs = await late.until(() => {
      const found = discoveryOf(late);
      return found.length >= vins.length && found;
    }, "retained discovery");
    expect(configs.every((message) => message.retain)).toBe(true);
    for (const message of configs)
      expect(validateDeviceDiscovery(message.topic, message.payload)).toEqual([]);
    expect(configs.map((m) => m.topic).sort()).toEqual(
      vins.map((vin) => `homeassistant/device/renault_${vin}/config`).sort(),
    );
    expect(watcher.on("renault-api/bridge/availability")[0]).toMatchObject({
      payload: "online",
      retain: true,
    });
    const zoe = sim.demo.vins.zoe50;
    const level = await watcher.until(
      () => watcher.on(`renault-api/${zoe}/battery_level`)[0],
      "battery level",
    );
    expect(Number(level.payload)).toBe(sim.world.vehicle(zoe).attributes("battery-status").batteryLevel);
    const state = await watcher.until(
      () =>
        watcher
          .on(`renault-api/${zoe}/state`)
          .map((m) => JSON.parse(m.payload))
          .find((document) => "battery_level" in document),
      "a state with the battery level",
    );
    expect(state).toMatchObject({ battery_level: Number(level.payload), remote_protocol: "kca" });
    // ZOE 40's read says "always"; the select offers what the action takes.
    const mode = await watcher.until(
      () => watcher.on(`renault-api/${sim.demo.vins.zoe40}/charge_mode`)[0],
      "charge mode",
    );
    expect(mode.payload).toBe("always_charging");
    const health = await watcher.until(() => watcher.on(`renault-api/${zoe}/health`)[0], "health");
    expect(JSON.parse(health.payload)).toMatchObject({ status: "ok" });
  });

  it("publishes state retained and only on change; a null blanks nothing", async () => {
    const mosquitto = await broker();
    const { feed } = await pushBridge(mosquitto);
    const watcher = await subscriber(mosquitto.url);
    feed.push({ type: "vehicle", description });
    feed.push({ type: "readings", vin: VIN, readings: { battery_level: 80, charging: true } });
    feed.push({ type: "readings", vin: VIN, readings: { battery_level: 80, charging: true } });
    feed.push({ type: "readings", vin: VIN, readings: { battery_level: null } });
    feed.push({ type: "readings", vin: VIN, readings: { battery_level: 81 } });
    const levels = () => watcher.on(`renault-api/${VIN}/battery_level`).map((m) => m.payload);
    await watcher.until(() => levels().length >= 2, "the second battery level");
    // A marker after the rest: everything before it has been delivered.
    feed.push({ type: "health", vin: VIN, health: { status: "ok" } });
    await watcher.until(() => watcher.on(`renault-api/${VIN}/health`)[0], "health");
    expect(levels()).toEqual(["80", "81"]);
    expect(watcher.on(`renault-api/${VIN}/charging`).map((m) => m.payload)).toEqual(["true"]);
    const states = watcher.on(`renault-api/${VIN}/state`).map((m) => JSON.parse(m.payload));
    // One document per batch of readings that changed something.
    expect(states).toEqual([
      { battery_level: 80, charging: true },
      { battery_level: 81, charging: true },
    ]);

    const late = await subscriber(mosquitto.url);
    const retained = await late.until(() => late.on(`renault-api/${VIN}/battery_level`)[0], "retained level");
    expect(retained).toMatchObject({ payload: "81", retain: true });
  });

  it("says offline on a clean stop", async () => {
    const mosquitto = await broker();
    const { bridge } = await pushBridge(mosquitto);
    await bridge.stop();
    const late = await subscriber(mosquitto.url);
    const availability = await late.until(
      () => late.on("renault-api/bridge/availability")[0],
      "availability",
    );
    expect(availability).toMatchObject({ payload: "offline", retain: true });
  });

  it("republishes discovery and state after a broker restart and on Home Assistant's online", async () => {
    const mosquitto = await broker();
    const { feed } = await pushBridge(mosquitto);
    feed.push(
      { type: "vehicle", description },
      { type: "readings", vin: VIN, readings: { battery_level: 64 } },
    );
    const first = await subscriber(mosquitto.url);
    await first.until(() => first.on(`renault-api/${VIN}/battery_level`)[0], "the level before the restart");
    await first.close();

    await mosquitto.stop(); // no persistence: every retained message is gone
    await mosquitto.start();
    const after = await subscriber(mosquitto.url);
    const config = await after.until(
      () => after.on(`homeassistant/device/renault_${VIN}/config`)[0],
      "discovery after restart",
      3000,
    );
    expect(validateDeviceDiscovery(config.topic, config.payload)).toEqual([]);
    await after.until(
      () => after.on(`renault-api/${VIN}/battery_level`).find((m) => m.payload === "64"),
      "state after restart",
    );
    await after.until(
      () => after.on("renault-api/bridge/availability").find((m) => m.payload === "online"),
      "online after restart",
    );

    const before = after.on(`homeassistant/device/renault_${VIN}/config`).length;
    await after.client.publishAsync("homeassistant/status", "online");
    await after.until(
      () => after.on(`homeassistant/device/renault_${VIN}/config`).length > before,
      "discovery after HA online",
    );
  });

  it("runs a command from its topic on the simulator and publishes the result", async () => {
    const mosquitto = await broker();
    const probe = await startSimulator();
    const zoe = probe.demo.vins.zoe40;
    await probe.close();
    const { sim } = await simulatorBridge(mosquitto, { vins: [zoe] });
    const watcher = await subscriber(mosquitto.url);
    await watcher.until(() => watcher.on(`renault-api/${zoe}/battery_level`)[0], "first poll");
    const since = sim.requests.at(-1)?.seq ?? 0;
    await watcher.client.publishAsync(`renault-api/${zoe}/command/horn`, "PRESS", { qos: 1 });
    const result = await watcher.until(() => watcher.on(`renault-api/${zoe}/result`)[0], "the result");
    expect(JSON.parse(result.payload)).toMatchObject({ command: "horn", status: "accepted", requests: 1 });
    const sent = sim.requests.filter((r) => r.seq > since && r.service === "kamereon");
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ method: "POST", endpoint: "actions/horn-lights", vin: zoe });
    expect(sent[0]!.json).toMatchObject({
      data: { type: "HornLights", attributes: { action: "start", target: "horn" } },
    });
  });

  it("refuses bad command payloads, unsupported and unknown commands without a request", async () => {
    const mosquitto = await broker();
    const probe = await startSimulator();
    const zoe = probe.demo.vins.megane;
    await probe.close();
    const { sim } = await simulatorBridge(mosquitto, { vins: [zoe] });
    const watcher = await subscriber(mosquitto.url);
    await watcher.until(() => watcher.on(`renault-api/${zoe}/battery_level`)[0], "first poll");
    const since = sim.requests.at(-1)?.seq ?? 0;
    const results = () => watcher.on(`renault-api/${zoe}/result`).map((m) => JSON.parse(m.payload));
    await watcher.client.publishAsync(`renault-api/${zoe}/command/soc-target`, "57", { qos: 1 });
    await waitUntil(() => results().length >= 1, "first refusal");
    await watcher.client.publishAsync(`renault-api/${zoe}/command/charge-stop`, "PRESS", { qos: 1 });
    await waitUntil(() => results().length >= 2, "second refusal");
    await watcher.client.publishAsync(`renault-api/${zoe}/command/open-doors`, "PRESS", { qos: 1 });
    await watcher.client.publishAsync(`renault-api/${zoe}/command/charge-mode`, "turbo", { qos: 1 });
    await waitUntil(() => results().length >= 4, "the other refusals");
    expect(results().map((r) => [r.command, r.status, r.message])).toEqual([
      ["soc-target", "rejected", "charge target must be a multiple of 5 from 55"],
      ["charge-stop", "rejected", "not supported by this vehicle"],
      ["open-doors", "rejected", "unknown command"],
      ["charge-mode", "rejected", "charge mode must be one of always_charging, schedule_mode"],
    ]);
    expect(sim.requests.filter((r) => r.seq > since && r.method !== "GET")).toEqual([]);
  });
});
