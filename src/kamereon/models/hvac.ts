import * as v from "valibot";
import { bool, model, num, obj, str, strOrNum } from "./common.js";
import type { HvacStatusCode } from "./codes.js";

/** Climate-control state (`hvac-status`). Fields the library does not declare: {@link rawPayload}. */
export interface HvacStatus {
  /** When the car last sent these values, ISO 8601. */
  readonly lastUpdateTime?: string | null | undefined;
  /**
   * Outside temperature.
   * @unit °C
   */
  readonly externalTemperature?: number | null | undefined;
  /**
   * Cabin temperature.
   * @unit °C
   */
  readonly internalTemperature?: number | null | undefined;
  /** Usually `on`/`off`; some cars send a number (docs/api-notes.md, B7), kept as is. */
  readonly hvacStatus?: HvacStatusCode | null | undefined;
  /** Next scheduled preconditioning, ISO 8601. */
  readonly nextHvacStartDate?: string | null | undefined;
  /**
   * Minimum state of charge for preconditioning.
   * @unit percent (0–100)
   */
  readonly socThreshold?: number | null | undefined;
}
/** Reads {@link HvacStatus}. */
export const HvacStatusSchema = model<HvacStatus>()({
  lastUpdateTime: str(),
  externalTemperature: num(),
  internalTemperature: num(),
  hvacStatus: strOrNum(),
  nextHvacStartDate: str(),
  socThreshold: num(),
});

/** One day of an HVAC schedule, as received. */
export interface HvacDayScheduleData {
  /** When the car must be ready, UTC, `Thh:mmZ`. */
  readonly readyAtTime?: string | null | undefined;
}
/** Reads {@link HvacDayScheduleData}. */
export const HvacDayScheduleSchema = model<HvacDayScheduleData>()({ readyAtTime: str() });

/** An HVAC schedule as the API sends it (days may be absent); edit it through `hvacSchedulesOf`. */
export interface HvacScheduleData {
  /** The schedule's number, from 1. */
  readonly id: number;
  readonly activated?: boolean | null | undefined;
  readonly monday?: HvacDayScheduleData | null | undefined;
  readonly tuesday?: HvacDayScheduleData | null | undefined;
  readonly wednesday?: HvacDayScheduleData | null | undefined;
  readonly thursday?: HvacDayScheduleData | null | undefined;
  readonly friday?: HvacDayScheduleData | null | undefined;
  readonly saturday?: HvacDayScheduleData | null | undefined;
  readonly sunday?: HvacDayScheduleData | null | undefined;
}
/** Reads {@link HvacScheduleData}. */
export const HvacScheduleDataSchema = model<HvacScheduleData>()({
  id: v.number(),
  activated: bool(),
  monday: v.nullish(HvacDayScheduleSchema),
  tuesday: v.nullish(HvacDayScheduleSchema),
  wednesday: v.nullish(HvacDayScheduleSchema),
  thursday: v.nullish(HvacDayScheduleSchema),
  friday: v.nullish(HvacDayScheduleSchema),
  saturday: v.nullish(HvacDayScheduleSchema),
  sunday: v.nullish(HvacDayScheduleSchema),
});

/** HVAC mode and schedules (`hvac-settings`). */
export interface HvacSettings {
  /** e.g. `scheduled`. */
  readonly mode?: string | null | undefined;
  readonly schedules?: HvacScheduleData[] | null | undefined;
  /** When the settings were last changed, ISO 8601. */
  readonly dateTime?: string | null | undefined;
}
/** Reads {@link HvacSettings}. */
export const HvacSettingsSchema = model<HvacSettings>()({
  mode: str(),
  schedules: v.nullish(v.array(HvacScheduleDataSchema)),
  dateTime: str(),
});

/**
 * HVAC use per day or month (`hvac-history`). No sample with data exists, so no field is declared:
 * read the payload, kept whole, with {@link rawPayload}.
 */
export type HvacHistory = Readonly<Record<string, unknown>>;
/** Reads {@link HvacHistory}. */
export const HvacHistorySchema = obj({}) as unknown as v.GenericSchema<unknown, HvacHistory>;

/**
 * HVAC sessions over a period (`hvac-sessions`). No sample with data exists, so no field is
 * declared: read the payload, kept whole, with {@link rawPayload}.
 */
export type HvacSessions = Readonly<Record<string, unknown>>;
/** Reads {@link HvacSessions}. */
export const HvacSessionsSchema = obj({}) as unknown as v.GenericSchema<unknown, HvacSessions>;
