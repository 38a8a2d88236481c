import { RenaultClient } from "../../src/client.js";
import type { CredentialStore } from "../../src/credentials/store.js";
import { SimulatorClock, type Simulator, type SimulatorOptions } from "../../src/simulator/index.js";
import type { WatchEvent, WatchOptions } from "../../src/watch/index.js";
import { simOptions, useSimulator } from "./sim.js";

export const T0 = Date.parse("2026-12-01T00:00:00Z");
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

/** A Kamereon request as seen by the simulator, with its simulated time. */
export interface Sent {
  readonly at: number;
  readonly account: string | undefined;
  readonly endpoint: string | undefined;
  readonly status: number | undefined;
}

/** A simulator on a stopped clock, recording each Kamereon request's simulated time. */
export async function timedSimulator(options: SimulatorOptions = {}) {
  const clock = new SimulatorClock({ start: T0, speed: 0 });
  const sent: Sent[] = [];
  const sim = await useSimulator({
    clock,
    ...options,
    onRequest: (request) => {
      if (request.service !== "kamereon") return;
      const account = /\/accounts\/([^/?]+)/.exec(request.path)?.[1];
      sent.push({ at: clock.now(), account, endpoint: request.endpoint, status: request.status });
    },
  });
  return { sim, clock, sent };
}

/** A client on the simulator and its clock, logged in. */
export async function watchClient(sim: Simulator, clock: SimulatorClock, store?: CredentialStore) {
  const client = new RenaultClient(
    simOptions(sim, { now: () => clock.now(), ...(store ? { credentialStore: store } : {}) }),
  );
  if (!(await client.getLoginToken())) await client.login(sim.demo.email, sim.demo.password);
  return client;
}

/**
 * Watches until the simulated clock would pass `end`: the watcher's waits move the clock (no real
 * waiting), and the watch's signal aborts at `end`.
 */
export async function watchUntil(
  client: RenaultClient,
  clock: SimulatorClock,
  end: number,
  options: WatchOptions = {},
  onEvent?: (event: WatchEvent) => void,
  onAdvance?: (now: number) => void,
  follower = false,
): Promise<WatchEvent[]> {
  const controller = new AbortController();
  const events: WatchEvent[] = [];
  const sleep = (ms: number, signal: AbortSignal) => {
    if (signal.aborted) return Promise.resolve();
    // A follower leaves the clock to another watcher and looks again shortly (two watchers on one
    // clock: a request is sent at the time it was counted).
    if (follower) {
      if (clock.now() >= end) controller.abort();
      return new Promise<void>((resolve) => setTimeout(resolve, 2));
    }
    if (clock.now() + ms >= end) {
      clock.advanceTo(end);
      controller.abort();
    } else {
      clock.advance(ms);
      onAdvance?.(clock.now());
    }
    return Promise.resolve();
  };
  for await (const event of client.watch({
    now: () => clock.now(),
    sleep,
    signal: controller.signal,
    ...options,
  })) {
    events.push(event);
    onEvent?.(event);
  }
  return events;
}

/** The most requests of `account` in any sliding hour. */
export function maxPerHour(sent: readonly Sent[], account: string): number {
  const times = sent.filter((request) => request.account === account).map((request) => request.at);
  let max = 0;
  for (let start = 0, end = 0; end < times.length; end++) {
    while (times[end]! - times[start]! >= HOUR) start++;
    max = Math.max(max, end - start + 1);
  }
  return max;
}
