import * as v from "valibot";
import { bool, num, obj, str, strOrNum } from "./common.js";

/** `hvac-status` attributes. */
export const HvacStatusSchema = obj({
  lastUpdateTime: str(),
  /** In °C. */
  externalTemperature: num(),
  /** In °C. */
  internalTemperature: num(),
  /** Usually `on`/`off`; some cars send a number (field notes B7), kept as is. */
  hvacStatus: strOrNum(),
  nextHvacStartDate: str(),
  /** Minimum state of charge for preconditioning, in percent. */
  socThreshold: num(),
});
/** Climate-control state (`hvac-status`). */
export type HvacStatus = v.InferOutput<typeof HvacStatusSchema>;

/** One day of an HVAC schedule: the car is ready at `readyAtTime` (`Thh:mmZ`, UTC). */
export const HvacDayScheduleSchema = obj({ readyAtTime: str() });

/** An HVAC schedule as the API sends it (days may be absent). */
export const HvacScheduleDataSchema = obj({
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
/** An HVAC schedule as received; edit it through `hvacSchedulesOf` (schedules module). */
export type HvacScheduleData = v.InferOutput<typeof HvacScheduleDataSchema>;

/** `hvac-settings` attributes. */
export const HvacSettingsSchema = obj({
  mode: str(),
  schedules: v.nullish(v.array(HvacScheduleDataSchema)),
  dateTime: str(),
});
/** HVAC mode and schedules (`hvac-settings`). */
export type HvacSettings = v.InferOutput<typeof HvacSettingsSchema>;

/** `hvac-history` attributes (no sample with data exists; everything is kept). */
export const HvacHistorySchema = obj({});
/** HVAC use per day or month (`hvac-history`). */
export type HvacHistory = v.InferOutput<typeof HvacHistorySchema>;

/** `hvac-sessions` attributes (no sample with data exists; everything is kept). */
export const HvacSessionsSchema = obj({});
/** HVAC sessions over a period (`hvac-sessions`). */
export type HvacSessions = v.InferOutput<typeof HvacSessionsSchema>;
