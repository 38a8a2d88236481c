import { expect, test } from "vitest";
import { bar, duration } from "../src/cli/render.js";
import { runCli } from "./support/cli.js";

test("`simulator` with every option serves the demo and logs each request until stopped", async () => {
  const controller = new AbortController();
  const running = runCli(
    [
      "simulator",
      "--port",
      "0",
      "--latency",
      "1",
      "--faults",
      "proxy@cockpit",
      "--jwt-ttl",
      "60",
      "--quota",
      "100",
    ],
    { signal: controller.signal },
  );
  await new Promise((resolve) => setTimeout(resolve, 500));
  controller.abort();
  const result = await running;
  expect(result.code).toBe(0);
  expect(result.stdout).toMatch(/http:\/\/127\.0\.0\.1:\d+/);
  expect(result.stdout).toContain("RENAULT_API_KAMEREON_URL");
  const bad = await runCli(["simulator", "--port", "70000"]);
  expect(bad.code).toBe(2);
  const badFaults = await runCli(["simulator", "--faults", "explode@everything"]);
  expect(badFaults.code).not.toBe(0);
  expect(badFaults.stderr).toMatch(/fault|explode/i);
});

test("units: bar and durations, including odd values", () => {
  expect(bar(2460)).toBe("2.46 bar");
  expect(bar(Number.NaN)).toBeUndefined();
  expect(bar(null)).toBeUndefined();
  expect(duration(495 * 60)).toBe("8:15:00");
  expect(duration(90_061)).toBe("1 day, 1:01:01");
  expect(duration(2 * 86_400)).toBe("2 days, 0:00:00");
  expect(duration(-90)).toBe("-0:01:30");
  expect(duration(undefined)).toBeUndefined();
});
