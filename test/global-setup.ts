import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

/**
 * Builds dist/ once per run; every test that runs the shipped code (the binary, the examples, the
 * documentation snippets, the package check) uses this build and none builds again.
 * Incremental: the build info lives in dist/ itself, so deleting dist/ forces a full build, and a run
 * with no source change costs a third of a full build.
 * Type errors do not stop the emit (the typecheck step reports them); a missing output does.
 */
export default function setup(): void {
  const result = spawnSync(
    process.execPath,
    [
      "node_modules/typescript/bin/tsc",
      "-p",
      "tsconfig.build.json",
      "--incremental",
      "--tsBuildInfoFile",
      "dist/.tsbuildinfo",
    ],
    { encoding: "utf8" },
  );
  if (!existsSync("dist/index.js")) throw new Error(`build failed:\n${result.stdout}${result.stderr}`);
}
