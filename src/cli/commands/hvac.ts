/** `hvac …`: climate control now or later, its history, settings and weekly schedules. */
import { type HvacDaySchedule, type HvacSchedule, type ScheduleChanges } from "../../index.js";
import { hvacSchedulesOf, updateHvacSchedule } from "../../schedules.js";
import { defineCommand, defineGroup } from "../command.js";
import type { Context } from "../context.js";
import { json, label, localMinute } from "../render.js";
import { UsageError } from "../usage.js";
import { checkTemperature } from "../values.js";
import {
  checked,
  dateRange,
  dayName,
  dayOptions,
  DAYS,
  localScheduleTime,
  parseId,
  parseScheduleTime,
  PERIOD_OPTION,
  RANGE_OPTIONS,
  utcWire,
  weekTable,
  wireMinutes,
} from "./shared.js";
import { ACTION_OPTIONS, runAction, type ActionFlags } from "./action-run.js";

const start = defineCommand({
  name: "start",
  summary: "Start climate control (now, or later with --at).",
  options: {
    temperature: {
      type: "integer",
      required: true,
      valueName: "CELSIUS",
      description: "target temperature in °C, within the model's range (16–26 on the documented models)",
    },
    at: {
      type: "string",
      valueName: "WHEN",
      description: 'when to start: "in 5 minutes", "tomorrow at 9am", ISO time',
    },
    ...ACTION_OPTIONS,
  },
  endpoints: ["POST actions/hvac-start (action start, optional startDateTime)"],
  examples: [
    "renault-api hvac start --temperature 21",
    'renault-api hvac start --temperature 21 --at "tomorrow at 7:30"',
  ],
  async run(context, { options }) {
    const vehicle = await context.vehicle();
    checkTemperature(options.temperature, await vehicle.hvacTemperatureLimits(context.call));
    const when = options.at === undefined ? undefined : context.when(options.at, "--at", true);
    if (when && when.getTime() <= context.now().getTime()) {
      throw new UsageError(
        `--at ${options.at ?? ""} is in the past (${localMinute(when, context.timeZone)})`,
      );
    }
    await checked(() =>
      runAction(context, { action: "hvac-start", temperature: options.temperature, when }, options, {
        what: "Climate control start",
        requested: when
          ? `Climate control at ${options.temperature} °C scheduled for ${localMinute(when, context.timeZone)} (requested, not yet confirmed).`
          : `Climate control at ${options.temperature} °C requested (not yet confirmed).`,
      }),
    );
  },
});

const cancel = defineCommand({
  name: "cancel",
  summary: "Stop or cancel climate control.",
  options: ACTION_OPTIONS,
  endpoints: ["POST actions/hvac-stop (action cancel, or stop on models that need it)"],
  async run(context, { options }) {
    await runAction(context, { action: "hvac-stop" }, options, {
      what: "Climate control cancel",
      requested: "Climate control cancel requested (not yet confirmed).",
    });
  },
});

function rawOrEmpty(data: Readonly<Record<string, unknown>>): string {
  return Object.keys(data).length === 0 ? "No data available." : json(data);
}

const history = defineCommand({
  name: "history",
  summary: "Show HVAC use per day or month.",
  options: { ...RANGE_OPTIONS, ...PERIOD_OPTION },
  endpoints: ["GET hvac-history?type=day|month&start=…&end=…"],
  async run(context, { options }) {
    const range = dateRange(context, options.from, options.to);
    const vehicle = await context.vehicle();
    const data = await vehicle.getHvacHistory(
      { ...range, period: options.period === "day" ? "day" : "month" },
      context.call,
    );
    context.output(data, () => rawOrEmpty(data));
  },
});

const sessions = defineCommand({
  name: "sessions",
  summary: "List HVAC sessions.",
  options: RANGE_OPTIONS,
  endpoints: ["GET hvac-sessions?start=…&end=…"],
  async run(context, { options }) {
    const range = dateRange(context, options.from, options.to);
    const vehicle = await context.vehicle();
    const data = await vehicle.getHvacSessions(range, context.call);
    context.output(data, () => rawOrEmpty(data));
  },
});

