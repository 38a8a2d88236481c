import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { expect, test } from "vitest";
import { main } from "../src/cli/main.js";
import { DEMO_ACCOUNT } from "../src/simulator/world.js";
import { cliHome, loggedInHome, runCli } from "./support/cli.js";
import { requestsTo, useSimulator } from "./support/sim.js";

async function filesUnder(directory: string, prefix = ""): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await readdir(directory, { withFileTypes: true })) {
    const name = prefix + entry.name;
    if (entry.isDirectory()) files.push(...(await filesUnder(join(directory, entry.name), `${name}/`)));
    else files.push(name);
  }
  return files.sort();
}

test("`renault-api --demo probe --out DIR` writes a report and a bundle the simulator serves", async () => {
  const home = await cliHome();
  const out = join(home.dir, "probe");
  const result = await home.run(["--demo", "probe", "--out", out], { tty: false });
  expect(result.stderr).toContain("[1/30] details: works");
  expect(result.code).toBe(0);
  expect(result.stdout).toMatch(
    /^Probe of X101VE \(ZOE phase 1 \(ZE40\)\), VIN VF1AAAAPRB0000001, \d{4}-\d\d-\d\d$/m,
  );
  expect(result.stdout).toContain("22 of 30 requests; complete.");
  expect(result.stdout).toMatch(/^location +KCA v1 +not supported +404 err\.func\.wired\.notFound/m);
  expect(result.stdout).toContain("Model entry X101VE: 13 routes, 5 null.");
  expect(result.stdout).toContain(`Check it: renault-api simulator --fixtures ${out}`);

  const files = await filesUnder(out);
  expect(files).toContain("capabilities.json");
  expect(files).toContain("kamereon/vehicles/x101ve.1.json");
  const report = await readFile(join(out, "report.txt"), "utf8");
  expect(result.stdout).toContain(report.trimEnd());
  for (const file of files) {
    const text = await readFile(join(out, file), "utf8");
    expect(text, file).not.toContain(DEMO_ACCOUNT.vins.zoe40);
    expect(text, file).not.toContain(DEMO_ACCOUNT.email);
    expect(text, file).not.toContain("simulator-kamereon-key");
  }
  const capabilities = JSON.parse(await readFile(join(out, "capabilities.json"), "utf8"));
  expect(capabilities.X101VE.location).toBeNull();
  expect(capabilities.evidence.location).toContain("err.func.wired.notFound");

  // Step 2 of CONTRIBUTING.md: the simulator serves the probed car, and `status` works against it.
  const sim = await useSimulator({ fixtures: out });
  const served = await loggedInHome(sim);
  const status = await served.run(["--account", "account-id-3", "--vin", "VF1AAAAPRB0000001", "status"]);
  expect(status.stderr).toBe("");
  expect(status.code).toBe(0);
  expect(status.stdout).toMatch(/^Battery level +\d+ %$/m);
  expect(status.stdout).not.toContain("GPS Latitude"); // the ZOE 40 has no location
  const vehicles = await served.run(["--account", "account-id-3", "vehicles"]);
  expect(vehicles.stdout).toContain("VF1AAAAPRB0000001");
  expect(vehicles.stdout).toContain("REG-0001");

  // A second probe into the same folder is refused before anything is sent.
  const again = await home.run(["--demo", "probe", "--out", out], { tty: false });
  expect(again.code).toBe(2);
  expect(again.stderr).toContain("the folder exists and is not empty");
});

test("without --out the folder is named after the model and the date; --json prints the capabilities", async () => {
  const home = await cliHome();
  const now = new Date("2026-05-14T10:00:00Z");
  const result = await home.run(
    ["--demo", "--vin", DEMO_ACCOUNT.vins.r5, "probe", "--json", "--shift-dates=-365"],
    { tty: false, now },
  );
  expect(result.code).toBe(0);
  const output = JSON.parse(result.stdout);
  const manifest = JSON.parse(await readFile(join(output.directory, "probe.json"), "utf8"));
  expect(manifest.probedAt).toBe("2025-05-14T10:00:00.000Z");
  const details = JSON.parse(
    await readFile(join(output.directory, "kamereon/vehicles/r5e1ve.1.json"), "utf8"),
  );
  expect(details.vehicleLinks[0].vehicleDetails.registrationDate).toBe("2024-02-18"); // 2025-02-17 − 365 days
  expect(output.directory).toBe(join(home.dir, "renault-probe-R5E1VE-2026-05-14"));
  expect(output.capabilities.R5E1VE["charge-schedule"]).toEqual({
    path: "/kcm/v1/vehicles/{vin}/ev/settings",
    mode: "kcm-settings",
  });
  expect(await readdir(home.dir)).toEqual(["renault-probe-R5E1VE-2026-05-14"]);
  const second = await home.run(["--demo", "--vin", DEMO_ACCOUNT.vins.r5, "probe", "--json"], {
    tty: false,
    now,
  });
  expect(JSON.parse(second.stdout).directory).toBe(join(home.dir, "renault-probe-R5E1VE-2026-05-14-2"));
});

