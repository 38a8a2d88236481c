#!/usr/bin/env node
/**
 * `renault-api-mqtt`: flags and environment → settings, SIGTERM/SIGINT → a clean stop. Errors are
 * one line on stderr: exit 2 for usage, 1 for a failure.
 */
import { parseArgs } from "node:util";
import { runDemo } from "./run.js";

const USAGE = `usage: renault-api-mqtt --demo [--broker URL] [--username NAME] [--base TOPIC]
  [--prefix TOPIC] [--interval SECONDS] [--gps-decimals N] [--vin VIN]...
The broker password is read from RENAULT_API_MQTT_PASSWORD (never a flag: flags show in ps).`;

function fail(message: string, code: number): never {
  process.stderr.write(`renault-api-mqtt: ${message}\n`);
  process.exit(code);
}

function integer(text: string | undefined, name: string, fallback: number, min: number, max: number): number {
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) {
    fail(`--${name} must be an integer from ${min} to ${max}`, 2);
  }
  return Number(text);
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        demo: { type: "boolean" },
        broker: { type: "string" },
        username: { type: "string" },
        "client-id": { type: "string" },
        base: { type: "string" },
        prefix: { type: "string" },
        interval: { type: "string" },
        "gps-decimals": { type: "string" },
        vin: { type: "string", multiple: true },
        help: { type: "boolean" },
      },
      strict: true,
    }));
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error), 2);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (!values.demo) fail("only --demo is available yet (the credential file comes with issue 18)", 2);
  const topicRoot = /^[a-zA-Z0-9_-]+(\/[a-zA-Z0-9_-]+)*$/;
  for (const name of ["base", "prefix"] as const) {
    const value = values[name];
    if (value !== undefined && !topicRoot.test(value))
      fail(`--${name} must be topic levels without wildcards`, 2);
  }
  const env = process.env;
  const running = await runDemo({
    broker: {
      url: values.broker ?? env.RENAULT_API_MQTT_BROKER ?? "mqtt://127.0.0.1:1883",
      username: values.username ?? env.RENAULT_API_MQTT_USERNAME,
      password: env.RENAULT_API_MQTT_PASSWORD,
      clientId: values["client-id"],
    },
    base: values.base,
    prefix: values.prefix,
    interval: integer(values.interval, "interval", 60, 1, 86_400) * 1000,
    gpsDecimals: integer(values["gps-decimals"], "gps-decimals", 5, 0, 7),
    vins: values.vin,
    logger: {
      warn: (message, fields) => {
        process.stderr.write(`${message}${fields ? ` ${JSON.stringify(fields)}` : ""}\n`);
      },
    },
  });
  process.stdout.write(`renault-api-mqtt: publishing under ${running.bridge.topics.base}/ (Ctrl-C stops)\n`);
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    running.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((error: unknown) => {
  fail((error instanceof Error ? error.message : String(error)).split("\n")[0] ?? "failed", 1);
});
