/**
 * Confirmed actions' outcomes (issue 17, `ActionOutcome` of src/actions/outcome.ts, declared
 * structurally: only the fields the result topic shows) → the bridge's {@link CommandOutcome},
 * shown on the result topic and the "Last command" sensor.
 */
import type { CommandOutcome } from "./feed.js";

/** How an action ended (the shape of src/actions/outcome.ts `ActionOutcome`). */
export type ActionOutcomeLike =
  | {
      readonly outcome: "confirmed";
      readonly seenAt: string;
      readonly requests: number;
      readonly answerLost?: true;
    }
  | {
      readonly outcome: "unconfirmed";
      readonly reason: "deadline" | "budget" | "unreadable";
      readonly ageMs?: number | undefined;
      readonly lastError?: { readonly name: string; readonly message: string } | undefined;
      readonly requests: number;
      readonly answerLost?: true;
    }
  | { readonly outcome: "rejected"; readonly error: unknown; readonly requests: number }
  | { readonly outcome: "accepted"; readonly requests: number };

const UNCONFIRMED: Readonly<Record<string, string>> = {
  deadline: "sent; the car did not show the effect before the deadline",
  budget: "sent; no request left in the budget to check the effect",
  unreadable: "sent; its effect cannot be read on this car",
};

/** One line for the result topic; errors of the library carry no secret. */
function errorLine(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.split("\n")[0] ?? "";
}

/** The result topic's view of an action's outcome. */
export function commandOutcomeOf(outcome: ActionOutcomeLike): CommandOutcome {
  switch (outcome.outcome) {
    case "confirmed":
      return { status: "confirmed", seenAt: outcome.seenAt, requests: outcome.requests };
    case "unconfirmed":
      return {
        status: "unconfirmed",
        reason: outcome.reason,
        message: UNCONFIRMED[outcome.reason],
        requests: outcome.requests,
      };
    case "rejected":
      return { status: "rejected", message: errorLine(outcome.error), requests: outcome.requests };
    case "accepted":
      return {
        status: "accepted",
        message: "accepted by the service; not confirmed",
        requests: outcome.requests,
      };
  }
}
