/** A test subscriber on a real broker that records every message, and a feed the test drives. */
import { connectAsync, type MqttClient } from "mqtt";
import type { FeedEvent, VehicleFeed } from "../../src/feed.js";

/** A message as received. */
export interface Received {
  readonly topic: string;
  readonly payload: string;
  readonly retain: boolean;
}

/** A subscriber recording what it receives. */
export interface Recorder {
  readonly client: MqttClient;
  readonly messages: Received[];
  on(topic: string): Received[];
  /** Waits until `check` returns a value (polls every 10 ms; fails after `timeout` ms). */
  until<T>(check: () => T | undefined | false, what: string, timeout?: number): Promise<T>;
  close(): Promise<void>;
}

/** Subscribes to `filter` (default everything) on the broker at `url`. */
export async function record(url: string, filter = "#"): Promise<Recorder> {
  const client = await connectAsync(url, {
    reconnectPeriod: 50,
    clientId: `test-${Math.random().toString(16).slice(2)}`,
  });
  const messages: Received[] = [];
  client.on("message", (topic, payload, packet) => {
    messages.push({ topic, payload: payload.toString(), retain: packet.retain });
  });
  await client.subscribeAsync(filter, { qos: 1 });
  return {
    client,
    messages,
    on: (topic) => messages.filter((message) => message.topic === topic),
    until: (check, what, timeout = 1500) => waitUntil(check, what, timeout),
    close: () => client.endAsync(true),
  };
}

/** Polls `check` until it returns a value. */
export async function waitUntil<T>(
  check: () => T | undefined | false,
  what: string,
  timeout = 1500,
): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A feed the test pushes events into (the seam the watcher will fill). */
export class PushFeed implements VehicleFeed {
  readonly #queue: FeedEvent[] = [];
  #wake: (() => void) | undefined;
  #ended = false;

  push(...events: FeedEvent[]): void {
    this.#queue.push(...events);
    this.#wake?.();
  }

  end(): void {
    this.#ended = true;
    this.#wake?.();
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<FeedEvent> {
    for (;;) {
      const next = this.#queue.shift();
      if (next) {
        yield next;
        continue;
      }
      if (this.#ended) return;
      await new Promise<void>((resolve) => (this.#wake = resolve));
    }
  }
}
