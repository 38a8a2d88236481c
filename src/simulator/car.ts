/**
 * What a simulated car answers: its reads (from the fixtures, changed by actions and by time) and
 * its actions (validated like the real API by car-actions.ts, then applied to the car's state).
 */
import { checkSupport, NO_DATA_ANSWER } from "./capabilities.js";
import { ACTIONS, DAYS, PAST_DATE } from "./car-actions.js";
import { schedule, settle } from "./car-time.js";
import { errorAnswer, kamereonError } from "./envelopes.js";
import { loadFixture } from "./fixtures.js";
import { bodyKeyOf, isRecord, type Operation, type ReadName } from "./operations.js";
import type { RecordedRequest, SimulatorResponse } from "./server.js";
import { ACTION_DELAYS, DEFAULT_ACTION_DELAY, IGNORED_ACTIONS, type SimKey, SRP_REFUSAL } from "./models.js";
import { attributesIn, type SimVehicle, type World } from "./world.js";

export { errorAnswer, kamereonError } from "./envelopes.js";

/** Answers one operation on a car; `now` is the simulator's clock. */
export function handleVehicle(
  vehicle: SimVehicle,
  operation: Operation,
  request: RecordedRequest,
  now: number,
  world: World,
): SimulatorResponse {
  const bodyKey = operation.method === "POST" ? bodyKeyOf(operation, request.json) : undefined;
  const verdict = checkSupport(vehicle.modelCode, operation, bodyKey);
  if (!verdict.supported) return errorAnswer(verdict.answer);
  // An SRP car refuses direct Kamereon commands (docs/api-notes.md, 2026, the /myr gateway).
  if (operation.method === "POST" && vehicle.state.remoteProtocol === "SRP") return errorAnswer(SRP_REFUSAL);
  settle(vehicle, now);
  if (operation.read !== undefined) return serveRead(vehicle, operation.read, request);
  if (request.body !== "" && request.json === undefined)
    return kamereonError(400, "err.func.wired.invalid-body-format", "The request body is not valid JSON");
  const action = ACTIONS[operation.name];
  if (action === undefined) return kamereonError(404, "err.func.wired.notFound", "Resource not found");
  const problem = action.check(request.json, now);
  if (problem === PAST_DATE) return { status: 400, body: loadFixture("kamereon/error/invalid_date.json") };
  if (problem !== undefined)
    return kamereonError(400, "err.func.wired.invalid-body", `Invalid body: ${problem}`);
  const body = request.json;
  const ignored = isIgnored(vehicle, world, operation.name, bodyKey);
  const delay = ignored ? 0 : delayOf(vehicle, world, bodyKey);
  if (!ignored && delay === 0) {
    vehicle.state.actions.push({ at: now, endpoint: operation.name, key: bodyKey, body });
    return { body: action.apply(vehicle, body, now) };
  }
  // The service answers at once; the car acts later, or never: the answer is what the action
  // would answer, worked out on a copy of the car.
  const answer = action.apply(shadowOf(vehicle), body, now);
  const effect = ignored ? { ignored: true as const } : { effectAt: now + delay };
  vehicle.state.actions.push({ at: now, endpoint: operation.name, key: bodyKey, body, ...effect });
  if (!ignored) {
    schedule(vehicle, {
      at: now + delay,
      label: `action ${operation.name}`,
      apply: (car, at) => {
        action.apply(car, body, at);
      },
    });
  }
  return { body: answer };
}

function isIgnored(vehicle: SimVehicle, world: World, endpoint: string, key: SimKey | undefined): boolean {
  const ignored = (name: string | undefined) =>
    name !== undefined &&
    (vehicle.state.ignoredActions.has(name) ||
      (world.modelQuirks && (IGNORED_ACTIONS[vehicle.modelCode] ?? []).includes(name)));
  return ignored(endpoint) || ignored(key);
}

function delayOf(vehicle: SimVehicle, world: World, key: SimKey | undefined): number {
  if (vehicle.state.actionDelay !== undefined) return vehicle.state.actionDelay;
  if (!world.modelQuirks) return world.actionDelay;
  const measured = key === undefined ? undefined : ACTION_DELAYS[vehicle.modelCode]?.[key];
  return measured ?? (world.actionDelay > 0 ? world.actionDelay : DEFAULT_ACTION_DELAY);
}

