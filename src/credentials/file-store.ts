import { randomBytes } from "node:crypto";
import {
  chmod,
  lstat,
  mkdir,
  open,
  readdir,
  readlink,
  realpath,
  rename,
  rm,
  stat,
  unlink,
} from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { CredentialFileError } from "../errors.js";
import { applyChanges, type CredentialStore, matches } from "./store.js";

/** Options of {@link FileCredentialStore}. */
export interface FileCredentialStoreOptions {
  /**
   * How long to wait for another (live) process holding the lock.
   * @default 5_000
   * @unit milliseconds
   */
  readonly lockTimeout?: number;
  /**
   * A lock older than this is considered left by a crashed process and broken, even when its
   * owner's process id cannot be checked. A lock whose owner is dead is broken at once.
   * @default 10_000
   * @unit milliseconds
   */
  readonly staleLockAge?: number;
  /** @internal Test seam: runs after the temporary file is written, before it replaces the file. */
  readonly beforeRename?: (() => Promise<void> | void) | undefined;
}

/** The largest credential file read: the real one is about 2 KB; this bounds the memory used. */
export const MAX_CREDENTIAL_FILE_BYTES = 1024 * 1024;

/** The lock is held by a live process: wait and retry (not a reason to delete anything). */
export class CredentialLockError extends CredentialFileError {
  override name = "CredentialLockError";
  /** Path of the lock file. */
  readonly lockPath: string;
  constructor(path: string, lockPath: string, owner: number | undefined) {
    super(path, "locked");
    this.message =
      `Credential file ${path} is locked by another process${owner ? ` (pid ${owner})` : ""} ` +
      `that is still running (${lockPath}): retry when it has finished.`;
    this.lockPath = lockPath;
  }
}

