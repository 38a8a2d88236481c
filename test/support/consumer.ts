/**
 * A strict consumer project in a temporary folder: `node_modules/renault-api` links to this
 * repository, so `import "renault-api"` resolves through package.json `exports` to the dist/ built
 * by test/global-setup.ts, as it would for a user. Used by test/docs-snippets.test.ts.
 */
import { spawnSync } from "node:child_process";
import { mkdir, mkdtemp, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const REPO = new URL("..", new URL("..", import.meta.url)).pathname.replace(/\/$/, "");

/** The compiler options a careful consumer uses (issue 14, item 6). */
export const STRICT_OPTIONS = {
  strict: true,
  noUncheckedIndexedAccess: true,
  exactOptionalPropertyTypes: true,
  module: "nodenext",
  moduleResolution: "nodenext",
  target: "es2023",
  lib: ["es2023"],
  types: ["node"],
  skipLibCheck: true,
  noEmitOnError: false,
  rootDir: ".",
  outDir: "out",
} as const;

/** One compiler diagnostic, with the file relative to the project. */
export interface Diagnostic {
  readonly file: string;
  readonly line: number;
  readonly message: string;
}

/** Creates the project folder with `package.json` (ESM) and the links to this repository. */
export async function consumerProject(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "renault-api-consumer-"));
  await writeFile(join(dir, "package.json"), '{ "name": "consumer", "private": true, "type": "module" }\n');
  await mkdir(join(dir, "node_modules"));
  await symlink(REPO, join(dir, "node_modules", "renault-api"), "dir");
  await symlink(join(REPO, "node_modules", "@types"), join(dir, "node_modules", "@types"), "dir");
  return dir;
}

/**
 * Runs a TypeScript compiler (`tsc` of this repository unless `compiler` is given) on the project's
 * files with the strict options; returns the diagnostics (the emit happens even with errors).
 */
export async function compile(
  dir: string,
  files: readonly string[],
  options: { readonly compiler?: string; readonly compilerOptions?: Record<string, unknown> } = {},
): Promise<Diagnostic[]> {
  const config = {
    compilerOptions: { ...STRICT_OPTIONS, ...options.compilerOptions },
    files,
  };
  const configName = `tsconfig.${Math.random().toString(36).slice(2)}.json`;
  await writeFile(join(dir, configName), JSON.stringify(config, null, 2));
  const compiler = options.compiler ?? join(REPO, "node_modules", "typescript", "bin", "tsc");
  const result = spawnSync(process.execPath, [compiler, "-p", configName, "--pretty", "false"], {
    cwd: dir,
    encoding: "utf8",
  });
  const diagnostics: Diagnostic[] = [];
  for (const line of `${result.stdout}${result.stderr}`.split("\n")) {
    const match = /^(.+?)\((\d+),\d+\): error (.*)$/.exec(line);
    if (match) diagnostics.push({ file: match[1] ?? "", line: Number(match[2]), message: match[3] ?? "" });
    else if (/^error /.test(line)) diagnostics.push({ file: "", line: 0, message: line });
  }
  if (result.status !== 0 && diagnostics.length === 0) {
    diagnostics.push({ file: "", line: 0, message: `tsc failed: ${result.stdout}${result.stderr}` });
  }
  return diagnostics;
}
