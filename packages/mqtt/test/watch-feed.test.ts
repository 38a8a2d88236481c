/**
 * The watch path of the adapter (issue 16): a client with `watch()` feeds the bridge from it. Until
 * the watcher is on main, the test's client yields the watcher's event shapes (src/watch/events.ts)
 * built from real reads of the simulator, and the bridge publishes to a real mosquitto.
 */
import { afterEach, expect, it } from "vitest";
import { RenaultClient } from "renault-api";
import { startSimulator } from "renault-api/simulator";
import { LibraryAdapter } from "../src/library-adapter.js";
import type { WatchEventLike } from "../src/watch-feed.js";
import { startBridge } from "./support/bridge.js";
import { startMosquitto } from "./support/mosquitto.js";
import { record } from "./support/mqtt.js";

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A client whose `watch()` yields what the test pushes, and records the options it got. */
class WatchingClient extends RenaultClient {
  readonly stream: WatchEventLike[] = [];
  options: unknown;
  #wake: (() => void) | undefined;
  push(event: WatchEventLike): void {
    this.stream.push(event);
    this.#wake?.();
  }
  // @ts-expect-error -- yields the adapter's event shapes (WatchEventLike), not the library's WatchEvent
  async *watch(options: { signal: AbortSignal }): AsyncGenerator<WatchEventLike> {
    this.options = options;
    for (;;) {
      const next = this.stream.shift();
      if (next) {
        yield next;
        continue;
      }
      if (options.signal.aborted) return;
      await new Promise<void>((resolve) => {
        this.#wake = resolve;
        options.signal.addEventListener("abort", () => {
          resolve();
        });
      });
    }
  }
}

it("publishes the watcher's snapshot, changes, health, quota and definite unsupported", async () => {
  const mosquitto = await startMosquitto();
  cleanups.push(() => mosquitto.close());
  const sim = await startSimulator();
  cleanups.push(() => sim.close());
  const zoe = sim.demo.vins.zoe50;
  const client = new WatchingClient({
    locale: "fr_FR",
    gigyaUrl: sim.gigyaUrl,
    gigyaApiKey: sim.gigyaApiKey,
    kamereonUrl: sim.kamereonUrl,
    kamereonApiKey: sim.kamereonApiKey,
    retry: { delay: () => 0 },
  });
  await client.session.login(sim.demo.email, sim.demo.password);
  const vehicle = (await (await client.getAccounts())[0]!.getVehicles()).find((v) => v.vin === zoe)!;
  const battery = await vehicle.read("battery-status");
  const cockpit = await vehicle.read("cockpit");
  // The test's watch() yields the adapter's shapes: not the library's WatchEvent type.
  const adapter = new LibraryAdapter({
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- the root typecheck needs it
    client: client as unknown as RenaultClient,
    interval: 60_000,
    vins: [zoe],
    watch: true,
  });
  await startBridge(mosquitto.url, adapter, cleanups);
  const watcher = await record(mosquitto.url);
  cleanups.push(() => watcher.close());
  const discovery = `homeassistant/device/renault_${zoe}/config`;
  const config = await watcher.until(() => watcher.on(discovery)[0], "discovery", 5000);
  expect(Object.keys(JSON.parse(config.payload).cmps as object)).toContain("battery_level");
  // The adapter calls watch() once every car is announced: under load, after the first discovery.
  await watcher.until(() => client.options, "the adapter calling watch()", 5000);
  expect(client.options).toMatchObject({ vins: [zoe], keys: expect.arrayContaining(["battery-status"]) });
  const base = { vin: zoe, accountId: vehicle.accountId, time: "2026-12-01T10:00:00Z" };
  const reading = (key: string, value: unknown) => ({ key, value, readAt: base.time, ageMs: 0 });

  client.push({
    ...base,
    type: "snapshot",
    readings: { "battery-status": reading("battery-status", battery), cockpit: reading("cockpit", cockpit) },
  });
  const level = await watcher.until(() => watcher.on(`renault-api/${zoe}/battery_level`)[0], "level");
  expect(Number(level.payload)).toBe(battery.batteryLevel);
  const changed = { ...battery, batteryLevel: (battery.batteryLevel ?? 50) - 7 };
  client.push({
    ...base,
    type: "change",
    key: "battery-status",
    reading: reading("battery-status", changed),
  });
  await watcher.until(
    () =>
      watcher.on(`renault-api/${zoe}/battery_level`).find((m) => Number(m.payload) === changed.batteryLevel),
    "the changed level",
  );

  client.push({
    ...base,
    type: "health",
    stale: false,
    failing: true,
    lastError: { name: "ServerError", message: "500", at: base.time },
  });
  const healthOf = (status: string) => () =>
    watcher
      .on(`renault-api/${zoe}/health`)
      .map((m) => JSON.parse(m.payload))
      .find((h) => h.status === status);
  expect(await watcher.until(healthOf("failing"), "failing")).toMatchObject({
    last_error: "ServerError: 500",
  });
  client.push({
    type: "quota",
    accountId: vehicle.accountId,
    time: base.time,
    lockedUntil: "2026-12-01T10:15:00Z",
  });
  expect(await watcher.until(healthOf("quota"), "quota")).toMatchObject({
    quota_until: "2026-12-01T10:15:00Z",
  });
  // A transient failure removed nothing; a definite "not supported" removes that entity only.
  expect(watcher.on(discovery)).toHaveLength(1);
  client.push({ ...base, type: "unsupported", key: "cockpit" });
  const after = await watcher.until(() => watcher.on(discovery)[1], "discovery without the mileage");
  const components = JSON.parse(after.payload).cmps as Record<string, { p: string }>;
  expect(Object.keys(components)).toContain("battery_level");
  // Home Assistant's removal of one component: reduced to its platform (docs: ha-mqtt-discovery).
  expect(components.mileage).toEqual({ p: "sensor" });
  expect(JSON.parse(config.payload).cmps.mileage).toMatchObject({
    p: "sensor",
    uniq_id: `renault_api_${zoe}_mileage`,
  });
  // The state still holds the last level: nothing blanked.
  const late = await record(mosquitto.url);
  cleanups.push(() => late.close());
  const state = await late.until(() => late.on(`renault-api/${zoe}/state`)[0], "retained state");
  expect(JSON.parse(state.payload)).toMatchObject({ battery_level: changed.batteryLevel });
});
