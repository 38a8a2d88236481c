/**
 * What a running command gets: output, prompts, the credential store, and a client, account and
 * vehicle resolved the way the Python CLI does it (options > stored defaults > interactive menu).
 * Loaded lazily by `main()`, after `--version`/`--help`, because it pulls in the library. The jobs
 * live in their own modules: environment.ts, locale.ts, client-setup.ts, choose.ts.
 */
import {
  CredentialKey,
  type CredentialStore,
  FileCredentialStore,
  MemoryCredentialStore,
  type RenaultAccount,
  type RenaultClient,
  type RenaultVehicle,
} from "../index.js";
import { chooseAccount, chooseVehicle } from "./choose.js";
import { createClient, loggedInClient, logIn } from "./client-setup.js";
import { parseWhen } from "./dates.js";
import type { Demo } from "./demo.js";
import { credentialPath } from "./environment.js";
import type { GlobalOptions } from "./globals.js";
import { type Io, stripControl } from "./io.js";
import { checkLocale, localeChanges } from "./locale.js";
import { Prompter } from "./prompt.js";
import { json, writeText } from "./render.js";
import { createTracer, redact, type Tracer } from "./trace.js";
import { checkAccountId, checkVin } from "./values.js";

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

  /** Text made safe to print: no secrets, no terminal control characters. */
  clean(text: string, oneLine = false): string {
    return stripControl(redact(text, this.tracer.secrets), oneLine);
  }

  /** Writes data to stdout (a final newline is added when missing). */
  print(text: string): void {
    writeText(this.io.stdout, this.clean(text));
  }

  /** Writes a remark to stderr (warnings, progress; never data). */
  note(text: string): void {
    writeText(this.io.stderr, this.clean(text));
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

  /** Checks a locale name; unknown ones are a usage error listing the valid ones. */
  checkLocale(locale: string): string {
    return checkLocale(locale);
  }

  /** Saves a locale with its country, URLs and keys (what `set --locale` does). */
  async saveLocale(locale: string): Promise<void> {
    await this.save(localeChanges(locale));
  }

  /** A client (not necessarily logged in). Environment overrides win over the stored settings. */
  client(): Promise<RenaultClient> {
    this.#client ??= createClient(this);
    return this.#client;
  }

  /** Logs in with e-mail and password and stores the login token; remembers the secrets. */
  login(user: string, password: string): Promise<void> {
    return logIn(this, user, password);
  }

  /** A logged-in client, logging in on the fly when possible (see {@link loggedInClient}). */
  loggedInClient(): Promise<RenaultClient> {
    return loggedInClient(this);
  }

  // --- account and vehicle ----------------------------------------------------------------------

  /** The account id: `--account` > stored `accound-id` > demo default > menu. */
  accountId(): Promise<string> {
    this.#accountId ??= (async () => {
      if (this.globals.account) return checkAccountId(this.globals.account);
      const stored = (await this.store().read())[CredentialKey.accountId];
      if (stored) return checkAccountId(stored, "the saved account id");
      if (this.#demo)
        return (this.globals.vin && this.#demo.accountOf(this.globals.vin)) ?? this.#demo.accountId;
      return chooseAccount(this);
    })();
    return this.#accountId;
  }

  /** The account proxy of {@link accountId}. */
  async account(): Promise<RenaultAccount> {
    const accountId = await this.accountId();
    const client = await this.loggedInClient();
    return client.account(accountId);
  }

  /**
   * The vehicle: `--vin` > stored `vin` > demo default > menu of the account's vehicles.
   * The library keeps its model in the credential file (`renault_api_vehicles`), so a later run
   * needs no details request before its first read; `fullDetails` asks for the complete details.
   */
  vehicle(options: { readonly fullDetails?: boolean } = {}): Promise<RenaultVehicle> {
    this.#vehicle ??= (async () => {
      if (this.globals.vin !== undefined) checkVin(this.globals.vin);
      const account = await this.account();
      const stored = await this.store().read();
      const vin = this.globals.vin ?? stored[CredentialKey.vin] ?? (this.#demo ? this.#demo.vin : undefined);
      if (!vin) return chooseVehicle(this, account);
      checkVin(vin, this.globals.vin === undefined ? "the saved VIN" : "--vin");
      return account.vehicle(vin, { freshDetails: options.fullDetails === true });
    })();
    return this.#vehicle;
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

  readonly #closing: (() => Promise<void>)[] = [];

  /** Runs `task` when the run ends (e.g. a pending write of the store). */
  onClose(task: () => Promise<void>): void {
    this.#closing.push(task);
  }

  /** Releases what the run holds (stdin, the demo simulator), after the pending tasks. */
  async close(): Promise<void> {
    for (const task of this.#closing.splice(0)) await task().catch(() => undefined);
    await this.prompt.close();
    await this.#demo?.close();
  }
}
