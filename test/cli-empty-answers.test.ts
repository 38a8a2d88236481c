import { expect, test } from "vitest";
import { loggedInHome } from "./support/cli.js";
import { useSimulator } from "./support/sim.js";

const jsonApi = (attributes: Record<string, unknown>) => ({
  body: { data: { type: "Car", id: "x", attributes } },
});

test("empty answers print a clear line instead of an empty table", async () => {
  const sim = await useSimulator();
  const zoe = await loggedInHome(sim, "zoe50");
  sim.route("GET", /\/persons\/[^/]+$/, () => ({ body: { personId: "person-id-1", accounts: [] } }));
  sim.route("GET", /\/accounts\/[^/]+\/vehicles$/, () => ({
    body: { accountId: "account-id-1", vehicleLinks: [] },
  }));
  sim.route("GET", /\/contracts$/, () => ({ body: [] }));
  sim.route("GET", /\/alerts$/, () => ({ body: [] }));
  sim.route("GET", /\/charge-history$/, () => jsonApi({ chargeSummaries: [] }));
  sim.route("GET", /\/charges$/, () => jsonApi({ charges: [] }));
  sim.route("GET", /\/hvac-settings$/, () => jsonApi({ mode: "scheduled", schedules: [] }));
  sim.route("GET", /\/charging-settings$/, () => jsonApi({ mode: "always", schedules: [] }));
  const expectations: [readonly string[], RegExp][] = [
    [["accounts"], /No account found\./],
    [["vehicles"], /No vehicle found\./],
    [["contracts"], /No contract found\./],
    [["alerts"], /No alerts\./],
    [["charge", "history", "--from", "2024-01-01", "--to", "2024-02-01"], /No data available\./],
    [["charge", "sessions", "--from", "2024-01-01", "--to", "2024-02-01"], /No data available\./],
    [["hvac", "settings"], /No schedules found\.|Mode: Scheduled/],
  ];
  for (const [argv, expected] of expectations) {
    const result = await zoe.run(argv);
    expect(result.code, argv.join(" ")).toBe(0);
    expect(result.stdout, argv.join(" ")).toMatch(expected);
  }
});

test("accounts, vehicles, vehicle, contracts and alerts as tables and as JSON", async () => {
  const sim = await useSimulator();
  const zoe = await loggedInHome(sim, "zoe40");
  for (const argv of [["accounts"], ["vehicles"], ["vehicle"], ["contracts"], ["alerts"]]) {
    const table = await zoe.run(argv);
    expect(table.code, argv.join(" ")).toBe(0);
    expect(table.stdout.trim().length, argv.join(" ")).toBeGreaterThan(0);
    const json = await zoe.run(["--json", ...argv]);
    expect(json.code, argv.join(" ")).toBe(0);
    expect(() => JSON.parse(json.stdout) as unknown, argv.join(" ")).not.toThrow();
  }
  const accounts = await zoe.run(["accounts"]);
  expect(accounts.stdout).toMatch(/MYRENAULT +account-id-1/);
  expect(accounts.stdout).toMatch(/MYDACIA +account-id-2/);
});

test("hvac: start now and later, cancel, settings and schedules", async () => {
  const sim = await useSimulator({ now: () => Date.parse("2024-07-01T10:00:00Z") });
  const r5 = await loggedInHome(sim, "r5");
  const now = new Date("2024-07-01T10:00:00Z");
  const start = await r5.run(["hvac", "start", "--temperature", "21", "--at", "2024-07-01T18:00:00Z"], {
    now,
  });
  expect(start.code).toBe(0);
  // The R5's HVAC stop is a known no-op (renault-api #1625, src/registry/no-ops.ts): refused unsent.
  const cancel = await r5.run(["hvac", "cancel"], { now });
  expect(cancel).toMatchObject({ code: 1, stderr: expect.stringContaining("would do nothing on R5E1VE") });
  const posts = sim.requests
    .filter((request) => request.method === "POST" && request.service === "kamereon")
    .map((request) => request.json);
  expect(posts).toEqual([
    {
      data: {
        type: "HvacStart",
        attributes: { action: "start", targetTemperature: 21, startDateTime: "2024-07-01T18:00:00Z" },
      },
    },
  ]);
  const refused = await r5.run(["hvac", "schedule", "activate", "1"], { now });
  expect(refused.code).toBe(1);
  expect(refused.stderr).toContain("not available for model R5E1VE");
  const zoe = await loggedInHome(sim, "zoe50");
  const settings = await zoe.run(["hvac", "settings"], { now });
  expect(settings.code, settings.stderr).toBe(0);
  expect(settings.stdout).toMatch(/Schedule ID: 2/);
  const since = sim.requests.length;
  const activate = await zoe.run(["hvac", "schedule", "activate", "1"], { now });
  expect(activate.code, activate.stderr).toBe(0);
  const set = await zoe.run(["hvac", "schedule", "set", "2", "--monday", "07:30", "--wednesday", "clear"], {
    now,
  });
  expect(set.code, set.stderr).toBe(0);
  const sent = sim.requests
    .slice(since)
    .filter((request) => request.method === "POST" && request.service === "kamereon");
  expect(sent).toHaveLength(2);
  expect(sent[1]?.json).toMatchObject({ data: { type: "HvacSchedule" } });
  const bad = await zoe.run(["hvac", "schedule", "set", "1", "--monday", "25:99"], { now });
  expect(bad.code).toBe(2);
  const none = await zoe.run(["hvac", "schedule", "set", "1"], { now });
  expect(none.code).toBe(2);
});
