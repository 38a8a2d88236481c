/**
 * The one place where failures become a message and an exit code. Every message is one line on
 * stderr saying what failed and what to do; a stack trace only with `--debug`.
 */
import {
  ActionNotEffectiveError,
  ConfigurationError,
  EndpointNotAvailableError,
  HttpError,
  InvalidArgumentError,
  InvalidCredentialsError,
  InvalidResponseError,
  KamereonError,
  NetworkError,
  NotAuthenticatedError,
  NotSupportedError,
  PrivacyModeOnError,
  QuotaLimitError,
  RenaultError,
  TimeoutError,
  TwoFactorCodeError,
  TwoFactorExpiredError,
  TwoFactorRequiredError,
} from "../index.js";
import {
  ChargeModeInProgressError,
  ContractEndedError,
  EmptyGarageError,
  ForbiddenError,
  GigyaError,
  InvalidApiKeyError,
  NoGdcGatewayError,
  ResourceNotFoundError,
  TwoFactorIncompleteError,
  UnauthorizedError,
} from "../errors.js";
import type { Context } from "./context.js";
import { stripControl } from "./io.js";
import { localMinute } from "./render.js";
import { redact } from "./redact.js";
import { ActionUnconfirmedError } from "./commands/action-errors.js";
import { AbortedError, ActionUnansweredError, UsageError } from "./usage.js";

/** Exit codes of `renault-api` (documented in docs/cli.md). */
export const EXIT = {
  ok: 0,
  failure: 1,
  usage: 2,
  notLoggedIn: 3,
  quota: 4,
  /** Two-factor login: a code is needed (it was sent), or the code step failed or expired. */
  twoFactor: 5,
  /** An action was sent but its answer was lost (timeout, connection lost, Ctrl-C): the car may have acted. */
  actionUnanswered: 6,
  /** `--wait`: the action was answered but its effect was not seen in time (the car may still act). */
  actionUnconfirmed: 7,
  interrupted: 130,
  /** SIGTERM (set by bin.ts; an interrupted run otherwise ends with 130). */
  terminated: 143,
} as const;

/** The exit-code table for the reference. */
export const EXIT_CODES: readonly (readonly [number, string])[] = [
  [EXIT.ok, "success"],
  [
    EXIT.failure,
    "the command failed (the server refused, the car is unreachable, a bad answer, an unusable or locked " +
      "credential file…)",
  ],
  [
    EXIT.usage,
    "usage error: unknown command or option, bad value, or a missing option that cannot be prompted for",
  ],
  [EXIT.notLoggedIn, "not logged in, or the login expired: run `renault-api login`"],
  [EXIT.quota, "Renault's request quota for the account is used up: wait until the time shown"],
  [
    EXIT.twoFactor,
    "two-factor login: a code was e-mailed and `login --code` must finish the login (no terminal), the code " +
      "was wrong, or the two-factor login failed or expired (see Two-factor login above)",
  ],
  [
    EXIT.actionUnanswered,
    "an action was sent but its answer never came (timed out, connection lost, or Ctrl-C while waiting): " +
      "the car may have acted; check (e.g. with `status`) before retrying",
  ],
  [
    EXIT.actionUnconfirmed,
    "`--wait`: the action was accepted but its effect was not seen before the wait ended (the car may still " +
      "act, late or never); exit 6 instead when its answer was lost too",
  ],
  [EXIT.interrupted, "interrupted (Ctrl-C or SIGINT, or end of input at a prompt)"],
  [EXIT.terminated, "terminated (SIGTERM): in-flight requests are abandoned at once"],
];

/**
 * A step of the CLI's two-factor login that ends the run with exit 5 and a message saying what to
 * do next ("a code was sent…; re-run … --code NNNNNN", "wrong code…").
 */
export class TwoFactorStepError extends Error {
  override name = "TwoFactorStepError";
}

const RELOGIN = "run `renault-api login` again for a new code";

/** Context needed to word a failure. */
export interface ReportContext {
  readonly timeZone: string | undefined;
  readonly now: Date;
}

const CHECK = "sent, the car may have acted: check before retrying";

/** A Kamereon action: a POST to a `/commerce/` path (Gigya's POSTs are logins, never actions). */
function isAction(request: { readonly method: string; readonly url: string }): boolean {
  return request.method === "POST" && request.url.includes("/commerce/");
}

function unanswered(request: { readonly method: string; readonly url: string }, why: string) {
  return { code: EXIT.actionUnanswered, message: `${CHECK} (${request.method} ${request.url}: ${why})` };
}

/**
 * An error message or stack made safe for stderr: no secret, no terminal control character, and
 * with `--pseudonymise` the same fakes as the trace (issue 20, defects 8 and 10).
 */
export function errorText(text: string, context: Context | undefined, oneLine = false): string {
  return stripControl(context ? context.tracer.clean(text) : redact(text, []), oneLine);
}

