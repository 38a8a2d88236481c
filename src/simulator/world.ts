import {
  DEFAULT_PROFILE,
  DEFAULT_READS,
  DEMO_PROFILES,
  type DemoModel,
  type VehicleProfile,
} from "./catalog.js";
import { loadFixture } from "./fixtures.js";
import { isRecord, type ReadName } from "./operations.js";

/** A demo car as listed in {@link DemoAccount.models}. */
export interface DemoVehicle {
  readonly model: DemoModel;
  /** Human name, e.g. `ZOE 50`. */
  readonly name: string;
  /** Model code (`vehicleDetails.model.code`), e.g. `X102VE`. */
  readonly modelCode: string;
  readonly vin: string;
  readonly accountId: string;
}

/** The demo login served by every simulator, with its ids and cars. */
export interface DemoAccount {
  readonly email: "demo@renault-api.dev";
  readonly password: "demo-password";
  readonly personId: "person-id-1";
  /** The MyRenault account. */
  readonly renaultAccountId: "account-id-1";
  /** The MyDacia account (holds the Spring). */
  readonly daciaAccountId: "account-id-2";
  /** VIN of each demo car, e.g. `vins.zoe40`. */
  readonly vins: Readonly<Record<DemoModel, string>>;
  /** Every demo car. */
  readonly models: readonly DemoVehicle[];
}

const MODEL_CODES: Readonly<Record<DemoModel, string>> = {
  zoe40: "X101VE",
  zoe50: "X102VE",
  megane: "XCB1VE",
  r5: "R5E1VE",
  spring: "XBG1VE",
  captur: "XJB1SU",
  clio: "XJA1VP",
};

/** The demo login served by every simulator: documented in docs/simulator.md. */
export const DEMO_ACCOUNT: DemoAccount = Object.freeze({
  email: "demo@renault-api.dev",
  password: "demo-password",
  personId: "person-id-1",
  renaultAccountId: "account-id-1",
  daciaAccountId: "account-id-2",
  vins: Object.freeze(
    Object.fromEntries(DEMO_PROFILES.map((profile) => [profile.model, profile.vin])) as Record<
      DemoModel,
      string
    >,
  ),
  models: Object.freeze(
    DEMO_PROFILES.map((profile) =>
      Object.freeze({
        model: profile.model,
        name: profile.name,
        modelCode: MODEL_CODES[profile.model],
        vin: profile.vin,
        accountId: profile.account === "dacia" ? "account-id-2" : "account-id-1",
      }),
    ),
  ),
} as const);

/** An action the simulated car accepted. */
export interface SimAction {
  /** When it arrived, in epoch milliseconds (simulator clock). */
  readonly at: number;
  /** Endpoint name, e.g. `actions/hvac-start`, `charge/pause-resume`, `soc-levels`. */
  readonly endpoint: string;
  /** The logical key it was for, e.g. `actions/hvac-stop`, when the URL tells. */
  readonly key: string | undefined;
  /** The body as sent. */
  readonly body: unknown;
  /** When the car acts on it, when that is later than {@link SimAction.at} (epoch ms). */
  readonly effectAt?: number;
  /** The car accepted it but does not act on it. */
  readonly ignored?: true;
}

