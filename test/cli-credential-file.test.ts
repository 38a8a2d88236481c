import { mkdir, writeFile } from "node:fs/promises";
import { expect, test } from "vitest";
import { cliHome } from "./support/cli.js";

test("a directory at the credential file's path is a clear one-line error, exit 1, not an internal error", async () => {
  const home = await cliHome();
  await mkdir(home.credentials, { recursive: true });
  for (const argv of [["settings"], ["set", "--locale", "fr_FR"], ["reset"]]) {
    const result = await home.run(argv);
    expect(result.code, argv.join(" ")).toBe(1);
    expect(result.stderr).toBe(
      `Error: Credential file ${home.credentials} is unusable: it is a directory, not a file. Fix or delete it.\n`,
    );
  }
});

test("a lock held by a live process is reported without advising reset", async () => {
  const home = await cliHome();
  await mkdir(`${home.credentials}/..`, { recursive: true });
  await writeFile(`${home.credentials}.lock`, String(process.pid));
  const result = await home.run(["set", "--locale", "fr_FR"]);
  expect(result.code).toBe(1);
  expect(result.stderr).toMatch(
    /^Error: Credential file .* is locked by another process \(pid \d+\) that is still running/,
  );
  expect(result.stderr).not.toContain("reset");
}, 15_000);
