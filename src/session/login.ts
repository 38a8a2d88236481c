import { CredentialKey, GIGYA_SESSION_KEYS } from "../credentials/store.js";
import {
  GigyaError,
  HttpError,
  InvalidArgumentError,
  InvalidResponseError,
  TimeoutError,
  TwoFactorRequiredError,
} from "../errors.js";
import * as gigya from "../gigya/gigya.js";
import { webSdkBootstrap } from "../gigya/tfa.js";
import {
  resumeTwoFactor,
  startTwoFactor,
  type TwoFactorChallenge,
  type TwoFactorHost,
  type TwoFactorState,
  twoFactorRequiredError,
} from "../two-factor.js";
import type { CallOptions } from "./options.js";
import { SingleFlight } from "./single-flight.js";
import type { StoreView } from "./store-view.js";
import type { GigyaContextOf } from "./tokens.js";
import type { Logger } from "./trace.js";

/** What {@link Login} needs from the session. */
export interface LoginHost {
  readonly view: StoreView;
  readonly gigyaContext: GigyaContextOf;
  readonly language: () => Promise<string>;
  readonly logger: Logger | undefined;
  readonly now: () => number;
  readonly defaultTimeout: number;
}

/** The Gigya session values cleared (set to undefined) by a login, a restore and a logout. */
const CLEARED = Object.fromEntries(GIGYA_SESSION_KEYS.map((key) => [key, undefined]));

/** Logging in (with two-factor), restoring a login token, logging out. */
export class Login {
  readonly #host: LoginHost;
  readonly #device: SingleFlight<string, void>;

  constructor(host: LoginHost) {
    this.#host = host;
    this.#device = new SingleFlight(host.defaultTimeout);
  }

  async login(loginId: string, password: string, options: CallOptions): Promise<void> {
    await this.#ensureDevice(options);
    const context = await this.#host.gigyaContext(options);
    // The previous login stays until the new one succeeds: a re-login that fails on a network error
    // or a 5xx must not leave the user logged out (found by the fault matrix).
    let token: string;
    try {
      token = await gigya.login(context, loginId, password);
    } catch (error) {
      const pending = error instanceof TwoFactorRequiredError ? gigya.pendingTwoFactorOf(error) : undefined;
      if (!pending) throw error;
      const challenge = await startTwoFactor(
        this.twoFactorHost(),
        { loginId, password, pending, device: context.device },
        options,
      );
      throw twoFactorRequiredError(error as TwoFactorRequiredError, challenge);
    }
    await this.#host.view.update({ ...CLEARED, [CredentialKey.loginToken]: token });
  }

  resumeTwoFactor(state: TwoFactorState | string, password: string | undefined): TwoFactorChallenge {
    return resumeTwoFactor(this.twoFactorHost(), state, password);
  }

  /** @throws {InvalidArgumentError} an empty token */
  async restore(token: string): Promise<void> {
    if (typeof token !== "string" || token.trim() === "")
      throw new InvalidArgumentError("loginToken", "The login token must not be empty.");
    await this.#host.view.update({ ...CLEARED, [CredentialKey.loginToken]: token });
  }

  async logout(): Promise<void> {
    await this.#host.view.update(CLEARED);
  }

  twoFactorHost(): TwoFactorHost {
    return {
      now: this.#host.now,
      language: this.#host.language,
      context: (device, options) => this.#host.gigyaContext(options, device),
      completeLogin: (token, device, remembered) =>
        this.#host.view.update({
          ...CLEARED,
          ...(device ? { [CredentialKey.gmid]: device.gmid, [CredentialKey.ucid]: device.ucid } : {}),
          // When the trust began, so that `client.diagnose` can tell it is about to run out.
          [CredentialKey.deviceTrustedAt]: remembered ? String(this.#host.now()) : undefined,
          [CredentialKey.loginToken]: token,
        }),
    };
  }

  /**
   * Gets and stores a Gigya device identity when the store has none. It is kept by `logout` and
   * token clearing: trust granted by a two-factor login belongs to it. When Gigya gives none, the
   * login goes on without (accounts without two-factor do not need it).
   */
  async #ensureDevice(options: CallOptions): Promise<void> {
    const values = await this.#host.view.load();
    if (values.get(CredentialKey.gmid) && values.get(CredentialKey.ucid)) return;
    const wait = {
      ...options,
      timeoutError: (timeout: number) =>
        new TimeoutError({ method: "POST", url: "accounts.webSdkBootstrap", timeout }),
    };
    await this.#device.run("device", wait, async (flight) => {
      const timeout = flight.startAttempt();
      await this.#bootstrap({ signal: flight.signal, timeout });
    });
  }

  async #bootstrap(options: CallOptions): Promise<void> {
    const logger = this.#host.logger;
    try {
      const device = await webSdkBootstrap(await this.#host.gigyaContext(options));
      if (device) {
        await this.#host.view.update({
          [CredentialKey.gmid]: device.gmid,
          [CredentialKey.ucid]: device.ucid,
        });
      } else {
        logger?.warn("Gigya gave no device id (webSdkBootstrap); logging in without one.");
      }
    } catch (error) {
      if (!(
        error instanceof GigyaError ||
        error instanceof InvalidResponseError ||
        error instanceof HttpError
      ))
        throw error;
      logger?.warn("Could not get a Gigya device id; logging in without one.", { error: error.name });
    }
  }
}
