/** Issue 13.6: the logger takes (message, fields); console fits as is, pino through pinoLogger. */
import { expect, test } from "vitest";
import { MemoryCredentialStore, pinoLogger, RenaultClient, RenaultVehicle } from "../src/index.js";
import { simOptions, useSimulator } from "./support/sim.js";

type Call = [level: string, ...args: unknown[]];

/** Records calls the way pino receives them: `(fields, message)`. */
function recordingPino(calls: Call[]) {
  const level = (name: string) => (fields: object, message: string) => calls.push([name, fields, message]);
  return { debug: level("debug"), info: level("info"), warn: level("warn"), error: level("error") };
}

test("pino through pinoLogger: (fields, message), debug trace events, quota start and end, no secret", async () => {
  let now = Date.now();
  const sim = await useSimulator({ now: () => now });
  const calls: Call[] = [];
  const store = new MemoryCredentialStore();
  const client = new RenaultClient(
    simOptions(sim, { credentialStore: store, logger: pinoLogger(recordingPino(calls)), now: () => now }),
  );
  await client.login(sim.demo.email, sim.demo.password);
  const vehicle = new RenaultVehicle({
    session: client.session,
    accountId: sim.demo.renaultAccountId,
    vin: sim.demo.vins.zoe50,
    details: { model: { code: "X102VE" } },
  });
  sim.addFault("5xx@battery-status,quota@cockpit");
  await vehicle.getBatteryStatus();
  await expect(vehicle.getCockpit()).rejects.toMatchObject({ name: "QuotaLimitError" });
  now += 24 * 3600_000 + 1;
  await vehicle.getCockpit();

  for (const [, fields, message] of calls) {
    expect(typeof fields).toBe("object");
    expect(typeof message).toBe("string");
  }
  const types = calls.map(([, fields]) => (fields as { type?: string }).type);
  const messages = calls.map(([level, , message]) => `${level} ${String(message)}`);
  expect(messages).toContain("debug renault-api jwt-minted");
  expect(messages).toContain("debug renault-api retry");
  expect(messages).toContain("debug renault-api quota-lockout-start");
  expect(messages).toContain("debug renault-api quota-lockout-end");
  expect(types.every((type) => type === undefined)).toBe(true); // the type is the message
  const gigya = calls.filter(([, fields]) => (fields as { service?: string }).service === "gigya");
  expect(gigya.length).toBeGreaterThanOrEqual(6); // bootstrap, login, JWT: request and response each
  const retry = calls.find(([, , message]) => message === "renault-api retry")![1];
  expect(retry).toMatchObject({ service: "kamereon", attempt: 1, delayMs: 0, method: "GET" });

  const text = JSON.stringify(calls);
  const values = await store.read();
  for (const secret of [
    sim.demo.password,
    sim.gigyaApiKey,
    sim.kamereonApiKey,
    values.gigya_login_token,
    values.gigya_jwt,
    values.gigya_gmid,
    values.gigya_ucid,
  ])
    expect(text).not.toContain(secret);
});

test("a console-shaped logger gets warn(message, fields); debug is optional", async () => {
  const sim = await useSimulator();
  const warnings: Call[] = [];
  const client = new RenaultClient(
    simOptions(sim, { logger: { warn: (message, fields) => warnings.push(["warn", message, fields]) } }),
  );
  sim.addFault("502html@accounts.webSdkBootstrap");
  await client.login(sim.demo.email, sim.demo.password);
  expect(warnings).toEqual([
    ["warn", "Could not get a Gigya device id; logging in without one.", { error: "HttpError" }],
  ]);
});