/** The mutable state of a simulated car. */
export interface VehicleState {
  /** Privacy mode (data sharing off in the car): data reads answer `err.func.privacy.on`. */
  privacy: boolean;
  /** Every document a read serves (the fixture, changed by actions), by read. */
  readonly documents: Map<ReadName, unknown>;
  /** Every accepted action, oldest first. */
  readonly actions: SimAction[];
  /** When a running HVAC stops by itself (epoch ms). */
  hvacOffAt: number | undefined;
  /** The KCA charge-schedule calendar is derived from the charging schedules once they were set. */
  calendarFromSchedules: boolean;
  /** What will happen to the car by itself (scripted events, actions taking effect), by time. */
  readonly timeline: TimedEvent[];
  /** Until when charging has been accounted for (epoch ms). */
  chargedUntil: number;
  /** The exact battery level while charging or driving (the car reports it rounded). @unit percent */
  level: number | undefined;
  /** When the car last reported its battery while charging (epoch ms). */
  chargeReportedAt: number;
  /** The last real position, kept while a refresh shows "no fix" (91/181) until the next trip. */
  lastFix: { readonly latitude: number; readonly longitude: number } | undefined;
  /**
   * How long this car takes to act on an accepted action (overrides the simulator's `actionDelay`).
   * @unit milliseconds
   */
  actionDelay: number | undefined;
  /** The remote protocol the `/myr` gateway reports; an `SRP` car refuses Kamereon actions (errorCode 6). */
  remoteProtocol: "JWT" | "SRP" | "UNKNOWN";
  /**
   * Actions this car accepts and answers as usual but never acts on, by logical key
   * (`actions/charge-stop`) or endpoint name (`charge/pause-resume`).
   */
  readonly ignoredActions: Set<string>;
}

/** Something that happens to a car by itself at a simulated time (see car-time.ts). */
export interface TimedEvent {
  /** Epoch milliseconds on the simulator's clock. */
  readonly at: number;
  /** What it is, e.g. `plug-in`, `trip-end`, `action actions/hvac-start`. */
  readonly label: string;
  apply(vehicle: SimVehicle, at: number): void;
}

/** A simulated car. */
export interface SimVehicle {
  readonly vin: string;
  readonly accountId: string;
  /** The `vehicleLinks[]` entry served in the account's vehicle list. */
  readonly link: Record<string, unknown>;
  /** Model code, e.g. `X101VE`. */
  readonly modelCode: string;
  /** The demo car it is, if it is one. */
  readonly model: DemoModel | undefined;
  readonly profile: VehicleProfile;
  readonly state: VehicleState;
  /**
   * The live attributes a read serves: `data.attributes` of car-adapter reads, the flat body of the
   * KCM reads (`soc-levels`, `ev-settings`). Changing the object changes what the simulator answers.
   */
  attributes(read: Exclude<ReadName, "alerts" | "charge-history">): Record<string, unknown>;
}

/** A simulated Gigya user. */
export interface SimUser {
  readonly email: string;
  readonly password: string;
  readonly personId: string;
  /** Logins from untrusted devices need the e-mailed code (Gigya 403101; see tfa.ts). */
  readonly requireTwoFactor?: boolean;
}

/** Everything a simulator instance knows and changes; lives in memory per instance. */
export interface World {
  readonly users: Map<string, SimUser>;
  /** Login token → e-mail of the user it belongs to. */
  readonly loginTokens: Map<string, string>;
  /** Person id → person document. */
  readonly persons: Map<string, Record<string, unknown>>;
  /** Account id → its country and vehicles. */
  readonly accounts: Map<string, { readonly country: string; readonly vins: string[] }>;
  readonly vehicles: Map<string, SimVehicle>;
  /** The simulator's clock, in epoch milliseconds. */
  readonly now: () => number;
  /** How long cars take to act on an accepted action (option `actionDelay`). @unit milliseconds */
  actionDelay: number;
  /** Cars act as their model is reported to (option `modelQuirks`): delays and ignored actions. */
  modelQuirks: boolean;
  /**
   * The car with this VIN.
   * @throws {Error} no such car
   */
  vehicle(vin: string): SimVehicle;
  /**
   * Adds a car of `kamereon/vehicles/<file>` to an account (e.g. a Master IV: `master_iv.1.json`),
   * with the default fixtures; it answers as its model code says.
   */
  addVehicle(accountId: string, file: string, vin?: string): SimVehicle;
}

/** The state of a car just built at `now`, serving `documents`. */
export function newVehicleState(documents: Map<ReadName, unknown>, now: number): VehicleState {
  return {
    privacy: false,
    documents,
    actions: [],
    hvacOffAt: undefined,
    calendarFromSchedules: false,
    timeline: [],
    chargedUntil: now,
    level: undefined,
    chargeReportedAt: now,
    lastFix: undefined,
    actionDelay: undefined,
    remoteProtocol: "JWT",
    ignoredActions: new Set(),
  };
}