test("--dry-run prints every request and sends nothing, actions included", async () => {
  const sim = await useSimulator();
  const home = await loggedInHome(sim);
  const before = sim.requests.length;
  const result = await home.run(["probe", "--dry-run", "--actions", "--budget", "24"], { tty: false });
  expect(result.code).toBe(0);
  expect(sim.requests.length).toBe(before);
  expect(result.stdout).toContain("at most 24:");
  expect(result.stdout).toContain(" 1. GET /commerce/v1/accounts/{account_id}/vehicles\n");
  expect(result.stdout).toMatch(/charges\?start=\d{8}&end=\d{8}/);
  expect(result.stdout).toContain(
    "POST /commerce/v1/accounts/{account_id}/kamereon/kca/car-adapter/v1/actions/horn-lights".replace(
      "/v1/actions",
      "/v1/cars/{vin}/actions",
    ),
  );
  expect(result.stdout).toContain(
    'body: {"data":{"type":"HornLights","attributes":{"action":"start","target":"horn"}}}',
  );
  expect(result.stdout).toContain("(over the budget: not sent)");
  expect(result.stdout).toContain("Dry run: nothing was sent and nothing was written.");
  expect(result.stdout).not.toMatch(/schedule.*POST|POST.*schedule/);
  expect(await readdir(home.dir)).not.toContain(expect.stringMatching(/^renault-probe/));
  const zero = await home.run(["probe", "--budget", "0"], { tty: false });
  expect(zero.code).toBe(2);
  expect(zero.stderr).toContain("invalid --budget 0");
});

test("actions: refused without a terminal, then sent only after a yes at the prompt", async () => {
  const sim = await useSimulator();
  const home = await loggedInHome(sim, "zoe50");
  const refused = await home.run(["probe", "--actions"], { tty: false });
  expect(refused.code).toBe(2);
  expect(refused.stderr).toContain("needs a terminal to confirm each one");
  expect(requestsTo(sim, "kamereon").filter((request) => request.method === "POST")).toEqual([]);

  const out = join(home.dir, "with-actions");
  // Yes to the horn, no to everything else.
  const result = await home.run(["probe", "--actions", "--out", out], { stdin: "y\nn\nn\nn\nn\nn\nn\n" });
  expect(result.code).toBe(0);
  expect(result.stderr).toContain(
    "Send actions/horn-start (POST /kca/car-adapter/v1/cars/{vin}/actions/horn-lights), which sounds the horn? [y/N]",
  );
  // One action sent, the horn; the ZOE 50 refuses it (its model has no remote horn).
  const posts = requestsTo(sim, "kamereon").filter((request) => request.method === "POST");
  expect(posts.map((request) => [request.endpoint, request.status])).toEqual([["actions/horn-lights", 403]]);
  expect(sim.world.vehicle(sim.demo.vins.zoe50).state.actions).toEqual([]);
  expect(result.stdout).toMatch(/^actions\/lights-start +KCA v1 +not probed +declined at the prompt$/m);
  const capabilities = JSON.parse(await readFile(join(out, "capabilities.json"), "utf8"));
  // ZOE 50 (X102VE): the table says horn-start is null, and the simulator refuses it.
  expect(capabilities.X102VE["actions/horn-start"]).toBeNull();
  expect(capabilities.evidence["actions/horn-start"]).toContain("err.func.wired.forbidden");
  expect(capabilities.X102VE).not.toHaveProperty("actions/lights-start");
});

test("a quota error leaves the partial report written and exits 4", async () => {
  const sim = await useSimulator({ quota: 8 });
  const home = await loggedInHome(sim);
  // login + set used no account request; the probe gets 8.
  const out = join(home.dir, "partial");
  const result = await home.run(["probe", "--out", out]);
  expect(result.code).toBe(4);
  expect(result.stderr).toMatch(/^Error: quota reached/m);
  expect(result.stdout).toContain("stopped by the quota; the rest was not probed.");
  const manifest = JSON.parse(await readFile(join(out, "probe.json"), "utf8"));
  expect(manifest.stopped).toBe("quota");
  expect(JSON.parse(await readFile(join(out, "capabilities.json"), "utf8"))).toHaveProperty("X101VE");
});

test("`simulator --fixtures` serves the bundle and says which car it is", async () => {
  const home = await cliHome();
  const out = join(home.dir, "bundle");
  expect((await home.run(["--demo", "probe", "--out", out], { tty: false })).code).toBe(0);
  const controller = new AbortController();
  let stdout = "";
  let announce: () => void = () => undefined;
  const announced = new Promise<void>((resolve) => (announce = resolve));
  const finished = main(["simulator", "--fixtures", "bundle"], {
    stdout: {
      write: (text: string) => {
        stdout += text;
        if (stdout.includes("Press Ctrl-C")) announce();
      },
    },
    stderr: { write: () => undefined },
    env: {},
    cwd: home.dir,
    signal: controller.signal,
  });
  await announced;
  expect(stdout).toContain("Probed car  X101VE --account account-id-3 --vin VF1AAAAPRB0000001");
  controller.abort();
  await expect(finished).resolves.toBe(0);

  const bad = await runCli(["simulator", "--fixtures", home.dir], { env: {} });
  expect(bad.code).toBe(1);
  expect(bad.stderr).toContain("is not a probe bundle");
});

test("an action the car accepts is recorded as working, with its default route", async () => {
  const sim = await useSimulator();
  const home = await loggedInHome(sim);
  const out = join(home.dir, "zoe40");
  const result = await home.run(["probe", "--actions", "--out", out], { stdin: "y\ny\nn\nn\nn\nn\nn\n" });
  expect(result.code).toBe(0);
  const car = sim.world.vehicle(sim.demo.vins.zoe40);
  expect(car.state.actions.map((action) => action.key)).toEqual([
    "actions/horn-start",
    "actions/lights-start",
  ]);
  const capabilities = JSON.parse(await readFile(join(out, "capabilities.json"), "utf8"));
  expect(capabilities.X101VE["actions/horn-start"]).toEqual({
    path: "/kca/car-adapter/v1/cars/{vin}/actions/horn-lights",
    mode: "default",
  });
  expect(await readFile(join(out, "kamereon/vehicle_action/horn-start.x101ve.json"), "utf8")).toContain(
    '"target": "horn"',
  );
});
