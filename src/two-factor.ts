/**
 * The e-mailed one-time-code login (Gigya 403101) as a resumable challenge.
 *
 * `RenaultSession.login` throws {@link TwoFactorRequiredError} whose `challenge` is a
 * {@link TwoFactorChallenge}: `sendCode()` has Renault e-mail a code, `complete(code)` checks it,
 * trusts this device and finishes the login. `toJSON()` gives a state without the password that
 * `RenaultSession.resumeTwoFactor` turns back into a challenge in another process.
 */
import * as v from "valibot";
import {
  GigyaError,
  RenaultError,
  TwoFactorExpiredError,
  TwoFactorIncompleteError,
  TwoFactorRequiredError,
  type TwoFactorExpiryReason,
} from "./errors.js";
import * as gigya from "./gigya/gigya.js";
import type { GigyaContext, GigyaDevice, PendingTwoFactor } from "./gigya/gigya.js";
import * as tfa from "./gigya/tfa.js";
import type { TwoFactorEmail } from "./gigya/tfa.js";
import type { CallOptions } from "./session.js";

export type { TwoFactorEmail } from "./gigya/tfa.js";

/**
 * How long Gigya keeps a pending login (its regToken) open, when the 403101 answer does not say.
 * @unit milliseconds
 */
export const TWO_FACTOR_LOGIN_LIFETIME = 60 * 60_000;

/**
 * How long a `gigyaAssertion`, and so a code sent with it, is taken to be valid (Gigya does not
 * document it; Gigya's own web SDK restarts its flow every five minutes).
 * @unit milliseconds
 */
export const TWO_FACTOR_CODE_LIFETIME = 5 * 60_000;

/** `sendCode` asks for a fresh assertion when the current one has less than this left. */
const MIN_CODE_TIME_LEFT = 4 * 60_000;

/**
 * The resumable state of a challenge: what `toJSON()` returns and `resumeTwoFactor` accepts.
 * It never contains the password. It does contain short-lived secrets (the regToken and the
 * assertions), so keep it like a login token and delete it once the login is finished.
 */
export interface TwoFactorState {
  readonly version: 1;
  /** The e-mail the login was made with. */
  readonly loginId: string;
  readonly regToken: string;
  /** When the pending login ends (epoch milliseconds). */
  readonly expiresAt: number;
  readonly gigyaAssertion: string;
  /** When the assertion, and a code sent with it, ends (epoch milliseconds). */
  readonly assertionExpiresAt: number;
  readonly emails: readonly TwoFactorEmail[];
  /** Set once a code was sent. */
  readonly phvToken?: string | undefined;
  /** The address the code was sent to. */
  readonly emailId?: string | undefined;
  /** When the code was sent (epoch milliseconds). */
  readonly codeSentAt?: number | undefined;
  /** When the challenge started (epoch milliseconds). */
  readonly createdAt: number;
  /** The device the login was made from: the one that will be trusted. */
  readonly device?: GigyaDevice | undefined;
}

const Text = v.pipe(v.string(), v.nonEmpty());
const Time = v.pipe(v.number(), v.finite());
const StateSchema = v.object({
  version: v.literal(1),
  loginId: Text,
  regToken: Text,
  expiresAt: Time,
  gigyaAssertion: Text,
  assertionExpiresAt: Time,
  emails: v.array(v.object({ id: Text, obfuscated: v.string(), lastVerification: v.optional(v.number()) })),
  phvToken: v.optional(Text),
  emailId: v.optional(Text),
  codeSentAt: v.optional(Time),
  createdAt: Time,
  device: v.optional(v.object({ gmid: Text, ucid: Text })),
});

/** Options of {@link TwoFactorChallenge.sendCode}. */
export interface SendCodeOptions extends CallOptions {
  /** Which address gets the code (an `id` of {@link TwoFactorChallenge.emails}). @default the first */
  readonly emailId?: string | undefined;
  /** Language of the e-mail, e.g. `fr`. @default the session locale's language, else `en` */
  readonly lang?: string | undefined;
}

