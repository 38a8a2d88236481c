import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { expect, test } from "vitest";

test("the seed example (TypeScript, ESM, via the package's own exports) runs against the simulator", () => {
  mkdirSync(".tmp/examples", { recursive: true });
  execFileSync(process.execPath, [
    "node_modules/typescript/bin/tsc",
    "--strict",
    "--module",
    "nodenext",
    "--moduleResolution",
    "nodenext",
    "--target",
    "es2023",
    "--types",
    "node",
    "--skipLibCheck",
    "--ignoreConfig",
    "--rootDir",
    "examples",
    "--outDir",
    ".tmp/examples",
    "examples/seed.ts",
  ]);
  const output = execFileSync(process.execPath, [".tmp/examples/seed.js"], { encoding: "utf8" });
  const lines = output.trim().split("\n");
  expect(lines.map((line) => line.split(":")[0])).toEqual([
    "Accounts",
    "Vehicles",
    "Cockpit information",
    "Battery status information",
  ]);
  expect(output).toContain('"accountType":"MYRENAULT"');
  expect(output).toMatch(/"totalMileage":\d/);
  expect(output).toMatch(/"batteryLevel":\d/);
});