/** Builds the demo world: one person, a MyRenault and a MyDacia account, the demo cars. */
export function createWorld(now: () => number = Date.now): World {
  const person = loadFixture("kamereon/person.json") as Record<string, unknown>;
  person.accounts = [
    {
      accountId: DEMO_ACCOUNT.renaultAccountId,
      accountType: "MYRENAULT",
      accountStatus: "ACTIVE",
      country: "FR",
      personId: DEMO_ACCOUNT.personId,
      relationType: "OWNER",
    },
    {
      accountId: DEMO_ACCOUNT.daciaAccountId,
      accountType: "MYDACIA",
      accountStatus: "ACTIVE",
      country: "FR",
      personId: DEMO_ACCOUNT.personId,
      relationType: "OWNER",
    },
  ];
  const world: World = {
    users: new Map([
      [
        DEMO_ACCOUNT.email,
        { email: DEMO_ACCOUNT.email, password: DEMO_ACCOUNT.password, personId: DEMO_ACCOUNT.personId },
      ],
    ]),
    loginTokens: new Map(),
    persons: new Map([[DEMO_ACCOUNT.personId, person]]),
    accounts: new Map([
      [DEMO_ACCOUNT.renaultAccountId, { country: "FR", vins: [] }],
      [DEMO_ACCOUNT.daciaAccountId, { country: "FR", vins: [] }],
    ]),
    vehicles: new Map(),
    now,
    actionDelay: 0,
    modelQuirks: false,
    vehicle(vin) {
      const vehicle = world.vehicles.get(vin);
      if (!vehicle) throw new Error(`The simulator has no car with VIN ${vin}.`);
      return vehicle;
    },
    addVehicle(accountId, file, vin) {
      return addVehicle(world, accountId, file, vin);
    },
  };
  for (const profile of DEMO_PROFILES) {
    const accountId =
      profile.account === "dacia" ? DEMO_ACCOUNT.daciaAccountId : DEMO_ACCOUNT.renaultAccountId;
    buildVehicle(world, accountId, profile, profile.vin, profile.model);
  }
  return world;
}

/** Adds the car of `kamereon/vehicles/<file>` to an account, with the default fixtures. */
export function addVehicle(world: World, accountId: string, file: string, vin?: string): SimVehicle {
  return buildVehicle(world, accountId, { ...DEFAULT_PROFILE, vehicle: file }, vin, undefined);
}

/**
 * Adds a car of a model no vehicles fixture was contributed for: the links and details of `file`
 * with the model code and name replaced.
 */
export function addModelCar(
  world: World,
  accountId: string,
  car: { readonly file: string; readonly modelCode: string; readonly label: string; readonly vin: string },
  profile: Partial<VehicleProfile> = {},
): SimVehicle {
  const full = { ...DEFAULT_PROFILE, ...profile, vehicle: car.file };
  return buildVehicle(world, accountId, full, car.vin, undefined, { code: car.modelCode, label: car.label });
}

function buildVehicle(
  world: World,
  accountId: string,
  profile: VehicleProfile,
  vin: string | undefined,
  model: DemoModel | undefined,
  modelOverride?: { readonly code: string; readonly label: string },
): SimVehicle {
  if (!world.accounts.has(accountId)) throw new Error(`The simulator has no account ${accountId}.`);
  const list = loadFixture(`kamereon/vehicles/${profile.vehicle}`) as {
    vehicleLinks: Record<string, unknown>[];
  };
  const link = list.vehicleLinks[0] ?? {};
  const details = (link.vehicleDetails ?? {}) as Record<string, unknown>;
  const carVin = vin ?? (link.vin as string);
  if (world.vehicles.has(carVin)) throw new Error(`The simulator already has a car with VIN ${carVin}.`);
  link.vin = carVin;
  details.vin = carVin;
  if (modelOverride !== undefined) details.model = { ...(details.model as object), ...modelOverride };
  const documents = loadDocuments(profile, carVin, world.now());
  const vehicle: SimVehicle = {
    vin: carVin,
    accountId,
    link,
    modelCode: (details.model as { code?: string } | undefined)?.code ?? "",
    model,
    profile,
    state: newVehicleState(documents, world.now()),
    attributes(read) {
      return attributesIn(documents, read);
    },
  };
  const hvac = vehicle.attributes("hvac-status");
  if (hvac.hvacStatus === "on") vehicle.state.hvacOffAt = world.now() + profile.hvacMinutes * 60_000;
  world.vehicles.set(carVin, vehicle);
  world.accounts.get(accountId)?.vins.push(carVin);
  return vehicle;
}

