/**
 * `client.watch()` (issue 16): a live, budgeted, freshness-aware feed of every car. See
 * docs/watch.md; the event types and the in-process seam are in `events.ts`.
 */
import type { RenaultClient } from "../client.js";
import type { WatchEvent, WatchHandle, WatchOptions } from "./events.js";
import { Watcher } from "./watcher.js";

export type * from "./events.js";
export { DEFAULT_WATCH_KEYS } from "./schedule.js";
export { WATCH_STATE_KEY } from "./state.js";

import { running } from "./running.js";

export { activeWatcherOf } from "./running.js";

/** The watcher running on `client`, if any (the latest one started). */
export function activeWatcher(client: RenaultClient): WatchHandle | undefined {
  return running.get(client.session);
}

/** Starts a watch on `client`: see {@link RenaultClient.watch}. */
export function watch(client: RenaultClient, options: WatchOptions = {}): AsyncIterable<WatchEvent> {
  return {
    [Symbol.asyncIterator]() {
      const stop = new AbortController();
      const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal;
      const watcher = new Watcher(client, options, signal);
      const queue = watcher.events();
      running.set(client.session, watcher);
      const done = watcher.run().finally(() => {
        if (running.get(client.session) === watcher) running.delete(client.session);
      });
      return {
        next: () => queue.next(),
        async return() {
          stop.abort();
          await done;
          return { value: undefined, done: true };
        },
      };
    },
  };
}
