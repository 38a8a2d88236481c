/**
 * `status` and the single reads (`battery`, `cockpit`, `location`, `lock-status`, `pressure`).
 * `status` sends its reads concurrently, skips what the model does not support without a request,
 * and shows a failed read in its own row instead of failing the whole command. It also asks the
 * `/myr` gateway for the remote protocol and privacy mode (one request, alongside the reads).
 */
import {
  type ConnectedVehicle,
  NotAuthenticatedError,
  QuotaLimitError,
  RenaultError,
  type HistoryKey,
  type ReadKey,
  type ReadResult,
  type RenaultVehicle,
  type VehicleDetails,
} from "../../index.js";
import {
  chargeStateLabel,
  chargingPowerKw,
  plugStateLabel,
  positionOf,
  reportsChargingPowerInWatts,
  usesElectricity,
} from "../../models.js";
import { defineCommand } from "../command.js";
import type { Context } from "../context.js";
import { connectedVehicleOf, privacyLabel, protocolLabel } from "../connected.js";
import { describe } from "../errors.js";
import { concurrencyOf } from "../environment.js";
import { bar, type Cell, codeText, kilowatts, keyValues, label, localDateTime, withUnit } from "../render.js";

type Row = readonly [string, Cell];

/** A read of `status`: one without parameters, the history reads excluded. */
type StatusKey = Exclude<ReadKey, HistoryKey>;

/** One section of `status`: an endpoint (its read and type come from the registry) and its rows. */
interface Section {
  /** Key in `--json` output and label of an error row (the Python CLI's section names). */
  readonly name: string;
  readonly endpoint: StatusKey;
  /** Only for vehicles that use electricity. */
  readonly electric?: boolean;
  read(vehicle: RenaultVehicle, context: Context): Promise<unknown>;
  rows(data: never, details: VehicleDetails, context: Context): Row[];
}

function section<K extends StatusKey>(definition: {
  name: string;
  endpoint: K;
  electric?: boolean;
  rows: (data: ReadResult<K>, details: VehicleDetails, context: Context) => Row[];
}): Section {
  return { ...definition, read: (vehicle, context) => vehicle.read(definition.endpoint, context.call) };
}

const SECTIONS = {
  battery: section({
    name: "battery-status",
    endpoint: "battery-status",
    electric: true,
    rows: (battery, details, context) => {
      // Fix-ups of the Python CLI: 0 kWh means "unknown"; -1 while unplugged means "not charging".
      const energy = battery.batteryAvailableEnergy === 0 ? undefined : battery.batteryAvailableEnergy;
      const charging = battery.chargingStatus === -1 && battery.plugStatus === 0 ? 0 : battery.chargingStatus;
      return [
        ["Battery level", withUnit(battery.batteryLevel, "%")],
        ["Last updated", localDateTime(battery.timestamp, context.timeZone)],
        ["Available energy", withUnit(energy, "kWh")],
        ["Range estimate", withUnit(battery.batteryAutonomy, "km")],
        ["Plug state", label(plugStateLabel(battery.plugStatus)) ?? battery.plugStatus],
        ["Charging state", label(chargeStateLabel(charging)) ?? charging],
        ["Charge rate", kilowatts(chargingPowerKw(battery, reportsChargingPowerInWatts(details)))],
        ["Time remaining", withUnit(battery.chargingRemainingTime, "min")],
      ];
    },
  }),
  chargeMode: section({
    name: "charge-mode",
    endpoint: "charge-mode",
    electric: true,
    rows: (mode) => [["Charge mode", codeText("chargeMode", mode.chargeMode)]],
  }),
  cockpit: section({
    name: "cockpit",
    endpoint: "cockpit",
    rows: (cockpit) => [
      ["Total mileage", withUnit(cockpit.totalMileage, "km")],
      ["Fuel autonomy", withUnit(cockpit.fuelAutonomy, "km")],
      ["Fuel quantity", withUnit(cockpit.fuelQuantity, "L")],
    ],
  }),
  location: section({
    name: "location",
    endpoint: "location",
    rows: (location, _details, context) => {
      const position = positionOf(location);
      const hasCoordinates = location.gpsLatitude !== undefined && location.gpsLatitude !== null;
      return [
        ...(position
          ? ([
              ["GPS Latitude", position.latitude],
              ["GPS Longitude", position.longitude],
            ] as const)
          : hasCoordinates
            ? ([["GPS position", "no fix (the car has no valid position until its next trip)"]] as const)
            : []),
        ["GPS last updated", localDateTime(location.lastUpdateTime, context.timeZone)],
      ];
    },
  }),
  lockStatus: section({
    name: "lock-status",
    endpoint: "lock-status",
    rows: (lock, _details, context) => [
      ["Lock status", codeText("lockStatus", lock.lockStatus)],
      ["Hatch", codeText("openingStatus", lock.hatchStatus)],
      ["Driver door", codeText("openingStatus", lock.doorStatusDriver)],
      ["Passenger door", codeText("openingStatus", lock.doorStatusPassenger)],
      ["Rear left door", codeText("openingStatus", lock.doorStatusRearLeft)],
      ["Rear right door", codeText("openingStatus", lock.doorStatusRearRight)],
      ["Lock last updated", localDateTime(lock.lastUpdateTime, context.timeZone)],
    ],
  }),
  resState: section({
    name: "res-state",
    endpoint: "res-state",
    rows: (state) => [["Engine state", state.details]],
  }),
  hvacStatus: section({
    name: "hvac-status",
    endpoint: "hvac-status",
    rows: (hvac, _details, context) => [
      ["HVAC status", codeText("hvacStatus", hvac.hvacStatus)],
      ["HVAC start at", localDateTime(hvac.nextHvacStartDate, context.timeZone)],
      ["External temperature", withUnit(hvac.externalTemperature, "°C")],
      ["Internal temperature", withUnit(hvac.internalTemperature, "°C")],
      ["HVAC last updated", localDateTime(hvac.lastUpdateTime, context.timeZone)],
    ],
  }),
  pressure: section({
    name: "pressure",
    endpoint: "pressure",
    rows: (pressure) => [
      ["Front left pressure", bar(pressure.flPressure)],
      ["Front right pressure", bar(pressure.frPressure)],
      ["Rear left pressure", bar(pressure.rlPressure)],
      ["Rear right pressure", bar(pressure.rrPressure)],
    ],
  }),
} as const;

