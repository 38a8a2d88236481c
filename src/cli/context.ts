/**
 * What a running command gets: output, prompts, the credential store, and a client, account and
 * vehicle resolved the way the Python CLI does it (options > stored defaults > interactive menu).
 * Loaded lazily by `main()`, after `--version`/`--help`, because it pulls in the library.
 */
import { homedir } from "node:os";
import { join } from "node:path";
import {
  CredentialKey,
  type CredentialStore,
  FileCredentialStore,
  LOCALE_NAMES,
  LOCALES,
  MemoryCredentialStore,
  NotAuthenticatedError,
  RenaultClient,
  RenaultError,
  type RenaultAccount,
  type RenaultVehicle,
  type VehicleDetails,
} from "../index.js";
import type { Demo } from "./demo.js";
import { parseWhen } from "./dates.js";
import type { GlobalOptions } from "./globals.js";
import type { Io } from "./io.js";
import { Prompter } from "./prompt.js";
import { json, table, writeText } from "./render.js";
import { createTracer, redact, type Tracer } from "./trace.js";
import { UsageError } from "./usage.js";

/** Environment variables the CLI reads (documented in docs/cli.md). */
export const ENVIRONMENT: readonly (readonly [string, string])[] = [
  ["RENAULT_API_CREDENTIALS", "path of the credential file (default: ~/.credentials/renault-api.json)"],
  ["RENAULT_API_USERNAME", "e-mail for `login` (and for logging in on the fly)"],
  ["RENAULT_API_PASSWORD", "password for `login` (and for logging in on the fly)"],
  ["RENAULT_API_LOCALE", "locale for this run, like --locale (not saved)"],
  ["RENAULT_API_GIGYA_URL", "Gigya base URL, overriding the locale's"],
  ["RENAULT_API_GIGYA_API_KEY", "Gigya API key, overriding the locale's (Renault rotates it)"],
  ["RENAULT_API_KAMEREON_URL", "Kamereon base URL, overriding the locale's"],
  ["RENAULT_API_KAMEREON_API_KEY", "Kamereon API key, overriding the locale's"],
  ["RENAULT_API_DEMO", "`1` behaves like --demo"],
  [
    "RENAULT_API_DEMO_TFA",
    "`1` with --demo: the demo account asks for an e-mailed code (like `login --tfa`)",
  ],
  ["RENAULT_API_TFA_CODE", "the two-factor code for `login`, like --code"],
  ["RENAULT_API_TIMEOUT", "seconds to wait for each answer (default: 30)"],
  ["RENAULT_API_RETRIES", "how often a failed read is repeated, 0–5 (default: 2; actions never are)"],
  [
    "RENAULT_API_RETRY_DELAY",
    "seconds to wait before each repeat of a read, 0–600 (default: 0.5 s doubling up to 8 s; tests use 0)",
  ],
  [
    "RENAULT_API_CONCURRENCY",
    "how many reads `status` sends at once (default: all; 1 = one after the other)",
  ],
  ["TZ", "time zone for dates shown and read (default: the system's)"],
];

/** Credential-file key of the models of recently used VINs (the Python client ignores it). */
const MODEL_CACHE_KEY = "vehicle_models";
/** A kept model is trusted this long before the details are read again. */
const MODEL_CACHE_TTL = 7 * 24 * 3600_000;

interface ModelCacheEntry {
  readonly at: number;
  readonly details: VehicleDetails;
}

/** The part of the details that routing, units and labels need; nothing personal. */
function modelOf(details: VehicleDetails): VehicleDetails {
  const group = (value: { code?: unknown; label?: unknown } | null | undefined) =>
    value ? { code: stringOr(value.code), label: stringOr(value.label) } : undefined;
  return {
    model: group(details.model),
    energy: group(details.energy),
    brand: group(details.brand),
    engineEnergyType: stringOr(details.engineEnergyType),
  };
}

function stringOr(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

/** Parses the kept models; the file is untrusted, so anything malformed is dropped. */
function parseModelCache(text: string | undefined): Record<string, ModelCacheEntry> {
  if (text === undefined) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return {};
  }
  if (typeof parsed !== "object" || parsed === null) return {};
  const result: Record<string, ModelCacheEntry> = {};
  for (const [vin, entry] of Object.entries(parsed)) {
    const { at, details } = (entry ?? {}) as { at?: unknown; details?: unknown };
    if (typeof at !== "number" || typeof details !== "object" || details === null) continue;
    const clean = modelOf(details as VehicleDetails);
    if (clean.model?.code) result[vin] = { at, details: clean };
  }
  return result;
}

