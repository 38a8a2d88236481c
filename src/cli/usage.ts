/**
 * A mistake in how the command was called (unknown option, bad value, missing argument, a prompt
 * that cannot be shown without a terminal). Exit code 2.
 */
export class UsageError extends Error {
  override name = "UsageError";
  /** Help text of the command concerned, printed after the message when set. */
  readonly usage: string | undefined;
  constructor(message: string, usage?: string) {
    super(message);
    this.usage = usage;
  }
}

/** The user answered "no" or pressed Ctrl-C at a prompt. */
export class AbortedError extends Error {
  override name = "AbortedError";
}