/** What {@link TwoFactorChallenge.sendCode} did. */
export interface SentCode {
  /** The address the code went to. */
  readonly email: TwoFactorEmail;
  /** Until when the code can be entered (epoch milliseconds). */
  readonly expiresAt: number;
}

/** Options of {@link TwoFactorChallenge.complete}. */
export interface CompleteOptions extends CallOptions {
  /**
   * Trust this device for later logins ("don't ask again for 30 days"). With false the device is
   * trusted for this one login only and the next password login asks for a code again.
   * @default true
   */
  readonly rememberDevice?: boolean | undefined;
}

/** @internal What a challenge needs from its session. */
export interface TwoFactorHost {
  readonly now: () => number;
  /** The default language of the e-mail. */
  language(): Promise<string>;
  /** A Gigya context with this device (or the stored one when undefined). */
  context(device: GigyaDevice | undefined, options: CallOptions): Promise<GigyaContext>;
  /** Stores the login token (and the device) as a password login does. */
  completeLogin(token: string, device: GigyaDevice | undefined, remembered: boolean): Promise<void>;
}

type MutableState = { -readonly [K in keyof TwoFactorState]: TwoFactorState[K] };

/**
 * An open e-mailed-code login. Get it from {@link TwoFactorRequiredError.challenge} (thrown by
 * `RenaultClient.login`) or from `RenaultClient.resumeTwoFactor`.
 *
 * @example
 * try {
 *   await client.login(email, password);
 * } catch (error) {
 *   if (!(error instanceof TwoFactorRequiredError) || !error.challenge) throw error;
 *   const { email: to } = await error.challenge.sendCode();
 *   const code = await ask(`Code sent to ${to.obfuscated}: `);
 *   await error.challenge.complete(code);
 * }
 */
export class TwoFactorChallenge {
  readonly #host: TwoFactorHost;
  readonly #state: MutableState;
  #password: string | undefined;
  #closed = false;
  #busy = false;

  /** @internal Use `RenaultSession.login` or `RenaultSession.resumeTwoFactor`. */
  constructor(host: TwoFactorHost, state: TwoFactorState, password: string | undefined) {
    this.#host = host;
    this.#state = { ...state, emails: [...state.emails] };
    this.#password = password;
  }

  /** The e-mail the login was made with. */
  get loginId(): string {
    return this.#state.loginId;
  }

  /** The addresses the code can be sent to, masked (`d***@r***.dev`), with their ids. */
  get emails(): readonly TwoFactorEmail[] {
    return this.#state.emails;
  }

  /** When this challenge ends and the login must start again (epoch milliseconds; one hour). */
  get expiresAt(): number {
    return this.#state.expiresAt;
  }

  /** Until when the code sent last can be entered (epoch milliseconds), or undefined before `sendCode`. */
  get codeExpiresAt(): number | undefined {
    return this.#state.phvToken === undefined ? undefined : this.#state.assertionExpiresAt;
  }

  /** Whether a code was sent and `complete(code)` can be called. */
  get codeSent(): boolean {
    return this.#state.phvToken !== undefined;
  }

  /** Whether the challenge can still be used: not finished, cancelled, or past {@link expiresAt}. */
  get isOpen(): boolean {
    return !this.#closed && this.#host.now() < this.#state.expiresAt;
  }

