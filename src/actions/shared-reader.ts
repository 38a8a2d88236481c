/**
 * A running watcher (issue 16, `activeWatcher(client)`) as the confirmation's reader: its reads
 * spend from its budget, and an action sent nudges it to poll the effect read sooner. Typed by
 * shape, so this module does not depend on the watcher's.
 */
import type { EndpointKey, ReadKey } from "../registry/index.js";
import type { EffectReader } from "./outcome.js";

/** What the confirmation needs of a running watcher (its `WatchHandle`). */
export interface SharedWatcher {
  /** `undefined`: the watcher's budget or a quota lockout forbids the read (nothing sent). */
  readNow(
    vin: string,
    key: ReadKey,
    options?: { readonly signal?: AbortSignal },
  ): Promise<{ readonly value: unknown } | undefined>;
  nudge(vin: string, key?: ReadKey): void;
}

/** The shared budget forbids a confirmation read: the confirmation ends as `unconfirmed`, `budget`. */
export class SharedBudgetSpentError extends Error {
  override name = "SharedBudgetSpentError";
}

/** The watcher's reads as an {@link EffectReader}. */
export function watcherReader(watcher: SharedWatcher): EffectReader {
  return {
    async readNow(vin: string, key: EndpointKey, signal?: AbortSignal) {
      const reading = await watcher.readNow(vin, key as ReadKey, signal === undefined ? {} : { signal });
      if (reading === undefined) throw new SharedBudgetSpentError("the watcher's budget forbids the read");
      return reading.value;
    },
    sent(vin: string, key: EndpointKey) {
      watcher.nudge(vin, key as ReadKey);
    },
  };
}
