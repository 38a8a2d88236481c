/**
 * How many runs a property test makes. `CI` set (`.ci/run` sets `CI=true`) or
 * `RENAULT_API_FUZZ_RUNS=full`: the full count written in the test. `RENAULT_API_FUZZ_RUNS=N`: at most N.
 * Otherwise (a local `npm test`) a tenth of the full count, so the suite stays fast on a laptop;
 * CONTRIBUTING.md documents the variable.
 */
export function fuzzRuns(full: number, env: NodeJS.ProcessEnv = process.env): number {
  const setting = env.RENAULT_API_FUZZ_RUNS?.trim();
  if (setting === "full" || (!setting && isCi(env))) return full;
  if (setting) {
    const cap = Number(setting);
    if (!Number.isInteger(cap) || cap < 1)
      throw new Error(`RENAULT_API_FUZZ_RUNS must be "full" or a positive integer, got "${setting}"`);
    return Math.min(full, cap);
  }
  return Math.max(1, Math.ceil(full / 10));
}

/** Whether this run makes the full counts (the thresholds that depend on them apply). */
export function fullFuzzRuns(env: NodeJS.ProcessEnv = process.env): boolean {
  const setting = env.RENAULT_API_FUZZ_RUNS?.trim();
  return setting === "full" || (!setting && isCi(env));
}

function isCi(env: NodeJS.ProcessEnv): boolean {
  const ci = env.CI?.trim().toLowerCase();
  return ci !== undefined && ci !== "" && ci !== "0" && ci !== "false";
}
