/**
 * The curated public API (issue 13, item 3): at most 40 runtime exports from the package root, each
 * listed by name in src/index.ts; every subpath of package.json `exports` resolves, types and code,
 * from a consumer project (test/support/consumer.ts, `module: nodenext`); the CLI imports the library
 * only through those entry points.
 */
import { execFile } from "node:child_process";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { dirname, join, relative, resolve } from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, test } from "vitest";
import { compile, consumerProject, REPO } from "./support/consumer.js";

const run = promisify(execFile);

interface ExportTarget {
  readonly types: string;
  readonly default: string;
}

const manifest = JSON.parse(readFileSync(join(REPO, "package.json"), "utf8")) as {
  exports: Record<string, ExportTarget | string>;
};
const subpaths = Object.entries(manifest.exports).filter(
  (entry): entry is [string, ExportTarget] => typeof entry[1] === "object",
);

/** A name each entry point must export at run time (so a wrong target cannot pass). */
const SAMPLE: Readonly<Record<string, string>> = {
  ".": "RenaultClient",
  "./models": "chargeStateLabel",
  "./schedules": "updateChargeSchedule",
  "./errors": "ForbiddenError",
  "./actions": "performAction",
  "./probe": "probeVehicle",
  "./simulator": "startSimulator",
};

describe("the package root", () => {
  test("exports at most 40 runtime names, none of the internal tables", async () => {
    const root = await import("../src/index.js");
    const names = Object.keys(root);
    expect(names.length).toBeGreaterThan(20);
    expect(names.length).toBeLessThanOrEqual(40);
    for (const internal of ["resolveEndpoint", "SOC_LIMITS", "probeVehicle", "DEFAULT_UNSUPPORTED_TTL"]) {
      expect(names).not.toContain(internal);
    }
    for (const caught of ["RenaultError", "QuotaLimitError", "NotSupportedError", "isTransientError"]) {
      expect(names).toContain(caught);
    }
  });

  test("src/index.ts lists every name (no `export *`)", () => {
    const source = readFileSync(join(REPO, "src/index.ts"), "utf8");
    expect(source.match(/^\s*export\s+(type\s+)?\*/gm) ?? []).toEqual([]);
  });
});

describe("every subpath of package.json exports, from a consumer", () => {
  let dir = "";
  beforeAll(async () => {
    dir = await consumerProject();
  });

  test("the subpaths are the documented ones", () => {
    expect(subpaths.map(([name]) => name)).toEqual(Object.keys(SAMPLE));
  });

  test("the types resolve under module nodenext", async () => {
    const lines = subpaths.map(
      ([name], index) =>
        `import * as entry${index} from "${name === "." ? "renault-api" : `renault-api/${name.slice(2)}`}";\n` +
        `export const sample${index}: unknown = entry${index}.${SAMPLE[name]};`,
    );
    await writeFile(join(dir, "subpaths.ts"), lines.join("\n") + "\n");
    expect(await compile(dir, ["subpaths.ts"])).toEqual([]);
  });

  test.each(subpaths)("%s: the code loads from the build and exports its names", async (name, target) => {
    for (const file of [target.types, target.default]) expect(statSync(join(REPO, file)).isFile()).toBe(true);
    const specifier = name === "." ? "renault-api" : `renault-api/${name.slice(2)}`;
    const { stdout } = await run(
      process.execPath,
      [
        "--input-type=module",
        "-e",
        `const m = await import("${specifier}"); console.log(typeof m.${SAMPLE[name]});`,
      ],
      { cwd: dir },
    );
    expect(stdout.trim()).toMatch(/^(function|object)$/);
  });
});

test("the CLI imports the library only through the root and the public subpaths", () => {
  const cli = join(REPO, "src/cli");
  const entries = new Set(
    subpaths
      .map(([, target]) => target.default.replace(/^\.\/dist\//, "src/").replace(/\.js$/, ".ts"))
      .map((file) => join(REPO, file)),
  );
  const files = (readdirSync(cli, { recursive: true }) as string[]).filter((file) => file.endsWith(".ts"));
  const outside: string[] = [];
  for (const file of files) {
    const path = join(cli, file);
    const source = readFileSync(path, "utf8");
    for (const match of source.matchAll(/(?:from|import\()\s*"(\.[^"]+)"/g)) {
      const imported = resolve(dirname(path), match[1] ?? "").replace(/\.js$/, ".ts");
      if (imported.startsWith(cli + "/")) continue;
      if (!entries.has(imported)) outside.push(`${relative(REPO, path)} → ${relative(REPO, imported)}`);
    }
  }
  expect(files.length).toBeGreaterThan(20);
  expect(outside).toEqual([]);
});
