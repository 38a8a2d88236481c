/**
 * The ONE file that calls the renault-api library: a polling {@link VehicleFeed} and a
 * {@link CommandRunner} whose commands are confirmed actions (issue 17, ./confirmed-commands.ts).
 * Wave 2 replaces the polling loop with `client.watch()` (issue 16); the method renames of
 * issue 13 touch only this file and ./confirmed-commands.ts.
 */
import {
  EndpointNotAvailableError,
  QuotaLimitError,
  type EndpointKey,
  type ReadKey,
  type RenaultClient,
  type RenaultVehicle,
  type SocLimits,
  type VehicleDetails,
} from "renault-api";
import { brandLabel, modelCode, modelLabel, pictureUrl, usesElectricity, usesFuel } from "renault-api/models";
import type {
  BridgeCommand,
  Capability,
  CommandOutcome,
  CommandRunner,
  FeedEvent,
  ReadingValue,
  Support,
  VehicleDescription,
  VehicleFeed,
  VehiclePosition,
} from "./feed.js";
import type { RequestBudget } from "./budget.js";
import { BRIDGE_CONFIRMATION, runConfirmed, type CommandConfirmation } from "./confirmed-commands.js";
import { readingsOf, watchToFeed, type WatchEventLike, type WatchedVehicle } from "./watch-feed.js";

type Sleep = (ms: number, signal: AbortSignal) => Promise<void>;

/** `client.watch()` as the bridge calls it (src/watch/events.ts `WatchOptions`). */
type WatchMethod = (options: {
  vins: readonly string[];
  budget?: number | undefined;
  keys: readonly string[];
  signal: AbortSignal;
  sleep: Sleep;
}) => AsyncIterable<WatchEventLike>;

/** Options of {@link LibraryAdapter}. */
export interface LibraryAdapterOptions {
  /** A logged-in client. */
  readonly client: RenaultClient;
  /** Only these accounts. @default every account */
  readonly accountIds?: readonly string[] | undefined;
  /** Only these vehicles. @default every vehicle */
  readonly vins?: readonly string[] | undefined;
  /** Time between two polls of a vehicle. @unit milliseconds */
  readonly interval: number;
  /**
   * Requests per hour the polls may spend (wired to the client's `onTrace`); a round of reads
   * waits until it fits. @default no budget
   */
  readonly budget?: RequestBudget | undefined;
  /** Waits `ms` or until `signal` aborts (the simulator's clock in tests). @default a timer */
  readonly sleep?: ((ms: number, signal: AbortSignal) => Promise<void>) | undefined;
  /** How commands confirm their effect. @default {@link BRIDGE_CONFIRMATION} */
  readonly confirmation?: CommandConfirmation | undefined;
  /**
   * Feed from the client's `client.watch()` (issue 16) instead of polling. Off by default: the
   * watcher path does not yet announce the first `ok` health, honour the given clock, nor count
   * its discovery reads in the bridge's budget (packages/mqtt/test/polling.test.ts).
   * @default false
   */
  readonly watch?: boolean | undefined;
}

/** The reads a poll makes, one request each. */
const READ_CAPABILITIES: readonly (Capability & ReadKey)[] = [
  "battery-status",
  "cockpit",
  "hvac-status",
  "pressure",
  "lock-status",
  "charge-mode",
  "soc-levels",
  "location",
];

const CAPABILITY_ENDPOINTS: Readonly<Record<Capability, EndpointKey>> = {
  "battery-status": "battery-status",
  cockpit: "cockpit",
  location: "location",
  "hvac-status": "hvac-status",
  pressure: "pressure",
  "lock-status": "lock-status",
  "charge-mode": "charge-mode",
  "soc-levels": "soc-levels",
  "actions/charge-start": "actions/charge-start",
  "actions/charge-stop": "actions/charge-stop",
  "actions/hvac-start": "actions/hvac-start",
  "actions/hvac-stop": "actions/hvac-stop",
  "actions/horn-start": "actions/horn-start",
  "actions/lights-start": "actions/lights-start",
  "actions/refresh-location": "actions/refresh-location",
  "actions/charge-set-mode": "actions/charge-set-mode",
  "actions/soc-levels": "soc-levels",
};

/** The charge modes the library knows how to send. */
const CHARGE_MODES = ["always_charging", "schedule_mode"];

interface Polled {
  readonly vehicle: RenaultVehicle;
  readonly details: VehicleDetails;
  support: Partial<Record<Capability, Support>>;
  readonly remoteProtocol: "kca" | "kcm" | undefined;
  readonly socLimits: SocLimits;
}

function describe(polled: Polled): VehicleDescription {
  const { vehicle, details, support, remoteProtocol, socLimits: soc } = polled;
  const code = modelCode(details);
  const brand = brandLabel(details);
  const model = modelLabel(details);
  return {
    vin: vehicle.vin,
    brand: brand ? brand.charAt(0) + brand.slice(1).toLowerCase() : undefined,
    model,
    modelCode: code,
    picture: pictureUrl(details),
    remoteProtocol,
    electric: usesElectricity(details),
    fuel: usesFuel(details),
    support: { ...support },
    socMin: { min: soc.minSocMin, max: soc.maxSocMin, step: soc.step },
    socTarget: { min: soc.minSocTarget, max: soc.maxSocTarget, step: soc.step },
    hvacTemperature: { min: 16, max: 26, step: 1 },
    chargeModes: CHARGE_MODES,
  };
}

const oneLine = (error: unknown): string =>
  (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).split("\n")[0] ?? "";

/** Polls through the library; one instance serves the feed and the commands. */
export class LibraryAdapter implements CommandRunner {
  readonly #options: LibraryAdapterOptions;
  readonly #vehicles = new Map<string, Polled>();

