/**
 * `renault-api-mqtt`'s settings from a JSON config file, environment variables and flags
 * (precedence: flags > environment > file > defaults). Every value is untrusted: a bad one is a
 * {@link SettingsError} naming where it came from (never its value when it is a secret).
 */
import { readFileSync, statSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";

/** A setting that cannot be used: exit code 2, one line on stderr. */
export class SettingsError extends Error {
  override name = "SettingsError";
}

/** Everything the bridge runs with, validated. */
export interface Settings {
  readonly demo: boolean;
  readonly broker: string;
  readonly username?: string | undefined;
  /** Environment or config file only (flags show in `ps`); never logged. */
  readonly password?: string | undefined;
  readonly clientId?: string | undefined;
  /** @unit seconds */
  readonly keepalive: number;
  readonly tls: {
    readonly ca?: string | undefined;
    readonly cert?: string | undefined;
    readonly key?: string | undefined;
    readonly rejectUnauthorized: boolean;
  };
  readonly base: string;
  readonly prefix: string;
  /** Time between two polls of a car. @unit seconds */
  readonly interval: number;
  /** Kamereon requests per hour, shared by every car of the run. */
  readonly budget: number;
  /** How long a command looks for its effect after sending. @unit seconds */
  readonly confirmDeadline: number;
  /** At most this many reads to confirm a command. */
  readonly confirmReads: number;
  readonly gpsDecimals: number;
  readonly account?: string | undefined;
  readonly vins?: readonly string[] | undefined;
  /** The CLI's credential file. */
  readonly credentials: string;
  /** Where each value came from (`flag`, `env`, `file`, `default`), for `--print-config`. */
  readonly sources: Readonly<Record<string, "flag" | "env" | "file" | "default">>;
}

type Raw = Record<string, unknown>;

/** One setting: its flag, variable and file key, and how a text or JSON value is checked. */
interface Spec {
  readonly flag?: string;
  readonly env?: string;
  readonly key: string;
  readonly check: (value: unknown, where: string) => unknown;
  readonly fallback?: unknown;
}

const TOPIC_ROOT = /^[a-zA-Z0-9_-]+(\/[a-zA-Z0-9_-]+)*$/;
const VIN = /^[A-Za-z0-9]{5,32}$/;
const ACCOUNT = /^[A-Za-z0-9_-]{1,64}$/;
const CLIENT_ID = /^[\x21-\x7e]{1,64}$/;
/** A config file is a few hundred bytes; a bigger one is not ours. */
const MAX_CONFIG_BYTES = 64 * 1024;

function text(pattern: RegExp, rule: string) {
  return (value: unknown, where: string): string => {
    if (typeof value !== "string" || !pattern.test(value)) throw new SettingsError(`${where} ${rule}`);
    return value;
  };
}

function whole(min: number, max: number) {
  return (value: unknown, where: string): number => {
    const parsed =
      typeof value === "number"
        ? value
        : typeof value === "string" && /^\d+$/.test(value)
          ? Number(value)
          : NaN;
    if (!Number.isInteger(parsed) || parsed < min || parsed > max)
      throw new SettingsError(`${where} must be a whole number from ${min} to ${max}`);
    return parsed;
  };
}

function yesNo(value: unknown, where: string): boolean {
  if (typeof value === "boolean") return value;
  if (value === "true" || value === "1") return true;
  if (value === "false" || value === "0") return false;
  throw new SettingsError(`${where} must be true or false`);
}

function secret(value: unknown, where: string): string {
  // The value is never echoed: it is a secret.
  if (typeof value !== "string" || value.length === 0 || value.length > 1024 || /[\0\n\r]/.test(value))
    throw new SettingsError(`${where} must be a non-empty single line of at most 1024 characters`);
  return value;
}

function brokerUrl(value: unknown, where: string): string {
  if (typeof value !== "string") throw new SettingsError(`${where} must be a URL`);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new SettingsError(`${where} is not a URL (e.g. mqtt://127.0.0.1:1883)`);
  }
  if (!["mqtt:", "mqtts:", "ws:", "wss:"].includes(url.protocol))
    throw new SettingsError(`${where} must use mqtt://, mqtts://, ws:// or wss://`);
  // Credentials in a URL end up in logs and `ps`; they have their own settings.
  if (url.username || url.password)
    throw new SettingsError(`${where} must not carry credentials: use the username and password settings`);
  return value;
}

