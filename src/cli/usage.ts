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

/**
 * An action was sent and its answer never came (interrupted while waiting): the car may have
 * acted. Exit code 6, as for an action that timed out or lost its connection after sending.
 */
export class ActionUnansweredError extends Error {
  override name = "ActionUnansweredError";
  /** The request that was sent (URL already redacted). */
  readonly request: { readonly method: string; readonly url: string };
  constructor(request: { readonly method: string; readonly url: string }, options?: ErrorOptions) {
    super(`${request.method} ${request.url}: interrupted while waiting for the answer`, options);
    this.request = request;
  }
}
