/** Gigya (login) errors, two-factor included (re-exported by src/errors.ts). */
import type { TwoFactorChallenge } from "../two-factor.js";
import { cleanText } from "../http/clean-text.js";
import { RenaultError } from "./base.js";

/** Gigya answered with a non-zero `errorCode`. */
export class GigyaError extends RenaultError {
  override name = "GigyaError";
  /** Gigya `errorCode`, e.g. 403042. */
  readonly code: number;
  /** Gigya `errorDetails` (or `errorMessage`). */
  readonly details: string;
  /** The Gigya method that failed, e.g. `accounts.login`. */
  readonly method: string;
  constructor(
    init: { code: number; details: string; method: string; message?: string },
    options?: ErrorOptions,
  ) {
    super(init.message ?? `Gigya ${init.method} failed: ${init.code} ${init.details}`.trim(), options);
    this.code = init.code;
    this.details = cleanText(init.details);
    this.method = init.method;
  }
}

/** Gigya 403042: wrong e-mail or password, **or a stale Gigya API key** (both give the same code). */
export class InvalidCredentialsError extends GigyaError {
  override name = "InvalidCredentialsError";
  constructor(init: { code: number; details: string; method: string }, options?: ErrorOptions) {
    super(
      {
        ...init,
        message:
          `Gigya ${init.method} failed: ${init.code} ${init.details}. ` +
          "Check the e-mail and password; a stale Gigya API key gives the same answer " +
          "(override it with the gigyaApiKey option).",
      },
      options,
    );
  }
}

/**
 * Gigya 403101: the account requires an e-mailed one-time code for this device.
 *
 * Thrown by `RenaultSession.login` with a resumable {@link TwoFactorChallenge} in
 * {@link TwoFactorRequiredError.challenge}: `await error.challenge.sendCode()`, then
 * `await error.challenge.complete(code)`. The challenge is not an own property, so it never
 * appears in `JSON.stringify(error)` or in logs.
 */
export class TwoFactorRequiredError extends GigyaError {
  override name = "TwoFactorRequiredError";
  readonly #challenge: TwoFactorChallenge | undefined;
  constructor(
    init: { code: number; details: string; method: string; message?: string; challenge?: TwoFactorChallenge },
    options?: ErrorOptions,
  ) {
    super(init, options);
    this.#challenge = init.challenge;
  }
  /**
   * The open challenge that finishes this login. Always set on errors thrown by
   * `RenaultSession.login`; `undefined` only on the low-level Gigya adapter's errors.
   */
  get challenge(): TwoFactorChallenge | undefined {
    return this.#challenge;
  }
}

/**
 * Gigya 400006 on `completeVerification`: the one-time code is wrong. The challenge stays open:
 * call `challenge.complete(code)` again with the code of the latest e-mail (`retryable` is true).
 * After several wrong codes Gigya closes the challenge ({@link TwoFactorExpiredError}).
 */
export class TwoFactorCodeError extends GigyaError {
  override name = "TwoFactorCodeError";
  /** Always true: the same challenge accepts another code. */
  readonly retryable = true;
  constructor(init: { code: number; details: string; method: string }, options?: ErrorOptions) {
    super(
      {
        ...init,
        message:
          `Gigya ${init.method} failed: ${init.code} ${init.details}. The code is wrong: ` +
          "enter the code of the latest e-mail again on the same challenge (challenge.complete(code)).",
      },
      options,
    );
  }
}

/** Why a two-factor challenge can no longer be completed. */
export type TwoFactorExpiryReason =
  /** Too many wrong codes ("Maximum allowed tries exceeded"). */
  | "too-many-tries"
  /** The login's regToken is older than its lifetime (one hour). */
  | "login-expired"
  /** The code (its gigyaAssertion, about five minutes) has expired. */
  | "code-expired"
  /** The challenge was completed or cancelled already. */
  | "closed";

/**
 * The two-factor challenge is over: too many wrong codes, the login is older than an hour, or the
 * code expired. Start the login again (`session.login(email, password)`) to get a new code.
 * Detected locally before sending anything when the clock says so, or from Gigya's answer.
 */
export class TwoFactorExpiredError extends RenaultError {
  override name = "TwoFactorExpiredError";
  readonly reason: TwoFactorExpiryReason;
  /** Always false: this challenge is finished; only a new login helps. */
  readonly retryable = false;
  /** Gigya's `errorCode` when Gigya said so; `undefined` when detected locally. */
  readonly code: number | undefined;
  constructor(reason: TwoFactorExpiryReason, init: { code?: number } = {}, options?: ErrorOptions) {
    super(`${EXPIRY_TEXT[reason]} Start the login again to get a new code.`, options);
    this.reason = reason;
    this.code = init.code;
  }
}

const EXPIRY_TEXT: Readonly<Record<TwoFactorExpiryReason, string>> = {
  "too-many-tries": "Too many wrong codes: Renault closed this two-factor login.",
  "login-expired": "This two-factor login has expired (it lasts one hour).",
  "code-expired": "The e-mailed code has expired (a code lasts about five minutes).",
  closed: "This two-factor challenge is already finished.",
};

/**
 * Renault accepted the code but still does not trust this device: the second `accounts.login`
 * and `accounts.finalizeRegistration` both answered 403101. Log in again later; if it persists,
 * log in once with the MyRenault app or website from the same network.
 */
export class TwoFactorIncompleteError extends GigyaError {
  override name = "TwoFactorIncompleteError";
  constructor(init: { code: number; details: string; method: string }, options?: ErrorOptions) {
    super(
      {
        ...init,
        message:
          `Gigya ${init.method} failed: ${init.code} ${init.details}. The code was accepted, but ` +
          "Renault still asks for one on this device. Log in again in a few minutes.",
      },
      options,
    );
  }
}
