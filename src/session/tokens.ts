import { CredentialKey, GIGYA_SESSION_KEYS } from "../credentials/store.js";
import { NotAuthenticatedError, TimeoutError } from "../errors.js";
import * as gigya from "../gigya/gigya.js";
import type { CallOptions } from "./options.js";
import { type Flight, SingleFlight } from "./single-flight.js";
import type { StoreView } from "./store-view.js";
import type { Tracer } from "./trace.js";

/** Builds the Gigya context of one call (URL, key, device, traced transport with its options). */
export type GigyaContextOf = (
  options: CallOptions,
  device?: gigya.GigyaDevice,
) => Promise<gigya.GigyaContext>;

/** What {@link Tokens} needs from the session. */
export interface TokensHost {
  readonly view: StoreView;
  readonly tracer: Tracer;
  readonly gigyaContext: GigyaContextOf;
  readonly now: () => number;
  readonly defaultTimeout: number;
  /** @unit seconds */
  readonly jwtLifetime: number;
  /** @unit seconds */
  readonly jwtLeeway: number;
}

/**
 * Login token → person id → JWT: each cached in the store, the JWT renewed when it expires within
 * the leeway (`exp` − 60 s by default) and re-minted once when Kamereon rejects it. Concurrent
 * callers share one Gigya request per value.
 */
export class Tokens {
  readonly #host: TokensHost;
  readonly #flights: SingleFlight<string, string>;

  constructor(host: TokensHost) {
    this.#host = host;
    this.#flights = new SingleFlight(host.defaultTimeout);
  }

  /** @throws {NotAuthenticatedError} no login token in the store */
  async requireLoginToken(): Promise<string> {
    const token = await this.#host.view.get(CredentialKey.loginToken);
    if (!token) throw new NotAuthenticatedError("Not logged in: no Gigya login token available.");
    return token;
  }

  /** The Kamereon person id of the logged-in user (cached in the store). */
  async getPersonId(options: CallOptions = {}): Promise<string> {
    const cached = await this.#host.view.get(CredentialKey.personId);
    if (cached) return cached;
    return this.#flights.run("person", gigyaWait(options, "accounts.getAccountInfo"), async (flight) => {
      const token = await this.requireLoginToken();
      const personId = await this.#expiring(token, async () =>
        gigya.getAccountInfo(await this.#context(flight), token),
      );
      await this.#host.view.update({ [CredentialKey.personId]: personId });
      return personId;
    });
  }

  /** A valid JWT: the cached one unless it expires within the leeway, otherwise a new one. */
  async getJwt(options: CallOptions = {}, rejected = false): Promise<string> {
    const cached = await this.#host.view.get(CredentialKey.jwt);
    if (cached && this.#isFresh(cached)) return cached;
    const reason = rejected ? "rejected" : cached ? "expiring" : "missing";
    return this.#flights.run("jwt", gigyaWait(options, "accounts.getJWT"), async (flight) => {
      const token = await this.requireLoginToken();
      const jwt = await this.#expiring(token, async () =>
        gigya.getJwt(await this.#context(flight), token, this.#host.jwtLifetime),
      );
      await this.#host.view.update({ [CredentialKey.jwt]: jwt });
      const exp = jwtExpiry(jwt);
      this.#host.tracer.emit({
        type: "jwt-minted",
        expiresAt: exp === undefined ? undefined : exp * 1000,
        reason,
      });
      return jwt;
    });
  }

  /**
   * A JWT to use instead of `rejected` (Kamereon refused a JWT we believed valid, renault-api
   * #2266). Requests refused with the same JWT share one mint; one that learns of the refusal after
   * the mint takes the new JWT.
   */
  async replaceRejectedJwt(rejected: string, options: CallOptions): Promise<string> {
    if ((await this.#host.view.get(CredentialKey.jwt)) === rejected)
      await this.#host.view.updateIf({ [CredentialKey.jwt]: rejected }, { [CredentialKey.jwt]: undefined });
    return this.getJwt(options, true);
  }

  /**
   * Runs a Gigya call made with `token`; when Gigya says the login expired, clears the login, but
   * only if the store still holds that very token: a request that started before a new login must
   * not delete the fresh one (issue 20, defect 4).
   */
  async #expiring(token: string, call: () => Promise<string>): Promise<string> {
    try {
      return await call();
    } catch (error) {
      if (error instanceof NotAuthenticatedError) {
        await this.#host.view.updateIf(
          { [CredentialKey.loginToken]: token },
          Object.fromEntries(GIGYA_SESSION_KEYS.map((key) => [key, undefined])),
        );
      }
      throw error;
    }
  }

  #context(flight: Flight): Promise<gigya.GigyaContext> {
    const timeout = flight.startAttempt();
    return this.#host.gigyaContext({ signal: flight.signal, timeout });
  }

  #isFresh(jwt: string): boolean {
    const exp = jwtExpiry(jwt);
    return exp !== undefined && (exp - this.#host.jwtLeeway) * 1000 > this.#host.now();
  }
}

function gigyaWait(options: CallOptions, method: string) {
  return {
    signal: options.signal,
    timeout: options.timeout,
    timeoutError: (timeout: number) => new TimeoutError({ method: "POST", url: method, timeout }),
  };
}

/** The `exp` claim of a JWT (seconds since the epoch), read without checking the signature. */
export function jwtExpiry(jwt: string): number | undefined {
  const payload = jwt.split(".")[1];
  if (payload === undefined) return undefined;
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
    const exp = (claims as { exp?: unknown } | null)?.exp;
    return typeof exp === "number" && Number.isFinite(exp) ? exp : undefined;
  } catch {
    return undefined;
  }
}
