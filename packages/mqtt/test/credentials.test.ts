/**
 * The real `renault-api-mqtt` process with the CLI's credential file (logged in beforehand, as
 * `renault-api login` leaves it), a real mosquitto and the simulator; no secret in anything it
 * publishes or prints.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, expect, it } from "vitest";
import { CredentialKey, FileCredentialStore, RenaultClient } from "renault-api";
import { startSimulator } from "renault-api/simulator";
import { startMosquitto } from "./support/mosquitto.js";
import { record, waitUntil } from "./support/mqtt.js";

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function bridge(args: string[], env: Record<string, string>): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, ["packages/mqtt/dist/bin.js", ...args], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { PATH: process.env.PATH, HOME: "/nonexistent", ...env },
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  cleanups.push(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = once(child, "exit");
      child.kill("SIGTERM");
      await exited;
    }
  });
  return { child, output: () => output };
}

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "mqtt-credentials-"));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

it("runs from the CLI's credential file and never publishes nor prints a secret", async () => {
  const mosquitto = await startMosquitto();
  cleanups.push(() => mosquitto.close());
  const sim = await startSimulator();
  cleanups.push(() => sim.close());
  const file = join(await tempDir(), "renault-api.json");
  // What `renault-api login` leaves behind: the locale's URLs and keys, the login token.
  const store = new FileCredentialStore(file);
  await store.update({
    [CredentialKey.locale]: "fr_FR",
    [CredentialKey.gigyaUrl]: sim.gigyaUrl,
    [CredentialKey.gigyaApiKey]: sim.gigyaApiKey,
    [CredentialKey.kamereonUrl]: sim.kamereonUrl,
    [CredentialKey.kamereonApiKey]: sim.kamereonApiKey,
  });
  await new RenaultClient({ credentialStore: store }).login(sim.demo.email, sim.demo.password);
  const zoe = sim.demo.vins.zoe50;
  const watcher = await record(mosquitto.url);
  cleanups.push(() => watcher.close());
  const run = bridge(["--broker", mosquitto.url, "--vin", zoe, "--budget", "40"], {
    RENAULT_API_CREDENTIALS: file,
    RENAULT_API_MQTT_USERNAME: "bridge",
    RENAULT_API_MQTT_PASSWORD: "broker-secret-5150",
  });
  await waitUntil(() => watcher.on(`renault-api/${zoe}/health`)[0], "health of the car", 10_000).catch(
    (error: unknown) => {
      throw new Error(`${String(error)}; the bridge said: ${run.output()}`);
    },
  );
  expect(watcher.on(`homeassistant/device/renault_${zoe}/config`)).toHaveLength(1);
  expect(run.output()).toContain("budget 40 requests/h");
  // Only the chosen car was read, with the stored login.
  const reads = sim.requests.filter((r) => r.service === "kamereon" && r.vin !== undefined);
  expect(reads.length).toBeGreaterThan(0);
  expect(new Set(reads.map((r) => r.vin))).toEqual(new Set([zoe]));

  const exited = once(run.child, "exit");
  run.child.kill("SIGTERM");
  const [code] = (await exited) as [number];
  expect(code).toBe(0);
  const stored = await store.read();
  const secrets = [
    "broker-secret-5150",
    sim.demo.password,
    sim.gigyaApiKey,
    sim.kamereonApiKey,
    stored[CredentialKey.loginToken],
    stored[CredentialKey.jwt],
  ];
  expect(secrets.every((secret) => typeof secret === "string" && secret.length >= 8)).toBe(true);
  const published = watcher.messages.map((m) => `${m.topic} ${m.payload}`).join("\n");
  expect(published.length).toBeGreaterThan(1000);
  for (const secret of secrets) {
    expect(published).not.toContain(secret);
    expect(run.output()).not.toContain(secret);
  }
});

it("exits 3 with one line when the credential file holds no login", async () => {
  const file = join(await tempDir(), "empty.json");
  const run = bridge(["--broker", "mqtt://127.0.0.1:1"], { RENAULT_API_CREDENTIALS: file });
  const [code] = (await once(run.child, "exit")) as [number];
  expect(code).toBe(3);
  expect(run.output()).toBe(
    `renault-api-mqtt: not logged in: run \`renault-api login\` (credential file ${file})\n`,
  );
});

it("exits 2 naming the variable when a setting from the environment is bad", async () => {
  const run = bridge([], { RENAULT_API_MQTT_BUDGET: "0" });
  const [code] = (await once(run.child, "exit")) as [number];
  expect(code).toBe(2);
  expect(run.output()).toBe(
    "renault-api-mqtt: RENAULT_API_MQTT_BUDGET must be a whole number from 1 to 100000\n",
  );
});