function readModelCache(text: string | undefined, vin: string, now: Date): VehicleDetails | undefined {
  const entry = parseModelCache(text)[vin];
  return entry && now.getTime() - entry.at < MODEL_CACHE_TTL && entry.at <= now.getTime()
    ? entry.details
    : undefined;
}

/** `RENAULT_API_TIMEOUT` (seconds per attempt) in milliseconds; a bad value is a usage error. */
function secondsToMs(value: string | undefined, name: string): number | undefined {
  if (value === undefined || value === "") return undefined;
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 600) {
    throw new UsageError(`invalid ${name} '${value}': give seconds between 0 and 600, e.g. 30`);
  }
  return Math.round(seconds * 1000);
}

/**
 * `RENAULT_API_RETRIES` (how often a failed read is repeated, 0–5) and `RENAULT_API_RETRY_DELAY`
 * (a fixed wait before each repeat, in seconds; 0 lets tests skip the real backoff).
 */
function retriesOf(
  value: string | undefined,
  delayValue: string | undefined,
): { limit?: number; delay?: () => number } | undefined {
  let retry: { limit?: number; delay?: () => number } | undefined;
  if (value !== undefined && value !== "") {
    const limit = Number(value);
    if (!Number.isInteger(limit) || limit < 0 || limit > 5) {
      throw new UsageError(`invalid RENAULT_API_RETRIES '${value}': give a whole number from 0 to 5`);
    }
    retry = { limit };
  }
  if (delayValue !== undefined && delayValue !== "") {
    const seconds = Number(delayValue);
    if (delayValue.trim() === "" || !Number.isFinite(seconds) || seconds < 0 || seconds > 600) {
      throw new UsageError(
        `invalid RENAULT_API_RETRY_DELAY '${delayValue}': give seconds between 0 and 600, e.g. 0.5`,
      );
    }
    const ms = Math.round(seconds * 1000);
    retry = { ...retry, delay: () => ms };
  }
  return retry;
}

/** The default credential file of the Python CLI (and ours). */
export function credentialPath(env: Io["env"]): string {
  const custom = env.RENAULT_API_CREDENTIALS;
  if (custom) return custom;
  return join(env.HOME || homedir(), ".credentials", "renault-api.json");
}

/** The OS locale as `xx_YY`, the default of the locale prompt. */
function systemLocale(env: Io["env"]): string | undefined {
  for (const name of ["LC_ALL", "LC_MESSAGES", "LANG"]) {
    const match = /^([a-z]{2})[_-]([A-Z]{2})/.exec(env[name] ?? "");
    if (match) return `${match[1]}_${match[2]}`;
  }
  const match = /^([a-z]{2})-([A-Z]{2})/.exec(Intl.DateTimeFormat().resolvedOptions().locale);
  return match ? `${match[1]}_${match[2]}` : undefined;
}

/** The running command's world. */
export class Context {
  readonly io: Io;
  readonly globals: GlobalOptions;
  readonly prompt: Prompter;
  readonly tracer: Tracer;
  /** The zone dates are shown and read in (`TZ`), `undefined` for the system's. */
  readonly timeZone: string | undefined;
  readonly #demo: Demo | undefined;
  #store: CredentialStore | undefined;
  #client: Promise<RenaultClient> | undefined;
  #accountId: Promise<string> | undefined;
  #vehicle: Promise<RenaultVehicle> | undefined;

  constructor(io: Io, globals: GlobalOptions, demo: Demo | undefined) {
    this.io = io;
    this.globals = globals;
    this.prompt = new Prompter(io);
    this.tracer = createTracer({
      io,
      debug: globals.debug,
      log: globals.log,
      pseudonymise: globals.pseudonymise,
    });
    this.timeZone = io.env.TZ || undefined;
    this.#demo = demo;
    for (const name of [
      "RENAULT_API_PASSWORD",
      "RENAULT_API_GIGYA_API_KEY",
      "RENAULT_API_KAMEREON_API_KEY",
    ] as const) {
      const value = io.env[name];
      if (value) this.tracer.secrets.add(value);
    }
    if (demo) {
      this.tracer.secrets.add(demo.password);
      this.tracer.secrets.add(demo.options.gigyaApiKey);
      this.tracer.secrets.add(demo.options.kamereonApiKey);
    }
  }

  /** The demo simulator when running with `--demo`. */
  get demo(): Demo | undefined {
    return this.#demo;
  }

  /** The current time. */
  now(): Date {
    return this.io.now?.() ?? new Date();
  }

  // --- output -----------------------------------------------------------------------------------

