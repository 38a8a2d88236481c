/**
 * What every action command shares (issue 17): `--dry-run` prints the exact request and sends
 * nothing; `--wait [SECONDS]` confirms the action by reading back its effect, with a progress
 * line on stderr, and ends with the outcome (exit 7 when unconfirmed). Without either, the answer
 * is printed as before, worded as a request, not a success.
 */
import { type ActionOutcome, type ActionSpec, type ConfirmProgress } from "../../index.js";
import { describeAction, performAction, REAL_CLOCK } from "../../actions/public.js";
import type { OptionSpec } from "../command.js";
import type { Context } from "../context.js";
import { json } from "../render.js";
import { UsageError } from "../usage.js";
import { ActionUnconfirmedError } from "./action-errors.js";

/** The default of `--wait` alone, in seconds: the cars act 10–30 s after the answer. */
export const DEFAULT_WAIT_SECONDS = 90;
const MAX_WAIT_SECONDS = 3600;

/** `--wait [SECONDS]` and `--dry-run`, for every action command. */
export const ACTION_OPTIONS = {
  wait: {
    type: "string",
    valueName: "SECONDS",
    bareValue: String(DEFAULT_WAIT_SECONDS),
    description: `confirm the action by reading its effect back, for up to SECONDS (default ${DEFAULT_WAIT_SECONDS}); exit 7 if unconfirmed`,
  },
  "dry-run": {
    type: "boolean",
    description: "print the exact request (method, path, JSON body) and send nothing",
  },
} as const satisfies Readonly<Record<string, OptionSpec>>;

/** The values of {@link ACTION_OPTIONS}. */
export interface ActionFlags {
  readonly wait?: string | undefined;
  readonly "dry-run"?: boolean | undefined;
}

/** The words of one action's messages. */
export interface ActionTexts {
  /** "Charge start": what was asked. */
  readonly what: string;
  /** Printed without --wait once the service answered ("… requested (not yet confirmed)."). */
  readonly requested: string;
  /** The JSON printed without --wait, from the vehicle method's result. */
  readonly data?: (result: unknown) => unknown;
}

function waitSeconds(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const seconds = Number(text);
  if (
    !/^\d+(\.\d+)?$/.test(text.trim()) ||
    !Number.isFinite(seconds) ||
    seconds <= 0 ||
    seconds > MAX_WAIT_SECONDS
  )
    throw new UsageError(
      `invalid value for --wait: '${text}' is not a number of seconds from 1 to ${MAX_WAIT_SECONDS}`,
    );
  return seconds;
}

/** The outcome as printed by `--json` (the error of a refusal as its name, code and message). */
export function outcomeJson(outcome: ActionOutcome): Record<string, unknown> {
  if (outcome.outcome !== "rejected") return { ...outcome };
  const error = outcome.error as { name?: unknown; message?: unknown; code?: unknown };
  return {
    ...outcome,
    error: {
      name: error.name,
      message: error.message,
      ...(error.code === undefined ? {} : { code: error.code }),
    },
  };
}

function seconds(ms: number): string {
  return `${Math.round(ms / 1000)} s`;
}

function outcomeText(what: string, outcome: ActionOutcome): string {
  const cost = `${outcome.requests} request${outcome.requests === 1 ? "" : "s"}`;
  const lost = "answerLost" in outcome ? " (its answer was lost; it was not sent again)" : "";
  switch (outcome.outcome) {
    case "confirmed":
      return `${what} confirmed${lost}: the car shows it (${cost}).`;
    case "unconfirmed": {
      const why = {
        deadline: "within the wait",
        budget: "within the read budget",
        unreadable: "(its effect cannot be read)",
      }[outcome.reason];
      const age = outcome.ageMs === undefined ? "" : `; last state read ${seconds(outcome.ageMs)} ago`;
      return `${what} not confirmed ${why}${lost}${age} (${cost}).`;
    }
    case "accepted":
      return `${what} accepted by the service (the car's effect cannot be read back).`;
    case "rejected":
      return `${what} refused.`;
  }
}

/** A progress line on stderr: rewritten in place on a terminal, one line per read otherwise. */
function progressWriter(context: Context, what: string): (progress: ConfirmProgress) => void {
  return (progress) => {
    const line = context.clean(
      `Confirming ${what.toLowerCase()}: ${progress.reads}/${progress.budget} reads of ${progress.read}, ${seconds(progress.elapsedMs)} of ${seconds(progress.deadline)}…`,
      true,
    );
    if (context.io.isTTY) context.io.stderr.write(`\r\x1b[2K${line}`);
    else context.io.stderr.write(`${line}\n`);
  };
}

/**
 * Runs one action command: dry run, plain send, or send and confirm.
 * @throws {ActionUnconfirmedError} --wait ended unconfirmed (exit 7)
 */
export async function runAction(
  context: Context,
  spec: ActionSpec,
  flags: ActionFlags,
  texts: ActionTexts,
): Promise<void> {
  const wait = waitSeconds(flags.wait);
  if (flags["dry-run"] && wait !== undefined)
    throw new UsageError("--dry-run and --wait cannot be used together");
  const vehicle = await context.vehicle();
  if (flags["dry-run"]) {
    const request = await describeAction(vehicle, spec, { call: context.call });
    const query = new URLSearchParams(request.query).toString();
    context.output({ dryRun: true, ...request }, () =>
      request.method === "POST"
        ? `Dry run, nothing sent:\nPOST ${request.path}?${query}\n${json(request.body).trimEnd()}`
        : `Dry run, nothing sent:\nGET ${request.path}?${query}\nPOST ${request.path}?${query}\n(the settings read, with ${request.change})`,
    );
    return;
  }
  if (wait === undefined) {
    const { result, outcome } = await performAction(vehicle, spec, { call: context.call });
    if (outcome.outcome === "rejected") throw outcome.error;
    context.output(texts.data ? texts.data(result) : result, () => texts.requested);
    return;
  }
  const { outcome } = await performAction(vehicle, spec, {
    call: context.call,
    confirm: {
      clock: {
        now: () => context.now().getTime(),
        sleep: (ms, signal) => (context.io.sleep ?? REAL_CLOCK.sleep)(ms, signal),
      },
      deadline: wait * 1000,
      signal: context.call.signal,
      onProgress: context.globals.json ? undefined : progressWriter(context, texts.what),
    },
  });
  if (!context.globals.json && context.io.isTTY) context.io.stderr.write("\r\x1b[2K");
  if (outcome.outcome === "rejected") {
    if (context.globals.json) context.print(json(outcomeJson(outcome)));
    throw outcome.error;
  }
  context.output(outcomeJson(outcome), () => outcomeText(texts.what, outcome));
  if (outcome.outcome === "unconfirmed") throw new ActionUnconfirmedError(texts.what, outcome);
}