const MINUTE = 60_000;
/**
 * Timestamps of the fixtures, moved to the simulator's clock when a car is built: data reported a
 * few minutes ago while parked, location and locks at the end of the last trip (docs/api-notes.md, C.4).
 * Only fields the fixture has are moved.
 */
const CLOCK_FIELDS: Readonly<Partial<Record<ReadName, readonly (readonly [string, number])[]>>> = {
  "battery-status": [
    ["timestamp", -5 * MINUTE],
    ["chargingRemainingTimeLastUpdateDateTime", -5 * MINUTE],
  ],
  "hvac-status": [["lastUpdateTime", -5 * MINUTE]],
  location: [["lastUpdateTime", -120 * MINUTE]],
  "lock-status": [["lastUpdateTime", -120 * MINUTE]],
  "soc-levels": [["lastEnergyUpdateTimestamp", -24 * 60 * MINUTE]],
  "ev-settings": [["lastSettingsUpdateTimestamp", -24 * 60 * MINUTE]],
  "charging-settings": [["dateTime", -24 * 60 * MINUTE]],
  "hvac-settings": [["dateTime", -24 * 60 * MINUTE]],
};

function loadDocuments(profile: VehicleProfile, vin: string, now: number): Map<ReadName, unknown> {
  const documents = new Map<ReadName, unknown>();
  for (const [read, fallback] of Object.entries(DEFAULT_READS) as [
    Exclude<ReadName, "car-adapter">,
    string,
  ][]) {
    if (read === "charge-history") continue;
    const document = loadFixture(`kamereon/${profile.reads[read] ?? fallback}`);
    const data = isRecord(document) ? document.data : undefined;
    if (isRecord(data)) data.id = vin;
    documents.set(read, document);
  }
  documents.set("car-adapter", gatewayDocument(profile, vin));
  for (const [read, fields] of Object.entries(CLOCK_FIELDS) as [ReadName, (readonly [string, number])[]][]) {
    const attributes = attributesIn(documents, read);
    for (const [field, offset] of fields) {
      if (field in attributes) attributes[field] = isoTime(now + offset);
    }
  }
  return documents;
}

function gatewayDocument(profile: VehicleProfile, vin: string): unknown {
  const gateway = profile.gateway;
  const file = typeof gateway === "string" ? gateway : gateway.base;
  const document = loadFixture(`kamereon/vehicle_gateway/${file}`) as { data: Record<string, unknown> };
  document.data.id = vin;
  const attributes = (document.data.attributes ?? {}) as Record<string, unknown>;
  document.data.attributes = {
    ...attributes,
    ...(typeof gateway === "string" ? {} : gateway.attributes),
    vin,
  };
  return document;
}

/** The live attributes of a read in a car's documents (also used for probe bundles, bundle.ts). */
export function attributesIn(documents: Map<ReadName, unknown>, read: ReadName): Record<string, unknown> {
  const document = documents.get(read);
  if (!isRecord(document)) throw new Error(`The simulated car has no ${read} document.`);
  // KCM reads are flat objects; car-adapter reads are JSON:API documents.
  if (read === "soc-levels" || read === "ev-settings") return document;
  let data = document.data;
  if (!isRecord(data)) {
    data = {};
    document.data = data;
  }
  const record = data as Record<string, unknown>;
  if (!isRecord(record.attributes)) record.attributes = {};
  return record.attributes as Record<string, unknown>;
}

/** An instant as the API writes it: `2026-01-02T03:04:05Z`. */
export function isoTime(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, "Z");
}