  /** Writes data to stdout (a final newline is added when missing). */
  print(text: string): void {
    writeText(this.io.stdout, redact(text, this.tracer.secrets));
  }

  /** Writes a remark to stderr (warnings, progress; never data). */
  note(text: string): void {
    writeText(this.io.stderr, redact(text, this.tracer.secrets));
  }

  /** `--json` prints `data`; otherwise `human()` builds the text. */
  output(data: unknown, human: () => string): void {
    this.print(this.globals.json ? json(data) : human());
  }

  // --- credentials ------------------------------------------------------------------------------

  /** Path of the credential file (`undefined` in demo mode, which keeps everything in memory). */
  get credentialPath(): string | undefined {
    return this.#demo ? undefined : credentialPath(this.io.env);
  }

  /** The credential store: the JSON file shared with the Python CLI, or memory in demo mode. */
  store(): CredentialStore {
    this.#store ??= this.#demo
      ? new MemoryCredentialStore({ [CredentialKey.locale]: this.#demo.locale })
      : new FileCredentialStore(credentialPath(this.io.env));
    return this.#store;
  }

  /** Stores values in the credential store. */
  async save(changes: Readonly<Record<string, string | undefined>>): Promise<void> {
    await this.store().update(changes);
  }

  // --- client -----------------------------------------------------------------------------------

  /** The one-off locale of this run: `--locale`, else `RENAULT_API_LOCALE`. Never saved. */
  get oneOffLocale(): string | undefined {
    return this.globals.locale ?? (this.io.env.RENAULT_API_LOCALE || undefined);
  }

  /** Checks a locale name; unknown ones are a usage error listing the valid ones. */
  checkLocale(locale: string): string {
    if (!Object.hasOwn(LOCALES, locale)) {
      throw new UsageError(`unknown locale '${locale}' (valid: ${LOCALE_NAMES.join(", ")})`);
    }
    return locale;
  }

  /**
   * The locale to use when nothing is configured: prompted for (Python's wording), then saved on
   * request together with its country, URLs and keys.
   */
  async #ensureLocale(): Promise<string | undefined> {
    const oneOff = this.oneOffLocale;
    if (oneOff !== undefined)
      return this.#allExplicit() && !Object.hasOwn(LOCALES, oneOff) ? oneOff : this.checkLocale(oneOff);
    const stored = await this.store().read();
    // The session needs a country: from a locale, or stored by `set --locale` (or the Python CLI).
    if (stored[CredentialKey.locale] !== undefined || stored[CredentialKey.country] !== undefined)
      return undefined;
    if (!this.prompt.interactive) {
      throw new UsageError(
        "no locale configured: pass --locale (e.g. --locale fr_FR) or save one with `renault-api set --locale fr_FR`",
      );
    }
    let locale: string;
    for (;;) {
      const answer = await this.prompt.text("Please select a locale", {
        default: systemLocale(this.io.env),
        option: "--locale",
      });
      if (Object.hasOwn(LOCALES, answer)) {
        locale = answer;
        break;
      }
      this.note(`Locale \`${answer}\` is unknown: valid locales are ${LOCALE_NAMES.join(", ")}`);
    }
    if (await this.prompt.confirm("Do you want to save the locale to the credential store?", false)) {
      await this.saveLocale(locale);
    }
    this.io.stderr.write("\n");
    return locale;
  }

  #allExplicit(): boolean {
    const env = this.io.env;
    return Boolean(
      env.RENAULT_API_GIGYA_URL &&
      env.RENAULT_API_GIGYA_API_KEY &&
      env.RENAULT_API_KAMEREON_URL &&
      env.RENAULT_API_KAMEREON_API_KEY,
    );
  }

  /** Saves a locale with its country, URLs and keys (what `set --locale` does). */
  async saveLocale(locale: string): Promise<void> {
    const details = LOCALES[this.checkLocale(locale)];
    if (!details) return;
    await this.save({
      [CredentialKey.locale]: locale,
      [CredentialKey.country]: locale.slice(-2).toUpperCase(),
      [CredentialKey.gigyaUrl]: details.gigyaUrl,
      [CredentialKey.gigyaApiKey]: details.gigyaApiKey,
      [CredentialKey.kamereonUrl]: details.kamereonUrl,
      [CredentialKey.kamereonApiKey]: details.kamereonApiKey,
    });
  }