function vinList(value: unknown, where: string): string[] {
  const items = typeof value === "string" ? value.split(",") : value;
  if (!Array.isArray(items) || items.length === 0 || items.length > 50)
    throw new SettingsError(`${where} must be 1 to 50 VINs`);
  return items.map((item) => text(VIN, "must hold VINs (5 to 32 letters or digits)")(item, where));
}

function path(value: unknown, where: string): string {
  if (typeof value !== "string" || value.length === 0 || value.length > 4096 || value.includes("\0"))
    throw new SettingsError(`${where} must be a file path`);
  return value;
}

const SPECS: readonly Spec[] = [
  { flag: "broker", env: "BROKER", key: "broker", check: brokerUrl, fallback: "mqtt://127.0.0.1:1883" },
  {
    flag: "username",
    env: "USERNAME",
    key: "username",
    check: text(/^[^\0\n\r]{1,256}$/, "must be 1 to 256 characters"),
  },
  { env: "PASSWORD", key: "password", check: secret },
  {
    flag: "client-id",
    env: "CLIENT_ID",
    key: "clientId",
    check: text(CLIENT_ID, "must be 1 to 64 printable ASCII characters"),
  },
  { flag: "keepalive", env: "KEEPALIVE", key: "keepalive", check: whole(1, 65_535), fallback: 30 },
  { flag: "tls-ca", env: "TLS_CA", key: "tlsCa", check: path },
  { flag: "tls-cert", env: "TLS_CERT", key: "tlsCert", check: path },
  { flag: "tls-key", env: "TLS_KEY", key: "tlsKey", check: path },
  { env: "TLS_REJECT_UNAUTHORIZED", key: "tlsRejectUnauthorized", check: yesNo, fallback: true },
  {
    flag: "base",
    env: "BASE",
    key: "base",
    check: text(TOPIC_ROOT, "must be topic levels without wildcards"),
    fallback: "renault-api",
  },
  {
    flag: "prefix",
    env: "PREFIX",
    key: "prefix",
    check: text(TOPIC_ROOT, "must be topic levels without wildcards"),
    fallback: "homeassistant",
  },
  { flag: "interval", env: "INTERVAL", key: "interval", check: whole(1, 86_400), fallback: 600 },
  { flag: "budget", env: "BUDGET", key: "budget", check: whole(1, 100_000), fallback: 60 },
  {
    flag: "confirm-deadline",
    env: "CONFIRM_DEADLINE",
    key: "confirmDeadline",
    check: whole(1, 3600),
    fallback: 90,
  },
  { flag: "confirm-reads", env: "CONFIRM_READS", key: "confirmReads", check: whole(0, 20), fallback: 4 },
  { flag: "gps-decimals", env: "GPS_DECIMALS", key: "gpsDecimals", check: whole(0, 7), fallback: 5 },
  {
    flag: "account",
    env: "ACCOUNT",
    key: "account",
    check: text(ACCOUNT, "must be an account id (letters, digits, - and _)"),
  },
  { flag: "vin", env: "VIN", key: "vins", check: vinList },
];

/** The file keys a config file may hold (anything else is refused: a typo must not pass silently). */
export const CONFIG_KEYS: readonly string[] = SPECS.map((spec) => spec.key);

/** The flags `renault-api-mqtt` takes. */
export const USAGE = `usage: renault-api-mqtt [--demo] [--config FILE] [--broker URL] [--username NAME]
  [--client-id ID] [--keepalive S] [--tls-ca FILE] [--tls-cert FILE] [--tls-key FILE]
  [--base TOPIC] [--prefix TOPIC] [--interval S] [--budget N] [--confirm-deadline S]
  [--confirm-reads N] [--gps-decimals N] [--account ID] [--vin VIN]...
Each flag has a variable RENAULT_API_MQTT_<NAME> (e.g. RENAULT_API_MQTT_BUDGET) and a key in the
JSON config file; flags win over variables, variables over the file. The broker password is read
from RENAULT_API_MQTT_PASSWORD or the file's "password" (never a flag: flags show in ps).
Credentials: the CLI's file (RENAULT_API_CREDENTIALS, default ~/.credentials/renault-api.json),
logged in with \`renault-api login\`. Exit codes: 0 stopped, 1 failure, 2 bad settings, 3 not logged in.`;

