import { expect, test } from "vitest";
import {
  bar,
  clockTime,
  duration,
  json,
  keyValues,
  kilowatts,
  label,
  localDateTime,
  localMinute,
  mask,
  table,
  withUnit,
  yesNo,
} from "../src/cli/render.js";
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

test("rendering helpers: tables with numbers, key/value rows, JSON, units, times, labels, masks", () => {
  expect(
    table(
      ["Name", "Count"],
      [
        ["a", 1],
        ["long name", 22],
      ],
    ),
  ).toBe("Name       Count\n---------  -----\na              1\nlong name     22\n");
  expect(table(undefined, [["x", undefined]])).toBe("x\n");
  expect(
    keyValues([
      ["Empty", undefined],
      ["Blank", ""],
      ["None", null],
    ]),
  ).toBe("");
  expect(keyValues([["Level", "50 %"]])).toBe("Level  50 %\n");
  expect(json(undefined)).toBe("null\n");
  expect(withUnit(null, "km")).toBeUndefined();
  expect(withUnit(128, "km")).toBe("128 km");
  expect(kilowatts(undefined)).toBeUndefined();
  expect(kilowatts(3.1)).toBe("3.10 kW");
  expect(clockTime(75)).toBe("01:15");
  expect(localDateTime("2024-07-01T10:00:00Z", "Europe/Paris")).toBe("2024-07-01 12:00:00");
  expect(localDateTime("2024-01-01T10:00:00", "Europe/Paris")).toBe("2024-01-01 11:00:00");
  expect(localDateTime("not a date", "UTC")).toBe("not a date");
  expect(localDateTime(new Date("2024-07-01T10:00:00Z"), "UTC")).toBe("2024-07-01 10:00:00");
  expect(localDateTime("", "UTC")).toBeUndefined();
  expect(localMinute(new Date("2024-12-24T18:30:00Z"), "Europe/Paris")).toBe("2024-12-24 19:30");
  expect(label("always_charging")).toBe("Always charging");
  expect(label("SCHEDULED")).toBe("Scheduled");
  expect(label("")).toBeUndefined();
  expect(yesNo(false)).toBe("no");
  expect(yesNo(null)).toBeUndefined();
  expect(mask("short")).toBe("…(redacted)");
  expect(mask("st2.s.AtLtSecretValue")).toBe("st2.s…(redacted)");
});
