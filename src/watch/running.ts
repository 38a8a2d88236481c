/**
 * The watchers running in this process, by session (a client's and its vehicles' are the same), so
 * that confirmed actions share their reads and budget (src/watch/events.ts, src/actions/perform.ts).
 * Its own small module: an action needs no watcher code loaded to ask.
 */
import type { RenaultSession } from "../session.js";
import type { WatchHandle } from "./events.js";

export const running = new WeakMap<RenaultSession, WatchHandle>();

/** The watcher running on `session` and watching `vin`, if any: what a confirmation reads through. */
export function activeWatcherOf(session: RenaultSession, vin: string): WatchHandle | undefined {
  const watcher = running.get(session);
  return watcher?.vins.includes(vin) ? watcher : undefined;
}
