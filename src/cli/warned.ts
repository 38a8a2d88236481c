/**
 * The model warnings the CLI already showed ("Endpoint … is not documented for model …", "Model …
 * is not documented"), kept in the credential store so that each is shown once, not on every run
 * (issue 15.6). Other warnings are always shown.
 */
import type { CredentialStore } from "../index.js";

/** The credential-store key: a JSON array of the warnings shown. */
export const WARNED_KEY = "renault_api_cli_warned";

const MAX_KEPT = 200;
const MODEL_WARNING = /not documented/;

function parse(value: string | undefined): string[] {
  if (value === undefined) return [];
  try {
    const list: unknown = JSON.parse(value);
    return Array.isArray(list) ? list.filter((item): item is string => typeof item === "string") : [];
  } catch {
    return [];
  }
}

/** Filters warnings through what the store says was shown, and records the new ones. */
export class WarnedOnce {
  readonly #store: CredentialStore;
  readonly #shown: Set<string>;
  #writing: Promise<void> = Promise.resolve();

  private constructor(store: CredentialStore, shown: readonly string[]) {
    this.#store = store;
    this.#shown = new Set(shown);
  }

  /** Reads what was shown (an unreadable or invalid value counts as nothing shown). */
  static async load(store: CredentialStore): Promise<WarnedOnce> {
    const empty: Readonly<Record<string, string>> = {};
    const values = await store.read().catch(() => empty);
    return new WarnedOnce(store, parse(values[WARNED_KEY]));
  }

  /** Whether to show `message`; a model warning is shown once, then recorded. */
  shouldShow(message: string): boolean {
    if (!MODEL_WARNING.test(message)) return true;
    if (this.#shown.has(message)) return false;
    this.#shown.add(message);
    const kept = JSON.stringify([...this.#shown].slice(-MAX_KEPT));
    // Best effort: a store that cannot be written only means the warning comes back next run.
    this.#writing = this.#writing.then(() => this.#store.update({ [WARNED_KEY]: kept })).catch(() => {});
    return true;
  }

  /** Waits for the pending writes (before the run ends). */
  async flush(): Promise<void> {
    await this.#writing;
  }
}
