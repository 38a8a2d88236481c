/** Settings: flags > environment > config file > defaults, and every value checked. */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { HELP, resolveSettings, SettingsError, type Settings } from "../src/config.js";

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function configFile(content: unknown): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "mqtt-config-"));
  dirs.push(dir);
  const file = join(dir, "bridge.json");
  await writeFile(file, typeof content === "string" ? content : JSON.stringify(content));
  return file;
}

function settings(argv: string[], env: Record<string, string> = {}): Settings {
  const result = resolveSettings({ argv, env: { HOME: "/home/owner", ...env } });
  if (result === HELP) throw new Error("help");
  return result;
}

function refusal(argv: string[], env: Record<string, string> = {}): string {
  try {
    settings(argv, env);
  } catch (error) {
    expect(error).toBeInstanceOf(SettingsError);
    return (error as Error).message;
  }
  throw new Error("accepted");
}

describe("settings precedence", () => {
  it("takes a flag over the environment over the config file over the default", async () => {
    const file = await configFile({
      broker: "mqtt://file:1883",
      budget: 10,
      interval: 900,
      base: "from-file",
    });
    const env = { RENAULT_API_MQTT_BROKER: "mqtt://env:1883", RENAULT_API_MQTT_BUDGET: "20" };
    const resolved = settings(["--config", file, "--broker", "mqtt://flag:1883"], env);
    expect(resolved.broker).toBe("mqtt://flag:1883");
    expect(resolved.budget).toBe(20);
    expect(resolved.interval).toBe(900);
    expect(resolved.base).toBe("from-file");
    expect(resolved.prefix).toBe("homeassistant");
    expect(resolved.sources).toMatchObject({
      broker: "flag",
      budget: "env",
      interval: "file",
      base: "file",
      prefix: "default",
    });
  });

  it("reads the config path from RENAULT_API_MQTT_CONFIG, and the password from env or file only", async () => {
    const file = await configFile({ username: "bridge", password: "from-file-secret" });
    expect(settings([], { RENAULT_API_MQTT_CONFIG: file }).password).toBe("from-file-secret");
    expect(
      settings([], { RENAULT_API_MQTT_CONFIG: file, RENAULT_API_MQTT_PASSWORD: "env-secret" }).password,
    ).toBe("env-secret");
    expect(refusal(["--password", "x"])).toBe("Unknown option '--password'");
  });

  it("takes the command confirmation's deadline and reads, bounded, defaulting to 90 s and 4", async () => {
    expect(settings([])).toMatchObject({ confirmDeadline: 90, confirmReads: 4 });
    const file = await configFile({ confirmDeadline: 120, confirmReads: 2 });
    const resolved = settings(["--config", file, "--confirm-reads", "0"], {
      RENAULT_API_MQTT_CONFIRM_DEADLINE: "45",
    });
    expect(resolved).toMatchObject({ confirmDeadline: 45, confirmReads: 0 });
    expect(resolved.sources).toMatchObject({ confirmDeadline: "env", confirmReads: "flag" });
    expect(refusal(["--confirm-deadline", "0"])).toBe(
      "--confirm-deadline must be a whole number from 1 to 3600",
    );
    expect(refusal(["--confirm-reads", "21"])).toBe("--confirm-reads must be a whole number from 0 to 20");
  });

  it("takes --account and repeated --vin over RENAULT_API_MQTT_VIN", () => {
    const resolved = settings(
      ["--account", "acc-1", "--vin", "VF1AAAAA555777999", "--vin", "VF1BBBBB555777999"],
      {
        RENAULT_API_MQTT_VIN: "VF1CCCCC555777999",
      },
    );
    expect(resolved.account).toBe("acc-1");
    expect(resolved.vins).toEqual(["VF1AAAAA555777999", "VF1BBBBB555777999"]);
    expect(settings([], { RENAULT_API_MQTT_VIN: "VF1CCCCC555777999,VF1DDDDD555777999" }).vins).toEqual([
      "VF1CCCCC555777999",
      "VF1DDDDD555777999",
    ]);
  });

  it("finds the CLI's credential file: RENAULT_API_CREDENTIALS, else ~/.credentials/renault-api.json", () => {
    expect(settings([]).credentials).toBe("/home/owner/.credentials/renault-api.json");
    expect(settings([], { RENAULT_API_CREDENTIALS: "/srv/renault.json" }).credentials).toBe(
      "/srv/renault.json",
    );
  });

  it("answers --help", () => {
    expect(resolveSettings({ argv: ["--help"], env: {} })).toBe(HELP);
  });
});

