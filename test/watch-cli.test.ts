/**
 * `renault-api watch` (issue 16, item 5): the built CLI in a child process with `--json`, next to
 * an in-process watcher on the same credential file (one budget for both), ended by SIGINT with
 * exit code 0.
 */
import { spawn } from "node:child_process";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { RenaultClient } from "../src/client.js";
import { FileCredentialStore } from "../src/credentials/file-store.js";
import type { WatchEvent } from "../src/watch/index.js";
import { loggedInHome, runCli } from "./support/cli.js";
import { simOptions, useSimulator } from "./support/sim.js";

const bin = join(import.meta.dirname, "..", "dist", "cli", "bin.js");

describe("renault-api watch", () => {
  test("--json lines from a child process share one budget with an in-process watcher; SIGINT exits 0", async () => {
    const sim = await useSimulator();
    const home = await loggedInHome(sim);
    const account = sim.demo.renaultAccountId;
    const vin = sim.demo.vins.zoe40;
    const since = sim.requests.length;
    const child = spawn(process.execPath, [bin, "watch", "--json", "--vin", vin, "--budget", "6"], {
      env: { ...process.env, ...home.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) =>
      child.on("exit", (code) => {
        resolve(code);
      }),
    );
    // The child's snapshot first, then an in-process watcher on the same file.
    for (let waited = 0; !stdout.includes('"snapshot"') && waited < 15_000; waited += 50)
      await new Promise((resolve) => setTimeout(resolve, 50));
    const client = new RenaultClient(
      simOptions(sim, { credentialStore: new FileCredentialStore(home.credentials) }),
    );
    const controller = new AbortController();
    const events: WatchEvent[] = [];
    setTimeout(() => {
      controller.abort();
    }, 1_500);
    for await (const event of client.watch({ vins: [vin], budget: 6, signal: controller.signal }))
      events.push(event);
    child.kill("SIGINT");
    const started = performance.now();
    expect(await exited).toBe(0);
    expect(performance.now() - started).toBeLessThan(1_500);
    expect(stderr).toBe("");
    const lines = stdout
      .trim()
      .split("\n")
      .map((text) => JSON.parse(text) as Record<string, unknown>);
    expect(lines[0]).toMatchObject({ type: expect.any(String), time: expect.any(String) });
    const snapshot = lines.find((line) => line.type === "snapshot");
    expect(snapshot).toMatchObject({
      vin,
      accountId: account,
      readings: { "battery-status": expect.any(Object) },
    });
    // Together the two watchers stayed inside one budget of 6 requests on the account.
    const sent = sim.requests
      .slice(since)
      .filter((request) => request.path.includes(`/accounts/${account}/`));
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.length).toBeLessThanOrEqual(6);
    // The in-process watcher's snapshot came from what the child kept in the file: no re-read.
    const own = events.find((event) => event.type === "snapshot");
    expect(own?.type === "snapshot" && own.readings["battery-status"]?.readAt).toBe(
      (snapshot as { readings: Record<string, { readAt: string }> }).readings["battery-status"]?.readAt,
    );
  });

  test("the readable form prints one line per event with local times; a bad budget is a usage error", async () => {
    const sim = await useSimulator();
    const home = await loggedInHome(sim);
    const controller = new AbortController();
    setTimeout(() => {
      controller.abort();
    }, 1_000);
    const run = await home.run(["watch", "--budget", "10"], { signal: controller.signal });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d VF1\w+ snapshot: battery-status/m);
    const bad = await runCli(["watch", "--budget", "0"], { env: home.env });
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/--budget/);
  });
});
