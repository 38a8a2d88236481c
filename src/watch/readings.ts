/** Change detection and freshness of readings (issue 16, item 1). */
import type { FieldChange, WatchError } from "./events.js";

/**
 * The top-level fields of `next` that differ from `previous` (compared as JSON), with both
 * values; a field that disappeared counts as changed to `undefined`.
 */
export function changedFields(previous: unknown, next: unknown): FieldChange[] {
  const before = asRecord(previous);
  const after = asRecord(next);
  const fields = new Set([...Object.keys(before), ...Object.keys(after)]);
  const changes: FieldChange[] = [];
  for (const field of [...fields].sort())
    if (JSON.stringify(before[field]) !== JSON.stringify(after[field]))
      changes.push({ field, old: before[field], new: after[field] });
  return changes;
}

/**
 * When the car reported a value, from the payload's own timestamp: battery-status `timestamp`,
 * cockpit, location and hvac-status `lastUpdateTime` (field notes C.4). A missing or invalid one,
 * or one in the far future, counts as unknown.
 */
export function reportedAtOf(value: unknown, now: number): number | undefined {
  const record = asRecord(value);
  for (const field of ["timestamp", "lastUpdateTime"]) {
    const text = record[field];
    if (typeof text !== "string" || text.length > 40) continue;
    const at = Date.parse(text);
    if (Number.isFinite(at) && at <= now + 86_400_000) return at;
  }
  return undefined;
}

/** ISO date-time of epoch ms. */
export function iso(at: number): string {
  return new Date(at).toISOString();
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/** A battery-status says charging. */
export function isCharging(battery: unknown): boolean {
  const status = (battery as { chargingStatus?: unknown } | undefined)?.chargingStatus;
  return typeof status === "number" && status >= 1;
}

/** A battery-status says plugged in. */
export function isPlugged(battery: unknown): boolean {
  const status = (battery as { plugStatus?: unknown } | undefined)?.plugStatus;
  return typeof status === "number" && status >= 1;
}

/** An error as events carry it (the library's messages are already free of secrets). */
export function describe(error: unknown, at: number): WatchError {
  const name = error instanceof Error ? error.name : "Error";
  const message = error instanceof Error ? error.message.slice(0, 300) : "unknown error";
  return { name, message, at: iso(at) };
}

/** Waits `ms`, or less if `signal` aborts. */
export function timerSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) {
      resolve();
      return;
    }
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
  });
}
