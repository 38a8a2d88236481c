import { expect, test } from "vitest";
import { fullFuzzRuns, fuzzRuns } from "./support/fuzz-runs.js";

test("property-test run counts: full in CI or when asked, capped by RENAULT_API_FUZZ_RUNS, a tenth locally", () => {
  expect(fuzzRuns(8_000, { CI: "true" })).toBe(8_000);
  expect(fuzzRuns(8_000, { RENAULT_API_FUZZ_RUNS: "full" })).toBe(8_000);
  expect(fuzzRuns(8_000, { CI: "true", RENAULT_API_FUZZ_RUNS: "50" })).toBe(50);
  expect(fuzzRuns(30, { RENAULT_API_FUZZ_RUNS: "50" })).toBe(30);
  expect(fuzzRuns(8_000, {})).toBe(800);
  expect(fuzzRuns(8_000, { CI: "false" })).toBe(800);
  expect(fuzzRuns(5, {})).toBe(1);
  expect(fullFuzzRuns({ CI: "1" })).toBe(true);
  expect(fullFuzzRuns({ CI: "1", RENAULT_API_FUZZ_RUNS: "10" })).toBe(false);
  expect(fullFuzzRuns({})).toBe(false);
  for (const bad of ["0", "-3", "1.5", "lots"]) {
    expect(() => fuzzRuns(10, { RENAULT_API_FUZZ_RUNS: bad }), bad).toThrow(/RENAULT_API_FUZZ_RUNS/);
  }
});
