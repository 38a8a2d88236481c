import { execFile, spawnSync } from "node:child_process";
import { readdir, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, test } from "vitest";
import { main } from "../src/cli/main.js";
import { DEMO_ACCOUNT } from "../src/simulator/world.js";
import { cliHome } from "./support/cli.js";

const run = promisify(execFile);
const ROOT = new URL("..", import.meta.url).pathname;

test("--demo runs a command against an in-process simulator and writes nothing", async () => {
  const home = await cliHome();
  const result = await home.run(["--demo", "status"], { tty: false });
  expect(result.code).toBe(0);
  expect(result.stdout).toMatch(/^Battery level +\d+ %$/m);
  await expect(readdir(home.dir)).resolves.toEqual([]);
  const vehicles = await home.run(["vehicles", "--json"], { env: { RENAULT_API_DEMO: "1" }, tty: false });
  expect(vehicles.code).toBe(0);
  expect(JSON.parse(vehicles.stdout).vehicleLinks.length).toBeGreaterThan(1);
  // A demo car of the other account is found without --account.
  const spring = await home.run(["--demo", "--vin", DEMO_ACCOUNT.vins.spring, "vehicle", "--json"], {
    tty: false,
  });
  expect(spring.code).toBe(0);
  expect(JSON.parse(spring.stdout).model.code).toBe("XBG1VE");
  const login = await home.run(["--demo", "login"], { tty: false });
  expect(login.code).toBe(0);
  const reset = await home.run(["--demo", "reset"], { tty: false });
  expect(reset.code).toBe(0);
  await expect(readdir(home.dir)).resolves.toEqual([]);
});

test("simulator prints its URLs, the demo login and the environment, and stops on the signal", async () => {
  const controller = new AbortController();
  let stdout = "";
  let stderr = "";
  let announce: () => void = () => undefined;
  const announced = new Promise<void>((resolve) => (announce = resolve));
  const finished = main(["simulator", "--latency", "1", "--faults", "privacy@location"], {
    stdout: {
      write: (text: string) => {
        stdout += text;
        if (stdout.includes("Press Ctrl-C")) announce();
      },
    },
    stderr: { write: (text: string) => (stderr += text) },
    env: {},
    signal: controller.signal,
  });
  await announced;
  expect(stdout).toMatch(/^Simulator of Renault's cloud running at http:\/\/127\.0\.0\.1:\d+$/m);
  expect(stdout).toContain("Demo login  demo@renault-api.dev / demo-password");
  const env = Object.fromEntries(
    [...stdout.matchAll(/export (\w+)=(\S+)/g)].map((match) => [match[1] ?? "", match[2] ?? ""]),
  );
  expect(Object.keys(env)).toEqual([
    "RENAULT_API_LOCALE",
    "RENAULT_API_GIGYA_URL",
    "RENAULT_API_GIGYA_API_KEY",
    "RENAULT_API_KAMEREON_URL",
    "RENAULT_API_KAMEREON_API_KEY",
    "RENAULT_API_CREDENTIALS",
  ]);
  const home = await cliHome(undefined, {
    ...env,
    RENAULT_API_CREDENTIALS: join(ROOT, ".tmp", `sim-${process.pid}.json`),
  });
  try {
    const login = await home.run(["login", "--user", "demo@renault-api.dev", "--password", "demo-password"]);
    expect(login.code).toBe(0);
    expect((await home.run(["accounts"])).stdout).toContain("MYRENAULT");
  } finally {
    await rm(env.RENAULT_API_CREDENTIALS ?? "", { force: true });
  }
  expect(stderr).toMatch(/POST gigya login -> 200/);
  controller.abort();
  await expect(finished).resolves.toBe(0);
  expect(stderr).toContain("Simulator stopped.");
});

test("simulator rejects a bad fault spec as a usage error", async () => {
  const home = await cliHome();
  const result = await home.run(["simulator", "--faults", "explode@everything"]);
  expect(result.code).toBe(2);
  expect(result.stderr).toMatch(/^Error: invalid value for --faults: /);
});

describe("the built binary", () => {
  // The one build of this run (test/global-setup.ts), as the package ships it.
  const bin = join(ROOT, "dist", "cli", "bin.js");

  test("--version answers without the library or the network", async () => {
    await expect(stat(bin)).resolves.toBeTruthy();
    const { stdout } = await run(process.execPath, [bin, "--version"], {
      env: { PATH: process.env.PATH ?? "" },
    });
    expect(stdout).toMatch(/^renault-api \d+\.\d+\.\d+\n$/);
  });

  test("--demo status runs end to end, and the exit code comes back", async () => {
    const home = await cliHome();
    const env = { PATH: process.env.PATH ?? "", HOME: home.dir, TZ: "Europe/Paris" };
    const { stdout } = await run(process.execPath, [bin, "--demo", "status"], { env, cwd: home.dir });
    expect(stdout).toMatch(/^Battery level/m);
    const failed = spawnSync(process.execPath, [bin, "charge", "nope"], { env, encoding: "utf8" });
    expect(failed.status).toBe(2);
    expect(failed.stderr).toMatch(/^Error: unknown command 'charge nope'/);
    const notLoggedIn = spawnSync(process.execPath, [bin, "--locale", "fr_FR", "accounts"], {
      env,
      encoding: "utf8",
    });
    expect(notLoggedIn.status).toBe(3);
    await expect(readdir(home.dir)).resolves.toEqual([]);
  });
});
