/**
 * `gigya-api-key`, `login` and `jwt`: one Gigya request when a login token is stored (a fresh
 * `getJWT` proves the key, the token and the mint at once); a `webSdkBootstrap` otherwise.
 */
import { LOCALES } from "../config/locales.js";
import { CredentialKey } from "../credentials/store.js";
import {
  GigyaError,
  InvalidCredentialsError,
  NotAuthenticatedError,
  TwoFactorRequiredError,
} from "../errors.js";
import { gigyaCall } from "../gigya/gigya.js";
import type { RenaultSession, SessionSettings } from "../session.js";
import { jwtExpiry } from "../session/tokens.js";
import { check, type DiagnoseOptions, type DiagnosticCheck } from "./types.js";
import { describeFailure, minutes } from "./words.js";

/** Gigya: the API key is unknown or invalid. */
const INVALID_API_KEY = 400093;
/** Gigya: too many wrong passwords, the account is locked for a while. */
const ACCOUNT_LOCKED = 403120;
/** Gigya: the login needs the e-mailed code. */
const PENDING_TWO_FACTOR = 403101;

/** What the login checks found. */
export interface LoginFindings {
  readonly checks: DiagnosticCheck[];
  /** A JWT was minted: the Kamereon checks can run. */
  readonly jwt: boolean;
}

/** Runs the three checks. Never throws for what it finds; rethrows only an abort. */
export async function checkLogin(
  session: RenaultSession,
  settings: SessionSettings,
  options: DiagnoseOptions,
  now: () => number,
): Promise<LoginFindings> {
  const call = { signal: options.signal };
  const keyOrigin = await keyOriginOf(session, settings);
  let token = await session.getLoginToken();
  let loggedInNow = false;
  if (!token && options.loginId && options.password) {
    try {
      await session.login(options.loginId, options.password, call);
      token = await session.getLoginToken();
      loggedInNow = true;
    } catch (error) {
      rethrowAbort(error, options.signal);
      return loginRefused(error, keyOrigin, "the password login");
    }
  }
  if (!token) return notLoggedIn(session, keyOrigin, now, options);
  const previous = await session.getStoredValue(CredentialKey.jwt);
  await session.storeValues({ [CredentialKey.jwt]: undefined });
  let jwt: string;
  try {
    jwt = await session.getJwt(call);
  } catch (error) {
    rethrowAbort(error, options.signal);
    // Only a login Gigya declared over loses its JWT; any other failure leaves it as it was.
    if (!(error instanceof NotAuthenticatedError) && previous !== undefined)
      await session.storeValues({ [CredentialKey.jwt]: previous });
    return loginRefused(error, keyOrigin, "the stored login token");
  }
  const how = loggedInNow ? "the password login worked" : "the stored login token works";
  const trust = trustLeft(await session.getStoredValue(CredentialKey.deviceTrustedAt), now());
  const login =
    trust === undefined || trust > TRUST_WARNING
      ? check("login", "ok", how)
      : check(
          "login",
          "warn",
          `${how}; this device's two-factor trust ${trust > 0 ? `ends in ${minutes(trust)}` : "has ended"}`,
          "nothing to do while the token works; the next password login will ask for an e-mailed code (renault-api login)",
        );
  return {
    jwt: true,
    checks: [
      check("gigya-api-key", "ok", `Gigya accepted the API key${keyOrigin.note}`),
      login,
      jwtCheck(jwt, now),
    ],
  };
}

/** Where the configured Gigya key comes from, and whether it is the locale's built-in one. */
interface KeyOrigin {
  /** e.g. ` (from the credential file; not the built-in key of fr_FR)`, or `""`. */
  readonly note: string;
  /** The key differs from the built-in key of the locale. */
  readonly overridden: boolean;
}

async function keyOriginOf(session: RenaultSession, settings: SessionSettings): Promise<KeyOrigin> {
  const builtIn = settings.locale !== undefined ? LOCALES[settings.locale]?.gigyaApiKey : undefined;
  if (builtIn === undefined || builtIn === settings.gigyaApiKey) return { note: "", overridden: false };
  const stored = (await session.getStoredValue(CredentialKey.gigyaApiKey)) === settings.gigyaApiKey;
  const where = stored ? "from the credential file" : "an override";
  return { note: ` (${where}, not the built-in key of ${settings.locale})`, overridden: true };
}

const KEY_REMEDY =
  "set the current Gigya key (RENAULT_API_GIGYA_API_KEY, the gigyaApiKey option, or " +
  "`renault-api set --locale <locale>` to store the built-in one); the password is not the problem";

