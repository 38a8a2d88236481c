import { isatty } from "node:tty";
import type { Io } from "./io.js";
import { AbortedError } from "./usage.js";

/** The exit code of a run ended by a signal: 128 + its number, as shells report it. */
export const SIGNAL_EXIT_CODES = { SIGINT: 130, SIGTERM: 143 } as const;

/** How long a signalled run may take to wind down before the process exits anyway. @unit ms */
const GRACE = 800;

/** The real process's `Io`, and which signal (if any) stopped the run. */
export interface ProcessIo extends Io {
  /** The first SIGINT or SIGTERM received, once one was. */
  readonly stoppedBy: () => keyof typeof SIGNAL_EXIT_CODES | undefined;
}

/**
 * The real process behind `Io`: its streams and environment, and an abort signal fired by the
 * first SIGINT or SIGTERM. The signal ends in-flight requests at once (the transport listens to
 * it); should anything not listen, the process exits anyway after a short grace period, so a
 * signal always ends the run within a second (issue 20, defect 1). A second signal ends the
 * process at once. stdin is touched only when a prompt reads it, so a command that never
 * prompts never holds the terminal.
 */
export function processIo(): ProcessIo {
  const controller = new AbortController();
  let stoppedBy: keyof typeof SIGNAL_EXIT_CODES | undefined;
  let signalEndsRun = false;
  const stop = (signal: keyof typeof SIGNAL_EXIT_CODES) => {
    if (stoppedBy !== undefined) process.exit(SIGNAL_EXIT_CODES[signal]);
    stoppedBy = signal;
    controller.abort(new AbortedError(`interrupted (${signal})`));
    setTimeout(() => {
      process.stderr.write(`renault-api: interrupted (${signal})\n`, () =>
        process.exit(signalEndsRun ? 0 : SIGNAL_EXIT_CODES[signal]),
      );
    }, GRACE).unref();
  };
  process.on("SIGINT", () => {
    stop("SIGINT");
  });
  process.on("SIGTERM", () => {
    stop("SIGTERM");
  });
  const stdin = {
    get isTTY() {
      return process.stdin.isTTY;
    },
    setRawMode(mode: boolean) {
      process.stdin.setRawMode(mode);
    },
    [Symbol.asyncIterator]: () => process.stdin[Symbol.asyncIterator]() as AsyncIterator<string | Buffer>,
  };
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    stdin,
    isTTY: isatty(0) && isatty(2),
    signal: controller.signal,
    stoppedBy: () => (signalEndsRun ? undefined : stoppedBy),
    signalEndsRun: () => {
      signalEndsRun = true;
    },
  };
}

/** The exit code of a finished run: a signal's own code when a signal stopped it. */
export function exitCode(code: number, io: ProcessIo): number {
  const signal = io.stoppedBy();
  return signal === undefined ? code : SIGNAL_EXIT_CODES[signal];
}
