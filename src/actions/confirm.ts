/**
 * Looks for an action's effect: reads its effect read at growing intervals until the effect is
 * seen, the deadline passes or the read budget is spent.
 */
import { EndpointNotAvailableError, NotSupportedError, ResourceNotFoundError } from "../errors.js";
import type { Effect } from "./effects.js";
import { SharedBudgetSpentError } from "./shared-reader.js";
import { REAL_CLOCK, type ActionOutcome, type ConfirmOptions, type EffectReader } from "./outcome.js";

/** The defaults of {@link ConfirmOptions}. */
export const CONFIRM_DEFAULTS = Object.freeze({
  deadline: 90_000,
  budget: 6,
  first: 10_000,
  growth: 1.5,
  maxInterval: 60_000,
});

/** What the confirmation starts from. */
export interface ConfirmStart {
  readonly vin: string;
  readonly effect: Effect;
  /** When the action was sent (epoch ms, on `options.clock`). */
  readonly sentAt: number;
  /** Requests the action itself spent. */
  readonly actionRequests: number;
  readonly answerLost: boolean;
  readonly reader: EffectReader;
}

function positive(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) && value >= 0 ? value : fallback;
}

/** An effect read the car will never answer: waiting longer cannot help. */
function unreadable(error: unknown): boolean {
  return (
    error instanceof EndpointNotAvailableError ||
    error instanceof NotSupportedError ||
    error instanceof ResourceNotFoundError
  );
}

/** Reads until the effect shows, or the deadline or budget ends it. */
export async function confirmEffect(
  start: ConfirmStart,
  options: ConfirmOptions = {},
): Promise<ActionOutcome> {
  const clock = options.clock ?? REAL_CLOCK;
  const deadline = positive(options.deadline, CONFIRM_DEFAULTS.deadline);
  const budget = Math.floor(positive(options.budget, CONFIRM_DEFAULTS.budget));
  const growth = Math.max(1, positive(options.intervals?.growth, CONFIRM_DEFAULTS.growth));
  const maxInterval = positive(options.intervals?.maxInterval, CONFIRM_DEFAULTS.maxInterval);
  let interval = Math.min(positive(options.intervals?.first, CONFIRM_DEFAULTS.first), maxInterval);
  const { effect, sentAt } = start;
  const lost = start.answerLost ? { answerLost: true as const } : {};
  let reads = 0;
  let last: { state: unknown; at: number } | undefined;
  let lastError: { name: string; message: string } | undefined;
  const spent = () => ({ requests: start.actionRequests + reads, reads });
  const unconfirmed = (reason: "deadline" | "budget" | "unreadable"): ActionOutcome => ({
    outcome: "unconfirmed",
    reason,
    ...spent(),
    ...(last === undefined ? {} : { lastState: last.state, ageMs: clock.now() - last.at }),
    ...(lastError === undefined ? {} : { lastError }),
    ...lost,
  });
  const progress = () =>
    options.onProgress?.({ reads, budget, elapsedMs: clock.now() - sentAt, deadline, read: effect.read });

  start.reader.sent?.(start.vin, effect.read);
  progress();
  for (;;) {
    if (reads >= budget) return unconfirmed("budget");
    const left = sentAt + deadline - clock.now();
    if (left <= 0) return unconfirmed("deadline");
    await clock.sleep(Math.min(interval, left), options.signal);
    interval = Math.min(interval * growth, maxInterval);
    reads += 1;
    try {
      const state = await start.reader.readNow(start.vin, effect.read, options.signal);
      const at = clock.now();
      last = { state, at };
      lastError = undefined;
      if (effect.seen(state, { sentAt })) {
        return {
          outcome: "confirmed",
          state,
          seenAt: new Date(at).toISOString(),
          ...spent(),
          ...lost,
        };
      }
    } catch (error) {
      if (options.signal?.aborted) throw error;
      lastError =
        error instanceof Error
          ? { name: error.name, message: error.message }
          : { name: "Error", message: String(error) };
      if (error instanceof SharedBudgetSpentError) {
        reads -= 1; // nothing was sent
        return unconfirmed("budget");
      }
      if (unreadable(error)) return unconfirmed("unreadable");
    }
    progress();
  }
}
