/**
 * Confirmed actions' outcomes (issue 17) on the result topic of a real mosquitto: what the
 * "Last command" sensor shows for confirmed, unconfirmed, rejected and accepted.
 */
import { afterEach, expect, it } from "vitest";
import { commandOutcomeOf, type ActionOutcomeLike } from "../src/action-outcome.js";
import { MqttBridge } from "../src/bridge.js";
import type { BridgeCommand, CommandRunner } from "../src/feed.js";
import { startMosquitto } from "./support/mosquitto.js";
import { PushFeed, record, waitUntil } from "./support/mqtt.js";

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const VIN = "VF1TESTVIN0000001";

it("publishes each action outcome on the result topic, retained", async () => {
  const mosquitto = await startMosquitto();
  cleanups.push(() => mosquitto.close());
  const outcomes: ActionOutcomeLike[] = [
    { outcome: "confirmed", seenAt: "2026-12-01T10:01:00.000Z", requests: 3 },
    { outcome: "unconfirmed", reason: "deadline", requests: 6 },
    { outcome: "rejected", error: new Error("The vehicle refused\nsecond line"), requests: 1 },
    { outcome: "accepted", requests: 1 },
  ];
  const received: BridgeCommand[] = [];
  const runner: CommandRunner = {
    run: (_vin, command) => {
      received.push(command);
      return Promise.resolve(commandOutcomeOf(outcomes[received.length - 1]!));
    },
  };
  const feed = new PushFeed();
  const bridge = new MqttBridge({
    broker: { url: mosquitto.url, reconnectPeriod: 50 },
    feed,
    commands: runner,
    birthDelay: () => 0,
  });
  await bridge.start();
  cleanups.push(() => bridge.stop());
  feed.push({
    type: "vehicle",
    description: {
      vin: VIN,
      support: { "actions/charge-start": "supported", "actions/horn-start": "supported" },
    },
  });
  const watcher = await record(mosquitto.url);
  cleanups.push(() => watcher.close());
  await watcher.until(() => watcher.on(`homeassistant/device/renault_${VIN}/config`)[0], "discovery");
  const results = () => watcher.on(`renault-api/${VIN}/result`).map((m) => JSON.parse(m.payload));
  for (let i = 1; i <= outcomes.length; i++) {
    await watcher.client.publishAsync(
      `renault-api/${VIN}/command/${i === 4 ? "horn" : "charge-start"}`,
      "PRESS",
      {
        qos: 1,
      },
    );
    await waitUntil(() => results().length >= i, `result ${i}`);
  }
  for (const result of results()) expect(Date.parse(result.at)).not.toBeNaN();
  expect(results().map((result) => ({ ...result, at: undefined }))).toEqual([
    { command: "charge-start", status: "confirmed", seen_at: "2026-12-01T10:01:00.000Z", requests: 3 },
    {
      command: "charge-start",
      status: "unconfirmed",
      reason: "deadline",
      message: "sent; the car did not show the effect before the deadline",
      requests: 6,
    },
    { command: "charge-start", status: "rejected", message: "Error: The vehicle refused", requests: 1 },
    { command: "horn", status: "accepted", message: "accepted by the service; not confirmed", requests: 1 },
  ]);
  expect(received.map((c) => c.kind)).toEqual(["charge-start", "charge-start", "charge-start", "horn"]);
  const late = await record(mosquitto.url);
  cleanups.push(() => late.close());
  const retained = await late.until(() => late.on(`renault-api/${VIN}/result`)[0], "the retained result");
  expect(retained.retain).toBe(true);
  expect(JSON.parse(retained.payload)).toMatchObject({ command: "horn", status: "accepted" });
});
