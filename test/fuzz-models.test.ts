/**
 * Bad input everywhere: every model parser gets the real fixtures (every file under fixtures/),
 * mutated fixtures, attribute objects with the known field names and random values, and random
 * JSON — through the parse functions and through the public vehicle, account and client API. The
 * only outcomes allowed are a value or an `InvalidResponseError`; the derived helpers (labels,
 * kW, durations, positions, details helpers, schedules) must then work on whatever was accepted.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import fc from "fast-check";
import type * as v from "valibot";
import { afterAll, describe, expect, test } from "vitest";
import { InvalidArgumentError } from "../src/errors.js";
import {
  EndpointNotAvailableError,
  InvalidResponseError,
  KamereonError,
  RenaultClient,
  RenaultSession,
  RenaultVehicle,
  type BatteryStatus,
  type CarAdapter,
  type Charges,
  type ChargingSettings,
  type EvSettings,
  type HvacSettings,
  type KcaChargeSchedule,
  type Location,
  type RequestOptions,
  type VehicleDetails,
} from "../src/index.js";
import {
  brandLabel,
  chargeDurationMinutes,
  chargeStateLabel,
  chargingPowerKw,
  energyCode,
  gatewayReportsChargingPowerInWatts,
  modelCode,
  modelLabel,
  pictureUrl,
  plugStateLabel,
  positionOf,
  reportsChargeSessionDurationsInMinutes,
  reportsChargingPowerInWatts,
  usesElectricity,
  usesFuel,
} from "../src/models.js";
import {
  chargeEndTime,
  chargeSchedulesOf,
  evProgramsOf,
  evSettingsWithPrograms,
  hvacSchedulesOf,
  serializeChargeSchedules,
  serializeHvacSchedules,
  updateChargeSchedule,
  updateEvProgram,
  updateHvacSchedule,
} from "../src/schedules.js";
import { ENDPOINT_KEYS, supportsEndpoint } from "../src/registry/index.js";
import { parseKamereonResponse } from "../src/kamereon/kamereon.js";
import {
  AccountVehiclesSchema,
  AlertsSchema,
  ContractsSchema,
  PersonSchema,
} from "../src/kamereon/models/account.js";
import {
  BatterySocSchema,
  BatteryStatusSchema,
  SocLevelsActionSchema,
} from "../src/kamereon/models/battery.js";
import {
  ChargeHistorySchema,
  ChargeModeSchema,
  ChargesSchema,
  ChargingSettingsSchema,
  EvSettingsSchema,
  KcaChargeScheduleSchema,
} from "../src/kamereon/models/charge.js";
import { parse, parseAction, parseAttributes } from "../src/kamereon/models/common.js";
import { CarAdapterSchema, VehicleDetailsSchema } from "../src/kamereon/models/details.js";
import {
  HvacHistorySchema,
  HvacSessionsSchema,
  HvacSettingsSchema,
  HvacStatusSchema,
} from "../src/kamereon/models/hvac.js";
import { LocationSchema } from "../src/kamereon/models/location.js";
import {
  CockpitSchema,
  LockStatusSchema,
  NotificationSettingsSchema,
  ResStateSchema,
  TyrePressureSchema,
} from "../src/kamereon/models/status.js";
import { fullFuzzRuns, fuzzRuns } from "./support/fuzz-runs.js";

// --- the corpus -----------------------------------------------------------------------------------

const fixtureRoot = new URL("../fixtures/", import.meta.url);
/** Every file under fixtures/, as text. */
const FILES = readdirSync(fixtureRoot, { recursive: true, encoding: "utf8" })
  .filter((file) => statSync(new URL(file, fixtureRoot)).isFile())
  .sort()
  .map((file) => ({ file, text: readFileSync(new URL(file, fixtureRoot), "utf8") }));
/** Each file as the value a body would be: parsed JSON, or the raw text when it is not JSON. */
const BODIES: readonly unknown[] = FILES.map(({ text }) => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
});
const JSON_BODIES = BODIES.filter((body) => typeof body === "object" && body !== null);