/** Maps an error to its exit code and one-line message (without the `Error: ` prefix). */
export function describe(
  error: unknown,
  context: ReportContext,
): { code: number; message: string; hint?: string } {
  if (error instanceof UsageError) {
    return { code: EXIT.usage, message: error.message };
  }
  if (error instanceof InvalidArgumentError) return { code: EXIT.usage, message: error.message };
  if (error instanceof ActionUnansweredError) return unanswered(error.request, "interrupted while waiting");
  if (error instanceof ActionUnconfirmedError) {
    return {
      code: error.outcome.answerLost ? EXIT.actionUnanswered : EXIT.actionUnconfirmed,
      message: error.message,
    };
  }
  if (error instanceof ActionNotEffectiveError) return { code: EXIT.failure, message: error.message };
  if (error instanceof TimeoutError && isAction(error)) {
    return unanswered(error, `no answer within ${error.timeout} ms`);
  }
  if (error instanceof NetworkError && !error.notSent && isAction(error)) {
    return unanswered(error, "the connection was lost before the answer");
  }
  if (error instanceof AbortedError) return { code: EXIT.interrupted, message: error.message };
  if (error instanceof Error && error.name === "AbortError") {
    return { code: EXIT.interrupted, message: `interrupted: ${error.message}` };
  }
  if (error instanceof TwoFactorStepError) return { code: EXIT.twoFactor, message: error.message };
  if (error instanceof TwoFactorRequiredError) {
    return {
      code: EXIT.twoFactor,
      message:
        "two-factor code required: Renault wants a code e-mailed for this device: run `renault-api login` " +
        "(it asks for the code on a terminal; without one, it sends the code and tells how to finish)",
    };
  }
  if (error instanceof TwoFactorCodeError) {
    return { code: EXIT.twoFactor, message: "wrong two-factor code: enter the code of the latest e-mail" };
  }
  if (error instanceof TwoFactorExpiredError) {
    const why = {
      "too-many-tries": "too many wrong codes, Renault closed this two-factor login",
      "login-expired": "the two-factor login expired (it lasts one hour)",
      "code-expired": "the e-mailed code expired (a code lasts about 5 minutes)",
      closed: "this two-factor login is already finished",
    }[error.reason];
    return { code: EXIT.twoFactor, message: `${why}: ${RELOGIN}` };
  }
  if (error instanceof TwoFactorIncompleteError) {
    return {
      code: EXIT.twoFactor,
      message:
        "the code was accepted but Renault still asks for one on this device: run `renault-api login` again " +
        "in a few minutes (if it persists, log in once with the MyRenault app or website from this network)",
    };
  }
  if (error instanceof InvalidCredentialsError) {
    return {
      code: EXIT.failure,
      message:
        "login refused: invalid credentials — or a stale API key: set RENAULT_API_GIGYA_API_KEY " +
        "(Renault answers both with the same error)",
    };
  }
  if (error instanceof NotAuthenticatedError) {
    return { code: EXIT.notLoggedIn, message: "not logged in: run `renault-api login`" };
  }
  if (error instanceof QuotaLimitError) {
    const retryAt = new Date(error.retryAt);
    const sameDay =
      localMinute(retryAt, context.timeZone).slice(0, 10) ===
      localMinute(context.now, context.timeZone).slice(0, 10);
    const when = sameDay
      ? localMinute(retryAt, context.timeZone).slice(11)
      : localMinute(retryAt, context.timeZone);
    return {
      code: EXIT.quota,
      message: `quota reached: Renault limits requests per account; retry after ${when}`,
    };
  }
  if (error instanceof PrivacyModeOnError) {
    return {
      code: EXIT.failure,
      message: "privacy mode is on in the car: turn data sharing on in the car's settings, then retry",
    };
  }
  if (error instanceof EndpointNotAvailableError) {
    return {
      code: EXIT.failure,
      message: `endpoint ${error.endpoint} not available for model ${error.modelCode ?? "unknown"} (nothing was sent)`,
    };
  }
  if (error instanceof InvalidApiKeyError) {
    return {
      code: EXIT.failure,
      message: "the Kamereon API key was refused (stale key?): set RENAULT_API_KAMEREON_API_KEY",
    };
  }
  if (error instanceof UnauthorizedError) {
    return { code: EXIT.notLoggedIn, message: "the server refused the login token: run `renault-api login`" };
  }
  if (error instanceof ChargeModeInProgressError) {
    return {
      code: EXIT.failure,
      message: "a charge-mode change is already in progress: retry in a few minutes",
    };
  }
  if (error instanceof EmptyGarageError) {
    return {
      code: EXIT.failure,
      message:
        "no vehicle in the garage of this MyRenault account (err.func.wired.empty-vehicle-link): link the " +
        "car in the MyRenault app, then retry",
    };
  }
  if (error instanceof ContractEndedError) {
    return {
      code: EXIT.failure,
      message:
        "Renault has no data for this car: its connected-services contract has probably ended; check with " +
        "`renault-api contracts` and renew it in the MyRenault app",
    };
  }
  if (error instanceof NoGdcGatewayError) {
    return {
      code: EXIT.failure,
      message: "not supported: this car has no GDC gateway, so this feature is not available on it (400001)",
    };
  }
  if (error instanceof ForbiddenError) {
    return {
      code: EXIT.failure,
      message: `forbidden (${error.code}${error.details ? `: ${error.details}` : ""}): this model or its contract does not allow it`,
    };
  }
  if (error instanceof ResourceNotFoundError || error instanceof NotSupportedError) {
    return {
      code: EXIT.failure,
      message: `${error.code}${error.details ? `: ${error.details}` : ""} (not supported by this vehicle, or no data yet)`,
    };
  }
  if (error instanceof KamereonError) {
    return { code: EXIT.failure, message: `${error.code}${error.details ? `: ${error.details}` : ""}` };
  }
  if (error instanceof NetworkError) {
    return { code: EXIT.failure, message: `cannot reach ${error.url}: network error; check the connection` };
  }
  if (error instanceof TimeoutError || error instanceof HttpError || error instanceof InvalidResponseError) {
    return { code: EXIT.failure, message: error.message };
  }
  if (error instanceof GigyaError || error instanceof ConfigurationError || error instanceof RenaultError) {
    return { code: EXIT.failure, message: error.message };
  }
  const message = error instanceof Error ? error.message : String(error);
  return {
    code: EXIT.failure,
    message: `internal error: ${message}`,
    hint: "run with --debug for the stack trace",
  };
}
