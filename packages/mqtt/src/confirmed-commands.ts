/**
 * Bridge commands as confirmed actions (issue 17): each validated {@link BridgeCommand} is sent
 * once through `performAction`, which reads the car back until its effect shows, the deadline
 * passes or the confirmation reads run out, and the outcome goes to the result topic.
 */
import {
  ActionNotEffectiveError,
  EndpointNotAvailableError,
  InvalidArgumentError,
  type ActionSpec,
  type ConfirmClock,
  type RenaultVehicle,
} from "renault-api";
import { performAction } from "renault-api/actions";
import { commandOutcomeOf } from "./action-outcome.js";
import type { RequestBudget } from "./budget.js";
import type { BridgeCommand, CommandOutcome } from "./feed.js";

/** How long and how hard a command looks for its effect. */
export interface CommandConfirmation {
  /** Give up after this long after sending. @unit milliseconds */
  readonly deadline: number;
  /** At most this many confirmation reads (fewer when the hourly budget has less room). */
  readonly reads: number;
  /** The waits between reads (the simulator's clock in tests). @default real time */
  readonly clock?: ConfirmClock | undefined;
}

/** The bridge's defaults: a car acts 10–30 s after the answer (src/actions/confirm.ts). */
export const BRIDGE_CONFIRMATION: CommandConfirmation = Object.freeze({ deadline: 90_000, reads: 4 });

/** The library's action for a bridge command. */
export function actionSpecOf(command: BridgeCommand): ActionSpec {
  switch (command.kind) {
    case "hvac-start":
      return { action: "hvac-start", temperature: command.temperature };
    case "charge-mode":
      return { action: "charge-mode", mode: command.mode };
    case "soc-levels":
      return { action: "soc-levels", socMin: command.socMin, socTarget: command.socTarget };
    case "charge-start":
    case "charge-stop":
    case "hvac-stop":
    case "horn":
    case "lights":
    case "refresh-location":
      return { action: command.kind };
  }
}

const oneLine = (error: unknown): string =>
  (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).split("\n")[0] ?? "";

/** The action itself costs up to 2 requests (a read-modify-write on KCM cars). */
const ACTION_COST = 2;

/**
 * Runs `command` on `vehicle`, sent once and confirmed.
 * @param signal the bridge is stopping: a command not started yet is not sent, a sent one stops
 *   waiting for its effect (the request itself is never cut: its outcome would be unknown)
 */
export async function runConfirmed(
  vehicle: RenaultVehicle,
  command: BridgeCommand,
  confirmation: CommandConfirmation,
  budget?: RequestBudget,
  signal?: AbortSignal,
): Promise<CommandOutcome> {
  if (signal?.aborted) return { status: "failed", message: "the bridge is stopping: not sent", requests: 0 };
  // Reads the hourly budget has no room for are not made: the outcome says `budget` instead.
  const room = budget === undefined ? confirmation.reads : budget.perHour - budget.used() - ACTION_COST;
  const reads = Math.max(0, Math.min(confirmation.reads, room));
  try {
    const { outcome } = await performAction(vehicle, actionSpecOf(command), {
      confirm: { deadline: confirmation.deadline, budget: reads, clock: confirmation.clock, signal },
    });
    return commandOutcomeOf(outcome);
  } catch (error) {
    if (signal?.aborted)
      return { status: "failed", message: "the bridge stopped before the outcome was known" };
    if (error instanceof EndpointNotAvailableError)
      return { status: "rejected", message: "not supported by this vehicle", requests: 0 };
    // Refused before sending: nothing reached the car.
    if (error instanceof ActionNotEffectiveError || error instanceof InvalidArgumentError)
      return { status: "rejected", message: oneLine(error), requests: 0 };
    return { status: "failed", message: oneLine(error) };
  }
}
