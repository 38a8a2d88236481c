/**
 * What each kind of command line loads (issue 14, item 2), measured on the built binary with a
 * module loader hook that records every module Node loads: `--version`, `--help` and usage mistakes
 * must not load the library, valibot, chrono-node or the simulator; a command loads the library
 * but not the simulator.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, test } from "vitest";

const run = promisify(execFile);
const ROOT = new URL("..", import.meta.url).pathname;
const BIN = join(ROOT, "dist", "cli", "bin.js");
let folder = "";

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "renault-api-loading-"));
  await writeFile(
    join(folder, "hooks.mjs"),
    'import { appendFileSync } from "node:fs";\n' +
      "export async function load(url, context, next) {\n" +
      "  appendFileSync(process.env.MODULE_LOG, url + '\\n');\n" +
      "  return next(url, context);\n}\n",
  );
  await writeFile(
    join(folder, "register.mjs"),
    'import { register } from "node:module";\nregister("./hooks.mjs", import.meta.url);\n',
  );
});

afterAll(async () => {
  if (folder) await rm(folder, { recursive: true, force: true });
});

/** The project modules and packages a run of the binary loaded. */
async function loaded(args: readonly string[], name: string) {
  const log = join(folder, `${name}.log`);
  await writeFile(log, "");
  const env = { PATH: process.env.PATH ?? "", HOME: folder, MODULE_LOG: log };
  const result = await run(process.execPath, ["--import", join(folder, "register.mjs"), BIN, ...args], {
    env,
    cwd: folder,
  }).then(
    (output) => ({ ...output, code: 0 }),
    (error: unknown) => error as { code: number; stdout: string; stderr: string },
  );
  const urls = (await readFile(log, "utf8")).split("\n").filter((url) => url.startsWith("file:"));
  const project = urls.filter((url) => url.includes("/dist/")).map((url) => url.replace(/^.*\/dist\//, ""));
  const packages = [
    ...new Set(urls.flatMap((url) => /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)?.[1] ?? [])),
  ];
  return { result, project, packages };
}

test("--version, --help and a mistyped command load only the CLI's command table", async () => {
  for (const [name, args] of [
    ["version", ["--version"]],
    ["help", ["--help"]],
    ["typo", ["statsu"]],
    ["bad-option", ["--no-such-option"]],
  ] as const) {
    const { result, project, packages } = await loaded(args, name);
    expect(packages, name).toEqual([]);
    expect(project, name).not.toContain("index.js");
    expect(
      project.filter((file) => file.startsWith("simulator/")),
      name,
    ).toEqual([]);
    expect(project.length, `${name}: ${project.join(" ")}`).toBeLessThanOrEqual(10);
    if (name === "help") expect(result.stdout).toContain("status");
    if (name === "typo") expect(result.stderr).toMatch(/^Error: unknown command 'statsu'/);
    expect(result.code, name).toBe(name === "typo" || name === "bad-option" ? 2 : 0);
  }
});

test("a command loads the library and valibot, not the simulator nor chrono-node", async () => {
  const { result, project, packages } = await loaded(["--locale", "fr_FR", "status"], "status");
  expect(result.code).toBe(3); // not logged in, found after loading what `status` needs
  expect(project).toContain("index.js");
  expect(project.filter((file) => file.startsWith("simulator/"))).toEqual([]);
  expect(packages).toEqual(["valibot"]);
});
