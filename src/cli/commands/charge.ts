/** `charge …`: start/stop, mode, history, sessions, schedules and charge limits. */
import {
  chargeDurationMinutes,
  chargeEndTime,
  chargeSchedulesOf,
  evProgramsOf,
  isKcaChargeSchedule,
  reportsChargeSessionDurationsInMinutes,
  updateChargeSchedule,
  type ChargeDaySchedule,
  type ChargeSchedule,
  type EvSettings,
  type KcaChargeSchedule,
  type ScheduleChanges,
} from "../../index.js";
import { defineCommand, defineGroup } from "../command.js";
import type { Context } from "../context.js";
import {
  duration,
  keyValues,
  kilowatts,
  label,
  localDateTime,
  localMinute,
  table,
  withUnit,
  yesNo,
} from "../render.js";
import { UsageError } from "../usage.js";
import {
  checked,
  dateRange,
  dayName,
  dayOptions,
  DAYS,
  localScheduleTime,
  minutesText,
  parseId,
  parseScheduleTime,
  PERIOD_OPTION,
  RANGE_OPTIONS,
  utcWire,
  weekTable,
  wireMinutes,
} from "./shared.js";

const start = defineCommand({
  name: "start",
  summary: "Start charging (now, or later with --at where the car supports it).",
  description:
    'Start charging now. --at schedules the start ("in 5 minutes", "tomorrow at 9am", an ISO\n' +
    "time) on vehicles that support a delayed start (KCM charge/start, e.g. Megane E-Tech); other\n" +
    "vehicles refuse it before sending anything (the Python CLI silently started at once).",
  options: {
    at: {
      type: "string",
      valueName: "WHEN",
      description: 'when to start: "in 5 minutes", "tomorrow at 9am", ISO time',
    },
  },
  endpoints: [
    "POST actions/charge-start: KCA charging-start, KCM charge/start, KCM charge/pause-resume, or GET+POST KCM ev/settings",
  ],
  async run(context, { options }) {
    const when = options.at === undefined ? undefined : context.when(options.at, "--at", true);
    if (when && when.getTime() <= context.now().getTime()) {
      throw new UsageError(`--at ${options.at} is in the past (${localMinute(when, context.timeZone)})`);
    }
    const vehicle = await context.vehicle();
    let result;
    try {
      result = await vehicle.setChargeStart(when ? { when } : {}, context.call);
    } catch (error) {
      if (error instanceof TypeError && /cannot schedule a charge start/.test(error.message)) {
        throw new UsageError(
          "--at is not supported by this vehicle: it can only start charging now (omit --at)",
        );
      }
      throw error;
    }
    context.output(result, () =>
      when ? `Charge start scheduled for ${localMinute(when, context.timeZone)}.` : "Charge start requested.",
    );
  },
});

const stop = defineCommand({
  name: "stop",
  summary: "Stop charging.",
  endpoints: ["POST actions/charge-stop: KCA charging-start (stop) or KCM charge/pause-resume (pause)"],
  async run(context) {
    const vehicle = await context.vehicle();
    const result = await vehicle.setChargeStop(context.call);
    context.output(result, () => "Charge stop requested.");
  },
});

const mode = defineCommand({
  name: "mode",
  summary: "Show or set the charge mode.",
  description:
    "Without --set, show the charge mode. With --set, change it. The values the API documents are\n" +
    "always_charging and schedule_mode (reads may say always or scheduled on older cars).",
  options: {
    set: {
      type: "string",
      valueName: "MODE",
      choices: ["always_charging", "schedule_mode"],
      description: "new charge mode",
    },
  },
  endpoints: ["GET charge-mode", "POST actions/charge-set-mode"],
  async run(context, { options }) {
    const vehicle = await context.vehicle();
    if (options.set === undefined) {
      const current = await vehicle.getChargeMode(context.call);
      context.output(current, () => `Charge mode: ${label(current.chargeMode) ?? "unknown"}`);
      return;
    }
    const result = await vehicle.setChargeMode(options.set, context.call);
    context.output(result, () => `Charge mode change to ${options.set ?? ""} requested.`);
  },
});