  /**
   * Has Renault e-mail a one-time code (each call sends a new e-mail; never call it in a loop).
   * @throws {TwoFactorExpiredError} the challenge is over
   */
  async sendCode(options: SendCodeOptions = {}): Promise<SentCode> {
    return this.#run(async () => {
      const state = this.#state;
      const context = await this.#host.context(state.device, options);
      if (state.assertionExpiresAt - this.#host.now() < MIN_CODE_TIME_LEFT) {
        // The assertion is (nearly) stale: a new one from the same regToken, and its address list.
        const assertion = await tfa.initTfa(context, state.regToken);
        state.emails = await tfa.getEmails(context, assertion);
        state.gigyaAssertion = assertion;
        state.assertionExpiresAt = this.#host.now() + TWO_FACTOR_CODE_LIFETIME;
        state.phvToken = undefined;
      }
      const email = this.#pickEmail(options.emailId ?? state.emailId);
      state.phvToken = await tfa.sendVerificationCode(context, {
        gigyaAssertion: state.gigyaAssertion,
        emailId: email.id,
        lang: options.lang ?? (await this.#host.language()),
        regToken: state.regToken,
      });
      state.emailId = email.id;
      state.codeSentAt = this.#host.now();
      return { email, expiresAt: state.assertionExpiresAt };
    });
  }

  /**
   * Checks the e-mailed code, trusts this device and finishes the login: the login token is stored
   * as after any login, and the password is forgotten.
   * @throws {TwoFactorCodeError} wrong code: call `complete` again with the right one
   * @throws {TwoFactorExpiredError} too many tries, code or login expired: start the login again
   * @throws {TwoFactorIncompleteError} Renault accepted the code but still asks for one
   */
  async complete(code: string, options: CompleteOptions = {}): Promise<void> {
    const entered = code.trim();
    if (!/^[A-Za-z0-9-]{1,32}$/.test(entered)) {
      throw new RenaultError("The code must be the letters and digits of the e-mail (usually 6 digits).");
    }
    await this.#run(async () => {
      const state = this.#state;
      if (state.phvToken === undefined) {
        throw new RenaultError("No code was sent for this challenge yet: call sendCode() first.");
      }
      if (this.#host.now() >= state.assertionExpiresAt) throw new TwoFactorExpiredError("code-expired");
      const context = await this.#host.context(state.device, options);
      const providerAssertion = await tfa.completeVerification(context, {
        gigyaAssertion: state.gigyaAssertion,
        phvToken: state.phvToken,
        code: entered,
        regToken: state.regToken,
      });
      await tfa.finalizeTfa(context, {
        gigyaAssertion: state.gigyaAssertion,
        providerAssertion,
        regToken: state.regToken,
        tempDevice: !(options.rememberDevice ?? true),
      });
      this.#closed = true; // the device is trusted now: whatever follows, this challenge is used up
      const token = await this.#finishLogin(context);
      await this.#host.completeLogin(token, state.device, options.rememberDevice ?? true);
    });
  }

  /** Ends the challenge and forgets the password (e.g. when the user gives up). */
  cancel(): void {
    this.#close();
  }

  /** The resumable state, without the password (see {@link TwoFactorState}). */
  toJSON(): TwoFactorState {
    const { emails, device, ...rest } = this.#state;
    return {
      ...rest,
      emails: emails.map((email) => ({ ...email })),
      ...(device ? { device: { ...device } } : {}),
    };
  }

  /** {@link toJSON} as a JSON string. */
  serialize(): string {
    return JSON.stringify(this.toJSON());
  }

  /** What `console.log` and `util.inspect` show: nothing secret. */
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    const emails = this.#state.emails.map((email) => email.obfuscated).join(", ");
    return `TwoFactorChallenge { loginId: ${this.#state.loginId}, emails: [${emails}], open: ${this.isOpen}, codeSent: ${this.codeSent} }`;
  }

  async #finishLogin(context: GigyaContext): Promise<string> {
    const password = this.#password;
    this.#password = undefined;
    if (password !== undefined) {
      try {
        return await gigya.login(context, this.#state.loginId, password);
      } catch (error) {
        if (!(error instanceof TwoFactorRequiredError)) throw error;
      }
    }
    try {
      return await tfa.finalizeRegistration(context, this.#state.regToken);
    } catch (error) {
      if (error instanceof GigyaError && !(error instanceof TwoFactorExpiredError)) {
        throw new TwoFactorIncompleteError(
          { code: error.code, details: error.details, method: error.method },
          { cause: error },
        );
      }
      throw error;
    }
  }

  #pickEmail(emailId: string | undefined): TwoFactorEmail {
    const emails = this.#state.emails;
    const email = emailId === undefined ? emails[0] : emails.find((entry) => entry.id === emailId);
    if (email) return email;
    throw new RenaultError(
      emails.length === 0
        ? "Renault lists no e-mail address to send the code to for this account."
        : "Unknown e-mail id: choose one of challenge.emails.",
    );
  }

  /** Runs one step: checks the challenge is open, one step at a time, closes it when it expired. */
  async #run<T>(step: () => Promise<T>): Promise<T> {
    if (this.#closed) throw new TwoFactorExpiredError("closed");
    if (this.#host.now() >= this.#state.expiresAt) {
      this.#close();
      throw new TwoFactorExpiredError("login-expired");
    }
    if (this.#busy) throw new RenaultError("Another step of this two-factor challenge is still running.");
    this.#busy = true;
    try {
      return await step();
    } catch (error) {
      if (error instanceof TwoFactorExpiredError && isFinal(error.reason)) this.#close();
      throw error;
    } finally {
      this.#busy = false;
    }
  }

  #close(): void {
    this.#closed = true;
    this.#password = undefined;
  }
}