  constructor(options: LibraryAdapterOptions) {
    this.#options = options;
  }

  /** The vehicles, then their readings every `interval`, until `signal` aborts. */
  feed(signal: AbortSignal): VehicleFeed {
    return { [Symbol.asyncIterator]: () => this.#poll(signal) };
  }

  async *#poll(signal: AbortSignal): AsyncGenerator<FeedEvent> {
    const { client, accountIds, vins } = this.#options;
    const accounts = accountIds ? accountIds.map((id) => client.account(id)) : await client.getAccounts();
    for (const account of accounts) {
      for (const vehicle of await account.getVehicles()) {
        if (vins && !vins.includes(vehicle.vin)) continue;
        const details = await vehicle.getDetails();
        const support: Partial<Record<Capability, Support>> = {};
        for (const capability of Object.keys(CAPABILITY_ENDPOINTS) as Capability[]) {
          support[capability] = (await vehicle.supports(CAPABILITY_ENDPOINTS[capability]))
            ? "supported"
            : "unsupported";
        }
        const polled: Polled = {
          vehicle,
          details,
          support,
          remoteProtocol: await vehicle.remoteProtocol(),
          socLimits: await vehicle.socLimits(),
        };
        this.#vehicles.set(vehicle.vin, polled);
        yield { type: "vehicle", description: describe(polled) };
      }
    }
    const wait = this.#options.sleep ?? sleep;
    // SWITCH (issue 16): only on request (`watch: true`) and a client with `watch()` feeds the
    // bridge from its watcher; otherwise the vehicles are polled below.
    const watchable = client as unknown as { watch?: WatchMethod };
    if (this.#options.watch === true && typeof watchable.watch === "function") {
      yield* this.#watch(watchable.watch.bind(client), signal, wait);
      return;
    }
    while (!signal.aborted) {
      for (const polled of this.#vehicles.values()) {
        const cost = READ_CAPABILITIES.filter((c) => polled.support[c] === "supported").length;
        if (!(await this.#withinBudget(cost, signal, wait))) return;
        yield* this.#pollOne(polled);
      }
      await wait(this.#options.interval, signal);
    }
  }

  #watch(watch: WatchMethod, signal: AbortSignal, wait: Sleep): AsyncIterable<FeedEvent> {
    const watched = new Map<string, WatchedVehicle>();
    for (const [vin, polled] of this.#vehicles) {
      watched.set(vin, {
        details: polled.details,
        accountId: polled.vehicle.accountId,
        unsupported: (capability) => {
          polled.support[capability] = "unsupported";
          return describe(polled);
        },
      });
    }
    const keys = READ_CAPABILITIES.filter((key) =>
      [...this.#vehicles.values()].some((polled) => polled.support[key] === "supported"),
    );
    return watchToFeed(
      watch({
        vins: [...this.#vehicles.keys()],
        budget: this.#options.budget?.perHour,
        keys,
        signal,
        sleep: wait,
      }),
      watched,
    );
  }

  /** Waits until `cost` requests fit in the budget; `false` when `signal` aborted meanwhile. */
  async #withinBudget(
    cost: number,
    signal: AbortSignal,
    wait: (ms: number, signal: AbortSignal) => Promise<void>,
  ): Promise<boolean> {
    const budget = this.#options.budget;
    // Loops: the wait may end early (abort), or commands may have spent the room meanwhile.
    for (;;) {
      if (signal.aborted) return false;
      const delay = budget?.delayFor(cost) ?? 0;
      if (delay === 0) return true;
      await wait(delay, signal);
    }
  }

  async *#pollOne(polled: Polled): AsyncGenerator<FeedEvent> {
    const { vehicle, details } = polled;
    const readings: Record<string, ReadingValue> = {};
    let position: VehiclePosition | undefined;
    // Written by the reads below (a closure: plain lets would look constant to the linter).
    const outcome: { lastError?: string; quota: boolean; learnt: boolean } = { quota: false, learnt: false };
    const read = async (capability: Capability, get: () => Promise<void>): Promise<void> => {
      if (polled.support[capability] !== "supported") return;
      try {
        await get();
      } catch (error) {
        if (error instanceof EndpointNotAvailableError) {
          polled.support[capability] = "unsupported";
          outcome.learnt = true;
          return;
        }
        outcome.quota ||= error instanceof QuotaLimitError;
        outcome.lastError = oneLine(error);
      }
    };
    for (const key of READ_CAPABILITIES) {
      await read(key, async () => {
        const mapped = readingsOf(key, await vehicle.read(key), details);
        Object.assign(readings, mapped.readings);
        position = mapped.position ?? position;
      });
    }
    if (outcome.learnt) yield { type: "vehicle", description: describe(polled) };
    yield { type: "readings", vin: vehicle.vin, readings, position };
    const lastReport = typeof readings.last_report === "string" ? readings.last_report : undefined;
    yield {
      type: "health",
      vin: vehicle.vin,
      health: {
        status: outcome.quota ? "quota" : outcome.lastError ? "failing" : "ok",
        lastReport,
        lastError: outcome.lastError,
      },
    };
  }

  /** Runs a command as a confirmed action: sent once, then read back (./confirmed-commands.ts). */
  run(vin: string, command: BridgeCommand, signal?: AbortSignal): Promise<CommandOutcome> {
    const vehicle = this.#vehicles.get(vin)?.vehicle;
    if (!vehicle) return Promise.resolve({ status: "rejected", message: "unknown vehicle" });
    const { confirmation = BRIDGE_CONFIRMATION, budget } = this.#options;
    return runConfirmed(vehicle, command, confirmation, budget, signal);
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) {
      resolve();
      return;
    }
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done);
  });
}
