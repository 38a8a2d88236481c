/** The help a user switching from the Python CLI sees (issue 15.6). */
import { expect, test } from "vitest";
import { runCli } from "./support/cli.js";

const GLOBAL_OPTION_LINE = /^ +--pseudonymise\b/m;

test("bare renault-api prints the help on stdout and exits 0", async () => {
  const bare = await runCli([]);
  expect(bare.code).toBe(0);
  expect(bare.stderr).toBe("");
  expect(bare.stdout).toMatch(/^Usage: renault-api/);
  expect(bare.stdout).toBe((await runCli(["--help"])).stdout);
  // A group without its subcommand is still a usage error.
  expect((await runCli(["charge"])).code).toBe(2);
});

test("the global options are listed on the top-level help only, with a pointer elsewhere", async () => {
  const top = await runCli(["--help"]);
  expect(top.stdout).toMatch(GLOBAL_OPTION_LINE);
  for (const argv of [
    ["charge", "--help"],
    ["charge", "start", "--help"],
    ["status", "--help"],
  ]) {
    const page = await runCli(argv);
    expect(page.code, argv.join(" ")).toBe(0);
    expect(page.stdout, argv.join(" ")).not.toMatch(GLOBAL_OPTION_LINE);
    expect(page.stdout.trim().split("\n").at(-1)).toBe(
      "Global options (--json, --account, --vin, --debug…): see `renault-api --help`.",
    );
  }
});

test("no help page mentions the Python CLI", async () => {
  const pages = [["--help"], ["accounts", "--help"], ["settings", "--help"], ["charge", "start", "--help"]];
  for (const argv of pages) expect((await runCli(argv)).stdout, argv.join(" ")).not.toMatch(/Python CLI/);
});