/** Every object key that appears in a fixture, plus a few that are dangerous in JavaScript. */
const KEYS: readonly string[] = (() => {
  const keys = new Set<string>([
    "__proto__",
    "constructor",
    "prototype",
    "toString",
    "valueOf",
    "hasOwnProperty",
  ]);
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (typeof value === "object" && value !== null) {
      for (const [key, child] of Object.entries(value)) {
        keys.add(key);
        walk(child);
      }
    }
  };
  JSON_BODIES.forEach(walk);
  return [...keys].sort();
})();

/** JSON values, with the awkward ones over-represented. */
const jsonValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  // Field names and codes as values: model codes such as "constructor" or "__proto__" included.
  fc.constantFrom(
    ...KEYS,
    "X101VE",
    "XBG1VE",
    "R5E1VE",
    "GDC",
    "PICTURE",
    "ONE_MYRENAULT_LARGE",
    "ELEC",
    "PHEV",
  ),
  fc.constantFrom(
    null,
    "",
    0,
    -0,
    -1,
    1.5,
    1e308,
    -1e308,
    Number.MAX_SAFE_INTEGER + 2,
    "T25:99Z",
    "T23:30Z",
    "24:00",
    "07:30",
    "2026-13-45T99:99:99Z",
    "NaN",
    "on",
    true,
    false,
    [],
    {},
    [null],
    JSON.parse('{"__proto__":{"batteryLevel":"x","assets":{"a":1}}}') as unknown,
    91,
    181,
    -91,
    "-2147483648",
    -2147483648,
  ),
);

/** Replaces, deletes or retypes the value at a path (indices chosen modulo the container size). */
function mutate(value: unknown, path: readonly number[], operation: number, replacement: unknown): unknown {
  if (path.length === 0 || typeof value !== "object" || value === null)
    return applyOperation(value, operation, replacement);
  const entries = Object.entries(value);
  if (entries.length === 0) return applyOperation(value, operation, replacement);
  const [head = 0, ...rest] = path;
  const [key, child] = entries[head % entries.length]!;
  const copy: Record<string, unknown> = Array.isArray(value) ? ([...value] as never) : { ...value };
  const next = mutate(child, rest, operation, replacement);
  if (next !== DELETE) copy[key] = next;
  else if (Array.isArray(copy)) copy.splice(Number(key), 1);
  else Reflect.deleteProperty(copy, key);
  return copy;
}

const DELETE = Symbol("delete");

function applyOperation(value: unknown, operation: number, replacement: unknown): unknown {
  switch (operation % 9) {
    case 0:
      return replacement;
    case 1:
      return DELETE;
    case 2:
      return null;
    case 3: // retype: number ↔ string, boolean → string
      return typeof value === "number"
        ? String(value)
        : typeof value === "string"
          ? Number(value) || 7
          : (JSON.stringify(value) ?? "undefined");
    case 4: // container swap: object → array of its values, array → object
      return Array.isArray(value)
        ? Object.fromEntries(Array.from(value, (item, index) => [String(index), item]))
        : typeof value === "object" && value !== null
          ? Object.values(value)
          : [value];
    case 5:
      return [value, replacement];
    case 6:
      return { value, [(JSON.stringify(replacement) ?? "").slice(0, 12)]: replacement };
    case 7:
      return typeof value === "number" ? -value * 1e6 : "";
    default:
      return Array.isArray(value) ? [...value, ...value] : replacement;
  }
}

/** A fixture with 1 to 4 mutations at least `minDepth` deep, round-tripped through JSON like a real body. */
const mutated = (bodies: readonly unknown[], minDepth: number): fc.Arbitrary<unknown> =>
  fc
    .tuple(
      fc.constantFrom(...bodies),
      fc.array(fc.tuple(fc.array(fc.nat(), { minLength: minDepth, maxLength: 7 }), fc.nat(), jsonValue), {
        minLength: 1,
        maxLength: 4,
      }),
    )
    .map(([body, mutations]) => {
      let result: unknown = body;
      for (const [path, operation, replacement] of mutations) {
        const next = mutate(result, path, operation, replacement);
        result = next === DELETE ? {} : next;
      }
      return roundTrip(result);
    });
const mutatedFixture = mutated(JSON_BODIES, 0);
/** The fixtures that carry schedules or programs, mutated deep inside. */
const mutatedSchedules = mutated(
  FILES.flatMap(({ file }, index) =>
    /charging-settings|hvac-settings|ev-settings|charge-schedule|hvac-schedule/.test(file)
      ? [BODIES[index]]
      : [],
  ),
  3,
);

