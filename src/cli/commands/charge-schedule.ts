/** `charge schedule …`: the weekly charge schedules (show, set, activate, deactivate). */
import {
  type ChargeDaySchedule,
  type ChargeSchedule,
  type EvSettings,
  type KcaChargeSchedule,
  type ScheduleChanges,
} from "../../index.js";
import { isKcaChargeSchedule } from "../../models.js";
import { chargeEndTime, chargeSchedulesOf, evProgramsOf, updateChargeSchedule } from "../../schedules.js";
import { defineCommand, defineGroup } from "../command.js";
import { ACTION_OPTIONS, runAction, type ActionFlags } from "./action-run.js";
import type { Context } from "../context.js";
import { codeText, table, withUnit, yesNo } from "../render.js";
import { UsageError } from "../usage.js";
import {
  checked,
  dayName,
  dayOptions,
  DAYS,
  localScheduleTime,
  minutesText,
  parseId,
  parseScheduleTime,
  utcWire,
  weekTable,
  wireMinutes,
} from "./shared.js";

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
        endUtc === undefined ? undefined : localScheduleTime(endUtc, day, context),
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
    `Mode: ${codeText("evChargeMode", settings.chargeModeRq) ?? "-"}`,
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

/** The UTC end of a day's charge in minutes after that day's midnight (≥ 1440 past midnight). */
function endMinutes(entry: ChargeDaySchedule): number | undefined {
  const start = wireMinutes(entry.startTime);
  if (start === undefined || typeof entry.duration !== "number") return wireMinutes(chargeEndTime(entry));
  return start + entry.duration;
}

/** The schedules of `charging-settings`, one table per schedule, times local (per date). */
export function renderChargeSchedules(
  schedules: readonly ChargeSchedule[],
  mode: string | undefined,
  context: Context,
): string {
  const parts: string[] = [];
  if (mode) parts.push(`Mode: ${codeText("chargeMode", mode)}`);
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
              localScheduleTime(endMinutes(entry), day, context),
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
    "local, converted with the offset of the next such weekday (daylight saving included); (+1 day)\n" +
    "marks a time on the next day (a UTC shift, or an end past midnight). --json adds `kind`:\n" +
    "calendar (KCA charge-schedule), ev-settings (KCM ev/settings) or charging-settings.",
  endpoints: ["GET charge-schedule (KCA calendar or KCM ev/settings)", "GET charging-settings"],
  async run(context) {
    const vehicle = await context.vehicle();
    if (await vehicle.supports("charge-schedule", context.call)) {
      const data = await vehicle.getChargeSchedule(context.call);
      const kind = isKcaChargeSchedule(data) ? "calendar" : "ev-settings";
      context.output({ kind, ...data }, () =>
        isKcaChargeSchedule(data) ? renderCalendar(data, context) : renderEvSettings(data),
      );
      return;
    }
    const settings = await vehicle.getChargingSettings(context.call);
    context.output({ kind: "charging-settings", ...settings }, () =>
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
  flags: ActionFlags,
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
  const schedule = updated.filter((entry) => entry.id === id);
  await runAction(context, { action: "charge-schedules", schedules: updated }, flags, {
    what: `Charge schedule ${id} change`,
    requested: `Charge schedule ${id} sent (not yet confirmed):\n${renderChargeSchedules(schedule, undefined, context)}`,
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
  options: { ...dayOptions("START,MINUTES", "start and duration, or clear,"), ...ACTION_OPTIONS },
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
    await changeSchedule(context, id, changes, false, options);
  },
});

const activate = defineCommand({
  name: "activate",
  summary: "Activate a charge schedule.",
  args: scheduleId,
  options: ACTION_OPTIONS,
  endpoints: ["GET charging-settings", "POST actions/charge-set-schedule"],
  async run(context, { args, options }) {
    await changeSchedule(context, parseId(args.id), { activated: true }, true, options);
  },
});

const deactivate = defineCommand({
  name: "deactivate",
  summary: "Deactivate a charge schedule.",
  args: scheduleId,
  options: ACTION_OPTIONS,
  endpoints: ["GET charging-settings", "POST actions/charge-set-schedule"],
  async run(context, { args, options }) {
    await changeSchedule(context, parseId(args.id), { activated: false }, true, options);
  },
});

/** The `charge schedule` group. */
export const schedule = defineGroup({
  name: "schedule",
  summary: "Charge schedules.",
  commands: { show, set: scheduleSet, activate, deactivate },
});