const history = defineCommand({
  name: "history",
  summary: "Show charge totals per day or month.",
  options: { ...RANGE_OPTIONS, ...PERIOD_OPTION },
  endpoints: ["GET charge-history?type=day|month&start=…&end=…"],
  examples: ["renault-api charge history --from 2024-01-01 --to today --period day"],
  async run(context, { options }) {
    const range = dateRange(context, options.from, options.to);
    const period = options.period === "day" ? "day" : "month";
    const vehicle = await context.vehicle();
    const data = await vehicle.getChargeHistory({ ...range, period }, context.call);
    const summaries = data.chargeSummaries ?? [];
    context.output(data, () =>
      summaries.length === 0
        ? "No data available."
        : table(
            [period === "day" ? "Day" : "Month", "Number of charges", "Total time charging", "Errors"],
            summaries.map((summary) => [
              period === "day" ? summary.day : summary.month,
              summary.totalChargesNumber,
              minutesText(summary.totalChargesDuration),
              summary.totalChargesErrors,
            ]),
          ),
    );
  },
});

const sessions = defineCommand({
  name: "sessions",
  summary: "List charge sessions.",
  options: RANGE_OPTIONS,
  endpoints: ["GET charges?start=…&end=…"],
  async run(context, { options }) {
    const range = dateRange(context, options.from, options.to);
    const vehicle = await context.vehicle();
    const data = await vehicle.getCharges(range, context.call);
    const charges = data.charges ?? [];
    if (context.globals.json || charges.length === 0) {
      context.output(data, () => "No data available.");
      return;
    }
    const inMinutes = reportsChargeSessionDurationsInMinutes(await vehicle.getDetails(context.call));
    context.print(
      table(
        [
          "Charge start",
          "Charge end",
          "Duration",
          "Power (kW)",
          "Started at",
          "Finished at",
          "Charge gained",
          "Energy gained",
          "Power level",
          "Status",
        ],
        charges.map((charge) => {
          const minutes = chargeDurationMinutes(charge, inMinutes);
          const watts = charge.chargeStartInstantaneousPower;
          return [
            localDateTime(charge.chargeStartDate, context.timeZone),
            localDateTime(charge.chargeEndDate, context.timeZone),
            minutes === undefined ? undefined : duration(minutes * 60),
            kilowatts(watts === null || watts === undefined ? undefined : watts / 1000),
            withUnit(charge.chargeStartBatteryLevel, "%"),
            withUnit(charge.chargeEndBatteryLevel, "%"),
            withUnit(charge.chargeBatteryLevelRecovered, "%"),
            withUnit(charge.chargeEnergyRecovered, "kWh"),
            label(charge.chargePower),
            label(charge.chargeEndStatus),
          ];
        }),
      ),
    );
  },
});

// --- schedules ----------------------------------------------------------------------------------

function renderCalendar(calendar: KcaChargeSchedule, context: Context): string {
  const rows: (string | number | undefined)[][] = [];
  for (const day of DAYS) {
    // Every entry of the day (the Python CLI showed only the first).
    for (const entry of calendar.calendar?.[day] ?? []) {
      const match = /^(\d{2}):?(\d{2})$/.exec(entry.startTime ?? "");
      const startUtc = match ? Number(match[1]) * 60 + Number(match[2]) : undefined;
      const endUtc =
        startUtc === undefined || typeof entry.duration !== "number" ? undefined : startUtc + entry.duration;
      rows.push([
        dayName(day),
        localScheduleTime(startUtc, day, context),
        endUtc === undefined ? undefined : localScheduleTime(endUtc % 1440, day, context),
        withUnit(entry.duration, "min"),
        yesNo(entry.activationState),
      ]);
    }
  }
  return rows.length === 0
    ? "No schedules found."
    : table(["Day", "Start time", "End time", "Duration", "Active"], rows);
}

