import { expect, test } from "vitest";
import { defaultLocale } from "../src/cli/locale.js";
import { LOCALE_NAMES } from "../src/index.js";
import { cliHome, simEnv } from "./support/cli.js";
import { useSimulator } from "./support/sim.js";

test("the locale prompt's default is always a locale of the table", () => {
  expect(defaultLocale("de_DE")).toBe("de_DE");
  // No en_US in the table: a locale of the same country, else fr_FR.
  expect(defaultLocale("en_US")).toBe("fr_FR");
  expect(defaultLocale("en_BE")).toBe("fr_BE");
  expect(defaultLocale(undefined)).toBe("fr_FR");
  for (const system of ["en_US", "en_BE", "ja_JP", "C", undefined]) {
    expect(LOCALE_NAMES).toContain(defaultLocale(system));
  }
});

test("with LANG=en_US the prompt offers [fr_FR], and an empty answer takes it", async () => {
  const sim = await useSimulator();
  const home = await cliHome(undefined, { ...simEnv(sim), LANG: "en_US.UTF-8" });
  const result = await home.run(["login", "--user", sim.demo.email, "--password", sim.demo.password], {
    stdin: "\ny\n",
  });
  expect(result.code).toBe(0);
  expect(result.stderr).toContain("Please select a locale [fr_FR]: ");
  expect(result.stderr).not.toContain("en_US");
  expect((await home.file())?.locale).toBe("fr_FR");
});

test("saving the prompted locale while overrides are in use writes no URLs or keys", async () => {
  const sim = await useSimulator();
  const home = await cliHome(undefined, { ...simEnv(sim), LANG: "de_DE.UTF-8" });
  const result = await home.run(["login", "--user", sim.demo.email, "--password", sim.demo.password], {
    stdin: "\ny\n",
  });
  expect(result.code).toBe(0);
  expect(result.stderr).toContain("Please select a locale [de_DE]: ");
  const file = await home.file();
  expect(file).toMatchObject({ locale: "de_DE", country: "DE" });
  expect(Object.keys(file ?? {}).filter((key) => /url|api-key/i.test(key))).toEqual([]);
  expect(JSON.stringify(file)).not.toMatch(/renault\.com|gigya\.com/);
  // The next run uses the overrides with the saved locale: the login token works against the simulator.
  const again = await home.run(["accounts"], { tty: false });
  expect(again.code).toBe(0);
  expect(sim.requests.at(-1)?.service).toBe("kamereon");
});