describe("settings validation", () => {
  it.each([
    [["--budget", "0"], "--budget must be a whole number from 1 to 100000"],
    [["--budget", "1e3"], "--budget must be a whole number from 1 to 100000"],
    [["--interval=-5"], "--interval must be a whole number from 1 to 86400"],
    [["--gps-decimals", "8"], "--gps-decimals must be a whole number from 0 to 7"],
    [["--broker", "http://host"], "--broker must use mqtt://, mqtts://, ws:// or wss://"],
    [["--broker", "not a url"], "--broker is not a URL (e.g. mqtt://127.0.0.1:1883)"],
    [
      ["--broker", "mqtt://u:hunter2@host"],
      "--broker must not carry credentials: use the username and password settings",
    ],
    [["--base", "a/#"], "--base must be topic levels without wildcards"],
    [["--prefix", "/x"], "--prefix must be topic levels without wildcards"],
    [["--vin", "VF1/../x"], "--vin must hold VINs (5 to 32 letters or digits)"],
    [["--account", "a b"], "--account must be an account id (letters, digits, - and _)"],
    [["--client-id", "x".repeat(65)], "--client-id must be 1 to 64 printable ASCII characters"],
    [["--nope"], "Unknown option '--nope'"],
    [["stray"], "Unexpected argument 'stray'. This command does not take positional arguments"],
  ])("refuses %j", (argv, message) => {
    expect(refusal(argv)).toBe(message);
  });

  it("names the variable and never echoes a secret", () => {
    expect(refusal([], { RENAULT_API_MQTT_BUDGET: "lots" })).toBe(
      "RENAULT_API_MQTT_BUDGET must be a whole number from 1 to 100000",
    );
    const message = refusal([], { RENAULT_API_MQTT_PASSWORD: "line1\nline2-secret" });
    expect(message).toBe(
      "RENAULT_API_MQTT_PASSWORD must be a non-empty single line of at most 1024 characters",
    );
    expect(refusal([], { RENAULT_API_MQTT_PASSWORD: "s3cret" })).toBe(
      "a broker password needs a username (MQTT forbids a password alone)",
    );
  });

  it("refuses a config file that is missing, not JSON, not an object, or has an unknown key", async () => {
    expect(refusal(["--config", "/nonexistent/bridge.json"])).toBe(
      "config file /nonexistent/bridge.json cannot be read (ENOENT)",
    );
    const broken = await configFile("{ broker: ");
    expect(refusal(["--config", broken])).toBe(`config file ${broken} is not valid JSON`);
    const list = await configFile([1]);
    expect(refusal(["--config", list])).toBe(`config file ${list} must hold a JSON object`);
    const typo = await configFile({ bugdet: 5 });
    expect(refusal(["--config", typo])).toMatch(
      new RegExp(`^config file ${typo}: unknown key "bugdet" \\(known: broker,`),
    );
    const wrongType = await configFile({ budget: "5x", vins: "VF1AAAAA555777999" });
    expect(refusal(["--config", wrongType])).toBe(
      'config key "budget" must be a whole number from 1 to 100000',
    );
    const big = await configFile(`{"base":"${"x".repeat(70_000)}"}`);
    expect(refusal(["--config", big])).toBe(`config file ${big} is over 65536 bytes`);
  });
});
