import { isatty } from "node:tty";
import type { Io } from "./io.js";
import { AbortedError } from "./usage.js";

/**
 * The real process behind `Io`: its streams and environment, and an abort signal fired by the
 * first SIGINT or SIGTERM (a second one ends the process the usual way). stdin is touched only
 * when a prompt reads it, so a command that never prompts never holds the terminal.
 */
export function processIo(): Io {
  const controller = new AbortController();
  const stop = (signal: NodeJS.Signals) => {
    controller.abort(new AbortedError(`interrupted (${signal})`));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
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
  };
}