function isFinal(reason: TwoFactorExpiryReason): boolean {
  return reason !== "code-expired";
}

/**
 * @internal Opens a challenge after a 403101: `initTFA` then `getEmails`, so the error thrown to the
 * caller already lists the addresses.
 */
export async function startTwoFactor(
  host: TwoFactorHost,
  init: {
    loginId: string;
    password: string;
    pending: PendingTwoFactor;
    device: GigyaDevice | undefined;
  },
  options: CallOptions,
): Promise<TwoFactorChallenge> {
  const createdAt = host.now();
  const context = await host.context(init.device, options);
  const gigyaAssertion = await tfa.initTfa(context, init.pending.regToken);
  const emails = await tfa.getEmails(context, gigyaAssertion);
  const lifetime =
    init.pending.expiresIn === undefined ? TWO_FACTOR_LOGIN_LIFETIME : init.pending.expiresIn * 1000;
  const state: TwoFactorState = {
    version: 1,
    loginId: init.loginId,
    regToken: init.pending.regToken,
    expiresAt: createdAt + lifetime,
    gigyaAssertion,
    assertionExpiresAt: host.now() + TWO_FACTOR_CODE_LIFETIME,
    emails,
    createdAt,
    device: init.device,
  };
  return new TwoFactorChallenge(host, state, init.password);
}

/**
 * @internal Rebuilds a challenge from {@link TwoFactorChallenge.toJSON}'s state.
 * @throws {TwoFactorExpiredError} the state's login is over
 */
export function resumeTwoFactor(
  host: TwoFactorHost,
  state: TwoFactorState | string,
  password: string | undefined,
): TwoFactorChallenge {
  let value: unknown = state;
  if (typeof state === "string") {
    try {
      value = JSON.parse(state);
    } catch {
      value = undefined;
    }
  }
  const parsed = v.safeParse(StateSchema, value);
  if (!parsed.success) {
    // Only the path: an issue's message can quote the value, which may be a token.
    throw new RenaultError(`Not a two-factor state (bad ${v.getDotPath(parsed.issues[0]) ?? "value"}).`);
  }
  if (host.now() >= parsed.output.expiresAt) throw new TwoFactorExpiredError("login-expired");
  return new TwoFactorChallenge(host, parsed.output, password);
}

/** @internal The error `login` throws: the Gigya error's code and details, with the challenge. */
export function twoFactorRequiredError(
  error: TwoFactorRequiredError,
  challenge: TwoFactorChallenge,
): TwoFactorRequiredError {
  const to = challenge.emails.map((email) => email.obfuscated).join(" or ");
  return new TwoFactorRequiredError({
    code: error.code,
    details: error.details,
    method: error.method,
    challenge,
    message:
      `Gigya ${error.method} failed: ${error.code} ${error.details}. Renault wants a one-time code ` +
      `for this device: call error.challenge.sendCode() to e-mail it${to ? ` to ${to}` : ""}, ` +
      "then error.challenge.complete(code).",
  });
}