  /** A client (not necessarily logged in). Environment overrides win over the stored settings. */
  client(): Promise<RenaultClient> {
    this.#client ??= (async () => {
      const env = this.io.env;
      const locale = await this.#ensureLocale();
      const demo = this.#demo?.options;
      const client = new RenaultClient({
        locale: locale ?? demo?.locale,
        gigyaUrl: env.RENAULT_API_GIGYA_URL || demo?.gigyaUrl,
        gigyaApiKey: env.RENAULT_API_GIGYA_API_KEY || demo?.gigyaApiKey,
        kamereonUrl: env.RENAULT_API_KAMEREON_URL || demo?.kamereonUrl,
        kamereonApiKey: env.RENAULT_API_KAMEREON_API_KEY || demo?.kamereonApiKey,
        credentialStore: this.store(),
        timeout: secondsToMs(env.RENAULT_API_TIMEOUT, "RENAULT_API_TIMEOUT"),
        retry: retriesOf(env.RENAULT_API_RETRIES, env.RENAULT_API_RETRY_DELAY),
        onTrace: this.tracer.onTrace,
        logger: {
          warn: (message: string) => {
            this.note(`Warning: ${message}`);
          },
        },
      });
      const settings = await client.session.getSettings();
      this.tracer.secrets.add(settings.gigyaApiKey);
      this.tracer.secrets.add(settings.kamereonApiKey);
      const values = await this.store().read();
      for (const key of [CredentialKey.loginToken, CredentialKey.jwt]) {
        const value = values[key];
        if (value) this.tracer.secrets.add(value);
      }
      return client;
    })();
    return this.#client;
  }

  /** Logs in with e-mail and password and stores the login token; remembers the secrets. */
  async login(user: string, password: string): Promise<void> {
    this.tracer.secrets.add(password);
    const client = await this.client();
    await client.login(user, password, { signal: this.io.signal });
    const token = await client.getLoginToken();
    if (token) this.tracer.secrets.add(token);
  }

  /**
   * A logged-in client. Without a login token: the demo logs in by itself, `RENAULT_API_USERNAME`
   * and `RENAULT_API_PASSWORD` are used when set, a terminal is prompted (as the Python CLI does);
   * otherwise "not logged in" (exit 3).
   */
  async loggedInClient(): Promise<RenaultClient> {
    const client = await this.client();
    if (await client.getLoginToken()) return client;
    if (this.#demo) {
      await this.login(this.#demo.email, this.#demo.password);
      return client;
    }
    const user = this.io.env.RENAULT_API_USERNAME;
    const password = this.io.env.RENAULT_API_PASSWORD;
    if (user && password) {
      await this.login(user, password);
      return client;
    }
    if (!this.prompt.interactive) throw new NotAuthenticatedError("Not logged in.");
    for (let attempt = 1; ; attempt++) {
      const name = user || (await this.prompt.text("User", { option: "--user" }));
      const secret = password || (await this.prompt.hidden("Password", { option: "--password" }));
      try {
        await this.login(name, secret);
        this.io.stderr.write("\n");
        return client;
      } catch (error) {
        if (!(error instanceof RenaultError) || attempt >= 3) throw error;
        this.note(`Login failed: ${error.message}.`);
      }
    }
  }

  // --- account and vehicle ----------------------------------------------------------------------

  /** The account id: `--account` > stored `accound-id` > demo default > menu. */
  accountId(): Promise<string> {
    this.#accountId ??= (async () => {
      if (this.globals.account) return this.globals.account;
      const stored = (await this.store().read())[CredentialKey.accountId];
      if (stored) return stored;
      if (this.#demo)
        return (this.globals.vin && this.#demo.accountOf(this.globals.vin)) ?? this.#demo.accountId;
      return this.#chooseAccount();
    })();
    return this.#accountId;
  }

  async #chooseAccount(): Promise<string> {
    const client = await this.loggedInClient();
    const person = await client.getPerson({ signal: this.io.signal });
    const accounts = (person.accounts ?? []).filter((account) => account.accountId);
    if (accounts.length === 0) throw new RenaultError("No account found.");
    const first = accounts[0];
    if (accounts.length === 1 && first?.accountId && !this.prompt.interactive) return first.accountId;
    if (!this.prompt.interactive) {
      throw new UsageError(
        `this login has ${accounts.length} accounts: choose one with --account ` +
          `(${accounts.map((account) => `${account.accountId ?? ""} ${account.accountType ?? ""}`.trim()).join(", ")}) ` +
          "or save it with `renault-api set --account ID`",
      );
    }
    // One person GET only: no vehicle count per account (that cost one GET per account upstream).
    this.io.stderr.write(
      table(
        ["", "ID", "Type", "Status"],
        accounts.map((account, index) => [
          index + 1,
          account.accountId,
          account.accountType,
          account.accountStatus,
        ]),
      ),
    );
    const preferred = accounts.findIndex((account) => account.accountType === "MYRENAULT");
    const choice = await this.prompt.choose("Please select account", accounts.length, {
      default: preferred >= 0 ? preferred + 1 : undefined,
      option: "--account",
      what: "no account chosen",
    });
    const accountId = accounts[choice - 1]?.accountId ?? "";
    if (await this.prompt.confirm("Do you want to save the account ID to the credential store?", false)) {
      await this.save({ [CredentialKey.accountId]: accountId });
    }
    this.io.stderr.write("\n");
    return accountId;
  }

  /** The account proxy of {@link accountId}. */
  async account(): Promise<RenaultAccount> {
    const client = await this.loggedInClient();
    return client.account(await this.accountId());
  }

  /**
   * The vehicle: `--vin` > stored `vin` > demo default > menu of the account's vehicles.
   * Its model (code, energy, brand) is kept in the credential file, so a later run needs no details
   * request before its first read; `fullDetails` asks for the complete details instead.
   */
  vehicle(options: { readonly fullDetails?: boolean } = {}): Promise<RenaultVehicle> {
    this.#vehicle ??= (async () => {
      const account = await this.account();
      const stored = await this.store().read();
      const vin = this.globals.vin ?? stored[CredentialKey.vin] ?? (this.#demo ? this.#demo.vin : undefined);
      if (!vin) return this.#chooseVehicle(account);
      const known = options.fullDetails
        ? undefined
        : readModelCache(stored[MODEL_CACHE_KEY], vin, this.now());
      const vehicle = account.getApiVehicle(vin, { details: known });
      if (!known && !options.fullDetails) {
        const details = await vehicle.getDetails(this.call);
        await this.#rememberModel(stored[MODEL_CACHE_KEY], vin, details).catch(() => undefined);
      }
      return vehicle;
    })();
    return this.#vehicle;
  }

  async #rememberModel(cache: string | undefined, vin: string, details: VehicleDetails): Promise<void> {
    const entry = modelOf(details);
    if (!entry.model?.code) return;
    const entries = { ...parseModelCache(cache), [vin]: { at: this.now().getTime(), details: entry } };
    const newest = Object.entries(entries)
      .sort(([, a], [, b]) => b.at - a.at)
      .slice(0, 5);
    await this.save({ [MODEL_CACHE_KEY]: JSON.stringify(Object.fromEntries(newest)) });
  }

  async #chooseVehicle(account: RenaultAccount): Promise<RenaultVehicle> {
    const vehicles = await account.getApiVehicles({ signal: this.io.signal });
    if (vehicles.length === 0) throw new RenaultError("No vehicle found.");
    const only = vehicles.length === 1 ? vehicles[0] : undefined;
    if (only && !this.prompt.interactive) return only;
    if (!this.prompt.interactive) {
      throw new UsageError(
        `this account has ${vehicles.length} vehicles: choose one with --vin ` +
          `(${vehicles.map((vehicle) => vehicle.vin).join(", ")}) or save it with \`renault-api set --vin VIN\``,
      );
    }
    const rows = await Promise.all(
      vehicles.map(async (vehicle, index) => {
        const details = await vehicle.getDetails();
        return [
          index + 1,
          vehicle.vin,
          details.registrationNumber,
          details.brand?.label,
          details.model?.label,
        ];
      }),
    );
    this.io.stderr.write(table(["", "Vin", "Registration", "Brand", "Model"], rows));
    const choice = await this.prompt.choose("Please select vehicle", vehicles.length, {
      default: vehicles.length === 1 ? 1 : undefined,
      option: "--vin",
      what: "no vehicle chosen",
    });
    const vehicle = vehicles[choice - 1];
    if (!vehicle) throw new RenaultError("No vehicle found.");
    if (await this.prompt.confirm("Do you want to save the VIN to the credential store?", false)) {
      await this.save({ [CredentialKey.vin]: vehicle.vin });
    }
    this.io.stderr.write("\n");
    return vehicle;
  }

  // --- input ------------------------------------------------------------------------------------

  /** Parses a date option (ISO or a phrase); unreadable → usage error. */
  when(text: string, option: string, forwardDate = false): Date {
    return parseWhen(text, { now: this.now(), timeZone: this.timeZone, forwardDate, option });
  }

  /** Call options for library calls (the CLI's abort signal). */
  get call(): { signal?: AbortSignal } {
    return this.io.signal ? { signal: this.io.signal } : {};
  }

  /** Releases what the run holds (stdin, the demo simulator). */
  async close(): Promise<void> {
    await this.prompt.close();
    await this.#demo?.close();
  }
}