/**
 * A credential store in a JSON file: one flat object of string values, the layout of the Python
 * client's `~/.credentials/renault-api.json`.
 *
 * - The file is private: mode 0600; a folder it creates is 0700 (an existing folder is left as is).
 * - A symbolic link at the path is written through (its target is replaced), as the Python client
 *   does.
 * - Writes are atomic (temporary file + rename), so a crash leaves the old file whole; temporary
 *   files left by a killed process (they hold the credentials) are deleted by the next writer.
 * - Concurrent writers — several CLI processes refreshing a token at once — are serialised with a
 *   lock file (`<path>.lock`, created exclusively, holding the owner's process id). Under the lock
 *   each writer re-reads the file and applies only its own changes, so the result is always one
 *   complete, valid state. A lock whose owner is dead is taken over at once. A lock is chosen over
 *   compare-and-swap because rename-based CAS cannot detect a writer that lands between the check
 *   and the rename.
 * - A corrupt, unreadable or oversized file (over {@link MAX_CREDENTIAL_FILE_BYTES}) is an error
 *   naming the path; it is never silently replaced.
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
      const info = await stat(this.path);
      if (info.isDirectory()) throw new CredentialFileError(this.path, "it is a directory, not a file");
      if (!info.isFile()) throw new CredentialFileError(this.path, "it is not a regular file");
      text = await readBounded(this.path);
    } catch (error) {
      if (error instanceof CredentialFileError) throw error;
      if (isCode(error, "ENOENT")) return {};
      throw new CredentialFileError(this.path, `cannot be read (${errorCode(error)})`, { cause: error });
    }
    return parseCredentialFile(this.path, text);
  }

  async update(changes: Readonly<Record<string, string | undefined>>): Promise<void> {
    await this.#modify(() => changes);
  }

  async updateIf(
    expected: Readonly<Record<string, string | undefined>>,
    changes: Readonly<Record<string, string | undefined>>,
  ): Promise<boolean> {
    return this.#modify((current) => (matches(current, expected) ? changes : undefined));
  }

  /** Under the lock: re-reads the file and writes the changes `decide` returns (none: no write). */
  async #modify(
    decide: (
      current: Readonly<Record<string, string>>,
    ) => Readonly<Record<string, string | undefined>> | undefined,
  ): Promise<boolean> {
    const target = await this.#target();
    await this.#fs(
      () => mkdir(dirname(target), { recursive: true, mode: 0o700 }),
      "its folder cannot be created",
    );
    const release = await this.#lock();
    try {
      const current = await this.read();
      const changes = decide(current);
      if (changes === undefined) return false;
      const values = new Map(Object.entries(current));
      applyChanges(values, changes);
      await removeDeadTemporaries(target);
      await this.#writeAtomically(target, JSON.stringify(Object.fromEntries(values), null, 2) + "\n");
      return true;
    } finally {
      await release();
    }
  }

  /**
   * Deletes the file (the target of a symbolic link, which stays for the next write) and the
   * temporary files left by dead processes; no error when absent.
   */
  async remove(): Promise<void> {
    const target = await this.#target();
    await removeDeadTemporaries(target);
    await this.#fs(() => rm(target, { force: true }), "cannot be deleted");
  }

  /** The file actually written: the target of a symbolic link (resolved even if it is dangling). */
  async #target(): Promise<string> {
    let path = this.path;
    for (let depth = 0; depth < 10; depth++) {
      const info = await lstat(path).catch(() => undefined);
      if (!info?.isSymbolicLink()) break;
      path = resolve(dirname(path), await readlink(path));
    }
    return realpath(dirname(path)).then(
      (folder) => join(folder, basename(path)),
      () => path,
    );
  }

  async #writeAtomically(target: string, content: string): Promise<void> {
    const temporary = `${target}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
    const handle = await this.#fs(() => open(temporary, "wx", 0o600), "cannot be written");
    try {
      await handle.writeFile(content, "utf8");
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await this.#options.beforeRename?.();
      await this.#fs(() => rename(temporary, target), "cannot be replaced");
      await chmod(target, 0o600);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  }

  /** Runs a file-system call, turning its failure into a {@link CredentialFileError}. */
  async #fs<T>(call: () => Promise<T>, what: string): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (error instanceof CredentialFileError) throw error;
      // fs.rm says ERR_FS_EISDIR where the other calls say EISDIR.
      const reason = ["EISDIR", "ERR_FS_EISDIR"].includes(errorCode(error))
        ? "it is a directory, not a file"
        : `${what} (${errorCode(error)})`;
      throw new CredentialFileError(this.path, reason, { cause: error });
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
        if (!isCode(error, "EEXIST")) {
          throw new CredentialFileError(this.path, `cannot be locked (${errorCode(error)})`, {
            cause: error,
          });
        }
      }
      const owner = await lockOwner(lockPath);
      const age = await stat(lockPath).then(
        (info) => Date.now() - info.mtimeMs,
        () => 0,
      );
      if ((owner !== undefined && !isAlive(owner)) || age > staleAge) {
        await unlink(lockPath).catch(() => undefined);
        continue;
      }
      if (Date.now() > deadline) throw new CredentialLockError(this.path, lockPath, owner);
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}

/** Reads at most {@link MAX_CREDENTIAL_FILE_BYTES} (+1 to detect a larger file). */
async function readBounded(path: string): Promise<string> {
  const handle = await open(path, "r");
  try {
    const buffer = Buffer.alloc(MAX_CREDENTIAL_FILE_BYTES + 1);
    let length = 0;
    while (length < buffer.length) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    if (length > MAX_CREDENTIAL_FILE_BYTES) {
      throw new CredentialFileError(path, `it is larger than ${MAX_CREDENTIAL_FILE_BYTES / 1024 / 1024} MiB`);
    }
    return buffer.subarray(0, length).toString("utf8");
  } finally {
    await handle.close();
  }
}

/** The process id written in a lock file (`undefined` while it is being written, or unreadable). */
async function lockOwner(lockPath: string): Promise<number | undefined> {
  const handle = await open(lockPath, "r").catch(() => undefined);
  if (!handle) return undefined;
  try {
    const buffer = Buffer.alloc(16);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const text = buffer.subarray(0, bytesRead).toString("utf8");
    return /^\d{1,10}$/.test(text) ? Number(text) : undefined;
  } catch {
    return undefined;
  } finally {
    await handle.close();
  }
}

/** Whether a process exists (`EPERM`: it does, under another user). */
function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return !isCode(error, "ESRCH");
  }
}

/** Deletes `<file>.<pid>.<hex>.tmp` files whose process is dead: a killed writer's full credentials. */
async function removeDeadTemporaries(target: string): Promise<void> {
  const folder = dirname(target);
  const prefix = `${basename(target)}.`;
  const names = await readdir(folder).catch(() => [] as string[]);
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const match = /^(\d{1,10})\.[0-9a-f]{8}\.tmp$/.exec(name.slice(prefix.length));
    if (match && !isAlive(Number(match[1]))) await rm(join(folder, name), { force: true });
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
