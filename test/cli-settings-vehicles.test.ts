import { expect, test } from "vitest";
import { loggedInHome, writeCredentials } from "./support/cli.js";
import { useSimulator } from "./support/sim.js";

test("settings shows the vehicle memory one line per VIN: model, what answered, what was refused", async () => {
  const sim = await useSimulator();
  const home = await loggedInHome(sim);
  expect((await home.run(["cockpit"], { tty: false })).code).toBe(0);
  const file = (await home.file()) ?? {};
  const learnt = JSON.parse(file.renault_api_vehicles ?? "{}") as Record<string, { worked: unknown[] }>;
  const zoe = sim.demo.vins.zoe40;
  const answered = learnt[zoe]?.worked.length ?? 0;
  expect(answered).toBeGreaterThan(0);
  const until = Date.parse("2026-12-02T09:00:00Z");
  await writeCredentials(home, {
    ...file,
    renault_api_vehicles: JSON.stringify({
      ...learnt,
      VF1TEST0000000001: {
        details: { model: { code: "XCB1VE" } },
        worked: [],
        unsupported: [{ use: "read", endpoint: "hvac-history", until, cause: {} }],
      },
      VF1BROKEN00000001: "not a record",
    }),
    vehicle_models: JSON.stringify({ VF1OLD00000000001: { at: 1, details: { model: { code: "X102VE" } } } }),
  });
  const result = await home.run(["settings"], { tty: false });
  expect(result.code).toBe(0);
  const lines = result.stdout.split("\n");
  // No raw JSON line any more, and every line fits a terminal.
  expect(result.stdout).not.toContain('"worked"');
  expect(Math.max(...lines.map((line) => line.length))).toBeLessThan(120);
  expect(result.stdout).toContain("Vehicles learnt (renault_api_vehicles):");
  expect(lines.find((line) => line.startsWith(zoe))).toMatch(
    new RegExp(`^${zoe} +X101VE +${answered} answered\\s*$`),
  );
  expect(lines.find((line) => line.startsWith("VF1TEST0000000001"))).toMatch(
    /^VF1TEST0000000001 +XCB1VE +0 answered; refused hvac-history until 2026-12-02 10:00/,
  );
  expect(lines.find((line) => line.startsWith("VF1BROKEN00000001"))).toMatch(/ - +0 answered\s*$/);
  expect(lines.find((line) => line.startsWith("VF1OLD00000000001"))).toMatch(
    /X102VE +old vehicle_models key/,
  );

  const json = JSON.parse((await home.run(["--json", "settings"], { tty: false })).stdout) as {
    vehicles: unknown[];
    renault_api_vehicles?: unknown;
  };
  expect(json.renault_api_vehicles).toBeUndefined();
  expect(json.vehicles).toContainEqual({
    vin: "VF1TEST0000000001",
    model: "XCB1VE",
    worked: [],
    refused: [{ endpoint: "hvac-history", until: "2026-12-02T09:00:00.000Z" }],
    key: "renault_api_vehicles",
  });
});
