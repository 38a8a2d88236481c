/** The two-factor state of a simulator (devices, codes sent, trust, pending logins); see tfa.ts. */
import type { World } from "./world.js";

/**
 * How long `finalizeTFA` with `tempDevice=false` trusts a device (Renault's "30 days").
 * @unit milliseconds
 */
export const SIM_TRUST_LIFETIME = 30 * 24 * 60 * 60_000;
/** @unit milliseconds */
export const SIM_REG_TOKEN_LIFETIME = 60 * 60_000;
/** @unit milliseconds */
export const SIM_ASSERTION_LIFETIME = 5 * 60_000;
/** Wrong codes accepted per login; the next try gets "Maximum allowed tries exceeded". */
export const SIM_MAX_CODE_TRIES = 5;

/** One "e-mail" with a code. */
export interface SentTfaCode {
  readonly email: string;
  readonly code: string;
  readonly lang: string | undefined;
  /** Simulator clock, epoch milliseconds. */
  readonly at: number;
}

/** The two-factor state of a simulator, for tests and the demo: `simulatorTfa(sim.world)`. */
export interface SimulatorTfa {
  /** The last code "e-mailed" to this user, if any. */
  lastCode(email: string): string | undefined;
  /** Every code "e-mailed", oldest first. */
  readonly outbox: readonly SentTfaCode[];
  /** Makes a user require (or no longer require) the code from untrusted devices. */
  requireTwoFactor(email: string, required?: boolean): void;
  /** Whether this device (gmid) is trusted for this user now (a one-shot trust counts). */
  isTrusted(email: string, gmid: string): boolean;
  /** Every device issued by `accounts.webSdkBootstrap`: gmid → ucid. */
  readonly devices: ReadonlyMap<string, string>;
}

/** A login waiting for its code, by regToken. */
export interface Pending {
  readonly email: string;
  readonly expiresAt: number;
  wrongCodes: number;
}

/** A `gigyaAssertion` from initTFA, and the code sent under it. */
export interface Assertion {
  readonly regToken: string;
  readonly expiresAt: number;
  phvToken?: string | undefined;
  code?: string;
  providerAssertion?: string;
}

/** How long a device is trusted, and whether for one login only. */
export interface Trust {
  readonly until: number;
  readonly oneShot: boolean;
}

/** The state behind {@link SimulatorTfa}. */
export class TfaState implements SimulatorTfa {
  readonly devices = new Map<string, string>();
  readonly outbox: SentTfaCode[] = [];
  readonly required = new Set<string>();
  readonly trust = new Map<string, Trust>();
  readonly pending = new Map<string, Pending>();
  readonly assertions = new Map<string, Assertion>();
  /** The simulator's clock, taken from the last request handled (Date.now before any). */
  now: () => number = Date.now;

  lastCode(email: string): string | undefined {
    return this.outbox.findLast((sent) => sent.email === email)?.code;
  }

  requireTwoFactor(email: string, required = true): void {
    if (required) this.required.add(email);
    else this.required.delete(email);
  }

  isTrusted(email: string, gmid: string): boolean {
    return (this.trust.get(trustKey(email, gmid))?.until ?? 0) > this.now();
  }
}

const states = new WeakMap<World, TfaState>();

/** The two-factor state of a simulator's world (created on first use). */
export function simulatorTfa(world: World): SimulatorTfa {
  return stateOf(world);
}

/** The state of a world (created on first use); `now` sets its clock. */
export function stateOf(world: World, now?: () => number): TfaState {
  let state = states.get(world);
  if (!state) {
    state = new TfaState();
    states.set(world, state);
  }
  if (now) state.now = now;
  return state;
}

/** The trust-map key of a user's device. */
export function trustKey(email: string, gmid: string): string {
  return `${email}\n${gmid}`;
}
