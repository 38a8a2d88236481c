/**
 * The MQTT side of the bridge: connects with a last will, publishes each vehicle's discovery,
 * state, readings, location and health retained and on change only, republishes everything after
 * a reconnect and when Home Assistant comes online, and turns command messages into commands.
 */
import { connect, type MqttClient } from "mqtt";
import { clientOptions, safeUrl, type BrokerOptions } from "./broker.js";
import { parseCommand, type ParsedCommand } from "./commands.js";
import { buildDiscovery, type Origin } from "./discovery.js";
import { ENTITIES } from "./entities.js";
import type {
  CommandOutcome,
  CommandRunner,
  FeedEvent,
  ReadingValue,
  VehicleDescription,
  VehicleFeed,
  VehicleHealth,
  VehiclePosition,
} from "./feed.js";
import { validateDeviceDiscovery } from "./ha-validate.js";
import { Topics, isTopicSafeVin } from "./topics.js";

/** Where the bridge writes what it does (console and pino fit). Never given secrets. */
export interface BridgeLogger {
  warn(message: string, fields?: Record<string, unknown>): void;
  info?(message: string, fields?: Record<string, unknown>): void;
  debug?(message: string, fields?: Record<string, unknown>): void;
}

/** Options of {@link MqttBridge}. */
export interface BridgeOptions {
  readonly broker: BrokerOptions;
  readonly feed: VehicleFeed;
  readonly commands: CommandRunner;
  /** @default "renault-api" */
  readonly base?: string | undefined;
  /** Home Assistant's discovery prefix. @default "homeassistant" */
  readonly prefix?: string | undefined;
  /** Decimals kept in published coordinates (2 ≈ 1 km, 3 ≈ 100 m). @default 5 (≈ 1 m) */
  readonly gpsDecimals?: number | undefined;
  readonly origin?: Origin | undefined;
  /** Delay before republishing after Home Assistant's `online`. @default random 0–2 s @unit ms */
  readonly birthDelay?: (() => number) | undefined;
  /** HVAC start temperature until a user sets one. @default 21 @unit °C */
  readonly hvacTemperature?: number | undefined;
  readonly logger?: BridgeLogger | undefined;
}

interface VehicleEntry {
  description: VehicleDescription;
  announced: ReadonlySet<string>;
  readings: Record<string, ReadingValue>;
  position?: VehiclePosition | undefined;
  /** Commands of this vehicle run one after the other. */
  queue: Promise<void>;
}

const DEFAULT_ORIGIN: Origin = { name: "renault-api-mqtt", url: "https://github.com/hacf-fr/renault-api" };

