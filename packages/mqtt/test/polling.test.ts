/**
 * The polling adapter against the simulator and a real mosquitto: a failed poll blanks nothing,
 * and a simulated day stays within the budget (the simulator's clock, moved by the adapter's waits).
 */
import { afterEach, expect, it } from "vitest";
import { RenaultClient } from "renault-api";
import { SimulatorClock, startSimulator } from "renault-api/simulator";
import { BUDGET_WINDOW, RequestBudget } from "../src/budget.js";
import { LibraryAdapter } from "../src/library-adapter.js";
import { startBridge } from "./support/bridge.js";
import { startMosquitto } from "./support/mosquitto.js";
import { record } from "./support/mqtt.js";

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

it("keeps the retained values and every entity when a poll fails; health says failing", async () => {
  const mosquitto = await startMosquitto();
  cleanups.push(() => mosquitto.close());
  const sim = await startSimulator();
  cleanups.push(() => sim.close());
  const zoe = sim.demo.vins.zoe50;
  const client = new RenaultClient({
    locale: "fr_FR",
    gigyaUrl: sim.gigyaUrl,
    gigyaApiKey: sim.gigyaApiKey,
    kamereonUrl: sim.kamereonUrl,
    kamereonApiKey: sim.kamereonApiKey,
    retry: { delay: () => 0 },
  });
  await client.session.login(sim.demo.email, sim.demo.password);
  // Each poll round waits for the test's go (the adapter's only wait is between rounds).
  let go: (() => void) | undefined;
  const rounds: number[] = [];
  const adapter = new LibraryAdapter({
    client,
    interval: 60_000,
    vins: [zoe],
    sleep: (_ms, signal) =>
      new Promise<void>((resolve) => {
        rounds.push(rounds.length + 1);
        go = resolve;
        signal.addEventListener("abort", () => {
          resolve();
        });
      }),
  });
  await startBridge(mosquitto.url, adapter, cleanups);
  const watcher = await record(mosquitto.url);
  cleanups.push(() => watcher.close());
  const discovery = `homeassistant/device/renault_${zoe}/config`;
  await watcher.until(() => rounds.length === 1, "the first round", 5000);
  const level = await watcher.until(() => watcher.on(`renault-api/${zoe}/battery_level`)[0], "a level");
  const configsBefore = watcher.on(discovery).length;
  const components = Object.keys(JSON.parse(watcher.on(discovery).at(-1)!.payload).cmps as object);
  expect(components).toContain("battery_level");

  sim.addFault("5xx@battery-status:*");
  const since = sim.requests.at(-1)?.seq ?? 0;
  go?.();
  const health = await watcher.until(
    () => watcher.on(`renault-api/${zoe}/health`).find((m) => JSON.parse(m.payload).status === "failing"),
    "health failing",
    5000,
  );
  expect(JSON.parse(health.payload).last_error).toMatch(/^\w+: /);
  // The failed read went out (and failed) in this round.
  const failed = sim.requests.filter((r) => r.seq > since && r.endpoint === "battery-status");
  expect(failed.length).toBeGreaterThan(0);
  expect(failed.every((r) => r.fault === "5xx")).toBe(true);
  // Nothing blanked: the level is not republished, the state still holds it, no entity removed.
  expect(watcher.on(`renault-api/${zoe}/battery_level`)).toEqual([level]);
  expect(watcher.on(discovery)).toHaveLength(configsBefore);
  const late = await record(mosquitto.url);
  cleanups.push(() => late.close());
  const state = await late.until(() => late.on(`renault-api/${zoe}/state`)[0], "retained state");
  expect(JSON.parse(state.payload)).toMatchObject({ battery_level: Number(level.payload) });
  const retainedLevel = await late.until(
    () => late.on(`renault-api/${zoe}/battery_level`)[0],
    "retained level",
  );
  expect(retainedLevel).toMatchObject({ payload: level.payload, retain: true });
  const config = await late.until(() => late.on(discovery)[0], "retained discovery");
  expect(Object.keys(JSON.parse(config.payload).cmps as object)).toEqual(components);
});

it("stays within the budget through a simulated day (requests per hour ≤ budget)", async () => {
  const start = Date.parse("2026-12-01T00:00:00Z");
  const clock = new SimulatorClock({ start, speed: 0 });
  const sim = await startSimulator({ clock });
  cleanups.push(() => sim.close());
  const budget = new RequestBudget(30, () => clock.now());
  const client = new RenaultClient({
    locale: "fr_FR",
    gigyaUrl: sim.gigyaUrl,
    gigyaApiKey: sim.gigyaApiKey,
    kamereonUrl: sim.kamereonUrl,
    kamereonApiKey: sim.kamereonApiKey,
    retry: { delay: () => 0 },
    now: () => clock.now(),
    onTrace: budget.onTrace,
  });
  await client.session.login(sim.demo.email, sim.demo.password);
  const kamereon = () => sim.requests.filter((r) => r.service === "kamereon").length;
  // (Kamereon requests before a wait, simulated time after it): the clock moves only in the
  // adapter's waits, so every request between two waits happened at the time the first one ended.
  const marks: { at: number; sent: number }[] = [{ at: clock.now(), sent: kamereon() }];
  const abort = new AbortController();
  const adapter = new LibraryAdapter({
    client,
    interval: 60_000,
    budget,
    sleep: (ms) => {
      const sent = kamereon();
      if (clock.now() + ms >= start + 24 * BUDGET_WINDOW) abort.abort();
      else clock.advance(ms);
      marks.push({ at: clock.now(), sent });
      return Promise.resolve();
    },
  });
  let readings = 0;
  for await (const event of adapter.feed(abort.signal)) if (event.type === "readings") readings++;
  marks.push({ at: clock.now(), sent: kamereon() });

  const sentAt: number[] = [];
  for (let i = 1; i < marks.length; i++) {
    for (let n = marks[i - 1]!.sent; n < marks[i]!.sent; n++) sentAt.push(marks[i - 1]!.at);
  }
  // Every sliding hour starting at a request.
  const worst = Math.max(...sentAt.map((t) => sentAt.filter((u) => u >= t && u < t + BUDGET_WINDOW).length));
  const hours = Array.from(
    { length: 24 },
    (_, h) =>
      sentAt.filter((t) => t >= start + h * BUDGET_WINDOW && t < start + (h + 1) * BUDGET_WINDOW).length,
  );
  // The budget counted what the simulator received (its trace sees every attempt).
  expect(budget.used()).toBe(sentAt.filter((t) => t > clock.now() - BUDGET_WINDOW).length);
  expect(worst).toBeLessThanOrEqual(30);
  expect(Math.max(...hours)).toBeLessThanOrEqual(30);
  // It used the budget, not a fraction of it: 24 hours × 30, less one round per hour of slack.
  expect(sentAt.length).toBeGreaterThan(24 * 20);
  expect(readings).toBeGreaterThan(24);
  expect(clock.now() - start).toBeGreaterThan(23 * BUDGET_WINDOW);
});
