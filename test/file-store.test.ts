import { spawn } from "node:child_process";
import { chmod, mkdir, mkdtemp, readdir, readFile, stat, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "vitest";
import { FileCredentialStore } from "../src/credentials/file-store.js";
import { CredentialKey } from "../src/credentials/store.js";
import { CredentialFileError } from "../src/errors.js";

async function tempPath(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "renault-api-store-"));
  return join(dir, ".credentials", "renault-api.json");
}

/** A file as the Python CLI writes it (flat object of strings, its key names, including `accound-id`). */
const PYTHON_FILE = {
  locale: "fr_FR",
  country: "FR",
  "gigya-root-url": "https://accounts.eu1.gigya.com",
  "gigya-api-key": "3_key",
  "kamereon-root-url": "https://api-wired-prod-1-euw1.wrd-aws.com",
  "kamereon-api-key": "kkey",
  gigya_login_token: "st2.s.token",
  gigya_person_id: "person-id-1",
  "accound-id": "account-id-1",
  vin: "VF1AAAAA555777999",
};

test("a Python-layout file round-trips: same keys, unknown keys kept, updates applied", async () => {
  const path = await tempPath();
  const store = new FileCredentialStore(path);
  expect(await store.read()).toEqual({});
  await store.update(PYTHON_FILE);
  await writeFile(path, JSON.stringify({ ...PYTHON_FILE, future_key: "kept" }), { mode: 0o600 });
  await store.update({ [CredentialKey.jwt]: "eyJ.jwt", [CredentialKey.vin]: undefined });
  const written = JSON.parse(await readFile(path, "utf8"));
  expect(written).toEqual({ ...PYTHON_FILE, future_key: "kept", gigya_jwt: "eyJ.jwt", vin: undefined });
  expect(Object.keys(written)).toContain("accound-id");
  expect(await new FileCredentialStore(path).read()).toEqual(written);
});

test("the file is private (0600) in a private folder (0700), also when it existed before", async () => {
  const path = await tempPath();
  await new FileCredentialStore(path).update({ a: "1" });
  expect((await stat(path)).mode & 0o777).toBe(0o600);
  expect((await stat(join(path, ".."))).mode & 0o777).toBe(0o700);
  await writeFile(path, "{}", { mode: 0o644 });
  await new FileCredentialStore(path).update({ a: "2" });
  expect((await stat(path)).mode & 0o777).toBe(0o600);
});

test("a crash between writing and renaming leaves the old file intact and no temporary file", async () => {
  const path = await tempPath();
  await new FileCredentialStore(path).update({ gigya_login_token: "old" });
  const crashing = new FileCredentialStore(path, {
    beforeRename: () => {
      throw new Error("simulated crash");
    },
  });
  await expect(crashing.update({ gigya_login_token: "new" })).rejects.toThrow("simulated crash");
  expect(JSON.parse(await readFile(path, "utf8"))).toEqual({ gigya_login_token: "old" });
  expect((await readdir(join(path, ".."))).sort()).toEqual(["renault-api.json"]);
});

test.each([
  ["not json {", /not valid JSON/],
  ["[1,2]", /not a JSON object/],
  ['{"vin": 12}', /value of 'vin' is not a string/],
  ["null", /not a JSON object/],
])("a corrupt file (%s) is an error naming the path and is never overwritten", async (content, reason) => {
  const path = await tempPath();
  await new FileCredentialStore(path).update({});
  await writeFile(path, content);
  const store = new FileCredentialStore(path);
  const error = await store.read().catch((e: unknown) => e);
  expect(error).toBeInstanceOf(CredentialFileError);
  expect((error as Error).message).toContain(path);
  expect((error as Error).message).toMatch(reason);
  await expect(store.update({ gigya_jwt: "x" })).rejects.toBeInstanceOf(CredentialFileError);
  expect(await readFile(path, "utf8")).toBe(content);
});

test("an unreadable path is a clear error; a __proto__ key cannot pollute", async () => {
  const path = await tempPath();
  await new FileCredentialStore(path).update({});
  const dirAsFile = new FileCredentialStore(join(path, ".."));
  await expect(dirAsFile.read()).rejects.toThrow(/is unusable: it is a directory, not a file/);
  await writeFile(path, '{"__proto__": "x", "a": "b"}');
  const values = await new FileCredentialStore(path).read();
  expect(Object.getPrototypeOf(values)).toBe(Object.prototype);
  expect(values.a).toBe("b");
});