/** Rounds a coordinate to `decimals` places. */
export function roundCoordinate(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

/** The bridge. `start()` connects and consumes the feed; `stop()` says `offline` and leaves. */
export class MqttBridge {
  readonly topics: Topics;
  readonly #options: BridgeOptions;
  readonly #vehicles = new Map<string, VehicleEntry>();
  /** What each retained topic must hold: republished as a whole after a reconnect. */
  readonly #retained = new Map<string, string>();
  readonly #abort = new AbortController();
  #client: MqttClient | undefined;
  #feedDone: Promise<void> | undefined;
  #stopping = false;

  constructor(options: BridgeOptions) {
    this.#options = options;
    this.topics = new Topics({
      base: options.base ?? "renault-api",
      prefix: options.prefix ?? "homeassistant",
    });
  }

  /** Connects (resolves on the first connection) and starts consuming the feed. */
  async start(): Promise<void> {
    const { broker, logger } = this.#options;
    const client = connect(broker.url, clientOptions(broker, this.topics.availability));
    this.#client = client;
    client.on("connect", () => {
      logger?.info?.("connected to the broker", { broker: safeUrl(broker.url) });
      void this.#onConnect(client);
    });
    client.on("error", (error) => {
      logger?.warn("broker error", { error: error.message });
    });
    client.on("message", (topic, payload, packet) => {
      void this.#onMessage(topic, payload, packet.retain);
    });
    await new Promise<void>((resolve, reject) => {
      const onError = (error: Error): void => {
        client.removeListener("connect", onConnect);
        reject(new Error(`cannot connect to ${safeUrl(broker.url)}: ${error.message}`));
      };
      const onConnect = (): void => {
        client.removeListener("error", onError);
        resolve();
      };
      client.once("connect", onConnect);
      client.once("error", onError);
    });
    this.#feedDone = this.#consume();
  }

  /** Resolves when the feed has ended (or failed: the failure is logged). */
  get done(): Promise<void> {
    return this.#feedDone ?? Promise.resolve();
  }

  /** Publishes `offline`, waits for running commands, and disconnects. */
  async stop(): Promise<void> {
    if (this.#stopping) return;
    this.#stopping = true;
    this.#abort.abort();
    const client = this.#client;
    if (!client) return;
    await Promise.allSettled([...this.#vehicles.values()].map((entry) => entry.queue));
    if (client.connected) {
      await client
        .publishAsync(this.topics.availability, "offline", { qos: 1, retain: true })
        .catch(() => undefined);
    }
    await client.endAsync();
  }

  async #onConnect(client: MqttClient): Promise<void> {
    try {
      await client.publishAsync(this.topics.availability, "online", { qos: 1, retain: true });
      // QoS 0 for commands: a broker never redelivers one, so an action is never sent twice.
      await client.subscribeAsync({
        [this.topics.allCommands]: { qos: 0 },
        [this.topics.homeAssistantStatus]: { qos: 0 },
      });
      await this.#republish();
    } catch (error) {
      this.#options.logger?.warn("publishing after connect failed", { error: errorText(error) });
    }
  }

  /** Every retained topic again, discovery first (a broker without persistence lost them). */
  async #republish(): Promise<void> {
    const client = this.#client;
    if (!client?.connected) return;
    const entries = [...this.#retained].sort(
      ([a], [b]) =>
        Number(b.startsWith(`${this.topics.prefix}/`)) - Number(a.startsWith(`${this.topics.prefix}/`)),
    );
    await Promise.all(
      entries.map(([topic, payload]) => client.publishAsync(topic, payload, { qos: 1, retain: true })),
    );
  }

  /** Sets a retained topic; publishes only when the payload changed. */
  #retain(topic: string, payload: string): void {
    if (this.#retained.get(topic) === payload) return;
    this.#retained.set(topic, payload);
    const client = this.#client;
    if (client?.connected) {
      client.publishAsync(topic, payload, { qos: 1, retain: true }).catch((error: unknown) => {
        this.#options.logger?.warn("publish failed", { topic, error: errorText(error) });
      });
    }
  }

  async #consume(): Promise<void> {
    try {
      for await (const event of this.#options.feed) {
        if (this.#abort.signal.aborted) break;
        this.#handle(event);
      }
    } catch (error) {
      this.#options.logger?.warn("the vehicle feed failed", { error: errorText(error) });
    }
  }

  #handle(event: FeedEvent): void {
    switch (event.type) {
      case "vehicle":
        this.#announce(event.description);
        break;
      case "readings":
        this.#readings(event.vin, event.readings, event.position);
        break;
      case "health":
        this.#health(event.vin, event.health);
        break;
    }
  }

  #announce(description: VehicleDescription): void {
    if (!isTopicSafeVin(description.vin)) {
      this.#options.logger?.warn("skipping a vehicle whose VIN cannot be a topic level");
      return;
    }
    const existing = this.#vehicles.get(description.vin);
    const discovery = buildDiscovery(
      description,
      this.topics,
      this.#options.origin ?? DEFAULT_ORIGIN,
      existing?.announced,
    );
    const problems = validateDeviceDiscovery(discovery.topic, discovery.payload);
    if (problems.length > 0) {
      this.#options.logger?.warn("discovery payload refused by the validator", { problems });
      return;
    }
    const entry: VehicleEntry = existing ?? {
      description,
      announced: new Set(),
      readings: {},
      queue: Promise.resolve(),
    };
    entry.description = description;
    entry.announced = discovery.announced;
    this.#vehicles.set(description.vin, entry);
    this.#retain(discovery.topic, discovery.payload);
    if (description.remoteProtocol !== undefined)
      this.#readings(description.vin, { remote_protocol: description.remoteProtocol });
    if (entry.readings.hvac_temperature === undefined && description.hvacTemperature !== undefined) {
      this.#readings(description.vin, { hvac_temperature: this.#options.hvacTemperature ?? 21 });
    }
  }

  #readings(vin: string, readings: Readonly<Record<string, ReadingValue>>, position?: VehiclePosition): void {
    const entry = this.#vehicles.get(vin);
    if (!entry) return;
    for (const [key, value] of Object.entries(readings)) {
      // A null is "nothing reported": the last value stays (a failed read blanks nothing).
      if (value === null || !/^[a-z0-9_]+$/.test(key)) continue;
      entry.readings[key] = value;
      this.#retain(this.topics.reading(vin, key), typeof value === "string" ? value : JSON.stringify(value));
    }
    if (position) {
      const decimals = this.#options.gpsDecimals ?? 5;
      entry.position = {
        ...position,
        latitude: roundCoordinate(position.latitude, decimals),
        longitude: roundCoordinate(position.longitude, decimals),
      };
      const attributes = {
        latitude: entry.position.latitude,
        longitude: entry.position.longitude,
        ...(position.time ? { last_update: position.time } : {}),
      };
      this.#retain(this.topics.location(vin), JSON.stringify(attributes));
    }
    const state = {
      ...entry.readings,
      ...(entry.position
        ? { location: { latitude: entry.position.latitude, longitude: entry.position.longitude } }
        : {}),
    };
    this.#retain(this.topics.state(vin), JSON.stringify(state));
  }

  #health(vin: string, health: VehicleHealth): void {
    if (!this.#vehicles.has(vin)) return;
    const document = {
      status: health.status,
      ...(health.lastReport ? { last_report: health.lastReport } : {}),
      ...(health.lastError ? { last_error: health.lastError.slice(0, 200) } : {}),
      ...(health.quotaUntil ? { quota_until: health.quotaUntil } : {}),
    };
    this.#retain(this.topics.health(vin), JSON.stringify(document));
  }

  async #onMessage(topic: string, payload: Buffer, retained: boolean): Promise<void> {
    if (topic === this.topics.homeAssistantStatus) {
      if (payload.toString() !== "online") return;
      const delay = (this.#options.birthDelay ?? (() => Math.random() * 2000))();
      await new Promise((resolve) => setTimeout(resolve, delay));
      await this.#republish().catch(() => undefined);
      return;
    }
    const target = this.topics.parseCommand(topic);
    const entry = target ? this.#vehicles.get(target.vin) : undefined;
    if (!target || !entry) {
      this.#options.logger?.warn("ignored a message on an unknown command topic");
      return;
    }
    const parsed = this.#parse(entry, target.name, payload, retained);
    if (parsed.type === "refused") {
      this.#result(target.vin, target.name, { status: "rejected", message: parsed.reason });
      return;
    }
    if (parsed.type === "setting") {
      this.#readings(target.vin, { [parsed.reading]: parsed.value });
      this.#result(target.vin, target.name, { status: "done" });
      return;
    }
    const run = entry.queue.then(async () => {
      let outcome: CommandOutcome;
      try {
        outcome = await this.#options.commands.run(target.vin, parsed.command, this.#abort.signal);
      } catch (error) {
        outcome = { status: "failed", message: errorText(error) };
      }
      this.#result(target.vin, target.name, outcome);
    });
    entry.queue = run.catch(() => undefined);
    await run;
  }

  #parse(entry: VehicleEntry, name: string, payload: Buffer, retained: boolean): ParsedCommand {
    // A retained command would run again at every reconnect.
    if (retained) return { type: "refused", reason: "retained commands are refused" };
    const entity = ENTITIES.find((candidate) => candidate.command === name);
    if (entity && entity.source !== "bridge" && entry.description.support[entity.source] !== "supported") {
      return { type: "refused", reason: "not supported by this vehicle" };
    }
    const hvacTemperature = entry.readings.hvac_temperature;
    return parseCommand(name, payload, {
      vehicle: entry.description,
      readings: entry.readings,
      hvacTemperature:
        typeof hvacTemperature === "number" ? hvacTemperature : (this.#options.hvacTemperature ?? 21),
    });
  }

  #result(vin: string, command: string, outcome: CommandOutcome): void {
    const document = {
      command,
      status: outcome.status,
      ...(outcome.message ? { message: outcome.message.slice(0, 200) } : {}),
      ...(outcome.reason ? { reason: outcome.reason } : {}),
      ...(outcome.seenAt ? { seen_at: outcome.seenAt } : {}),
      ...(outcome.requests === undefined ? {} : { requests: outcome.requests }),
      at: new Date().toISOString(),
    };
    this.#retain(this.topics.result(vin), JSON.stringify(document));
  }
}

/** One line from an error; the library's errors are already free of secrets. */
function errorText(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.split("\n")[0] ?? "";
}