/** Attribute objects with known field names and random values, bare, in JSON:API or as a list. */
const knownFields: fc.Arbitrary<unknown> = fc
  .tuple(
    fc.dictionary(fc.constantFrom(...KEYS), jsonValue, { maxKeys: 12 }),
    fc.constantFrom("flat", "jsonapi", "list", "data-list"),
    fc.constantFrom(...KEYS),
  )
  .map(([fields, shape, key]) => {
    switch (shape) {
      case "flat":
        return roundTrip(fields);
      case "jsonapi":
        return roundTrip({ data: { type: "Car", id: "VF1", attributes: fields } });
      case "list":
        return roundTrip({ [key]: [fields, fields] });
      case "data-list":
        return roundTrip({
          data: [fields],
          contractList: [fields],
          vehicleLinks: [{ vin: "VF1", vehicleDetails: fields }],
        });
    }
  });

function roundTrip(value: unknown): unknown {
  const text = JSON.stringify(value);
  return text === undefined ? null : (JSON.parse(text) as unknown);
}

// --- the parsers and helpers ---------------------------------------------------------------------

const stats = {
  bodies: 0,
  parserCalls: 0,
  values: 0,
  invalid: 0,
  /** Vendor error lists (transport) and models that do not support the read (routing). */
  otherTyped: 0,
  schedulesRead: 0,
  scheduleRefusals: 0,
};

afterAll(() => {
  // The count the closing note quotes.
  console.log(
    `fuzzed bodies tried: ${stats.bodies} (parser calls: ${stats.parserCalls}; values: ${stats.values}, ` +
      `InvalidResponseError: ${stats.invalid}, ` +
      `vendor error or endpoint not available: ${stats.otherTyped}; schedules and programs read: ${stats.schedulesRead}, ` +
      `lists refused by the serialisers: ${stats.scheduleRefusals})`,
  );
});

/** Runs a serialiser that may refuse a malformed schedule with InvalidArgumentError (its contract). */
function serialiser(run: () => unknown): void {
  try {
    JSON.stringify(run());
  } catch (error) {
    if (!(error instanceof InvalidArgumentError)) throw error;
    stats.scheduleRefusals++;
  }
}

const day = { startTime: "T23:30Z", duration: 45 };

/** Derived helpers per parsed type: none may throw on any accepted value. */
const HELPERS = {
  battery: (battery: BatteryStatus): void => {
    chargeStateLabel(battery.chargingStatus);
    plugStateLabel(battery.plugStatus);
    chargingPowerKw(battery, true);
    chargingPowerKw(battery, false);
  },
  location: (location: Location): void => {
    const position = positionOf(location);
    if (position) {
      expect(Math.abs(position.latitude)).toBeLessThanOrEqual(90);
      expect(Math.abs(position.longitude)).toBeLessThanOrEqual(180);
    }
  },
  charges: (charges: Charges): void => {
    for (const session of charges.charges ?? []) {
      chargeDurationMinutes(session, true);
      chargeDurationMinutes(session, false);
    }
  },
  details: (details: VehicleDetails): void => {
    brandLabel(details);
    modelCode(details);
    modelLabel(details);
    energyCode(details);
    usesElectricity(details);
    usesFuel(details);
    pictureUrl(details);
    pictureUrl(details, "small");
    reportsChargingPowerInWatts(details);
    reportsChargeSessionDurationsInMinutes(details);
    for (const key of ENDPOINT_KEYS) supportsEndpoint(details, key);
  },
  carAdapter: (carAdapter: CarAdapter): void => {
    gatewayReportsChargingPowerInWatts(carAdapter);
  },
  chargingSettings: (settings: ChargingSettings): void => {
    const schedules = chargeSchedulesOf(settings);
    stats.schedulesRead += schedules.length;
    for (const schedule of schedules) {
      for (const entry of Object.values(schedule)) {
        if (typeof entry === "object" && entry !== null) serialiser(() => chargeEndTime(entry));
      }
    }
    serialiser(() => serializeChargeSchedules(schedules));
    serialiser(() =>
      serializeChargeSchedules(updateChargeSchedule(schedules, 1, { activated: true, monday: day })),
    );
  },
  hvacSettings: (settings: HvacSettings): void => {
    const schedules = hvacSchedulesOf(settings);
    stats.schedulesRead += schedules.length;
    serialiser(() => serializeHvacSchedules(schedules));
    serialiser(() =>
      serializeHvacSchedules(updateHvacSchedule(schedules, 2, { sunday: { readyAtTime: "T07:00Z" } })),
    );
  },
  evSettings: (settings: EvSettings): void => {
    const programs = evProgramsOf(settings);
    stats.schedulesRead += programs.length;
    JSON.stringify(evSettingsWithPrograms(settings, programs));
    const changed = updateEvProgram(programs, programs.length, {
      departureTime: "07:30",
      days: { monday: true },
    });
    JSON.stringify(evSettingsWithPrograms(settings, changed));
  },
  calendar: (schedule: KcaChargeSchedule): void => {
    for (const entries of Object.values(schedule.calendar ?? {})) {
      for (const entry of Array.isArray(entries) ? entries : []) JSON.stringify(entry);
    }
  },
};