/** A copy of the car whose documents an action can change without touching the car. */
function shadowOf(vehicle: SimVehicle): SimVehicle {
  const documents = structuredClone(vehicle.state.documents);
  return {
    ...vehicle,
    state: { ...vehicle.state, documents, actions: [...vehicle.state.actions], timeline: [] },
    attributes: (read) => attributesIn(documents, read),
  };
}

// ---------------------------------------------------------------------------------------------
// Reads

/** Reads that privacy mode hides (everything the car reports; not the adapter or settings). */
const PRIVATE_READS = new Set<ReadName>([
  "battery-status",
  "cockpit",
  "location",
  "hvac-status",
  "lock-status",
  "pressure",
  "res-state",
  "charges",
  "charge-history",
  "hvac-history",
  "hvac-sessions",
  "soc-levels",
]);

function serveRead(vehicle: SimVehicle, read: ReadName, request: RecordedRequest): SimulatorResponse {
  if (vehicle.state.privacy && PRIVATE_READS.has(read))
    return { status: 403, body: loadFixture("kamereon/error/privacy_on.json") };
  if (vehicle.profile.noData.includes(read)) return errorAnswer(NO_DATA_ANSWER);
  const problem = checkQuery(read, request.query);
  if (problem !== undefined) return problem;
  if (read === "charge-history") {
    const document = loadFixture(
      `kamereon/vehicle_data/charge-history.${request.query.type ?? "month"}.json`,
    );
    (document as { data: Record<string, unknown> }).data.id = vehicle.vin;
    return { body: document };
  }
  if (read === "car-adapter")
    vehicle.attributes("car-adapter").privacyMode = vehicle.state.privacy ? "on" : "off";
  if (read === "charge-schedule" && vehicle.state.calendarFromSchedules) {
    vehicle.attributes("charge-schedule").calendar = calendarOf(
      vehicle.attributes("charging-settings").schedules,
    );
  }
  return { body: structuredClone(vehicle.state.documents.get(read)) };
}

const PERIODS: Readonly<Record<string, RegExp>> = { day: /^\d{8}$/, month: /^\d{6}$/ };

/** History reads need their period parameters, like the real API (`missingRequestParam`). */
function checkQuery(read: ReadName, query: Readonly<Record<string, string>>): SimulatorResponse | undefined {
  const needsType = read === "charge-history" || read === "hvac-history";
  const needsRange = needsType || read === "charges" || read === "hvac-sessions";
  if (!needsRange) return undefined;
  for (const name of needsType ? ["type", "start", "end"] : ["start", "end"]) {
    if (query[name] === undefined || query[name] === "")
      return kamereonError(
        400,
        "err.func.wired.missingRequestParam",
        `Required request parameter '${name}' is not present`,
      );
  }
  const type = query.type ?? "";
  const pattern = needsType ? (Object.hasOwn(PERIODS, type) ? PERIODS[type] : undefined) : PERIODS.day;
  if (pattern === undefined) return invalidParameter("type", "must be day or month");
  for (const name of ["start", "end"]) {
    if (!pattern.test(query[name] ?? ""))
      return invalidParameter(name, pattern === PERIODS.month ? "must be YYYYMM" : "must be YYYYMMDD");
  }
  return undefined;
}

function invalidParameter(name: string, detail: string): SimulatorResponse {
  const inner = {
    errors: [{ status: "400", code: "Pattern", title: "Invalid parameter", detail: `${name} ${detail}` }],
  };
  return kamereonError(400, "err.func.400", JSON.stringify(inner));
}

/** The KCA `charge-schedule` calendar (`startTime` `"HHMM"`) equivalent to charging schedules. */
function calendarOf(schedules: unknown): Record<string, unknown[]> {
  const list = Array.isArray(schedules) ? schedules.filter(isRecord) : [];
  return Object.fromEntries(
    DAYS.map((day) => [
      day,
      list.flatMap((schedule) => {
        const entry = schedule[day];
        if (!isRecord(entry) || typeof entry.startTime !== "string") return [];
        return [
          {
            startTime: entry.startTime.replace(/^T(\d\d):(\d\d)Z$/, "$1$2"),
            duration: entry.duration,
            activationState: schedule.activated === true,
          },
        ];
      }),
    ]),
  );
}
