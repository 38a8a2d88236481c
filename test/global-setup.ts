import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

/**
 * Builds dist/ once, so tests that spawn the real binary or several processes run the shipped code.
 * Type errors do not stop the emit (the typecheck step reports them); a missing output does.
 */
export default function setup(): void {
  const result = spawnSync(
    process.execPath,
    ["node_modules/typescript/bin/tsc", "-p", "tsconfig.build.json"],
    {
      encoding: "utf8",
    },
  );
  if (!existsSync("dist/index.js")) throw new Error(`build failed:\n${result.stdout}${result.stderr}`);
}
