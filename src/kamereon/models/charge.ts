import * as v from "valibot";
import { bool, num, obj, str } from "./common.js";

/** `charge-mode` attributes. Values drift between generations: `always`, `always_charging`, `schedule_mode`, `scheduled`… */
export const ChargeModeSchema = obj({ chargeMode: str() });
/** The charge mode (`charge-mode`). */
export type ChargeMode = v.InferOutput<typeof ChargeModeSchema>;

/** One day of a KCA charge schedule: start time `Thh:mmZ` (UTC) and duration in minutes. */
export const ChargeDayScheduleSchema = obj({ startTime: str(), duration: num() });

/** A KCA charge schedule as the API sends it (days may be absent). */
export const ChargeScheduleDataSchema = obj({
  id: v.number(),
  activated: bool(),
  monday: v.nullish(ChargeDayScheduleSchema),
  tuesday: v.nullish(ChargeDayScheduleSchema),
  wednesday: v.nullish(ChargeDayScheduleSchema),
  thursday: v.nullish(ChargeDayScheduleSchema),
  friday: v.nullish(ChargeDayScheduleSchema),
  saturday: v.nullish(ChargeDayScheduleSchema),
  sunday: v.nullish(ChargeDayScheduleSchema),
});
/** A charge schedule as received; edit it through `chargeSchedulesOf` (schedules module). */
export type ChargeScheduleData = v.InferOutput<typeof ChargeScheduleDataSchema>;

/** `charging-settings` attributes. */
export const ChargingSettingsSchema = obj({
  /** `scheduled`, `always`, `delayed`… */
  mode: str(),
  schedules: v.nullish(v.array(ChargeScheduleDataSchema)),
  /** Start of a delayed charge (mode `delayed`). */
  startDateTime: str(),
  dateTime: str(),
  /** Delay of a delayed charge, in minutes. */
  delay: num(),
});
/** Charge mode and schedules (`charging-settings`). */
export type ChargingSettings = v.InferOutput<typeof ChargingSettingsSchema>;

const CalendarEntrySchema = obj({
  /** `"HHMM"`, e.g. `"2300"`. */
  startTime: str(),
  /** In minutes. */
  duration: num(),
  activationState: bool(),
});
const CalendarDaySchema = v.nullish(v.array(CalendarEntrySchema));

/** KCA `charge-schedule` attributes: a weekly calendar with entries per day. */
export const KcaChargeScheduleSchema = obj({
  calendar: v.nullish(
    obj({
      monday: CalendarDaySchema,
      tuesday: CalendarDaySchema,
      wednesday: CalendarDaySchema,
      thursday: CalendarDaySchema,
      friday: CalendarDaySchema,
      saturday: CalendarDaySchema,
      sunday: CalendarDaySchema,
    }),
  ),
});
/** The KCA charge calendar (`charge-schedule` on ZOE phase 1). */
export type KcaChargeSchedule = v.InferOutput<typeof KcaChargeScheduleSchema>;

/** One program of KCM `ev/settings`. */
export const EvProgramDataSchema = obj({
  programActivationStatus: bool(),
  /** `CHARGE`, `PRECONDITIONING` or `CHARGE_AND_PRECONDITIONING`. */
  programType: str(),
  /** `"HH:MM"`. */
  programDepartureTime: str(),
  programActivationMonday: bool(),
  programActivationTuesday: bool(),
  programActivationWednesday: bool(),
  programActivationThursday: bool(),
  programActivationFriday: bool(),
  programActivationSaturday: bool(),
  programActivationSunday: bool(),
});
/** A program of KCM `ev/settings`, as received. */
export type EvProgramData = v.InferOutput<typeof EvProgramDataSchema>;

/** KCM `ev/settings` (flat): charge mode, preconditioning and programs. */
export const EvSettingsSchema = obj({
  lastSettingsUpdateTimestamp: str(),
  delegatedActivated: bool(),
  /** `SCHEDULED` or `ALWAYS`. */
  chargeModeRq: str(),
  /** `"HH:MM"`. */
  chargeTimeStart: str(),
  /** In minutes. */
  chargeDuration: num(),
  preconditioningTemperature: num(),
  preconditioningHeatedStrgWheel: bool(),
  preconditioningHeatedRightSeat: bool(),
  preconditioningHeatedLeftSeat: bool(),
  programs: v.nullish(v.array(EvProgramDataSchema)),
});
/** KCM charge settings (`ev/settings`), used by the Renault 5, 4, A290 and Master. */
export type EvSettings = v.InferOutput<typeof EvSettingsSchema>;

/** One line of `charge-history`: per `day` (`YYYYMMDD`) or per `month` (`YYYYMM`). */
export const ChargeSummarySchema = obj({
  day: str(),
  month: str(),
  totalChargesNumber: num(),
  /** In minutes. */
  totalChargesDuration: num(),
  totalChargesErrors: num(),
});

/** `charge-history` attributes. */
export const ChargeHistorySchema = obj({
  chargeSummaries: v.nullish(v.array(ChargeSummarySchema)),
});
/** Charge totals per day or month (`charge-history`). */
export type ChargeHistory = v.InferOutput<typeof ChargeHistorySchema>;

/** One charge session of `charges`. */
export const ChargeSessionSchema = obj({
  chargeStartDate: str(),
  chargeEndDate: str(),
  /** Minutes on ZOE phase 1, seconds elsewhere: use {@link chargeDurationMinutes}. */
  chargeDuration: num(),
  chargeStartBatteryLevel: num(),
  chargeEndBatteryLevel: num(),
  chargeBatteryLevelRecovered: num(),
  /** e.g. `slow`. */
  chargePower: str(),
  /** In watts. */
  chargeStartInstantaneousPower: num(),
  /** In kWh. */
  chargeEnergyRecovered: num(),
  /** `ok` or `error`. */
  chargeEndStatus: str(),
});
/** One charge session. */
export type ChargeSession = v.InferOutput<typeof ChargeSessionSchema>;

/** `charges` attributes. */
export const ChargesSchema = obj({ charges: v.nullish(v.array(ChargeSessionSchema)) });
/** Charge sessions over a period (`charges`). */
export type Charges = v.InferOutput<typeof ChargesSchema>;

/**
 * The duration of a charge session in minutes, whatever unit the car reports.
 *
 * @param inMinutes - from `reportsChargeSessionDurationsInMinutes(details)`: true on ZOE phase 1
 */
export function chargeDurationMinutes(
  session: Pick<ChargeSession, "chargeDuration">,
  inMinutes: boolean,
): number | undefined {
  const duration = session.chargeDuration;
  if (duration === null || duration === undefined) return undefined;
  return inMinutes ? duration : duration / 60;
}
