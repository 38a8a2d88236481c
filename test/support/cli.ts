import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterEach } from "vitest";
import { main } from "../../src/cli/main.js";
import type { Simulator } from "../../src/simulator/index.js";

/** What one in-process run of the CLI produced. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** A temporary home with a credential file path and an environment pointing at a simulator. */
export interface CliHome {
  readonly dir: string;
  readonly credentials: string;
  readonly env: Record<string, string>;
  /** Runs the CLI with this home's environment. */
  run(argv: readonly string[], options?: RunOptions): Promise<CliRun>;
  /** The credential file, parsed (`undefined` when absent). */
  file(): Promise<Record<string, string> | undefined>;
}

/** Options of {@link runCli}. */
export interface RunOptions {
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Answers typed at prompts (implies a terminal unless `tty` is false). */
  readonly stdin?: string;
  readonly tty?: boolean;
  readonly cwd?: string;
  readonly now?: Date | (() => Date);
  readonly signal?: AbortSignal;
  /** Replaces real waiting (e.g. moves a simulator clock). */
  readonly sleep?: (ms: number) => Promise<void>;
}

const homes: string[] = [];

afterEach(async () => {
  await Promise.all(homes.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** Runs `main(argv, io)` with buffers for stdout and stderr. */
export async function runCli(argv: readonly string[], options: RunOptions = {}): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const tty = options.tty ?? options.stdin !== undefined;
  const code = await main(argv, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    env: { ...options.env },
    stdin:
      options.stdin === undefined ? (tty ? Readable.from([]) : undefined) : Readable.from([options.stdin]),
    isTTY: tty,
    cwd: options.cwd,
    now:
      options.now === undefined
        ? undefined
        : typeof options.now === "function"
          ? options.now
          : () => options.now as Date,
    signal: options.signal,
    sleep: options.sleep,
  });
  return { code, stdout, stderr };
}

/** The environment that points the CLI at a simulator (without a locale unless asked). */
export function simEnv(sim: Simulator): Record<string, string> {
  return {
    RENAULT_API_GIGYA_URL: sim.gigyaUrl,
    RENAULT_API_GIGYA_API_KEY: sim.gigyaApiKey,
    RENAULT_API_KAMEREON_URL: sim.kamereonUrl,
    RENAULT_API_KAMEREON_API_KEY: sim.kamereonApiKey,
    RENAULT_API_MYR_URL: sim.myrUrl,
  };
}

/** A fresh temporary home; with a simulator, the environment points at it with locale fr_FR. */
export async function cliHome(sim?: Simulator, extra: Record<string, string> = {}): Promise<CliHome> {
  const dir = await mkdtemp(join(tmpdir(), "renault-cli-"));
  homes.push(dir);
  const credentials = join(dir, ".credentials", "renault-api.json");
  const env: Record<string, string> = {
    HOME: dir,
    TZ: "Europe/Paris",
    // No real backoff between retries in tests (the house rule); a test can still set its own.
    RENAULT_API_RETRY_DELAY: "0",
    ...(sim ? { ...simEnv(sim), RENAULT_API_LOCALE: "fr_FR" } : {}),
    ...extra,
  };
  return {
    dir,
    credentials,
    env,
    run: (argv, options = {}) => runCli(argv, { cwd: dir, ...options, env: { ...env, ...options.env } }),
    file: async () => {
      try {
        return JSON.parse(await readFile(credentials, "utf8")) as Record<string, string>;
      } catch {
        return undefined;
      }
    },
  };
}

/** A home logged in as the demo user, with the demo ZOE 40 saved as default account and VIN. */
export async function loggedInHome(
  sim: Simulator,
  vehicle: keyof Simulator["demo"]["vins"] = "zoe40",
): Promise<CliHome> {
  const home = await cliHome(sim);
  const login = await home.run(["login", "--user", sim.demo.email, "--password", sim.demo.password]);
  if (login.code !== 0) throw new Error(`login failed: ${login.stderr}`);
  const account = sim.demo.models.find((model) => model.model === vehicle)?.accountId ?? "";
  const set = await home.run(["set", "--account", account, "--vin", sim.demo.vins[vehicle]]);
  if (set.code !== 0) throw new Error(`set failed: ${set.stderr}`);
  return home;
}

/** Writes a credential file. */
export async function writeCredentials(home: CliHome, values: Record<string, string>): Promise<void> {
  const { mkdir } = await import("node:fs/promises");
  await mkdir(join(home.dir, ".credentials"), { recursive: true });
  await writeFile(home.credentials, JSON.stringify(values, null, 2));
}
