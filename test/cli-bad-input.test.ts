import { expect, test } from "vitest";
import { loggedInHome } from "./support/cli.js";
import { useSimulator } from "./support/sim.js";

type Sim = Awaited<ReturnType<typeof useSimulator>>;

const NOW = new Date("2024-07-10T12:00:00Z");

/** Every request after `since` that is not the login dance (Gigya) or the details read. */
const sentAfter = (sim: Sim, since: number) => sim.requests.slice(since).map((r) => `${r.method} ${r.path}`);

test.each([
  [["hvac", "start", "--temperature", "999"], /--temperature: 999 °C is out of range \(16–26 °C\)/],
  [["hvac", "start", "--temperature", "-300"], /--temperature: -300 °C is out of range \(16–26 °C\)/],
  [
    ["charge", "schedule", "set", "99999999999999999999", "--monday", "T08:00Z,60"],
    /schedule ID '99999999999999999999' \(a whole number from 1 to 99\)/,
  ],
  [["charge", "schedule", "activate", "0"], /schedule ID '0' \(a whole number from 1 to 99\)/],
  [
    ["charge", "history", "--from", "2024-02-30", "--to", "2024-03-05"],
    /--from: '2024-02-30' has no such day \(02\/2024 has days 01–29\)/,
  ],
  [
    ["charge", "history", "--from", "0000-01-01", "--to", "2024-03-05"],
    /--from: '0000-01-01' is out of range \(years 1970–9999\)/,
  ],
  [["charge", "history", "--from", "2024-01-01", "--to", "2024-04-31"], /--to: '2024-04-31' has no such day/],
  [["charge", "history", "--from", "2024-01-01", "--to", "in 3 days"], /--to \(in 3 days\) is in the future/],
  [["set", "--vin", ""], /--vin: '' is not a VIN/],
  [["battery", "--vin", "."], /--vin: '.' is not a VIN/],
  [["battery", "--vin", ".."], /--vin: '..' is not a VIN/],
  [["battery", "--vin", "VF1/../x"], /--vin: 'VF1\/..\/x' is not a VIN/],
  [["battery", "--account", ".."], /--account: '..' is not an account id/],
  [["set", "--account", "a/b"], /--account: 'a\/b' is not an account id/],
])("%j is a usage error (exit 2) naming the valid values, nothing sent", async (argv, message) => {
  const sim = await useSimulator({ now: () => NOW.getTime() });
  const home = await loggedInHome(sim, "zoe40");
  const before = await home.file();
  const since = sim.requests.length;
  const result = await home.run(argv, { now: NOW });
  expect(result.stderr).toMatch(message);
  expect(result.code).toBe(2);
  expect(result.stderr).not.toContain("internal error");
  expect(sentAfter(sim, since).filter((line) => !/ \/accounts\.|\/details$|\/vehicles$/.test(line))).toEqual(
    [],
  );
  // Nothing the user gave is stored; what the library learnt on the way may be (hvac start reads the
  // car's model for its temperature bounds: the model, the JWT minted for it, the ledger).
  const learnt = ["renault_api_vehicles", "renault_api_ledger", "gigya_jwt"];
  const without = (file: Record<string, string> | undefined) =>
    Object.fromEntries(Object.entries(file ?? {}).filter(([key]) => !learnt.includes(key)));
  expect(without(await home.file())).toEqual(without(before));
});

test("a temperature in range is sent as given; a negative schedule id is refused", async () => {
  const sim = await useSimulator();
  const home = await loggedInHome(sim, "zoe40");
  const result = await home.run(["hvac", "start", "--temperature", "16"]);
  expect(result.code).toBe(0);
  expect(sim.requests.at(-1)?.json).toMatchObject({ data: { attributes: { targetTemperature: 16 } } });
  const negative = await home.run(["charge", "schedule", "activate", "-1"]);
  expect(negative.code).toBe(2);
  expect(negative.stderr).toContain("'-1'");
});

test("a date that exists still works, with --to today", async () => {
  const sim = await useSimulator({ now: () => NOW.getTime() });
  const home = await loggedInHome(sim, "zoe40");
  const result = await home.run(["charge", "history", "--from", "2024-02-29", "--to", "today"], { now: NOW });
  expect(result.code).toBe(0);
  expect(sim.requests.at(-1)?.query).toMatchObject({ start: "202402", end: "202407" });
});

test.each([
  [{ RENAULT_API_TIMEOUT: "0.0001" }, /RENAULT_API_TIMEOUT '0.0001': give seconds from 0.1 to 600/],
  [{ RENAULT_API_TIMEOUT: "1e3" }, /RENAULT_API_TIMEOUT '1e3'/],
  [{ RENAULT_API_CONCURRENCY: "abc" }, /RENAULT_API_CONCURRENCY 'abc': give a whole number from 1 to 100/],
  [{ RENAULT_API_CONCURRENCY: "-5" }, /RENAULT_API_CONCURRENCY '-5'/],
  [{ RENAULT_API_CONCURRENCY: "0" }, /RENAULT_API_CONCURRENCY '0'/],
  [{ RENAULT_API_RETRIES: "9" }, /RENAULT_API_RETRIES '9': give a whole number from 0 to 5/],
  [{ RENAULT_API_LOCALE: "xx_XX" }, /unknown RENAULT_API_LOCALE 'xx_XX' \(valid: bg_BG,/],
])("environment %j is a usage error (exit 2)", async (env, message) => {
  const sim = await useSimulator();
  const home = await loggedInHome(sim, "zoe40");
  const since = sim.requests.length;
  const result = await home.run(["status"], { env });
  expect(result.stderr).toMatch(message);
  expect(result.code).toBe(2);
  expect(sim.requests.length).toBe(since);
});