function renderEvSettings(settings: EvSettings): string {
  const lines = [
    `Mode: ${label(settings.chargeModeRq) ?? "-"}`,
    `Charge Time Start: ${settings.chargeTimeStart ?? "-"}`,
    `Charge Duration in minutes: ${settings.chargeDuration ?? "-"}`,
    `Preconditioning temperature in °C: ${settings.preconditioningTemperature ?? "-"}`,
    `Preconditioning Steering Wheel? ${yesNo(settings.preconditioningHeatedStrgWheel) ?? "-"}`,
    `Preconditioning Left Seat? ${yesNo(settings.preconditioningHeatedLeftSeat) ?? "-"}`,
    `Preconditioning Right Seat? ${yesNo(settings.preconditioningHeatedRightSeat) ?? "-"}`,
  ];
  const programs = evProgramsOf(settings);
  if (programs.length === 0) return [...lines, "", "No schedules found."].join("\n");
  programs.forEach((program, index) => {
    lines.push(
      "",
      `Schedule ID: ${index} [Status=${program.activated ? "Active" : "Inactive"}] [Type=${program.type || "-"}] ` +
        `[DepartureTime=${program.departureTime || "N/A"}]`,
      table(
        ["Day", "Active"],
        DAYS.map((day) => [dayName(day), yesNo(program.days[day])]),
      ).trimEnd(),
    );
  });
  return lines.join("\n");
}

/** The schedules of `charging-settings`, one table per schedule, times local (per date). */
export function renderChargeSchedules(
  schedules: readonly ChargeSchedule[],
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
        ["Day", "Start time", "End time", "Duration"],
        DAYS.flatMap((day) => {
          const entry = schedule[day];
          if (!entry) return [];
          return [
            [
              dayName(day),
              localScheduleTime(wireMinutes(entry.startTime), day, context),
              localScheduleTime(wireMinutes(chargeEndTime(entry)), day, context),
              minutesText(entry.duration),
            ],
          ];
        }),
      ).trimEnd(),
    );
  }
  return parts.join("\n");
}

const show = defineCommand({
  name: "show",
  summary: "Show the charge schedules.",
  description:
    "Show the charge schedules: the charge-schedule calendar or KCM ev/settings programs where the\n" +
    "model has them, else the charging-settings schedules (the ones `schedule set` edits). Times are\n" +
    "local, converted with the offset of the next such weekday (daylight saving included).",
  endpoints: ["GET charge-schedule (KCA calendar or KCM ev/settings)", "GET charging-settings"],
  async run(context) {
    const vehicle = await context.vehicle();
    if (await vehicle.supportsEndpoint("charge-schedule", context.call)) {
      const data = await vehicle.getChargeSchedule(context.call);
      context.output(data, () =>
        isKcaChargeSchedule(data) ? renderCalendar(data, context) : renderEvSettings(data),
      );
      return;
    }
    const settings = await vehicle.getChargingSettings(context.call);
    context.output(settings, () =>
      renderChargeSchedules(chargeSchedulesOf(settings), settings.mode ?? undefined, context),
    );
  },
});

const scheduleId = [{ name: "id", description: "schedule id (see `charge schedule show`)" }] as const;

async function changeSchedule(
  context: Context,
  id: number,
  changes: ScheduleChanges<ChargeDaySchedule>,
  mustExist: boolean,
): Promise<void> {
  const vehicle = await context.vehicle();
  const settings = await vehicle.getChargingSettings(context.call);
  const schedules = chargeSchedulesOf(settings);
  if (mustExist && !schedules.some((schedule) => schedule.id === id)) {
    throw new UsageError(
      schedules.length === 0
        ? "No schedules found."
        : `Schedule id ${id} not found (existing: ${schedules.map((schedule) => schedule.id).join(", ")}).`,
    );
  }
  const updated = await checked(() => updateChargeSchedule(schedules, id, changes));
  const result = await vehicle.setChargeSchedules(updated, context.call);
  context.output(result, () => {
    const schedule = updated.filter((entry) => entry.id === id);
    return `Charge schedule ${id} sent:\n${renderChargeSchedules(schedule, undefined, context)}`;
  });
}

