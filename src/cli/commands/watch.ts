/**
 * `watch`: the vehicles live (issue 16), one line per event. A quota lockout, an outage or an
 * expired JWT is an event; only a login that needs the user ends it (with the usual exit code).
 * SIGINT and SIGTERM are its normal end: exit 0.
 */
import type { WatchEvent } from "../../index.js";
import { defineCommand } from "../command.js";
import type { Context } from "../context.js";
import { localDateTime } from "../render.js";
import { UsageError } from "../usage.js";

export const watch = defineCommand({
  name: "watch",
  summary: "Follow the vehicles live, inside a request budget.",
  description:
    "Follow every vehicle of every account (or the --vin list, comma-separated): a snapshot per\n" +
    "vehicle, then one line per change, with health, quota and budget events. The budget is the\n" +
    "requests per hour per account, counted across every process on the credential file.\n" +
    "Ends with Ctrl-C (exit 0).",
  options: {
    budget: {
      type: "integer",
      valueName: "N",
      description: "requests per hour per account (default 45)",
    },
  },
  endpoints: ["GET battery-status", "GET cockpit", "GET location", "GET hvac-status", "GET charge-mode"],
  examples: ["renault-api watch --json", "renault-api watch --vin VF1AAAAA555777999 --budget 30"],
  async run(context, { options }) {
    const budget = options.budget;
    if (budget !== undefined && (budget < 1 || budget > 10_000))
      throw new UsageError("--budget must be between 1 and 10000 requests per hour.");
    const vins = context.globals.vin
      ?.split(",")
      .map((vin) => vin.trim())
      .filter((vin) => vin !== "");
    const client = await context.loggedInClient();
    context.io.signalEndsRun?.();
    const signal = context.io.signal;
    try {
      for await (const event of client.watch({ vins, budget, signal }))
        context.print(context.globals.json ? JSON.stringify(event) : line(event, context));
    } catch (error) {
      if (signal?.aborted) return;
      throw error;
    }
  },
});

function line(event: WatchEvent, context: Context): string {
  const time = localDateTime(event.time, context.timeZone) ?? event.time;
  switch (event.type) {
    case "snapshot":
      return `${time} ${event.vin} snapshot: ${Object.keys(event.readings).join(", ") || "no reading yet"}`;
    case "change":
      return `${time} ${event.vin} ${event.key}: ${event.changes
        .map((change) => `${change.field} ${show(change.old)} → ${show(change.new)}`)
        .join(", ")}`;
    case "health":
      return `${time} ${event.vin} health: ${event.failing ? "failing" : "reachable"}, ${event.stale ? "stale" : "reporting"}${event.lastError ? ` (${event.lastError.name})` : ""}`;
    case "unsupported":
      return `${time} ${event.vin} ${event.key}: not supported, not polled`;
    case "quota":
      return event.lockedUntil
        ? `${time} account ${event.accountId}: quota reached, paused until ${localDateTime(event.lockedUntil, context.timeZone) ?? event.lockedUntil}`
        : `${time} account ${event.accountId}: quota lockout ended`;
    case "budget":
      return `${time} account ${event.accountId}: ${event.used} of ${event.budget} requests in the last hour`;
  }
}

function show(value: unknown): string {
  const text = value === undefined ? "none" : JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