type Helper = (value: never) => void;

/** The model parsers, straight: a schema, and whether the body is a JSON:API document. */
const PARSERS: readonly (readonly [string, v.GenericSchema, "attributes" | "flat", Helper?])[] = [
  ["battery-status", BatteryStatusSchema, "attributes", HELPERS.battery],
  ["cockpit", CockpitSchema, "attributes"],
  ["hvac-status", HvacStatusSchema, "attributes"],
  ["location", LocationSchema, "attributes", HELPERS.location],
  ["lock-status", LockStatusSchema, "attributes"],
  ["res-state", ResStateSchema, "attributes"],
  ["pressure", TyrePressureSchema, "attributes"],
  ["charge-mode", ChargeModeSchema, "attributes"],
  ["charging-settings", ChargingSettingsSchema, "attributes", HELPERS.chargingSettings],
  ["hvac-settings", HvacSettingsSchema, "attributes", HELPERS.hvacSettings],
  ["hvac-history", HvacHistorySchema, "attributes"],
  ["hvac-sessions", HvacSessionsSchema, "attributes"],
  ["notification-settings", NotificationSettingsSchema, "attributes"],
  ["charge-history", ChargeHistorySchema, "attributes"],
  ["charges", ChargesSchema, "attributes", HELPERS.charges],
  ["charge-schedule (KCA)", KcaChargeScheduleSchema, "attributes", HELPERS.calendar],
  ["car-adapter", CarAdapterSchema, "attributes", HELPERS.carAdapter],
  ["ev-settings", EvSettingsSchema, "flat", HELPERS.evSettings],
  ["soc-levels", BatterySocSchema, "flat"],
  ["soc-levels action", SocLevelsActionSchema, "flat"],
  ["contracts", ContractsSchema, "flat"],
  ["alerts", AlertsSchema, "flat"],
  ["person", PersonSchema, "flat"],
  ["vehicles", AccountVehiclesSchema, "flat"],
  ["details", VehicleDetailsSchema, "flat", HELPERS.details],
];

type Outcome = "value" | "invalid";

/** Runs one parser call: a value (then its helpers) or an InvalidResponseError; anything else fails. */
async function expectValueOrInvalid<T>(
  run: () => T | Promise<T>,
  helper?: (value: T) => void,
  also: readonly (new (...args: never[]) => Error)[] = [],
): Promise<Outcome> {
  stats.parserCalls++;
  let value: T;
  try {
    value = await run();
  } catch (error) {
    if (error instanceof InvalidResponseError) {
      stats.invalid++;
      return "invalid";
    }
    if (also.some((type) => error instanceof type)) {
      stats.otherTyped++;
      return "invalid";
    }
    throw error;
  }
  stats.values++;
  structuredClone(value); // what the read cache does
  JSON.stringify(value); // what `--json` does
  helper?.(value);
  return "value";
}

async function throughParsers(body: unknown): Promise<void> {
  for (const [name, schema, shape, helper] of PARSERS) {
    await expectValueOrInvalid(
      () => (shape === "attributes" ? parseAttributes(schema, body, name) : parse(schema, body, name)),
      helper as ((value: unknown) => void) | undefined,
    );
  }
  await expectValueOrInvalid(() => parseAction(body, "actions/x"));
}

