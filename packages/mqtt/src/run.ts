/**
 * Starting the bridge from {@link Settings}: the built-in simulator (`--demo`) or the CLI's
 * credential file, a client whose every Kamereon request spends from the run's budget.
 */
import { readFileSync } from "node:fs";
import {
  FileCredentialStore,
  RenaultClient,
  type ConfirmClock,
  type RenaultClientOptions,
} from "renault-api";
import { startSimulator } from "renault-api/simulator";
import type { BrokerOptions } from "./broker.js";
import { MqttBridge, type BridgeLogger } from "./bridge.js";
import { RequestBudget } from "./budget.js";
import { SettingsError, type Settings } from "./config.js";
import { LibraryAdapter } from "./library-adapter.js";

/** The credential file holds no login: exit code 3 (as the CLI's "not logged in"). */
export class NotLoggedInError extends Error {
  override name = "NotLoggedInError";
}

/** A running bridge and what it started. */
export interface RunningBridge {
  readonly bridge: MqttBridge;
  /** Stops the bridge (publishing `offline`) and what it started. */
  stop(): Promise<void>;
}

/** Test hooks: the clock and the waits (the simulator's clock), the client's retry delay. */
export interface RunHooks {
  readonly now?: (() => number) | undefined;
  readonly sleep?: ((ms: number, signal: AbortSignal) => Promise<void>) | undefined;
  readonly client?: Partial<RenaultClientOptions> | undefined;
}

/** The hooks' waits as the confirmations' clock; an aborted wait ends the confirmation. */
function confirmClock(wait: NonNullable<RunHooks["sleep"]>, now: () => number = Date.now): ConfirmClock {
  return {
    now,
    async sleep(ms, signal) {
      const stop = signal ?? new AbortController().signal;
      await wait(ms, stop);
      if (stop.aborted) throw stop.reason;
    },
  };
}

function readPem(file: string | undefined, name: string): Buffer | undefined {
  if (file === undefined) return undefined;
  try {
    return readFileSync(file);
  } catch (error) {
    throw new SettingsError(
      `--${name} ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? "error"})`,
    );
  }
}

/** The broker options of `settings` (TLS files read now, so a bad path fails at start). */
export function brokerOptions(settings: Settings): BrokerOptions {
  return {
    url: settings.broker,
    username: settings.username,
    password: settings.password,
    clientId: settings.clientId,
    keepalive: settings.keepalive,
    tls: {
      ca: readPem(settings.tls.ca, "tls-ca"),
      cert: readPem(settings.tls.cert, "tls-cert"),
      key: readPem(settings.tls.key, "tls-key"),
      rejectUnauthorized: settings.tls.rejectUnauthorized,
    },
  };
}

/**
 * Runs the bridge: against a private simulator with `settings.demo`, else with the login of the
 * CLI's credential file.
 * @throws {NotLoggedInError} no login token in the credential file
 * @throws {SettingsError} an unreadable TLS file
 */
export async function runBridge(
  settings: Settings,
  logger?: BridgeLogger,
  hooks: RunHooks = {},
): Promise<RunningBridge> {
  const broker = brokerOptions(settings);
  const budget = new RequestBudget(settings.budget, hooks.now);
  const closers: (() => Promise<void>)[] = [];
  try {
    let client: RenaultClient;
    const common: RenaultClientOptions = {
      onTrace: budget.onTrace,
      logger: { warn: (message: string) => logger?.warn(message) },
      ...hooks.client,
    };
    if (settings.demo) {
      const simulator = await startSimulator();
      closers.push(() => simulator.close());
      client = new RenaultClient({
        ...common,
        locale: "fr_FR",
        gigyaUrl: simulator.gigyaUrl,
        gigyaApiKey: simulator.gigyaApiKey,
        kamereonUrl: simulator.kamereonUrl,
        kamereonApiKey: simulator.kamereonApiKey,
      });
      await client.session.login(simulator.demo.email, simulator.demo.password);
    } else {
      client = new RenaultClient({
        ...common,
        credentialStore: new FileCredentialStore(settings.credentials),
      });
      if (!(await client.getLoginToken()))
        throw new NotLoggedInError(
          `not logged in: run \`renault-api login\` (credential file ${settings.credentials})`,
        );
    }
    const adapter = new LibraryAdapter({
      client,
      interval: settings.interval * 1000,
      budget,
      sleep: hooks.sleep,
      accountIds: settings.account === undefined ? undefined : [settings.account],
      vins: settings.vins,
      confirmation: {
        deadline: settings.confirmDeadline * 1000,
        reads: settings.confirmReads,
        clock: hooks.sleep && confirmClock(hooks.sleep, hooks.now),
      },
    });
    const abort = new AbortController();
    const bridge = new MqttBridge({
      broker,
      base: settings.base,
      prefix: settings.prefix,
      gpsDecimals: settings.gpsDecimals,
      feed: adapter.feed(abort.signal),
      commands: adapter,
      logger,
    });
    await bridge.start();
    return {
      bridge,
      async stop() {
        abort.abort();
        await bridge.stop();
        for (const close of closers.reverse()) await close();
      },
    };
  } catch (error) {
    for (const close of closers.reverse()) await close();
    throw error;
  }
}
