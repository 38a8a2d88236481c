import { describe, expect, test } from "vitest";
import { defineCommand, defineGroup, listCommands } from "../src/cli/command.js";
import {
  instantOf,
  localTimeToUtc,
  nextWeekday,
  offsetAt,
  parseWhen,
  utcTimeToLocal,
} from "../src/cli/dates.js";
import { main } from "../src/cli/main.js";
import { bar, duration, keyValues, label, localDateTime, mask, table } from "../src/cli/render.js";
import { ROOT } from "../src/cli/table.js";
import { Pseudonymiser, redact } from "../src/cli/trace.js";
import { UsageError } from "../src/cli/usage.js";
import { runCli } from "./support/cli.js";

const PARIS = "Europe/Paris";

describe("argument parsing", () => {
  const seen: unknown[] = [];
  const root = defineGroup({
    name: "renault-api",
    summary: "test root",
    commands: {
      echo: defineCommand({
        name: "echo",
        summary: "echo options",
        args: [{ name: "word", description: "a word", optional: true }],
        options: {
          count: { type: "integer", default: 1, description: "times" },
          colour: { type: "string", choices: ["red", "blue"], description: "colour" },
          locale: { type: "string", description: "shadows the global" },
        },
        async run(context, input) {
          seen.push({ globals: context.globals, ...input });
          await Promise.resolve();
        },
      }),
      group: defineGroup({ name: "group", summary: "a group", commands: {} }),
    },
  });
  const run = async (argv: string[]) => {
    seen.length = 0;
    let stdout = "";
    let stderr = "";
    const code = await main(
      argv,
      {
        stdout: { write: (t: string) => (stdout += t) },
        stderr: { write: (t: string) => (stderr += t) },
        env: {},
      },
      root,
    );
    return { code, stdout, stderr, seen: seen[0] as any };
  };

  test("global options are accepted before and after the command; command options shadow them", async () => {
    const result = await run([
      "--json",
      "echo",
      "hi",
      "--vin",
      "VIN1",
      "--count",
      "3",
      "--colour",
      "BLUE",
      "--locale",
      "x",
    ]);
    expect(result.code).toBe(0);
    expect(result.seen.globals).toMatchObject({ json: true, vin: "VIN1", locale: undefined });
    expect(result.seen.options).toEqual({ count: 3, colour: "blue", locale: "x" });
    expect(result.seen.args).toEqual({ word: "hi" });
    const before = await run(["--locale", "de_DE", "--account", "A", "echo"]);
    expect(before.seen.globals).toMatchObject({ locale: "de_DE", account: "A" });
    expect(before.seen.options).toMatchObject({ count: 1, locale: undefined });
  });

  test("usage errors exit 2 with one line and a hint", async () => {
    for (const argv of [
      ["nope"],
      ["echo", "--count", "x"],
      ["echo", "--colour", "green"],
      ["echo", "--bogus"],
      ["echo", "a", "b"],
      ["--vin"],
    ]) {
      const result = await run(argv);
      expect(result.code, argv.join(" ")).toBe(2);
      expect(result.stderr).toMatch(/^Error: /);
      expect(result.stdout).toBe("");
    }
    expect((await run(["ech"])).stderr).toContain("did you mean 'echo'");
  });

  test("a group without a subcommand prints its help and exits 2, --help exits 0", async () => {
    const group = await run(["group"]);
    expect(group.code).toBe(2);
    expect(group.stderr).toContain("Usage: renault-api group <command> [options]");
    const help = await run(["echo", "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("Usage: renault-api echo [options] [WORD]");
    expect(help.stdout).toContain("--colour COLOUR");
  });

  test("--version prints the package version without loading any command", async () => {
    const result = await runCli(["--version"]);
    expect(result).toEqual({
      code: 0,
      stdout: expect.stringMatching(/^renault-api \d+\.\d+\.\d+\n$/),
      stderr: "",
    });
  });

  test("main.ts has no static import of the library", async () => {
    const { readFile } = await import("node:fs/promises");
    for (const file of ["main.ts", "command.ts", "table.ts", "globals.ts", "usage.ts"]) {
      const source = await readFile(new URL(`../src/cli/${file}`, import.meta.url), "utf8");
      expect(source, file).not.toMatch(/^import (?!type)[^;]*from "\.\.\/index\.js"/m);
      expect(source, file).not.toMatch(/^import (?!type)[^;]*from "\.\/(context|errors|demo|render)\.js"/m);
    }
  });

  test("every command of the Python CLI exists, with help", async () => {
    const paths = (await listCommands(ROOT)).map((entry) => entry.path.join(" "));
    for (const command of [
      "accounts",
      "login",
      "reset",
      "set",
      "settings",
      "status",
      "vehicles",
      "vehicle",
      "contracts",
      "horn",
      "lights",
      "http get",
      "http post",
      "http post-file",
      "charge start",
      "charge stop",
      "charge mode",
      "charge history",
      "charge sessions",
      "charge schedule show",
      "charge schedule set",
      "charge schedule activate",
      "charge schedule deactivate",
      "charge soclevels show",
      "charge soclevels set",
      "hvac start",
      "hvac cancel",
      "hvac history",
      "hvac sessions",
    ]) {
      expect(paths).toContain(command);
    }
    for (const path of paths) {
      const result = await runCli([...path.split(" ").filter(Boolean), "--help"]);
      expect(result.code, path).toBe(0);
      expect(result.stdout).toMatch(/^Usage: renault-api/);
    }
  });
});

describe("dates", () => {
  const now = new Date("2024-03-20T10:00:00Z"); // a Wednesday, UTC+1 in Paris
  const when = (text: string, forwardDate = false) =>
    parseWhen(text, { now, timeZone: PARIS, forwardDate, option: "--at" });

  test("ISO dates and times are read in the CLI's zone, with the offset of that date", () => {
    expect(when("2024-07-01T09:30").toISOString()).toBe("2024-07-01T07:30:00.000Z"); // summer: UTC+2
    expect(when("2024-01-15 09:30").toISOString()).toBe("2024-01-15T08:30:00.000Z"); // winter: UTC+1
    expect(when("2024-01-15").toISOString()).toBe("2024-01-14T23:00:00.000Z");
    expect(when("2020-12-25T11:50:00+02:00").toISOString()).toBe("2020-12-25T09:50:00.000Z");
    expect(when("2020-12-25T11:50:00Z").toISOString()).toBe("2020-12-25T11:50:00.000Z");
  });

  test("everyday phrases", () => {
    expect(when("in 5 minutes").toISOString()).toBe("2024-03-20T10:05:00.000Z");
    expect(when("3 days ago").toISOString().slice(0, 10)).toBe("2024-03-17");
    expect(when("yesterday").toISOString().slice(0, 10)).toBe("2024-03-19");
    expect(when("tomorrow at 9am", true).toISOString()).toBe("2024-03-21T08:00:00.000Z");
    // Across the spring change (31 March): 9am Paris is 07:00 UTC.
    expect(when("2024-04-02 at 9am").toISOString()).toBe("2024-04-02T07:00:00.000Z");
  });

  test("unreadable text is a usage error, never 'now'", () => {
    for (const text of ["", "soon-ish", "banana 9am", "2024-13-45", "next blue moon"]) {
      expect(() => when(text), text).toThrow(UsageError);
    }
  });

  test("conversions respect daylight saving per date", () => {
    expect(offsetAt(new Date("2024-01-10T12:00:00Z"), PARIS)).toBe(3_600_000);
    expect(offsetAt(new Date("2024-07-10T12:00:00Z"), PARIS)).toBe(7_200_000);
    // 02:30 on 31 March 2024 does not exist in Paris: moved forward.
    expect(
      instantOf({ year: 2024, month: 3, day: 31, hour: 2, minute: 30, second: 0 }, PARIS).toISOString(),
    ).toBe("2024-03-31T01:30:00.000Z");
    const winterMonday = nextWeekday("monday", new Date("2024-01-10T12:00:00Z"), PARIS);
    const summerMonday = nextWeekday("monday", new Date("2024-07-10T12:00:00Z"), PARIS);
    expect(localTimeToUtc(19 * 60 + 30, winterMonday, PARIS).minutes).toBe(18 * 60 + 30);
    expect(localTimeToUtc(19 * 60 + 30, summerMonday, PARIS).minutes).toBe(17 * 60 + 30);
    expect(utcTimeToLocal(23 * 60, winterMonday, PARIS)).toEqual({ minutes: 0, dayShift: 1 });
  });
});

describe("render", () => {
  test("units, durations, labels and local times", () => {
    expect(bar(2460)).toBe("2.46 bar");
    expect(duration(495 * 60)).toBe("8:15:00");
    expect(duration(90_061)).toBe("1 day, 1:01:01");
    expect(label("always_charging")).toBe("Always charging");
    expect(localDateTime("2024-07-01T10:00:00Z", PARIS)).toBe("2024-07-01 12:00:00");
    expect(localDateTime("2024-01-01T10:00:00Z", PARIS)).toBe("2024-01-01 11:00:00");
    expect(mask("st2.s.AtLtTEST")).toBe("st2.s…(redacted)");
  });

  test("tables align columns and right-align numbers; missing rows are dropped", () => {
    expect(
      table(
        ["Type", "N"],
        [
          ["a", 1],
          ["bbb", 22],
        ],
      ),
    ).toMatchInlineSnapshot(`
      "Type   N
      ----  --
      a      1
      bbb   22
      "
    `);
    expect(
      keyValues([
        ["Level", "50 %"],
        ["Missing", undefined],
        ["Range", "128 km"],
      ]),
    ).toBe("Level  50 %\nRange  128 km\n");
  });
});

describe("trace hygiene", () => {
  test("redaction removes known secrets and token shapes", () => {
    const text = "key=SECRETKEY jwt=eyJhbGciOi.eyJzdWIiOiJ4In0.sig token st2.s.AcbHTEST pw=hunter22";
    expect(redact(text, ["SECRETKEY", "hunter22"])).toBe("key=*** jwt=*** token *** pw=***");
  });

  test("pseudonymisation replaces personal data with stable fakes", () => {
    const fake = new Pseudonymiser();
    const url =
      "GET https://x/commerce/v1/accounts/acc-123/kamereon/kca/car-adapter/v1/cars/VF1AAAAA555777999/location";
    const body =
      '{"accountId":"acc-123","personId":"p-9","registrationNumber":"AB-123-CD","email":"jane@doe.fr",' +
      '"vin":"VF1AAAAA555777999","gpsLatitude": 48.8566,"gpsLongitude": 2.3522}';
    const first = fake.apply(url);
    const second = fake.apply(body);
    for (const secret of [
      "acc-123",
      "p-9",
      "AB-123-CD",
      "jane@doe.fr",
      "VF1AAAAA555777999",
      "48.8566",
      "2.3522",
    ]) {
      expect(first + second).not.toContain(secret);
    }
    expect(first).toContain("/accounts/account-1/");
    expect(second).toContain('"accountId":"account-1"');
    expect(first.match(/VF1PSEUDO\d{8}/)?.[0]).toBe(second.match(/VF1PSEUDO\d{8}/)?.[0]);
  });
});