/** HVAC schedules, one table per schedule, "ready at" times local (per date). */
function renderHvacSchedules(
  schedules: readonly HvacSchedule[],
  mode: string | undefined,
  context: Context,
): string {
  const parts: string[] = [];
  if (mode) parts.push(`Mode: ${label(mode) ?? mode}`);
  if (schedules.length === 0) parts.push("No schedules found.");
  for (const schedule of schedules) {
    parts.push(
      `${parts.length > 0 ? "\n" : ""}Schedule ID: ${schedule.id} [${schedule.activated ? "Active" : "Inactive"}]`,
      weekTable(
        ["Day", "Ready at"],
        DAYS.flatMap((day) => {
          const entry = schedule[day];
          return entry
            ? [[dayName(day), localScheduleTime(wireMinutes(entry.readyAtTime), day, context)]]
            : [];
        }),
      ).trimEnd(),
    );
  }
  return parts.join("\n");
}

const settings = defineCommand({
  name: "settings",
  summary: "Show the HVAC mode and schedules.",
  endpoints: ["GET hvac-settings"],
  async run(context) {
    const vehicle = await context.vehicle();
    const data = await vehicle.getHvacSettings(context.call);
    context.output(data, () => renderHvacSchedules(hvacSchedulesOf(data), data.mode ?? undefined, context));
  },
});

const scheduleId = [{ name: "id", description: "schedule id (see `hvac settings`)" }] as const;

async function changeSchedule(
  context: Context,
  id: number,
  changes: ScheduleChanges<HvacDaySchedule>,
  mustExist: boolean,
  flags: ActionFlags,
): Promise<void> {
  const vehicle = await context.vehicle();
  const current = hvacSchedulesOf(await vehicle.getHvacSettings(context.call));
  if (mustExist && !current.some((schedule) => schedule.id === id)) {
    throw new UsageError(
      current.length === 0
        ? "No schedules found."
        : `Schedule id ${id} not found (existing: ${current.map((schedule) => schedule.id).join(", ")}).`,
    );
  }
  const updated = await checked(() => updateHvacSchedule(current, id, changes));
  const schedule = updated.filter((entry) => entry.id === id);
  await runAction(context, { action: "hvac-schedules", schedules: updated }, flags, {
    what: `HVAC schedule ${id} change`,
    requested: `HVAC schedule ${id} sent (not yet confirmed):\n${renderHvacSchedules(schedule, undefined, context)}`,
  });
}

const scheduleSet = defineCommand({
  name: "set",
  summary: "Change the days of an HVAC schedule.",
  description:
    "Change days of HVAC schedule ID (all schedules are sent back). Each day takes the time the car\n" +
    "must be ready, `hh:mm` (local) or `Thh:mmZ` (UTC), or `clear`. A new ID creates a schedule\n" +
    "(the Python client could not).",
  args: scheduleId,
  options: { ...dayOptions("READY_AT", "ready-at time, or clear,"), ...ACTION_OPTIONS },
  endpoints: ["GET hvac-settings", "POST actions/hvac-set-schedule"],
  examples: ["renault-api hvac schedule set 1 --monday 07:30 --saturday clear"],
  async run(context, { args, options }) {
    const id = parseId(args.id);
    const changes: Record<string, HvacDaySchedule | null> = {};
    for (const day of DAYS) {
      const value = options[day];
      if (value === undefined) continue;
      changes[day] =
        value.trim().toLowerCase() === "clear"
          ? null
          : { readyAtTime: utcWire(parseScheduleTime(value, day, context, `--${day}`)) };
    }
    if (Object.keys(changes).length === 0) {
      throw new UsageError("nothing to change: give at least one of --monday … --sunday");
    }
    await changeSchedule(context, id, changes, false, options);
  },
});

const activate = defineCommand({
  name: "activate",
  summary: "Activate an HVAC schedule.",
  args: scheduleId,
  options: ACTION_OPTIONS,
  endpoints: ["GET hvac-settings", "POST actions/hvac-set-schedule"],
  async run(context, { args, options }) {
    await changeSchedule(context, parseId(args.id), { activated: true }, true, options);
  },
});

const deactivate = defineCommand({
  name: "deactivate",
  summary: "Deactivate an HVAC schedule.",
  args: scheduleId,
  options: ACTION_OPTIONS,
  endpoints: ["GET hvac-settings", "POST actions/hvac-set-schedule"],
  async run(context, { args, options }) {
    await changeSchedule(context, parseId(args.id), { activated: false }, true, options);
  },
});

export const hvac = defineGroup({
  name: "hvac",
  summary: "HVAC (climate control) commands.",
  commands: {
    start,
    cancel,
    history,
    sessions,
    settings,
    schedule: defineGroup({
      name: "schedule",
      summary: "HVAC schedules.",
      commands: { set: scheduleSet, activate, deactivate },
    }),
  },
});