/** The order of `status`, as in the Python CLI. */
const STATUS_ORDER: readonly Section[] = [
  SECTIONS.battery,
  SECTIONS.chargeMode,
  SECTIONS.cockpit,
  SECTIONS.location,
  SECTIONS.lockStatus,
  SECTIONS.resState,
  SECTIONS.hvacStatus,
  SECTIONS.pressure,
];

type Outcome = { data: unknown } | { error: unknown } | { skipped: string };

export const status = defineCommand({
  name: "status",
  summary: "Show the vehicle's status (every supported read, at once).",
  description:
    "Battery, charge mode, cockpit, location, locks, engine state, HVAC and tyre pressures.\n" +
    "The reads are sent together; reads the model does not support are skipped without a request;\n" +
    "a read that fails is shown in its row and the others still print. After a quota error nothing\n" +
    "more is sent (exit 4). The remote protocol and privacy mode come from the /myr gateway\n" +
    '(RENAULT_API_MYR_URL); when it fails they say "unknown".',
  endpoints: [
    ...STATUS_ORDER.map((entry) => `GET ${entry.endpoint}`),
    "GET /myr/api/v1/accounts/{accountId}/connected-vehicles",
  ],
  async run(context) {
    const concurrency = concurrencyOf(context.io.env.RENAULT_API_CONCURRENCY);
    const vehicle = await context.vehicle();
    const details = await vehicle.getDetails(context.call);
    const electric = usesElectricity(details);
    const limit = limiter(concurrency);
    // Best effort: a failing or unreachable gateway leaves the rows "unknown", never fails status.
    const connected = limit(() =>
      connectedVehicleOf(context, vehicle).catch((error: unknown): ConnectedVehicle | undefined => {
        if (!(error instanceof RenaultError)) throw error;
        return undefined;
      }),
    );
    // Awaited after the reads; this keeps a read that throws first from leaving it unhandled.
    connected.catch(() => undefined);
    const outcomes = await mapWithLimit(STATUS_ORDER, limit, async (entry): Promise<Outcome> => {
      if (entry.electric && !electric) return { skipped: "not an electric vehicle" };
      if (!(await vehicle.supports(entry.endpoint, context.call))) {
        return { skipped: "not supported by this model" };
      }
      try {
        return { data: await entry.read(vehicle, context) };
      } catch (error) {
        if (!(error instanceof RenaultError) || error instanceof NotAuthenticatedError) throw error;
        return { error };
      }
    });
    const car = await connected;
    const describeError = (error: unknown) =>
      describe(error, { timeZone: context.timeZone, now: context.now() });
    if (context.globals.json) {
      const result: Record<string, unknown> = {};
      STATUS_ORDER.forEach((entry, index) => {
        const outcome = outcomes[index];
        if (!outcome || "skipped" in outcome) return;
        result[entry.name] =
          "data" in outcome
            ? outcome.data
            : { error: { ...errorFields(outcome.error), message: describeError(outcome.error).message } };
      });
      result["remote-protocol"] = car?.remoteSecurityProtocol ?? null;
      result["privacy-mode"] = car?.privacyModeStatus ?? null;
      context.print(JSON.stringify(result, null, 2));
    } else {
      const rows: Row[] = [];
      STATUS_ORDER.forEach((entry, index) => {
        const outcome = outcomes[index];
        if (!outcome || "skipped" in outcome) return;
        if ("error" in outcome) rows.push([entry.name, describeError(outcome.error).message]);
        else rows.push(...entry.rows(outcome.data as never, details, context));
      });
      rows.push(["Remote protocol", protocolLabel(car)], ["Privacy mode", privacyLabel(car)]);
      context.print(keyValues(rows));
    }
    const quota = outcomes.find(
      (outcome): outcome is { error: QuotaLimitError } =>
        "error" in outcome && outcome.error instanceof QuotaLimitError,
    );
    if (quota) throw quota.error;
    // Every read failed: the command failed, with the exit code of the first error (e.g. 3 when
    // the server refuses the login), after the rows have said what went wrong.
    const errors = outcomes.filter((outcome): outcome is { error: unknown } => "error" in outcome);
    if (errors.length > 0 && errors.length === outcomes.filter((outcome) => !("skipped" in outcome)).length) {
      throw errors[0]?.error;
    }
  },
});

