import { CredentialKey, LEARNT_KEYS } from "./credentials/store.js";
import { readLockouts } from "./session/quota.js";

/**
 * What a client learnt at a cost in requests, without any secret: JSON-safe, to keep beside a
 * saved login token ({@link RenaultClient.exportState} / {@link RenaultClient.importState}). Each
 * entry is the credential store value of the same key (see `CredentialKey`).
 */
export interface ClientState {
  /** The Kamereon person id of the login. */
  readonly gigya_person_id?: string;
  /** The person's accounts (JSON). */
  readonly renault_api_accounts?: string;
  /** What was learnt per vehicle: details, model, endpoints that worked or were refused (JSON). */
  readonly renault_api_vehicles?: string;
  /** Quota lockouts per account (JSON: account id → epoch ms). */
  readonly kamereon_quota_until?: string;
}

/** One account as remembered under `renault_api_accounts`. */
export interface LearntAccount {
  readonly id: string;
  readonly type?: string | undefined;
  readonly status?: string | undefined;
}

/** The accounts learnt for one person; anything malformed, or of another person, counts as none. */
export function readAccounts(text: string | undefined, personId: string): LearntAccount[] | undefined {
  const parsed = parseJson(text);
  if (!isRecord(parsed) || parsed.personId !== personId || !Array.isArray(parsed.accounts)) return undefined;
  const accounts: LearntAccount[] = [];
  for (const entry of parsed.accounts as unknown[]) {
    if (!isRecord(entry) || !isId(entry.id)) return undefined;
    accounts.push({ id: entry.id, type: optionalText(entry.type), status: optionalText(entry.status) });
  }
  return accounts;
}

/** The `renault_api_accounts` value for a person's accounts. */
export function writeAccounts(personId: string, accounts: readonly LearntAccount[]): string {
  return JSON.stringify({ personId, accounts });
}

/**
 * The valid entries of a state to import: unknown keys, and values that fail their check, are
 * dropped (a bad state must never corrupt the store).
 */
export function validState(state: unknown, now: number): Record<string, string> {
  if (!isRecord(state)) return {};
  const valid: Record<string, string> = {};
  for (const key of LEARNT_KEYS) {
    const value = state[key];
    if (typeof value !== "string" || value.length > 1_000_000) continue;
    if (isValid(key, value, now)) valid[key] = value;
  }
  return valid;
}

function isValid(key: (typeof LEARNT_KEYS)[number], value: string, now: number): boolean {
  switch (key) {
    case CredentialKey.personId:
      return isId(value);
    case CredentialKey.accounts: {
      const parsed = parseJson(value);
      return isRecord(parsed) && isId(parsed.personId) && readAccounts(value, parsed.personId) !== undefined;
    }
    case CredentialKey.vehicles:
      // Each record is checked by the vehicle memory when read; here only the outer shape.
      return isRecord(parseJson(value));
    case CredentialKey.quotaUntil: {
      const parsed = parseJson(value);
      return isRecord(parsed) && Object.keys(readLockouts(value, now)).length === Object.keys(parsed).length;
    }
  }
}

/** An id as Kamereon and Gigya give them: printable, no spaces, not absurdly long. */
function isId(value: unknown): value is string {
  return typeof value === "string" && /^[\w.:@-]{1,200}$/.test(value);
}

function optionalText(value: unknown): string | undefined {
  return typeof value === "string" && value.length <= 200 ? value : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function parseJson(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
