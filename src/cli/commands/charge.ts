/** `charge …`: start/stop, mode, history, sessions, schedules and charge limits. */
import { InvalidArgumentError } from "../../index.js";
import { chargeDurationMinutes, reportsChargeSessionDurationsInMinutes } from "../../models.js";
import { defineCommand, defineGroup } from "../command.js";
import {
  duration,
  codeText,
  keyValues,
  kilowatts,
  label,
  localDateTime,
  localMinute,
  table,
  withUnit,
} from "../render.js";
import { UsageError } from "../usage.js";
import { checked, dateRange, minutesText, PERIOD_OPTION, RANGE_OPTIONS } from "./shared.js";
import { schedule } from "./charge-schedule.js";
import { ACTION_OPTIONS, runAction } from "./action-run.js";

const start = defineCommand({
  name: "start",
  summary: "Start charging (now, or later with --at where the car supports it).",
  description:
    'Start charging now. --at schedules the start ("in 5 minutes", "tomorrow at 9am", an ISO\n' +
    "time) on vehicles that support a delayed start (KCM charge/start, e.g. Megane E-Tech); other\n" +
    "vehicles refuse it before sending anything (rather than starting at once).",
  options: {
    at: {
      type: "string",
      valueName: "WHEN",
      description: 'when to start: "in 5 minutes", "tomorrow at 9am", ISO time',
    },
    ...ACTION_OPTIONS,
  },
  endpoints: [
    "POST actions/charge-start: KCA charging-start, KCM charge/start, KCM charge/pause-resume, or GET+POST KCM ev/settings",
  ],
  async run(context, { options }) {
    const when = options.at === undefined ? undefined : context.when(options.at, "--at", true);
    if (when && when.getTime() <= context.now().getTime()) {
      throw new UsageError(`--at ${options.at} is in the past (${localMinute(when, context.timeZone)})`);
    }
    try {
      await runAction(context, { action: "charge-start", when }, options, {
        what: "Charge start",
        requested: when
          ? `Charge start scheduled for ${localMinute(when, context.timeZone)} (requested, not yet confirmed).`
          : "Charge start requested (not yet confirmed).",
        data: (result) =>
          (result as { settings?: unknown; result?: unknown }).settings ??
          (result as { result?: unknown }).result,
      });
    } catch (error) {
      if (error instanceof InvalidArgumentError && error.argument === "when") {
        throw new UsageError(
          "--at is not supported by this vehicle: it can only start charging now (omit --at)",
        );
      }
      throw error;
    }
  },
});

const stop = defineCommand({
  name: "stop",
  summary: "Stop charging.",
  options: ACTION_OPTIONS,
  endpoints: ["POST actions/charge-stop: KCA charging-start (stop) or KCM charge/pause-resume (pause)"],
  async run(context, { options }) {
    await runAction(context, { action: "charge-stop" }, options, {
      what: "Charge stop",
      requested: "Charge stop requested (not yet confirmed).",
      data: (result) => (result as { result?: unknown }).result,
    });
  },
});

/** The modes cars report, as the action names the API documents. */
const ACTION_OF_REPORTED_MODE: Readonly<Record<string, string>> = {
  always: "always_charging",
  scheduled: "schedule_mode",
};

const mode = defineCommand({
  name: "mode",
  summary: "Show or set the charge mode.",
  description:
    "Without --set, show the charge mode. With --set, change it: always_charging or schedule_mode\n" +
    "(the values the API documents), or always and scheduled (what cars report), sent as the former.",
  options: {
    set: {
      type: "string",
      valueName: "MODE",
      choices: ["always_charging", "schedule_mode", "always", "scheduled"],
      description: "new charge mode",
    },
    ...ACTION_OPTIONS,
  },
  endpoints: ["GET charge-mode", "POST actions/charge-set-mode"],
  async run(context, { options }) {
    if (options.set === undefined) {
      const vehicle = await context.vehicle();
      const current = await vehicle.getChargeMode(context.call);
      context.output(
        current,
        () => `Charge mode: ${codeText("chargeMode", current.chargeMode) ?? "unknown"}`,
      );
      return;
    }
    const action = Object.hasOwn(ACTION_OF_REPORTED_MODE, options.set)
      ? (ACTION_OF_REPORTED_MODE[options.set] ?? options.set)
      : options.set;
    await runAction(context, { action: "charge-mode", mode: action }, options, {
      what: "Charge mode change",
      requested: `Charge mode change to ${action} requested (not yet confirmed).`,
    });
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
    const data = await vehicle.getChargeSessions(range, context.call);
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
            codeText("chargeEndStatus", charge.chargeEndStatus),
          ];
        }),
      ),
    );
  },
});

const socShow = defineCommand({
  name: "show",
  summary: "Show the charge limits.",
  endpoints: ["GET soc-levels (KCM ev/soc-levels)"],
  async run(context) {
    const vehicle = await context.vehicle();
    const levels = await vehicle.getSocLevels(context.call);
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
    ...ACTION_OPTIONS,
  },
  endpoints: ["POST soc-levels (KCM ev/soc-levels)"],
  async run(context, { options }) {
    await checked(() =>
      runAction(context, { action: "soc-levels", socMin: options.min, socTarget: options.target }, options, {
        what: "Charge levels change",
        requested: `Charge levels ${options.min}-${options.target}% requested (not yet confirmed): they may take a few minutes to apply.`,
      }),
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
    schedule,
    soclevels: defineGroup({
      name: "soclevels",
      summary: "Charge limits (state of charge).",
      commands: { show: socShow, set: socSet },
    }),
  },
});
