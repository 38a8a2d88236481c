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

describe("watch through failures", () => {
  test("an outage gives failing health, keeps the last good values, and recovers", async () => {
    const { sim, clock, sent } = await timedSimulator();
    const vin = sim.demo.vins.zoe40;
    const client = await watchClient(sim, clock);
    let outage = "before";
    const events = await watchUntil(client, clock, T0 + 5 * HOUR, { vins: [vin] }, undefined, (now) => {
      if (outage === "before" && now >= T0 + HOUR) {
        outage = "during";
        sim.addFault("5xx@*:*");
      } else if (outage === "during" && now >= T0 + 3 * HOUR) {
        outage = "after";
        sim.clearFaults();
      }
    });
    const health = events.filter((event) => event.type === "health");
    expect(health.map((event) => [event.failing, event.stale])).toEqual([
      [true, false],
      [false, false],
    ]);
    const [down, up] = health;
    expect(Date.parse(down!.time)).toBeGreaterThanOrEqual(T0 + HOUR);
    expect(down!.lastError?.name).toBe("FailedForwardError");
    expect(Date.parse(up!.time)).toBeGreaterThanOrEqual(T0 + 3 * HOUR);
    // No value was blanked: no change event during the outage.
    const during = events.filter(
      (event) =>
        event.type === "change" &&
        Date.parse(event.time) > T0 + HOUR &&
        Date.parse(event.time) < T0 + 3 * HOUR,
    );
    expect(during).toEqual([]);
    const failed = sent.filter((request) => request.at > T0 + HOUR && request.at < T0 + 3 * HOUR);
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.every((request) => request.status !== 200)).toBe(true);
    // The outage backs off: far fewer requests than in a normal two hours.
    expect(failed.length).toBeLessThan(30);
  });

  test("a quota lockout pauses every read of the account until it ends, then resumes", async () => {
    const { sim, clock, sent } = await timedSimulator({ quota: 20 });
    const vin = sim.demo.vins.zoe40;
    const account = sim.demo.renaultAccountId;
    const client = await watchClient(sim, clock);
    const events = await watchUntil(client, clock, T0 + 3 * HOUR, { vins: [vin], budget: 45 });
    const quota = events.filter((event) => event.type === "quota");
    expect(quota.length).toBeGreaterThanOrEqual(2);
    const [start, end] = quota;
    expect(start!.lockedUntil).toBeDefined();
    expect(end!.lockedUntil).toBeUndefined();
    const until = Date.parse(start!.lockedUntil!);
    const refusedAt = sent.find((request) => request.status === 429)!.at;
    // Nothing was sent to the account while it was locked out.
    expect(
      sent.filter((request) => request.account === account && request.at > refusedAt && request.at < until),
    ).toEqual([]);
    expect(sent.filter((request) => request.at >= until && request.status === 200).length).toBeGreaterThan(0);
    expect(Date.parse(end!.time)).toBeGreaterThanOrEqual(until);
  });
});
