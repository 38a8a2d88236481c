/**
 * Starting the bridge from settings: the demo (built-in simulator) today; the credential file of
 * the CLI, `--budget` and the watcher come with wave 2 of issue 18.
 */
import { RenaultClient } from "renault-api";
import { startSimulator } from "renault-api/simulator";
import type { BrokerOptions } from "./broker.js";
import { MqttBridge, type BridgeLogger } from "./bridge.js";
import { LibraryAdapter } from "./library-adapter.js";

/** What `renault-api-mqtt` runs with. */
export interface RunSettings {
  readonly broker: BrokerOptions;
  readonly base?: string | undefined;
  readonly prefix?: string | undefined;
  readonly gpsDecimals?: number | undefined;
  /** @unit milliseconds */
  readonly interval: number;
  readonly vins?: readonly string[] | undefined;
  readonly logger?: BridgeLogger | undefined;
}

/** A running bridge and what it started. */
export interface RunningBridge {
  readonly bridge: MqttBridge;
  /** Stops the bridge (publishing `offline`) and what it started. */
  stop(): Promise<void>;
}

/** Runs the bridge against a private simulator (`--demo`). */
export async function runDemo(settings: RunSettings): Promise<RunningBridge> {
  const simulator = await startSimulator();
  const client = new RenaultClient({
    locale: "fr_FR",
    gigyaUrl: simulator.gigyaUrl,
    gigyaApiKey: simulator.gigyaApiKey,
    kamereonUrl: simulator.kamereonUrl,
    kamereonApiKey: simulator.kamereonApiKey,
  });
  try {
    await client.session.login(simulator.demo.email, simulator.demo.password);
    const adapter = new LibraryAdapter({ client, interval: settings.interval, vins: settings.vins });
    const abort = new AbortController();
    const bridge = new MqttBridge({
      broker: settings.broker,
      base: settings.base,
      prefix: settings.prefix,
      gpsDecimals: settings.gpsDecimals,
      feed: adapter.feed(abort.signal),
      commands: adapter,
      logger: settings.logger,
    });
    await bridge.start();
    return {
      bridge,
      async stop() {
        abort.abort();
        await bridge.stop();
        await simulator.close();
      },
    };
  } catch (error) {
    await simulator.close();
    throw error;
  }
}