function loginRefused(error: unknown, keyOrigin: KeyOrigin, what: string): LoginFindings {
  const skipJwt = check("jwt", "skip", "no JWT without a working login");
  if (error instanceof GigyaError && error.code === INVALID_API_KEY) {
    return {
      jwt: false,
      checks: [
        check(
          "gigya-api-key",
          "fail",
          `Gigya refused the API key (${INVALID_API_KEY})${keyOrigin.note}`,
          KEY_REMEDY,
        ),
        check("login", "skip", "cannot be checked while the API key is refused"),
        skipJwt,
      ],
    };
  }
  if (error instanceof InvalidCredentialsError) {
    const suspect = keyOrigin.overridden ? "suspect" : "possible";
    return {
      jwt: false,
      checks: [
        check(
          "gigya-api-key",
          "warn",
          `a stale Gigya key is ${suspect}: Gigya answers it with the same 403042 as a wrong password${keyOrigin.note}`,
          "check the Gigya API key first (compare it with the current release's, or unset the override) before resetting the password",
        ),
        check(
          "login",
          "fail",
          `${what} was refused: 403042 "invalid loginID or password"`,
          "check the Gigya API key first; if it is current, check the e-mail and password (renault-api login)",
        ),
        skipJwt,
      ],
    };
  }
  const keyOk = check("gigya-api-key", "ok", `Gigya accepted the API key${keyOrigin.note}`);
  if (error instanceof GigyaError && error.code === ACCOUNT_LOCKED) {
    return {
      jwt: false,
      checks: [
        keyOk,
        check(
          "login",
          "fail",
          `the account is locked (Gigya ${ACCOUNT_LOCKED}) after too many wrong passwords`,
          "wait for the lock to end (do not retry meanwhile), then log in once with the right password, or reset it in the MyRenault app",
        ),
        skipJwt,
      ],
    };
  }
  if (
    error instanceof TwoFactorRequiredError ||
    (error instanceof GigyaError && error.code === PENDING_TWO_FACTOR)
  ) {
    return {
      jwt: false,
      checks: [keyOk, pendingTwoFactor("Renault wants an e-mailed code for this device"), skipJwt],
    };
  }
  if (error instanceof NotAuthenticatedError) {
    const code = error.cause instanceof GigyaError ? ` (Gigya ${error.cause.code})` : "";
    return {
      jwt: false,
      checks: [
        keyOk,
        check(
          "login",
          "fail",
          `${what} was refused${code}: the login expired or was revoked (e.g. a password change)`,
          "log in again: renault-api login (or client.login)",
        ),
        skipJwt,
      ],
    };
  }
  return {
    jwt: false,
    checks: [
      check("gigya-api-key", "skip", `not known: Gigya did not answer (${describeFailure(error)})`),
      check(
        "login",
        "fail",
        `${what} could not be checked: ${describeFailure(error)}`,
        "retry later; see the network check",
      ),
      skipJwt,
    ],
  };
}

async function notLoggedIn(
  session: RenaultSession,
  keyOrigin: KeyOrigin,
  now: () => number,
  options: DiagnoseOptions,
): Promise<LoginFindings> {
  const challenge = openChallenge(await session.getStoredValue(CredentialKey.tfaChallenge), now());
  let keyCheck: DiagnosticCheck;
  try {
    // The cheapest call that names a bad key: it needs no login (the device-identity bootstrap).
    await gigyaCall(await session.gigyaContext({ signal: options.signal }), "accounts.webSdkBootstrap", {});
    keyCheck = check("gigya-api-key", "ok", `Gigya accepted the API key${keyOrigin.note}`);
  } catch (error) {
    rethrowAbort(error, options.signal);
    keyCheck =
      error instanceof GigyaError && error.code === INVALID_API_KEY
        ? check(
            "gigya-api-key",
            "fail",
            `Gigya refused the API key (${INVALID_API_KEY})${keyOrigin.note}`,
            KEY_REMEDY,
          )
        : check("gigya-api-key", "skip", `not known: ${describeFailure(error)}`);
  }
  const login =
    challenge === "open"
      ? pendingTwoFactor("a two-factor login is waiting for its code (kept in the credential store)")
      : challenge === "expired"
        ? check(
            "login",
            "fail",
            "a two-factor login was started but has expired (it lasts an hour)",
            "start again: renault-api login (a new code is e-mailed)",
          )
        : check(
            "login",
            "fail",
            "not logged in: no login token is stored",
            "log in: renault-api login (or client.login)",
          );
  return { jwt: false, checks: [keyCheck, login, check("jwt", "skip", "no JWT without a login")] };
}

function pendingTwoFactor(message: string): DiagnosticCheck {
  return check(
    "login",
    "fail",
    message,
    "finish the login with the e-mailed code: renault-api login (on a terminal), or login --code CODE",
  );
}

/** Renault trusts a device for 30 days after a remembered two-factor login (docs/two-factor.md). */
const DEVICE_TRUST = 30 * 24 * 3600_000;
/** Less trust left than this is worth a warning. */
const TRUST_WARNING = 3 * 24 * 3600_000;

/** How long the device's trust has left (ms, negative once over); `undefined` when not recorded. */
function trustLeft(text: string | undefined, now: number): number | undefined {
  const since = Number(text);
  if (text === undefined || !Number.isFinite(since) || since > now) return undefined;
  return since + DEVICE_TRUST - now;
}

/** The state of a stored two-factor challenge: only its end time is read. */
function openChallenge(text: string | undefined, now: number): "open" | "expired" | undefined {
  if (text === undefined) return undefined;
  try {
    const expiresAt = (JSON.parse(text) as { expiresAt?: unknown } | null)?.expiresAt;
    if (typeof expiresAt !== "number") return undefined;
    return expiresAt > now ? "open" : "expired";
  } catch {
    return undefined;
  }
}

/** The `jwt` check of a freshly minted JWT: its lifetime as this machine's clock sees it. */
function jwtCheck(jwt: string, now: () => number): DiagnosticCheck {
  const exp = jwtExpiry(jwt);
  if (exp === undefined) return check("jwt", "warn", "minted a JWT without a readable expiry", "");
  const left = exp * 1000 - now();
  if (left <= 0) {
    return check(
      "jwt",
      "fail",
      `minted a JWT that this machine's clock already sees as expired (${minutes(-left)} ago)`,
      "set this machine's clock right (enable NTP time sync): a skewed clock makes every fresh JWT look expired",
    );
  }
  return check("jwt", "ok", `minted a JWT valid for ${minutes(left)}`);
}

/** An abort is the caller's: it is not a finding. */
export function rethrowAbort(error: unknown, signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw signal.reason;
}
