/** What `client.diagnose` returns: a checklist, in dependency order. */

/** How a check came out: `skip` when what it depends on failed (or it does not apply). */
export type CheckStatus = "ok" | "warn" | "fail" | "skip";

/** The checks, in the order they run. */
export type CheckId =
  | "config"
  | "network"
  | "gigya-api-key"
  | "login"
  | "jwt"
  | "kamereon-api-key"
  | "accounts"
  | "model"
  | "quota"
  | "contract"
  | "privacy-mode"
  | "remote-protocol"
  | "freshness"
  | "local";

/** One finding. Never carries a secret (password, token, JWT, API key, device id). */
export interface DiagnosticCheck {
  readonly id: CheckId;
  readonly status: CheckStatus;
  /** The finding, one line. */
  readonly message: string;
  /** What to do about it, one line; `""` when nothing is to be done. */
  readonly remedy: string;
  /** The car the check is about (per-vehicle checks only). */
  readonly vin?: string | undefined;
}

/** The result of `client.diagnose`. */
export interface Diagnosis {
  /** True when no check failed (warnings allowed). */
  readonly ok: boolean;
  /** HTTP requests the diagnosis sent (retries included; TCP/TLS probes of `network` are not requests). */
  readonly requests: number;
  readonly checks: readonly DiagnosticCheck[];
}

/** Options of `client.diagnose`. */
export interface DiagnoseOptions {
  /** Check only this car (it must be on one of the person's accounts). @default every car */
  readonly vin?: string | undefined;
  /** Check only this account. @default every account of the person */
  readonly accountId?: string | undefined;
  /**
   * E-mail and password to try when no login token is stored (or it is refused): the login is a
   * real one, its token is stored. Without them, a missing login is reported, not attempted.
   */
  readonly loginId?: string | undefined;
  readonly password?: string | undefined;
  /** The credential file whose permissions `local` checks (the CLI passes its own). */
  readonly credentialFile?: string | undefined;
  /**
   * How long each network probe (DNS, TCP, TLS) may take.
   * @default 5_000
   * @unit milliseconds
   */
  readonly probeTimeout?: number | undefined;
  /** Cancels the diagnosis (its reason is rethrown). */
  readonly signal?: AbortSignal | undefined;
}

/** Builds a check. */
export function check(
  id: CheckId,
  status: CheckStatus,
  message: string,
  remedy = "",
  vin?: string,
): DiagnosticCheck {
  return vin === undefined ? { id, status, message, remedy } : { id, status, message, remedy, vin };
}
