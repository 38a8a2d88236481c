/** The real `renault-api-mqtt --demo` process, killed: the broker publishes its last will. */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { afterEach, expect, it } from "vitest";
import { startMosquitto } from "./support/mosquitto.js";
import { record, waitUntil } from "./support/mqtt.js";

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

it("leaves offline through the last will when the bridge process is SIGKILLed", async () => {
  const mosquitto = await startMosquitto();
  cleanups.push(() => mosquitto.close());
  const watcher = await record(mosquitto.url, "renault-api/bridge/availability");
  cleanups.push(() => watcher.close());
  const child = spawn(
    process.execPath,
    ["packages/mqtt/dist/bin.js", "--demo", "--broker", mosquitto.url, "--interval", "3600"],
    {
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        PATH: process.env.PATH,
        RENAULT_API_MQTT_USERNAME: "bridge",
        RENAULT_API_MQTT_PASSWORD: "broker-secret",
      },
    },
  );
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  cleanups.push(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGKILL");
      await once(child, "exit");
    }
  });
  const payloads = () => watcher.messages.map((m) => m.payload);
  await waitUntil(() => payloads().includes("online"), "online", 8000).catch((error: unknown) => {
    throw new Error(`${String(error)}; the bridge said: ${output}`);
  });
  // "online" goes out on connect, just before the banner: under load the banner may come second.
  await waitUntil(() => output.includes("publishing under renault-api/"), "the banner");

  const exited = once(child, "exit");
  child.kill("SIGKILL");
  await exited;
  await waitUntil(() => payloads().at(-1) === "offline", "the last will");
  expect(payloads()).toEqual(["online", "offline"]);
  expect(output).not.toContain("broker-secret");
});

it("exits 2 with one line when the broker password comes without a username", async () => {
  const child = spawn(
    process.execPath,
    ["packages/mqtt/dist/bin.js", "--demo", "--broker", "mqtt://127.0.0.1:1"],
    {
      stdio: ["ignore", "pipe", "pipe"],
      env: { PATH: process.env.PATH, RENAULT_API_MQTT_PASSWORD: "broker-secret" },
    },
  );
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const [code] = (await once(child, "exit")) as [number];
  expect(code).toBe(2);
  expect(stderr).toBe(
    "renault-api-mqtt: a broker password needs a username (MQTT forbids a password alone)\n",
  );
  expect(stderr).not.toContain("broker-secret");
});

it("exits 2 with one line on a bad flag, without connecting", async () => {
  const child = spawn(process.execPath, ["packages/mqtt/dist/bin.js", "--demo", "--interval", "soon"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const [code] = (await once(child, "exit")) as [number];
  expect(code).toBe(2);
  expect(stderr).toBe("renault-api-mqtt: --interval must be a whole number from 1 to 86400\n");
});
