/**
 * Names of the values a credential store holds. They are the Python client's keys, so that a
 * `~/.credentials/renault-api.json` written by either client works with the other.
 */
export const CredentialKey = {
  locale: "locale",
  country: "country",
  gigyaUrl: "gigya-root-url",
  gigyaApiKey: "gigya-api-key",
  kamereonUrl: "kamereon-root-url",
  kamereonApiKey: "kamereon-api-key",
  /** Root of the `/myr` gateway (feature lists), overriding `https://apis.renault.com`. */
  myrUrl: "myr-root-url",
  loginToken: "gigya_login_token",
  personId: "gigya_person_id",
  jwt: "gigya_jwt",
  /** The CLI's default account. The misspelling is the Python CLI's and is kept for compatibility. */
  accountId: "accound-id",
  vin: "vin",
  /** Gigya device id (two-factor device trust); never cleared with the tokens. */
  gmid: "gigya_gmid",
  /** Gigya device id companion of `gmid`. */
  ucid: "gigya_ucid",
  /** When this device passed a remembered two-factor login (epoch ms as text): its trust lasts 30 days. */
  deviceTrustedAt: "gigya_device_trusted_at",
  /** An open two-factor challenge (JSON, no password), kept for its lifetime by the CLI. */
  tfaChallenge: "gigya_tfa_challenge",
  /** Quota lockouts (JSON: account id → epoch ms), so the next process does not send into one. */
  quotaUntil: "kamereon_quota_until",
  /** The person's account ids (JSON: `{ personId, accounts: [{ id, type? }] }`), so no person read relearns them. */
  accounts: "renault_api_accounts",
  /** What was learnt per vehicle (JSON: vin → record), written by the vehicle memory. */
  vehicles: "renault_api_vehicles",
} as const;

/**
 * The non-secret keys holding what the client learnt at a cost in requests: what
 * `RenaultClient.exportState` copies out and `importState` writes back.
 */
export const LEARNT_KEYS = [
  CredentialKey.personId,
  CredentialKey.accounts,
  CredentialKey.vehicles,
  CredentialKey.quotaUntil,
] as const;

/** The Gigya session values cleared together on login, `restoreLogin` and expired authentication. */
export const GIGYA_SESSION_KEYS = [
  CredentialKey.jwt,
  CredentialKey.loginToken,
  CredentialKey.personId,
] as const;

/**
 * Where the session keeps tokens and settings between calls and processes.
 * Implement it to keep them in a keychain or a database.
 */
export interface CredentialStore {
  /** Every stored value. */
  read(): Promise<Readonly<Record<string, string>>>;
  /**
   * Applies the changes as one unit: a string sets a key, `undefined` removes it. Other keys stay.
   */
  update(changes: Readonly<Record<string, string | undefined>>): Promise<void>;
  /**
   * Applies `changes` only if every key of `expected` still has that value (`undefined`: absent),
   * checked and applied as one unit (under the same lock as `update`). Returns whether it did.
   * Optional: without it the session re-reads and compares just before `update`.
   */
  updateIf?(
    expected: Readonly<Record<string, string | undefined>>,
    changes: Readonly<Record<string, string | undefined>>,
  ): Promise<boolean>;
}

/** Compare-and-set on any store: atomic with {@link CredentialStore.updateIf}, best effort without. */
export async function updateIfUnchanged(
  store: CredentialStore,
  expected: Readonly<Record<string, string | undefined>>,
  changes: Readonly<Record<string, string | undefined>>,
): Promise<boolean> {
  if (store.updateIf) return store.updateIf(expected, changes);
  if (!matches(await store.read(), expected)) return false;
  await store.update(changes);
  return true;
}

/** Whether `values` has every value of `expected` (`undefined`: the key is absent). */
export function matches(
  values: Readonly<Record<string, string>>,
  expected: Readonly<Record<string, string | undefined>>,
): boolean {
  return Object.entries(expected).every(([key, value]) => values[key] === value);
}

/** A credential store in memory: the default; nothing survives the process. */
export class MemoryCredentialStore implements CredentialStore {
  readonly #values = new Map<string, string>();

  /** @param initial - values to start with */
  constructor(initial: Readonly<Record<string, string>> = {}) {
    for (const [key, value] of Object.entries(initial)) this.#values.set(key, value);
  }

  read(): Promise<Readonly<Record<string, string>>> {
    return Promise.resolve(Object.fromEntries(this.#values));
  }

  update(changes: Readonly<Record<string, string | undefined>>): Promise<void> {
    applyChanges(this.#values, changes);
    return Promise.resolve();
  }

  updateIf(
    expected: Readonly<Record<string, string | undefined>>,
    changes: Readonly<Record<string, string | undefined>>,
  ): Promise<boolean> {
    if (!matches(Object.fromEntries(this.#values), expected)) return Promise.resolve(false);
    applyChanges(this.#values, changes);
    return Promise.resolve(true);
  }
}

/** Applies `changes` to `values` in place (string → set, undefined → delete). */
export function applyChanges(
  values: Map<string, string>,
  changes: Readonly<Record<string, string | undefined>>,
): void {
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) values.delete(key);
    else values.set(key, value);
  }
}