/**
 * A session whose every request answers `body` with status 200, read by the real Kamereon response
 * parser (which wraps bare arrays under the call's `arrayKey` and refuses non-objects).
 */
function sessionAnswering(body: unknown): RenaultSession {
  const session = Object.create(RenaultSession.prototype) as RenaultSession;
  const text = JSON.stringify(body) ?? "";
  Object.assign(session, {
    request: (method: "GET" | "POST", path: string, options: RequestOptions = {}) =>
      Promise.resolve().then(() =>
        parseKamereonResponse(
          { now: () => 0, quotaCooldown: 0 },
          { method, path, arrayKey: options.arrayKey },
          `http://127.0.0.1${path}?country=FR`,
          { status: 200, headers: new Headers(), text },
        ),
      ),
    getSettings: () => Promise.resolve({ locale: "fr_FR", country: "FR" }),
    getPersonId: () => Promise.resolve("person-id-1"),
    // Nothing learnt: every getAccounts reads the (fuzzed) person.
    getStoredValue: () => Promise.resolve(undefined),
    storeValues: () => Promise.resolve(),
  });
  return session;
}

const DETAILS: Readonly<Record<string, VehicleDetails>> = {
  zoe40: { vin: "VF1ZOE40", model: { code: "X101VE" }, brand: { label: "RENAULT" } },
  zoe50: { vin: "VF1ZOE50", model: { code: "X102VE" } },
  r5: { vin: "VF1R5", model: { code: "R5E1VE" } },
  megane: { vin: "VF1MEG", model: { code: "XCB1VE" } },
  spring: { vin: "VF1SPRING", model: { code: "XBG1VE" } },
  /** No model code: the default endpoints, which every read has. */
  generic: { vin: "VF1GENERIC" },
};
const PERIOD = { start: new Date(2026, 0, 1), end: new Date(2026, 0, 31) };

/** Every read and the actions whose answers are parsed, through the public API. */
async function throughApi(body: unknown): Promise<void> {
  const session = sessionAnswering(body);
  // A body with an `errors` list is a vendor error: the transport turns it into its typed error
  // before any model sees it (the property tests of test/fuzz-transport.test.ts cover that part).
  const vendor: (typeof KamereonError)[] =
    typeof body === "object" && body !== null && Array.isArray((body as { errors?: unknown }).errors)
      ? [KamereonError]
      : [];
  const vehicle = (car: string) =>
    new RenaultVehicle({
      session,
      accountId: "account-id-1",
      vin: DETAILS[car]!.vin!,
      details: DETAILS[car],
    });
  const zoe40 = vehicle("zoe40");
  const zoe50 = vehicle("zoe50");
  const r5 = vehicle("r5");
  const spring = vehicle("spring");
  const generic = vehicle("generic");
  const calls: readonly (readonly [() => Promise<unknown>, Helper?])[] = [
    [() => zoe50.getBatteryStatus(), HELPERS.battery],
    [() => r5.getSocLevels()],
    [() => zoe50.getTyrePressure()],
    [() => zoe50.getLocation(), HELPERS.location],
    [() => zoe50.getHvacStatus()],
    [() => zoe50.getHvacSettings(), HELPERS.hvacSettings],
    [() => zoe40.getChargeMode()],
    [() => zoe50.getChargingSettings(), HELPERS.chargingSettings],
    [() => zoe50.getCockpit()],
    [() => generic.getLockStatus()],
    [() => generic.getResState()],
    [() => zoe40.getChargeSchedule(), HELPERS.calendar],
    [() => r5.getChargeSchedule(), HELPERS.evSettings],
    [() => zoe50.getNotificationSettings()],
    [() => zoe40.getChargeHistory({ ...PERIOD, period: "month" })],
    [() => zoe40.getChargeSessions(PERIOD), HELPERS.charges],
    [() => zoe40.getHvacHistory({ ...PERIOD, period: "day" })],
    [() => zoe40.getHvacSessions(PERIOD)],
    [() => zoe50.getAlerts()],
    [() => zoe50.getCarAdapter(), HELPERS.carAdapter],
    [() => new RenaultVehicle({ session, accountId: "a", vin: "v" }).getDetails(), HELPERS.details],
    [() => zoe40.getContracts()],
    [() => zoe40.startHvac(21)],
    [() => spring.startCharge()],
    [() => r5.startCharge(), HELPERS.evSettings],
    [() => r5.setSocLevels({ socMin: 20, socTarget: 80 })],
  ];
  for (const [call, helper] of calls)
    await expectValueOrInvalid(call, helper as ((value: unknown) => void) | undefined, vendor);

  const client = new RenaultClient({ session });
  await expectValueOrInvalid(() => client.getPerson(), undefined, vendor);
  await expectValueOrInvalid(
    async () => (await client.getAccounts()).map((entry) => entry.accountId),
    undefined,
    vendor,
  );
  const account = client.account("account-id-1");
  await expectValueOrInvalid(() => account.getVehicleLinks(), undefined, vendor);
  // A vehicle list of any shape, then routing on whatever model code it carries: the model may
  // also turn out not to support the read (EndpointNotAvailableError, before anything is sent).
  await expectValueOrInvalid(
    async () => {
      const vehicles = await account.getVehicles();
      for (const listed of vehicles.slice(0, 2)) await listed.getCockpit();
      return vehicles.length;
    },
    undefined,
    [EndpointNotAvailableError, ...vendor],
  );
  // A bare vehicle: the body is read as its details first, then as the cockpit.
  await expectValueOrInvalid(() => account.vehicle("VF1BARE").getCockpit(), undefined, [
    EndpointNotAvailableError,
    ...vendor,
  ]);
}