const scheduleSet = defineCommand({
  name: "set",
  summary: "Change the days of a charge schedule.",
  description:
    "Change days of charge schedule ID (read from charging-settings; all schedules are sent back).\n" +
    "Each day takes `hh:mm,duration` (local time), `Thh:mmZ,duration` (UTC) or `clear`; times and\n" +
    "durations in minutes, multiples of 15. A new ID creates a schedule (deactivated).",
  args: scheduleId,
  options: dayOptions("START,MINUTES", "start and duration, or clear,"),
  endpoints: ["GET charging-settings", "POST actions/charge-set-schedule"],
  examples: ["renault-api charge schedule set 1 --monday 23:30,480 --sunday clear"],
  async run(context, { args, options }) {
    const id = parseId(args.id);
    const changes: Record<string, ChargeDaySchedule | null> = {};
    for (const day of DAYS) {
      const value = options[day];
      if (value === undefined) continue;
      if (value.trim().toLowerCase() === "clear") {
        changes[day] = null;
        continue;
      }
      const match = /^([^,]+),\s*(\d+)$/.exec(value.trim());
      if (!match) {
        throw new UsageError(
          `invalid value for --${day}: '${value}' (expected hh:mm,minutes, Thh:mmZ,minutes or clear)`,
        );
      }
      const startUtc = parseScheduleTime(match[1] ?? "", day, context, `--${day}`);
      const minutes = Number(match[2]);
      if (startUtc % 15 !== 0 || minutes % 15 !== 0) {
        throw new UsageError(
          `invalid value for --${day}: '${value}' (start minutes and duration must be multiples of 15)`,
        );
      }
      changes[day] = { startTime: utcWire(startUtc), duration: minutes };
    }
    if (Object.keys(changes).length === 0) {
      throw new UsageError("nothing to change: give at least one of --monday … --sunday");
    }
    await changeSchedule(context, id, changes, false);
  },
});

const activate = defineCommand({
  name: "activate",
  summary: "Activate a charge schedule.",
  args: scheduleId,
  endpoints: ["GET charging-settings", "POST actions/charge-set-schedule"],
  async run(context, { args }) {
    await changeSchedule(context, parseId(args.id), { activated: true }, true);
  },
});

const deactivate = defineCommand({
  name: "deactivate",
  summary: "Deactivate a charge schedule.",
  args: scheduleId,
  endpoints: ["GET charging-settings", "POST actions/charge-set-schedule"],
  async run(context, { args }) {
    await changeSchedule(context, parseId(args.id), { activated: false }, true);
  },
});

const socShow = defineCommand({
  name: "show",
  summary: "Show the charge limits.",
  endpoints: ["GET soc-levels (KCM ev/soc-levels)"],
  async run(context) {
    const vehicle = await context.vehicle();
    const levels = await vehicle.getBatterySoc(context.call);
    context.output(levels, () =>
      keyValues([
        ["Min charge level", withUnit(levels.socMin, "%")],
        ["Target charge level", withUnit(levels.socTarget, "%")],
        ["Last updated", localDateTime(levels.lastEnergyUpdateTimestamp, context.timeZone)],
      ]),
    );
  },
});

const socSet = defineCommand({
  name: "set",
  summary: "Set the charge limits.",
  description:
    "Set the charge limits: --min 15 to 45 and --target 55 to 100, by steps of 5 (the app's bounds).",
  options: {
    min: {
      type: "integer",
      required: true,
      valueName: "PERCENT",
      description: "minimum charge level (15-45, step 5)",
    },
    target: {
      type: "integer",
      required: true,
      valueName: "PERCENT",
      description: "target charge level (55-100, step 5)",
    },
  },
  endpoints: ["POST soc-levels (KCM ev/soc-levels)"],
  async run(context, { options }) {
    const vehicle = await context.vehicle();
    const result = await checked(() =>
      vehicle.setBatterySoc({ min: options.min, target: options.target }, context.call),
    );
    context.output(
      result,
      () =>
        `Charge levels updated to ${options.min}-${options.target}%: they may take a few minutes to apply.`,
    );
  },
});

export const charge = defineGroup({
  name: "charge",
  summary: "Charge commands.",
  commands: {
    start,
    stop,
    mode,
    history,
    sessions,
    schedule: defineGroup({
      name: "schedule",
      summary: "Charge schedules.",
      commands: { show, set: scheduleSet, activate, deactivate },
    }),
    soclevels: defineGroup({
      name: "soclevels",
      summary: "Charge limits (state of charge).",
      commands: { show: socShow, set: socSet },
    }),
  },
});
