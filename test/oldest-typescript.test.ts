/**
 * The oldest TypeScript the published types support: 5.1 (README "Library quick start"). The
 * devDependency `typescript-oldest` (npm:typescript@5.1.6) compiles a consumer of every public entry
 * point with the declaration files checked too (`skipLibCheck: false`): ours and those they pull in
 * (valibot's need 5.1; TypeScript 5.0 fails on them).
 */
import { readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, expect, test } from "vitest";
import { compile, consumerProject, REPO } from "./support/consumer.js";

const OLDEST = join(REPO, "node_modules", "typescript-oldest");
let project = "";

afterAll(async () => {
  if (project) await rm(project, { recursive: true, force: true });
});

test(
  "the public .d.ts compile with TypeScript 5.1 in a strict consumer, declaration files checked",
  { timeout: 90_000 },
  async () => {
    const { version } = JSON.parse(await readFile(join(OLDEST, "package.json"), "utf8")) as {
      version: string;
    };
    expect(version).toMatch(/^5\.1\./);
    project = await consumerProject();
    await writeFile(
      join(project, "consumer.ts"),
      [
        'import * as library from "renault-api";',
        'import * as simulator from "renault-api/simulator";',
        'import type { BatteryStatus, RenaultVehicle } from "renault-api";',
        "export const names: string[] = [...Object.keys(library), ...Object.keys(simulator)];",
        "export const battery = (vehicle: RenaultVehicle): Promise<BatteryStatus> => vehicle.getBatteryStatus();",
        "export const client = new library.RenaultClient({ locale: 'fr_FR' });",
        "",
      ].join("\n"),
    );
    const diagnostics = await compile(project, ["consumer.ts"], {
      compiler: join(OLDEST, "bin", "tsc"),
      // TypeScript 5.1 knows targets up to es2022.
      compilerOptions: { skipLibCheck: false, target: "es2022", lib: ["es2022"], noEmit: true },
    });
    expect(diagnostics).toEqual([]);
  },
);
