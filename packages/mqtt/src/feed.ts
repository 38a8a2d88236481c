/**
 * The seams between the bridge and the library: the bridge consumes a {@link VehicleFeed} and
 * sends commands through a {@link CommandRunner}. Today ./library-adapter.ts polls; the watcher
 * (`client.watch()`) and confirmed actions plug in here without touching the MQTT side.
 */

/** Whether a vehicle has a capability: only a definite `unsupported` removes an entity. */
export type Support = "supported" | "unsupported" | "unknown";

/** What a vehicle may support: the reads the readings come from and the actions behind commands. */
export type Capability =
  | "battery-status"
  | "cockpit"
  | "location"
  | "hvac-status"
  | "pressure"
  | "lock-status"
  | "charge-mode"
  | "soc-levels"
  | "actions/charge-start"
  | "actions/charge-stop"
  | "actions/hvac-start"
  | "actions/hvac-stop"
  | "actions/horn-start"
  | "actions/lights-start"
  | "actions/refresh-location"
  | "actions/charge-set-mode"
  | "actions/soc-levels";

/** Bounds of a number entity. */
export interface NumberBounds {
  readonly min: number;
  readonly max: number;
  readonly step: number;
}

/** One vehicle as discovery needs it. The VIN is an identifier, not a secret. */
export interface VehicleDescription {
  readonly vin: string;
  /** Display name of the device, e.g. "Renault ZOE". @default brand + model, or the VIN */
  readonly name?: string | undefined;
  readonly brand?: string | undefined;
  readonly model?: string | undefined;
  /** The model code, e.g. `X102VE`. */
  readonly modelCode?: string | undefined;
  /** A picture of the car (http(s) URL). */
  readonly picture?: string | undefined;
  /** How commands reach the car (e.g. `kca`, `kcm`), shown as a diagnostic. */
  readonly remoteProtocol?: string | undefined;
  /** Whether the car runs on electricity; `false` removes the battery and charge entities. */
  readonly electric?: boolean | undefined;
  /** Whether the car runs on fuel; `false` removes the fuel entities. */
  readonly fuel?: boolean | undefined;
  /** Per capability; a capability left out is `unknown`. */
  readonly support: Readonly<Partial<Record<Capability, Support>>>;
  /** Bounds of the minimum state of charge, in percent. */
  readonly socMin?: NumberBounds | undefined;
  /** Bounds of the charge target, in percent. */
  readonly socTarget?: NumberBounds | undefined;
  /** Bounds of the HVAC target temperature, in °C. */
  readonly hvacTemperature?: NumberBounds | undefined;
  /** The charge modes the car accepts (`always_charging`, `schedule_mode`…). */
  readonly chargeModes?: readonly string[] | undefined;
}

/** A reading's value; `null` = the car reported none (published as nothing, never as a blank). */
export type ReadingValue = string | number | boolean | null;

/** A position, before the bridge reduces its precision. */
export interface VehiclePosition {
  readonly latitude: number;
  readonly longitude: number;
  /** When the car reported it (ISO 8601). */
  readonly time?: string | undefined;
}

/** Health of one vehicle's data. */
export interface VehicleHealth {
  /** `ok`; `stale` (last data too old); `failing` (reads fail); `quota` (locked out). */
  readonly status: "ok" | "stale" | "failing" | "quota";
  /** Time of the car's last report (ISO 8601). */
  readonly lastReport?: string | undefined;
  /** The last error, one line, no secrets. */
  readonly lastError?: string | undefined;
  /** End of a quota lockout (ISO 8601). */
  readonly quotaUntil?: string | undefined;
}

/** What a feed tells the bridge. */
export type FeedEvent =
  /** A vehicle appeared or its description changed (support learnt…): (re)announce it. */
  | { readonly type: "vehicle"; readonly description: VehicleDescription }
  /** New readings, merged into what the bridge knows; readings not listed keep their value. */
  | {
      readonly type: "readings";
      readonly vin: string;
      readonly readings: Readonly<Record<string, ReadingValue>>;
      readonly position?: VehiclePosition | undefined;
    }
  | { readonly type: "health"; readonly vin: string; readonly health: VehicleHealth };

/** A source of vehicle events (the poller today, `client.watch()` in wave 2). */
export type VehicleFeed = AsyncIterable<FeedEvent>;

/** A validated command, as the bridge hands it to the {@link CommandRunner}. */
export type BridgeCommand =
  | { readonly kind: "charge-start" }
  | { readonly kind: "charge-stop" }
  | { readonly kind: "hvac-start"; readonly temperature: number }
  | { readonly kind: "hvac-stop" }
  | { readonly kind: "horn" }
  | { readonly kind: "lights" }
  | { readonly kind: "refresh-location" }
  | { readonly kind: "charge-mode"; readonly mode: string }
  | { readonly kind: "soc-levels"; readonly socMin: number; readonly socTarget: number };

/**
 * How a command ended: `confirmed` (its effect seen on the car), `unconfirmed` (sent, effect not
 * seen), `accepted` (queued by the service, nothing to confirm it), `rejected` (refused, by the
 * bridge or the service), `failed` (could not be sent), `done` (a bridge setting, no request).
 */
export interface CommandOutcome {
  readonly status: "confirmed" | "unconfirmed" | "accepted" | "rejected" | "failed" | "done";
  /** One line for the user, no secrets. */
  readonly message?: string | undefined;
  /** Why it is unconfirmed. */
  readonly reason?: "deadline" | "budget" | "unreadable" | undefined;
  /** When the effect was seen (ISO 8601). */
  readonly seenAt?: string | undefined;
  /** Requests the command spent (the action and its confirmation reads). */
  readonly requests?: number | undefined;
}

/** Runs commands on cars (confirmed actions: ./confirmed-commands.ts). */
export interface CommandRunner {
  run(vin: string, command: BridgeCommand, signal?: AbortSignal): Promise<CommandOutcome>;
}
