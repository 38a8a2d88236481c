/**
 * Model warnings a user switching from the Python CLI saw on every run (issue 15.6): none for the
 * reads the ZOE phase 1 supports, and any other shown once, remembered in the credential file.
 */
import { expect, test } from "vitest";
import { WARNED_KEY } from "../src/cli/warned.js";
import { loggedInHome } from "./support/cli.js";
import { useSimulator } from "./support/sim.js";

const range = ["--from", "2024-01-01", "--to", "2024-01-31"];

test.each([
  [["charge", "history", ...range]],
  [["charge", "sessions", ...range]],
  [["hvac", "history", ...range]],
  [["hvac", "sessions", ...range]],
  [["alerts"]],
])("%j on a ZOE phase 1 warns of nothing", async (argv) => {
  const sim = await useSimulator();
  const home = await loggedInHome(sim, "zoe40");
  const run = await home.run(argv);
  expect(run.code, run.stderr).toBe(0);
  expect(run.stderr).not.toMatch(/not documented/);
});

test("a model warning is shown on the first run only, and remembered in the store", async () => {
  const sim = await useSimulator();
  const home = await loggedInHome(sim, "zoe40");
  const first = await home.run(["hvac", "settings"]);
  expect(first.code, first.stderr).toBe(0);
  expect(first.stderr).toMatch(/Warning: Endpoint 'hvac-settings' is not documented for model X101VE/);
  expect(JSON.parse((await home.file())?.[WARNED_KEY] ?? "[]")).toEqual([
    expect.stringContaining("'hvac-settings' is not documented for model X101VE"),
  ]);
  const second = await home.run(["hvac", "settings"]);
  expect(second.code).toBe(0);
  expect(second.stdout).toBe(first.stdout);
  expect(second.stderr).not.toMatch(/not documented/);
  // An invalid stored value counts as nothing shown: the warning comes back, the run still works.
  const { writeCredentials } = await import("./support/cli.js");
  await writeCredentials(home, { ...(await home.file()), [WARNED_KEY]: "{not json" });
  const third = await home.run(["hvac", "settings"]);
  expect(third.code).toBe(0);
  expect(third.stderr).toMatch(/not documented for model X101VE/);
});
