import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

/** Builds the bridge's dist/ (after the root's), for the test that runs the real binary. */
export default function setup(): void {
  const result = spawnSync(
    process.execPath,
    ["node_modules/typescript/bin/tsc", "-p", "packages/mqtt/tsconfig.build.json"],
    { encoding: "utf8" },
  );
  if (!existsSync("packages/mqtt/dist/bin.js")) {
    throw new Error(`renault-api-mqtt build failed:\n${result.stdout}${result.stderr}`);
  }
}
