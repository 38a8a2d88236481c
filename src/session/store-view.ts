import { type CredentialStore, updateIfUnchanged } from "../credentials/store.js";

type Changes = Readonly<Record<string, string | undefined>>;

/**
 * The session's view of its credential store: read once, then kept in step with its own writes
 * (another process's writes are seen after {@link refresh}).
 */
export class StoreView {
  readonly store: CredentialStore;
  #values: Promise<Map<string, string>> | undefined;

  constructor(store: CredentialStore) {
    this.store = store;
  }

  load(): Promise<Map<string, string>> {
    this.#values ??= this.store.read().then(
      (values) => new Map(Object.entries(values)),
      (error: unknown) => {
        this.#values = undefined;
        throw error;
      },
    );
    return this.#values;
  }

  async get(key: string): Promise<string | undefined> {
    return (await this.load()).get(key);
  }

  async update(changes: Changes): Promise<void> {
    const values = await this.load();
    await this.store.update(changes);
    apply(values, changes);
  }

  /**
   * Applies `changes` only if the store (not this view: another process may have written) still
   * holds `expected`; otherwise the view is re-read. Returns whether the changes were applied.
   */
  async updateIf(expected: Changes, changes: Changes): Promise<boolean> {
    const values = await this.load();
    if (await updateIfUnchanged(this.store, expected, changes)) {
      apply(values, changes);
      return true;
    }
    this.refresh();
    return false;
  }

  /** Forgets the cached values: the next read goes to the store. */
  refresh(): void {
    this.#values = undefined;
  }
}

function apply(values: Map<string, string>, changes: Changes): void {
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) values.delete(key);
    else values.set(key, value);
  }
}
