/**
 * `renault-api/schedules`: reading and editing the charge and HVAC schedules a vehicle returns,
 * into the lists `setChargeSchedules` and `setHvacSchedules` take.
 * @packageDocumentation
 */
export {
  WEEKDAYS,
  chargeEndTime,
  chargeSchedulesOf,
  evProgramsOf,
  evSettingsWithPrograms,
  hvacSchedulesOf,
  serializeChargeSchedules,
  serializeHvacSchedules,
  updateChargeSchedule,
  updateEvProgram,
  updateHvacSchedule,
  type ChargeDaySchedule,
  type ChargeSchedule,
  type EvProgram,
  type EvProgramChanges,
  type HvacDaySchedule,
  type HvacSchedule,
  type Schedule,
  type ScheduleBody,
  type ScheduleChanges,
  type Weekday,
} from "./kamereon/schedules.js";
export { isKcaChargeSchedule } from "./kamereon/models/charge.js";