test("remove() deletes the file and tolerates its absence", async () => {
  const path = await tempPath();
  const store = new FileCredentialStore(path);
  await store.update({ a: "1" });
  await store.remove();
  await store.remove();
  expect(await store.read()).toEqual({});
});

test("a stale lock left by a crashed process is broken; a live one times out clearly", async () => {
  const path = await tempPath();
  await new FileCredentialStore(path).update({ a: "1" });
  // A live owner (this process) whose lock cannot be checked by age: the writer waits, then says so.
  await writeFile(`${path}.lock`, String(process.pid));
  const error = await new FileCredentialStore(path, { lockTimeout: 50, staleLockAge: 60_000 })
    .update({ a: "2" })
    .catch((e: unknown) => e);
  expect(error).toBeInstanceOf(CredentialFileError);
  expect((error as Error).message).toMatch(/locked by another process \(pid \d+\) that is still running/);
  // Never the advice to delete the file: that would drop the login and the two-factor device trust.
  expect((error as Error).message).not.toMatch(/reset|delete/);
  // No owner written (a crash before the pid): broken by age.
  await writeFile(`${path}.lock`, "");
  await new FileCredentialStore(path, { staleLockAge: 0 }).update({ a: "3" });
  expect(JSON.parse(await readFile(path, "utf8"))).toEqual({ a: "3" });
});

const WRITER = `
import { FileCredentialStore } from "./dist/credentials/file-store.js";
const [path, name] = process.argv.slice(1);
const store = new FileCredentialStore(path, { lockTimeout: 20000 });
for (let i = 0; i < 25; i++) {
  await store.update({ gigya_login_token: name + "-token-" + i, gigya_jwt: name + "-jwt-" + i, ["last-" + name]: String(i) });
}
`;

test("four processes refreshing tokens at once leave one valid, complete state", async () => {
  const path = await tempPath();
  await new FileCredentialStore(path).update({ locale: "fr_FR" });
  const names = ["a", "b", "c", "d"];
  await Promise.all(
    names.map(
      (name) =>
        new Promise<void>((resolve, reject) => {
          const child = spawn(process.execPath, ["--input-type=module", "-e", WRITER, path, name], {
            stdio: "inherit",
          });
          child.on("exit", (code) => {
            if (code === 0) resolve();
            else reject(new Error(`writer ${name} exited ${String(code)}`));
          });
        }),
    ),
  );
  const final = JSON.parse(await readFile(path, "utf8"));
  expect(final.locale).toBe("fr_FR");
  const owner = /^(\w)-token-(\d+)$/.exec(final.gigya_login_token);
  expect(owner).not.toBeNull();
  expect(final.gigya_jwt).toBe(`${owner![1]}-jwt-${owner![2]}`);
  for (const name of names) expect(final[`last-${name}`]).toBe("24");
  expect((await readdir(join(path, ".."))).sort()).toEqual(["renault-api.json"]);
});

/** A child that takes the lock and writes its temporary file, then stops before the rename. */
const HOLDER = `
import { FileCredentialStore } from "./dist/credentials/file-store.js";
const [path] = process.argv.slice(1);
const store = new FileCredentialStore(path, {
  beforeRename: () => { process.stdout.write("holding\\n"); return new Promise(() => {}); },
});
await store.update({ gigya_login_token: "st2.s.killed-writer-token" });
`;

