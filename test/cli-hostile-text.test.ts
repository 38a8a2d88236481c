import { writeFile } from "node:fs/promises";
import { expect, test } from "vitest";
import { stripControl } from "../src/cli/io.js";
import { loggedInHome } from "./support/cli.js";
import { useSimulator } from "./support/sim.js";

/** What a hostile server puts in its text: colours, a window title, a cursor move, `\r`, C1. */
const HOSTILE = "ok\x1b[31mRED\x1b[0m\x1b]0;pwned\x07\x1b[2J\rfake\x9b1m\x00\x7f\u202e end";

/** Nothing a terminal interprets: ESC, CSI, BEL, CR, NUL, DEL, C1, bidi overrides. */
// eslint-disable-next-line no-control-regex -- looking for control characters
const CONTROL = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/;

test("stripControl removes escape sequences and controls, keeps text and newlines", () => {
  expect(stripControl(HOSTILE)).toBe("okREDfake end");
  expect(stripControl("a\r\nb\n\tc")).toBe("a\nb\n\tc");
  expect(stripControl("a\r\nb\n c", true)).toBe("a b c");
});

test("a server error message with control characters is printed clean, on one line", async () => {
  const sim = await useSimulator();
  const home = await loggedInHome(sim, "zoe40");
  sim.route("GET", /\/battery-status$/, () => ({
    status: 400,
    body: { errors: [{ errorCode: "err.x", errorMessage: `${HOSTILE}\r\nsecond line` }] },
  }));
  const result = await home.run(["battery", "--debug"]);
  expect(result.code).toBe(1);
  const errorLine = result.stderr.split("\n").find((line) => line.startsWith("Error: "));
  // The library turns controls in vendor text into spaces (src/http/clean-text.ts); the words survive.
  expect(errorLine).toMatch(/okRED\s*fake\s+end\s+second line/);
  expect(result.stderr).not.toMatch(CONTROL);
});

test("server data printed as a table or JSON carries no control characters", async () => {
  const sim = await useSimulator();
  const home = await loggedInHome(sim, "zoe40");
  sim.route("GET", /\/details$/, () => ({
    body: {
      vin: sim.demo.vins.zoe40,
      registrationNumber: HOSTILE,
      model: { code: "X101VE", label: HOSTILE },
      energy: { code: "ELEC", label: "ELECTRIQUE" },
    },
  }));
  for (const argv of [["vehicle"], ["vehicle", "--json"]]) {
    const result = await home.run(argv);
    expect(result.code, result.stderr).toBe(0);
    // The table shows the text stripped; JSON escapes C0 controls itself (`\u001b`) and the rest is stripped.
    expect(result.stdout, argv.join(" ")).toContain(argv.length === 1 ? "okREDfake" : "RED");
    expect(result.stdout, argv.join(" ")).not.toMatch(CONTROL);
    expect(result.stderr, argv.join(" ")).not.toMatch(CONTROL);
  }
});

test("a credential file with control characters is shown clean by `settings`", async () => {
  const sim = await useSimulator();
  const home = await loggedInHome(sim, "zoe40");
  const values = JSON.parse(JSON.stringify(await home.file())) as Record<string, string>;
  await writeFile(home.credentials, JSON.stringify({ ...values, locale: `fr_FR${HOSTILE}` }));
  const result = await home.run(["settings"]);
  expect(result.stdout).toContain("okREDfake end");
  expect(result.stdout + result.stderr).not.toMatch(CONTROL);
});

test("--pseudonymise also covers the error line and the stack on stderr", async () => {
  const sim = await useSimulator();
  const home = await loggedInHome(sim, "zoe40");
  const vin = sim.demo.vins.zoe40;
  sim.addFault("reset@battery-status:*");
  const plain = await home.run(["battery", "--debug"], { env: { RENAULT_API_RETRIES: "0" } });
  expect(plain.stderr).toContain(vin);
  const result = await home.run(["battery", "--debug", "--pseudonymise"], {
    env: { RENAULT_API_RETRIES: "0" },
  });
  expect(result.code).toBe(1);
  const errorLine = result.stderr.split("\n").find((line) => line.startsWith("Error: ")) ?? "";
  expect(errorLine).toMatch(/cannot reach .*\/accounts\/account-1\/.*\/VF1PSEUDO00000001\//);
  expect(result.stderr).toMatch(/NetworkError/);
  expect(result.stderr).not.toContain(vin);
  expect(result.stderr).not.toContain("account-id-1");
});
