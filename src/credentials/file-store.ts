import { randomBytes } from "node:crypto";
import { chmod, mkdir, open, readFile, rename, rm, stat, unlink } from "node:fs/promises";
import { dirname } from "node:path";
import { CredentialFileError } from "../errors.js";
import { applyChanges, type CredentialStore, matches } from "./store.js";

/** Options of {@link FileCredentialStore}. */
export interface FileCredentialStoreOptions {
  /**
   * How long to wait for another process holding the lock.
   * @default 5_000
   * @unit milliseconds
   */
  readonly lockTimeout?: number;
  /**
   * A lock older than this is considered left by a crashed process and broken.
   * @default 10_000
   * @unit milliseconds
   */
  readonly staleLockAge?: number;
  /** @internal Test seam: runs after the temporary file is written, before it replaces the file. */
  readonly beforeRename?: (() => Promise<void> | void) | undefined;
}

/**
 * A credential store in a JSON file: one flat object of string values, the layout of the Python
 * client's `~/.credentials/renault-api.json`.
 *
 * - The file is private: mode 0600, its folder 0700.
 * - Writes are atomic (temporary file + rename), so a crash leaves the old file whole.
 * - Concurrent writers — several CLI processes refreshing a token at once — are serialised with a
 *   lock file (`<path>.lock`, created exclusively). Under the lock each writer re-reads the file
 *   and applies only its own changes, so the result is always one complete, valid state. A lock is
 *   chosen over compare-and-swap because rename-based CAS cannot detect a writer that lands between
 *   the check and the rename.
 * - A corrupt or unreadable file is an error naming the path; it is never silently replaced.
 */
export class FileCredentialStore implements CredentialStore {
  /** Path of the JSON file. */
  readonly path: string;
  readonly #options: FileCredentialStoreOptions;

  constructor(path: string, options: FileCredentialStoreOptions = {}) {
    this.path = path;
    this.#options = options;
  }

  async read(): Promise<Readonly<Record<string, string>>> {
    let text: string;
    try {
      text = await readFile(this.path, "utf8");
    } catch (error) {
      if (isCode(error, "ENOENT")) return {};
      throw new CredentialFileError(this.path, `cannot be read (${errorCode(error)})`, { cause: error });
    }
    return parseCredentialFile(this.path, text);
  }

  async update(changes: Readonly<Record<string, string | undefined>>): Promise<void> {
    await mkdir(dirname(this.path), { recursive: true, mode: 0o700 });
    const release = await this.#lock();
    try {
      const values = new Map(Object.entries(await this.read()));
      applyChanges(values, changes);
      await this.#writeAtomically(JSON.stringify(Object.fromEntries(values), null, 2) + "\n");
    } finally {
      await release();
    }
  }

  async updateIf(
    expected: Readonly<Record<string, string | undefined>>,
    changes: Readonly<Record<string, string | undefined>>,
  ): Promise<boolean> {
    await mkdir(dirname(this.path), { recursive: true, mode: 0o700 });
    const release = await this.#lock();
    try {
      const current = await this.read();
      if (!matches(current, expected)) return false;
      const values = new Map(Object.entries(current));
      applyChanges(values, changes);
      await this.#writeAtomically(JSON.stringify(Object.fromEntries(values), null, 2) + "\n");
      return true;
    } finally {
      await release();
    }
  }

  /** Deletes the file (no error when it does not exist). */
  async remove(): Promise<void> {
    await rm(this.path, { force: true });
  }

  async #writeAtomically(content: string): Promise<void> {
    const temporary = `${this.path}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
    const handle = await open(temporary, "wx", 0o600);
    try {
      await handle.writeFile(content, "utf8");
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await this.#options.beforeRename?.();
      await rename(temporary, this.path);
      await chmod(this.path, 0o600);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  }

  async #lock(): Promise<() => Promise<void>> {
    const lockPath = `${this.path}.lock`;
    const deadline = Date.now() + (this.#options.lockTimeout ?? 5_000);
    const staleAge = this.#options.staleLockAge ?? 10_000;
    for (let wait = 5; ; wait = Math.min(wait * 2, 100)) {
      try {
        const handle = await open(lockPath, "wx", 0o600);
        await handle.writeFile(String(process.pid));
        await handle.close();
        return () => unlink(lockPath).catch(() => undefined);
      } catch (error) {
        if (!isCode(error, "EEXIST")) throw error;
      }
      const age = await stat(lockPath).then(
        (info) => Date.now() - info.mtimeMs,
        () => 0,
      );
      if (age > staleAge) {
        await unlink(lockPath).catch(() => undefined);
        continue;
      }
      if (Date.now() > deadline) {
        throw new CredentialFileError(this.path, `locked by another process (${lockPath})`);
      }
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}

/** Parses and checks the content of a credential file: a flat JSON object of strings. */
export function parseCredentialFile(path: string, text: string): Readonly<Record<string, string>> {
  if (text.trim() === "") return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new CredentialFileError(path, "not valid JSON", { cause: error });
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new CredentialFileError(path, "not a JSON object");
  }
  const entries = Object.entries(parsed);
  for (const [key, value] of entries) {
    if (typeof value !== "string") throw new CredentialFileError(path, `value of '${key}' is not a string`);
  }
  // fromEntries defines own properties, so a "__proto__" key cannot touch the prototype.
  return Object.fromEntries(entries);
}

function isCode(error: unknown, code: string): boolean {
  return errorCode(error) === code;
}

function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : "unknown error";
}