async function tryBody(body: unknown): Promise<void> {
  stats.bodies++;
  await throughParsers(body);
  await throughApi(body);
}

// --- the properties -------------------------------------------------------------------------------

describe("model parsers and the public API take any body", () => {
  test("every fixture file, unchanged, in every parser", async () => {
    expect(FILES.length).toBeGreaterThanOrEqual(100);
    for (const body of BODIES) await tryBody(body);
  });

  test("real fixtures parse, and their schedules round-trip through the serialisers", () => {
    const settings = (file: string) =>
      parseAttributes(
        ChargingSettingsSchema,
        JSON.parse(readFileSync(new URL(file, fixtureRoot), "utf8")),
        "x",
      );
    for (const file of ["single", "multi", "delayed", "always"]) {
      const schedules = chargeSchedulesOf(settings(`kamereon/vehicle_data/charging-settings.${file}.json`));
      expect(serializeChargeSchedules(schedules)).toHaveLength(schedules.length);
    }
    const hvac = parseAttributes(
      HvacSettingsSchema,
      JSON.parse(readFileSync(new URL("kamereon/vehicle_data/hvac-settings.json", fixtureRoot), "utf8")),
      "x",
    );
    expect(serializeHvacSchedules(hvacSchedulesOf(hvac)).length).toBeGreaterThan(0);
  });

  test("mutated fixtures", { timeout: 120_000 }, async () => {
    await fc.assert(fc.asyncProperty(mutatedFixture, tryBody), { numRuns: fuzzRuns(8_000) });
  });

  test(
    "fixtures with schedules and programs, mutated inside the schedules",
    { timeout: 120_000 },
    async () => {
      await fc.assert(fc.asyncProperty(mutatedSchedules, tryBody), { numRuns: fuzzRuns(2_000) });
    },
  );

  test("attribute objects with the known field names and random values", { timeout: 120_000 }, async () => {
    await fc.assert(fc.asyncProperty(knownFields, tryBody), { numRuns: fuzzRuns(4_000) });
  });

  test("random JSON values", { timeout: 120_000 }, async () => {
    await fc.assert(fc.asyncProperty(jsonValue, tryBody), { numRuns: fuzzRuns(3_000) });
  });

  test("the outcomes are not all the same: the corpus reaches both values and refusals", () => {
    // Each outcome is a good share of the parser calls at any run count (RENAULT_API_FUZZ_RUNS).
    expect(stats.values).toBeGreaterThan(stats.parserCalls / 5);
    expect(stats.invalid).toBeGreaterThan(stats.parserCalls / 5);
    if (fullFuzzRuns()) {
      expect(stats.values).toBeGreaterThan(10_000);
      expect(stats.invalid).toBeGreaterThan(10_000);
    }
  });
});
