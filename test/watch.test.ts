/**
 * `client.watch()` against the simulator on its clock (issue 16): a simulated day runs in well
 * under a second, the watcher's waits moving the clock.
 */
import { describe, expect, test } from "vitest";
import type { ChangeEvent, WatchEvent } from "../src/watch/index.js";
import { HOUR, maxPerHour, MINUTE, T0, timedSimulator, watchClient, watchUntil } from "./support/watch.js";

const changes = (events: WatchEvent[]) =>
  events.filter((event): event is ChangeEvent => event.type === "change");

describe("watch", () => {
  test("a simulated day stays inside the budget and reports the car's events as changes", async () => {
    const { sim, clock, sent } = await timedSimulator();
    const vin = sim.demo.vins.zoe40;
    const account = sim.demo.renaultAccountId;
    const client = await watchClient(sim, clock);
    sim.script([
      { at: "07:00", vin, event: "trip", minutes: 40, km: 30 },
      { at: "18:30", event: "plug-in", charge: false },
      { at: "19:00", event: "charge-start" },
    ]);
    const started = performance.now();
    const events = await watchUntil(client, clock, T0 + 24 * HOUR, { vins: [vin], budget: 45 });
    expect(performance.now() - started).toBeLessThan(20_000);
    expect(maxPerHour(sent, account)).toBeLessThanOrEqual(45);
    expect(sent.filter((request) => request.account === account).length).toBeGreaterThan(24 * 20);
    const first = events.find((event) => "vin" in event && event.vin === vin && event.type !== "unsupported");
    expect(first?.type).toBe("snapshot");
    expect(events.filter((event) => event.type === "snapshot")).toHaveLength(1);
    const tripEnd = changes(events).find((event) => event.key === "cockpit");
    expect(tripEnd?.changes.map((change) => change.field)).toContain("totalMileage");
    expect(Date.parse(tripEnd!.time)).toBeGreaterThanOrEqual(Date.parse("2026-12-01T07:40:00Z"));
    expect(Date.parse(tripEnd!.time)).toBeLessThan(Date.parse("2026-12-01T07:50:00Z"));
    const plugged = changes(events).find((event) =>
      event.changes.some((change) => change.field === "plugStatus"),
    );
    expect(Date.parse(plugged!.time) - Date.parse("2026-12-01T18:30:00Z")).toBeLessThan(5 * MINUTE);
    // Change-only: every change event names fields whose old and new values differ.
    for (const event of changes(events)) {
      expect(event.changes.length).toBeGreaterThan(0);
      for (const change of event.changes)
        expect(JSON.stringify(change.old)).not.toBe(JSON.stringify(change.new));
    }
  });
});
