import * as v from "valibot";
import { bool, model, num, str } from "./common.js";
import type { ChargeEndStatusCode, ChargeModeCode, EvChargeModeCode, EvProgramTypeCode } from "./codes.js";

/** The charge mode (`charge-mode`). Fields the library does not declare: {@link rawPayload}. */
export interface ChargeMode {
  /** `always`, `always_charging`, `schedule_mode`, `scheduled`… (they drift between generations). */
  readonly chargeMode?: ChargeModeCode | null | undefined;
}
/** Reads {@link ChargeMode}. */
export const ChargeModeSchema = model<ChargeMode>()({ chargeMode: str() });

/** One day of a KCA charge schedule, as received. */
export interface ChargeDayScheduleData {
  /** Start time, UTC, `Thh:mmZ` (e.g. `T23:30Z`). */
  readonly startTime?: string | null | undefined;
  /**
   * How long to charge.
   * @unit minutes
   */
  readonly duration?: number | null | undefined;
}
/** Reads {@link ChargeDayScheduleData}. */
export const ChargeDayScheduleSchema = model<ChargeDayScheduleData>()({ startTime: str(), duration: num() });

/** A KCA charge schedule as the API sends it (days may be absent); edit it through `chargeSchedulesOf`. */
export interface ChargeScheduleData {
  /** The schedule's number, from 1. */
  readonly id: number;
  readonly activated?: boolean | null | undefined;
  readonly monday?: ChargeDayScheduleData | null | undefined;
  readonly tuesday?: ChargeDayScheduleData | null | undefined;
  readonly wednesday?: ChargeDayScheduleData | null | undefined;
  readonly thursday?: ChargeDayScheduleData | null | undefined;
  readonly friday?: ChargeDayScheduleData | null | undefined;
  readonly saturday?: ChargeDayScheduleData | null | undefined;
  readonly sunday?: ChargeDayScheduleData | null | undefined;
}
/** Reads {@link ChargeScheduleData}. */
export const ChargeScheduleDataSchema = model<ChargeScheduleData>()({
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

/** Charge mode and schedules (`charging-settings`). */
export interface ChargingSettings {
  /** `scheduled`, `always`, `delayed`, `delegated`… */
  readonly mode?: ChargeModeCode | null | undefined;
  readonly schedules?: ChargeScheduleData[] | null | undefined;
  /** Start of a delayed charge (mode `delayed`), ISO 8601. */
  readonly startDateTime?: string | null | undefined;
  /** When the settings were last changed, ISO 8601. */
  readonly dateTime?: string | null | undefined;
  /**
   * Delay of a delayed charge.
   * @unit minutes
   */
  readonly delay?: number | null | undefined;
}
/** Reads {@link ChargingSettings}. */
export const ChargingSettingsSchema = model<ChargingSettings>()({
  mode: str(),
  schedules: v.nullish(v.array(ChargeScheduleDataSchema)),
  startDateTime: str(),
  dateTime: str(),
  delay: num(),
});

/** One entry of a KCA charge calendar day. */
export interface CalendarEntry {
  /** Start time, `"HHMM"` (e.g. `"2300"`). */
  readonly startTime?: string | null | undefined;
  /**
   * How long to charge.
   * @unit minutes
   */
  readonly duration?: number | null | undefined;
  readonly activationState?: boolean | null | undefined;
}
const CalendarEntrySchema = model<CalendarEntry>()({
  startTime: str(),
  duration: num(),
  activationState: bool(),
});
const CalendarDaySchema = v.nullish(v.array(CalendarEntrySchema));

/** The weekly calendar of a KCA `charge-schedule`: entries per day. */
export interface ChargeCalendar {
  readonly monday?: CalendarEntry[] | null | undefined;
  readonly tuesday?: CalendarEntry[] | null | undefined;
  readonly wednesday?: CalendarEntry[] | null | undefined;
  readonly thursday?: CalendarEntry[] | null | undefined;
  readonly friday?: CalendarEntry[] | null | undefined;
  readonly saturday?: CalendarEntry[] | null | undefined;
  readonly sunday?: CalendarEntry[] | null | undefined;
}
const ChargeCalendarSchema = model<ChargeCalendar>()({
  monday: CalendarDaySchema,
  tuesday: CalendarDaySchema,
  wednesday: CalendarDaySchema,
  thursday: CalendarDaySchema,
  friday: CalendarDaySchema,
  saturday: CalendarDaySchema,
  sunday: CalendarDaySchema,
});

/** The KCA charge calendar (`charge-schedule` on ZOE phase 1). */
export interface KcaChargeSchedule {
  readonly calendar?: ChargeCalendar | null | undefined;
}
/** Reads {@link KcaChargeSchedule}. */
export const KcaChargeScheduleSchema = model<KcaChargeSchedule>()({
  calendar: v.nullish(ChargeCalendarSchema),
});

/** A program of KCM `ev/settings`, as received. */
export interface EvProgramData {
  readonly programActivationStatus?: boolean | null | undefined;
  /** `CHARGE`, `PRECONDITIONING` or `CHARGE_AND_PRECONDITIONING`. */
  readonly programType?: EvProgramTypeCode | null | undefined;
  /** Departure time, local to the car, `"HH:MM"`. */
  readonly programDepartureTime?: string | null | undefined;
  readonly programActivationMonday?: boolean | null | undefined;
  readonly programActivationTuesday?: boolean | null | undefined;
  readonly programActivationWednesday?: boolean | null | undefined;
  readonly programActivationThursday?: boolean | null | undefined;
  readonly programActivationFriday?: boolean | null | undefined;
  readonly programActivationSaturday?: boolean | null | undefined;
  readonly programActivationSunday?: boolean | null | undefined;
}
/** Reads {@link EvProgramData}. */
export const EvProgramDataSchema = model<EvProgramData>()({
  programActivationStatus: bool(),
  programType: str(),
  programDepartureTime: str(),
  programActivationMonday: bool(),
  programActivationTuesday: bool(),
  programActivationWednesday: bool(),
  programActivationThursday: bool(),
  programActivationFriday: bool(),
  programActivationSaturday: bool(),
  programActivationSunday: bool(),
});

/** KCM charge settings (`ev/settings`, flat), used by the Renault 5, 4, A290, Scenic and Master. */
export interface EvSettings {
  /** When the settings were last changed, ISO 8601. */
  readonly lastSettingsUpdateTimestamp?: string | null | undefined;
  /** Whether a third party manages the charge (smart charging). */
  readonly delegatedActivated?: boolean | null | undefined;
  /** `SCHEDULED` or `ALWAYS`. */
  readonly chargeModeRq?: EvChargeModeCode | null | undefined;
  /** Start of the scheduled charge, local to the car, `"HH:MM"`. */
  readonly chargeTimeStart?: string | null | undefined;
  /**
   * Length of the scheduled charge.
   * @unit minutes
   */
  readonly chargeDuration?: number | null | undefined;
  /**
   * Cabin temperature of the preconditioning.
   * @unit °C
   */
  readonly preconditioningTemperature?: number | null | undefined;
  readonly preconditioningHeatedStrgWheel?: boolean | null | undefined;
  readonly preconditioningHeatedRightSeat?: boolean | null | undefined;
  readonly preconditioningHeatedLeftSeat?: boolean | null | undefined;
  readonly programs?: EvProgramData[] | null | undefined;
}
/** Reads {@link EvSettings}. */
export const EvSettingsSchema = model<EvSettings>()({
  lastSettingsUpdateTimestamp: str(),
  delegatedActivated: bool(),
  chargeModeRq: str(),
  chargeTimeStart: str(),
  chargeDuration: num(),
  preconditioningTemperature: num(),
  preconditioningHeatedStrgWheel: bool(),
  preconditioningHeatedRightSeat: bool(),
  preconditioningHeatedLeftSeat: bool(),
  programs: v.nullish(v.array(EvProgramDataSchema)),
});

/** One line of `charge-history`: per `day` or per `month`. */
export interface ChargeSummary {
  /** The day, `YYYYMMDD` (per-day history). */
  readonly day?: string | null | undefined;
  /** The month, `YYYYMM` (per-month history). */
  readonly month?: string | null | undefined;
  /**
   * Number of charges.
   * @unit count
   */
  readonly totalChargesNumber?: number | null | undefined;
  /**
   * Time spent charging.
   * @unit minutes
   */
  readonly totalChargesDuration?: number | null | undefined;
  /**
   * Number of charges that ended in error.
   * @unit count
   */
  readonly totalChargesErrors?: number | null | undefined;
}
/** Reads {@link ChargeSummary}. */
export const ChargeSummarySchema = model<ChargeSummary>()({
  day: str(),
  month: str(),
  totalChargesNumber: num(),
  totalChargesDuration: num(),
  totalChargesErrors: num(),
});

/** Charge totals per day or month (`charge-history`). */
export interface ChargeHistory {
  readonly chargeSummaries?: ChargeSummary[] | null | undefined;
}
/** Reads {@link ChargeHistory}. */
export const ChargeHistorySchema = model<ChargeHistory>()({
  chargeSummaries: v.nullish(v.array(ChargeSummarySchema)),
});

/** One charge session of `charges`. */
export interface ChargeSession {
  /** ISO 8601. */
  readonly chargeStartDate?: string | null | undefined;
  /** ISO 8601. */
  readonly chargeEndDate?: string | null | undefined;
  /**
   * Length of the session: **minutes** on ZOE phase 1 and the Megane E-Tech, seconds elsewhere:
   * read it with {@link chargeDurationMinutes}.
   * @unit seconds, or minutes on ZOE phase 1 (see `reportsChargeSessionDurationsInMinutes`)
   */
  readonly chargeDuration?: number | null | undefined;
  /** @unit percent (0–100) */
  readonly chargeStartBatteryLevel?: number | null | undefined;
  /** @unit percent (0–100) */
  readonly chargeEndBatteryLevel?: number | null | undefined;
  /**
   * State of charge gained.
   * @unit percentage points
   */
  readonly chargeBatteryLevelRecovered?: number | null | undefined;
  /** Kind of charge, e.g. `slow`. */
  readonly chargePower?: string | null | undefined;
  /**
   * Power at the start of the session.
   * @unit W
   */
  readonly chargeStartInstantaneousPower?: number | null | undefined;
  /**
   * Energy charged.
   * @unit kWh
   */
  readonly chargeEnergyRecovered?: number | null | undefined;
  /** `ok` or `error`. */
  readonly chargeEndStatus?: ChargeEndStatusCode | null | undefined;
}
/** Reads {@link ChargeSession}. */
export const ChargeSessionSchema = model<ChargeSession>()({
  chargeStartDate: str(),
  chargeEndDate: str(),
  chargeDuration: num(),
  chargeStartBatteryLevel: num(),
  chargeEndBatteryLevel: num(),
  chargeBatteryLevelRecovered: num(),
  chargePower: str(),
  chargeStartInstantaneousPower: num(),
  chargeEnergyRecovered: num(),
  chargeEndStatus: str(),
});

/** Charge sessions over a period (`charges`). */
export interface Charges {
  readonly charges?: ChargeSession[] | null | undefined;
}
/** Reads {@link Charges}. */
export const ChargesSchema = model<Charges>()({ charges: v.nullish(v.array(ChargeSessionSchema)) });

/**
 * The duration of a charge session in minutes, whatever unit the car reports.
 *
 * @param inMinutes - from `reportsChargeSessionDurationsInMinutes(details)`: true on ZOE phase 1
 * @returns the duration, in minutes
 */
export function chargeDurationMinutes(
  session: Pick<ChargeSession, "chargeDuration">,
  inMinutes: boolean,
): number | undefined {
  const duration = session.chargeDuration;
  if (duration === null || duration === undefined) return undefined;
  return inMinutes ? duration : duration / 60;
}

/**
 * Whether a `charge-schedule` read is the KCA calendar (ZOE phase 1) rather than KCM `ev/settings`:
 * only the calendar has a `calendar` field.
 */
export function isKcaChargeSchedule(schedule: KcaChargeSchedule | EvSettings): schedule is KcaChargeSchedule {
  return "calendar" in schedule;
}