function readConfigFile(file: string): Raw {
  let body: string;
  try {
    if (statSync(file).size > MAX_CONFIG_BYTES)
      throw new SettingsError(`config file ${file} is over ${MAX_CONFIG_BYTES} bytes`);
    body = readFileSync(file, "utf8");
  } catch (error) {
    if (error instanceof SettingsError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? "unreadable";
    throw new SettingsError(`config file ${file} cannot be read (${code})`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new SettingsError(`config file ${file} is not valid JSON`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
    throw new SettingsError(`config file ${file} must hold a JSON object`);
  for (const key of Object.keys(parsed)) {
    if (!CONFIG_KEYS.includes(key))
      throw new SettingsError(
        `config file ${file}: unknown key "${key.slice(0, 40)}" (known: ${CONFIG_KEYS.join(", ")})`,
      );
  }
  return parsed as Raw;
}

/** Where the run came from: the command line, the environment. */
export interface SettingsInput {
  readonly argv: readonly string[];
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** `--help` asked: print {@link USAGE}. */
export const HELP = Symbol("help");

/**
 * Resolves the settings: flags > `RENAULT_API_MQTT_*` > config file (`--config` or
 * `RENAULT_API_MQTT_CONFIG`) > defaults.
 * @throws {SettingsError} an unknown flag or key, a bad value, an unreadable config file
 */
export function resolveSettings(input: SettingsInput): Settings | typeof HELP {
  const options: Record<string, { type: "string" | "boolean"; multiple?: boolean }> = {
    demo: { type: "boolean" },
    config: { type: "string" },
    help: { type: "boolean" },
  };
  for (const spec of SPECS)
    if (spec.flag) options[spec.flag] = { type: "string", multiple: spec.flag === "vin" };
  let values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  try {
    ({ values } = parseArgs({ args: [...input.argv], options, strict: true, allowPositionals: false }));
  } catch (error) {
    throw new SettingsError(
      (error instanceof Error ? error.message : String(error)).split("\n")[0] ?? "bad flags",
    );
  }
  if (values.help) return HELP;
  const env = input.env;
  const configPath = (values.config as string | undefined) ?? env.RENAULT_API_MQTT_CONFIG;
  const file = configPath === undefined ? {} : readConfigFile(path(configPath, "--config"));
  const resolved: Raw = {};
  const sources: Record<string, "flag" | "env" | "file" | "default"> = {};
  for (const spec of SPECS) {
    const flag = spec.flag === undefined ? undefined : values[spec.flag];
    const variable = spec.env === undefined ? undefined : `RENAULT_API_MQTT_${spec.env}`;
    const fromEnv = variable === undefined ? undefined : env[variable];
    if (flag !== undefined) {
      resolved[spec.key] = spec.check(flag, `--${spec.flag ?? spec.key}`);
      sources[spec.key] = "flag";
    } else if (fromEnv !== undefined && fromEnv !== "") {
      resolved[spec.key] = spec.check(fromEnv, variable ?? spec.key);
      sources[spec.key] = "env";
    } else if (file[spec.key] !== undefined) {
      resolved[spec.key] = spec.check(file[spec.key], `config key "${spec.key}"`);
      sources[spec.key] = "file";
    } else if (spec.fallback !== undefined) {
      resolved[spec.key] = spec.fallback;
      sources[spec.key] = "default";
    }
  }
  if (resolved.password !== undefined && resolved.username === undefined)
    throw new SettingsError("a broker password needs a username (MQTT forbids a password alone)");
  const credentials =
    env.RENAULT_API_CREDENTIALS || join(env.HOME || homedir(), ".credentials", "renault-api.json");
  return {
    demo: values.demo === true,
    broker: resolved.broker as string,
    username: resolved.username as string | undefined,
    password: resolved.password as string | undefined,
    clientId: resolved.clientId as string | undefined,
    keepalive: resolved.keepalive as number,
    tls: {
      ca: resolved.tlsCa as string | undefined,
      cert: resolved.tlsCert as string | undefined,
      key: resolved.tlsKey as string | undefined,
      rejectUnauthorized: resolved.tlsRejectUnauthorized as boolean,
    },
    base: resolved.base as string,
    prefix: resolved.prefix as string,
    interval: resolved.interval as number,
    budget: resolved.budget as number,
    confirmDeadline: resolved.confirmDeadline as number,
    confirmReads: resolved.confirmReads as number,
    gpsDecimals: resolved.gpsDecimals as number,
    account: resolved.account as string | undefined,
    vins: resolved.vins as string[] | undefined,
    credentials,
    sources,
  };
}
