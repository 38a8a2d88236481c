/**
 * The outcome of an action asked to confirm itself (issue 17), and the options of the confirmation.
 */
import type { EndpointKey } from "../registry/index.js";

/** Requests spent: the action's own (1, or 2 for a read-modify-write) and the confirmation reads. */
interface Spent {
  /** Every request spent on the action and its confirmation. */
  readonly requests: number;
  /** Of those, the reads made to confirm it. */
  readonly reads: number;
}

/**
 * How an action ended:
 * - `confirmed`: the effect was seen in `state` (the effect read, e.g. the battery status) read at `seenAt`;
 * - `unconfirmed`: not seen before the `deadline`, within the `budget`, or the effect read
 *   cannot be made (`unreadable`); `lastState` is the last state read, `ageMs` how old that read is;
 * - `rejected`: the service refused the action (`error`), the car will not act;
 * - `accepted`: the service queued it, and nothing can show more (horn, lights, or no confirmation asked).
 *
 * `answerLost: true`: the action was sent but its answer never came (timeout, connection lost);
 * it was not sent again, and the confirmation says whether it happened.
 */
export type ActionOutcome<State = unknown> =
  | (Spent & {
      readonly outcome: "confirmed";
      readonly state: State;
      /** When the state showing the effect was read (ISO time, on the confirmation's clock). */
      readonly seenAt: string;
      readonly answerLost?: true;
    })
  | (Spent & {
      readonly outcome: "unconfirmed";
      readonly reason: "deadline" | "budget" | "unreadable";
      readonly lastState?: State;
      /** Milliseconds since `lastState` was read. */
      readonly ageMs?: number;
      /** The last failed confirmation read, if any (name and message). */
      readonly lastError?: { readonly name: string; readonly message: string };
      readonly answerLost?: true;
    })
  | (Spent & { readonly outcome: "rejected"; readonly error: unknown })
  | (Spent & { readonly outcome: "accepted" });

/** The names of the outcomes. */
export type OutcomeName = ActionOutcome["outcome"];

/** Time, for the waits between confirmation reads (inject one to run on a simulated clock). */
export interface ConfirmClock {
  /** Epoch milliseconds. */
  now(): number;
  /** Resolves after `ms` (rejects when `signal` aborts). */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** Real time: `Date.now` and `setTimeout`. */
export const REAL_CLOCK: ConfirmClock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason as Error);
        return;
      }
      const timer = setTimeout(() => {
        signal?.removeEventListener("abort", abort);
        resolve();
      }, ms);
      const abort = () => {
        clearTimeout(timer);
        reject(signal?.reason as Error);
      };
      signal?.addEventListener("abort", abort, { once: true });
    }),
};

/**
 * Where confirmation reads come from. A watcher running in the same process (issue 16) can provide
 * one, so the reads and their budget are shared; by default the vehicle reads itself.
 */
export interface EffectReader {
  /** A fresh read of `key` for `vin` (not a cached one). */
  readNow(vin: string, key: EndpointKey, signal?: AbortSignal): Promise<unknown>;
  /** Told when the action was sent, with its effect read (a watcher then polls it sooner). */
  sent?(vin: string, key: EndpointKey): void;
}

/** How long and how hard to look for the effect of an action. */
export interface ConfirmOptions {
  /** Give up after this many milliseconds after sending. @default 90_000 */
  readonly deadline?: number | undefined;
  /** At most this many confirmation reads. @default 6 */
  readonly budget?: number | undefined;
  /**
   * The waits before each read, growing: the first, then each one `growth` times the previous,
   * at most `maxInterval`. @default { first: 10_000, growth: 1.5, maxInterval: 60_000 }
   * (the cars act 10–30 s after the answer).
   */
  readonly intervals?:
    { readonly first?: number; readonly growth?: number; readonly maxInterval?: number } | undefined;
  /** @default real time */
  readonly clock?: ConfirmClock | undefined;
  /** @default the vehicle's own reads */
  readonly reader?: EffectReader | undefined;
  /** Called before each wait and after each read (a CLI progress line). */
  readonly onProgress?: ((progress: ConfirmProgress) => void) | undefined;
  /** Stops waiting (the promise rejects with the signal's reason). */
  readonly signal?: AbortSignal | undefined;
}

/** Where a confirmation stands. */
export interface ConfirmProgress {
  readonly reads: number;
  readonly budget: number;
  /** Milliseconds since the action was sent. */
  readonly elapsedMs: number;
  readonly deadline: number;
  /** The read used to confirm. */
  readonly read: EndpointKey;
}
