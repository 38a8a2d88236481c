import type { ActionOutcome } from "../../index.js";

/**
 * `--wait` ended without seeing the action's effect (exit 7; exit 6 when its answer was lost too).
 * The outcome was printed already.
 */
export class ActionUnconfirmedError extends Error {
  override name = "ActionUnconfirmedError";
  readonly outcome: Extract<ActionOutcome, { outcome: "unconfirmed" }>;
  constructor(what: string, outcome: Extract<ActionOutcome, { outcome: "unconfirmed" }>) {
    super(
      `${what} not confirmed (${outcome.reason}): the car may still act; check (e.g. with \`status\`) before retrying`,
    );
    this.outcome = outcome;
  }
}