test("a lock and a temporary file left by a process killed with SIGKILL are taken over at once", async () => {
  const path = await tempPath();
  await new FileCredentialStore(path).update({ locale: "fr_FR" });
  const child = spawn(process.execPath, ["--input-type=module", "-e", HOLDER, path], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let childErr = "";
  child.stderr.on("data", (chunk: Buffer) => (childErr += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`holder silent for 15 s; stderr: ${childErr}`));
    }, 15_000);
    child.stdout.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("holding")) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`holder exited ${String(code)}: ${childErr}`));
    });
  });
  const folder = join(path, "..");
  expect((await readFile(`${path}.lock`, "utf8")).trim()).toBe(String(child.pid));
  const leftovers = (await readdir(folder)).filter((name) => name.endsWith(".tmp"));
  expect(leftovers).toEqual([
    expect.stringMatching(new RegExp(`^renault-api\\.json\\.${child.pid}\\.[0-9a-f]{8}\\.tmp$`)),
  ]);
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGKILL");
  await exited;
  const started = Date.now();
  // The defaults: a 5 s lock timeout, a 10 s stale age; a dead owner must not cost either.
  await new FileCredentialStore(path).update({ vin: "VF1AAAAA555777999" });
  expect(Date.now() - started).toBeLessThan(1000);
  expect(JSON.parse(await readFile(path, "utf8"))).toEqual({ locale: "fr_FR", vin: "VF1AAAAA555777999" });
  // The dead writer's temporary file held its credentials: gone, and the lock released.
  expect((await readdir(folder)).sort()).toEqual(["renault-api.json"]);
});

test("remove() also deletes temporary files of dead processes", async () => {
  const path = await tempPath();
  await new FileCredentialStore(path).update({ a: "1" });
  const dead = join(path, "..", "renault-api.json.999999999.0badcafe.tmp");
  const live = join(path, "..", `renault-api.json.${process.pid}.0badcafe.tmp`);
  await writeFile(dead, '{"gigya_login_token":"st2.s.x"}');
  await writeFile(live, "{}");
  await new FileCredentialStore(path).remove();
  expect((await readdir(join(path, ".."))).sort()).toEqual([`renault-api.json.${process.pid}.0badcafe.tmp`]);
});

test("a symbolic link is written through: the link stays, its target gets the values", async () => {
  const path = await tempPath();
  const real = join(path, "..", "..", "elsewhere", "creds.json");
  await mkdir(join(real, ".."), { recursive: true });
  await writeFile(real, '{"locale":"fr_FR"}');
  await mkdir(join(path, ".."), { recursive: true });
  await symlink(real, path);
  const store = new FileCredentialStore(path);
  await store.update({ vin: "VF1AAAAA555777999" });
  expect((await lstatOf(path)).isSymbolicLink()).toBe(true);
  expect(JSON.parse(await readFile(real, "utf8"))).toEqual({ locale: "fr_FR", vin: "VF1AAAAA555777999" });
  expect((await stat(real)).mode & 0o777).toBe(0o600);
  expect((await readdir(join(path, ".."))).sort()).toEqual(["renault-api.json"]);
  await store.remove();
  expect((await lstatOf(path)).isSymbolicLink()).toBe(true);
  expect(await store.read()).toEqual({});
});

async function lstatOf(path: string) {
  const { lstat } = await import("node:fs/promises");
  return lstat(path);
}

test("an existing folder keeps its mode; only a folder the store creates is 0700", async () => {
  const path = await tempPath();
  await mkdir(join(path, ".."), { mode: 0o755 });
  await chmod(join(path, ".."), 0o755);
  await new FileCredentialStore(path).update({ a: "1" });
  expect((await stat(join(path, ".."))).mode & 0o777).toBe(0o755);
  expect((await stat(path)).mode & 0o777).toBe(0o600);
});

test("a directory at the file's path is a clear CredentialFileError, for reads and writes", async () => {
  const path = await tempPath();
  await mkdir(path, { recursive: true });
  for (const call of [
    () => new FileCredentialStore(path).read(),
    () => new FileCredentialStore(path).update({ a: "1" }),
  ]) {
    const error = await call().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CredentialFileError);
    expect((error as Error).message).toContain(`${path} is unusable: it is a directory, not a file`);
  }
});

test("a file over 1 MiB is refused without being read whole", async () => {
  const path = await tempPath();
  await mkdir(join(path, ".."), { recursive: true });
  await writeFile(path, `{"a":"${"x".repeat(1024 * 1024)}"}`);
  const error = await new FileCredentialStore(path).read().catch((e: unknown) => e);
  expect(error).toBeInstanceOf(CredentialFileError);
  expect((error as Error).message).toContain("larger than 1 MiB");
  await writeFile(path, `{"a":"${"x".repeat(1000 * 1000)}"}`);
  expect((await new FileCredentialStore(path).read()).a).toHaveLength(1000 * 1000);
});