type Limit = <R>(task: () => Promise<R>) => Promise<R>;

/** Runs tasks with at most `concurrency` of them at once, in the order they were given. */
function limiter(concurrency: number): Limit {
  let running = 0;
  const queue: (() => void)[] = [];
  return async <R>(task: () => Promise<R>): Promise<R> => {
    if (running < concurrency) running++;
    else await new Promise<void>((resolve) => queue.push(resolve));
    try {
      return await task();
    } finally {
      // The slot passes straight to the next task waiting, or is freed.
      const next = queue.shift();
      if (next) next();
      else running--;
    }
  };
}

/** Like `Promise.all(items.map(task))` through a {@link limiter}; keeps the order. */
function mapWithLimit<T, R>(items: readonly T[], limit: Limit, task: (item: T) => Promise<R>): Promise<R[]> {
  return Promise.all(items.map((item) => limit(() => task(item))));
}

function errorFields(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return {};
  const fields: Record<string, unknown> = { name: error.name };
  const code = (error as { code?: unknown }).code;
  if (code !== undefined) fields.code = code;
  return fields;
}

function single(
  name: string,
  summary: string,
  entry: Section,
  description?: string,
): ReturnType<typeof defineCommand> {
  return defineCommand({
    name,
    summary,
    ...(description === undefined ? {} : { description }),
    endpoints: [`GET ${entry.endpoint}`],
    async run(context) {
      const vehicle = await context.vehicle();
      const data = await entry.read(vehicle, context);
      const details = context.globals.json ? undefined : await vehicle.getDetails(context.call);
      context.output(data, () => {
        const rows = details ? entry.rows(data as never, details, context) : [];
        return keyValues(rows) || "No data available.";
      });
    },
  });
}

export const battery = single("battery", "Show the battery status.", SECTIONS.battery);
export const cockpit = single("cockpit", "Show mileage and fuel.", SECTIONS.cockpit);
export const location = single(
  "location",
  "Show the last known position.",
  SECTIONS.location,
  "Show the last known position. The car stores it at ignition-off; see `refresh-location`.",
);
export const lockStatus = single("lock-status", "Show locks, doors and hatch.", SECTIONS.lockStatus);
export const pressure = single("pressure", "Show the tyre pressures.", SECTIONS.pressure);
