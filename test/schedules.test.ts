import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { InvalidArgumentError } from "../src/errors.js";
import { type ChargeSchedule, type HvacSchedule } from "../src/index.js";
import {
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
} from "../src/schedules.js";
import { ChargingSettingsSchema, EvSettingsSchema } from "../src/kamereon/models/charge.js";
import { parse, parseAttributes } from "../src/kamereon/models/common.js";
import { HvacSettingsSchema } from "../src/kamereon/models/hvac.js";
import { loadFixture } from "../src/simulator/fixtures.js";

const chargingSettings = (file: string) =>
  parseAttributes(ChargingSettingsSchema, loadFixture(`kamereon/${file}`), "charging-settings");
const hvacSettings = () =>
  parseAttributes(
    HvacSettingsSchema,
    loadFixture("kamereon/vehicle_data/hvac-settings.json"),
    "hvac-settings",
  );
const evSettings = (file: string) =>
  parse(EvSettingsSchema, loadFixture(`kamereon/vehicle_kcm_data/${file}`), "ev/settings");

const nullDays = Object.fromEntries(WEEKDAYS.map((day) => [day, null])) as Record<
  (typeof WEEKDAYS)[number],
  null
>;

describe("reading schedules", () => {
  test("charging-settings.multi: five schedules, the last three without days", () => {
    const schedules = chargeSchedulesOf(chargingSettings("vehicle_data/charging-settings.multi.json"));
    expect(schedules.map((schedule) => [schedule.id, schedule.activated])).toEqual([
      [1, true],
      [2, true],
      [3, false],
      [4, false],
      [5, false],
    ]);
    expect(schedules[1]!.sunday).toEqual({ startTime: "T23:30Z", duration: 15 });
    expect(schedules[3]).toEqual({ id: 4, activated: false, ...nullDays });
  });

  test("an action answer with a missing Monday reads Monday as null", () => {
    const schedules = chargeSchedulesOf(chargingSettings("vehicle_action/charge-schedule.schedules.json"));
    expect(schedules[0]!.monday).toBeNull();
    expect(schedules[0]!.friday).toEqual({ startTime: "T23:30Z", duration: 480 });
  });

  test("a day without a start time or duration is read as null", () => {
    const schedules = chargeSchedulesOf({
      schedules: [{ id: 1, activated: true, monday: { startTime: "T01:00Z" }, tuesday: null }],
    });
    expect(schedules[0]).toEqual({ id: 1, activated: true, ...nullDays });
    expect(chargeSchedulesOf({})).toEqual([]);
  });

  test("hvac-settings: schedule 2 is ready on Wednesday and Friday", () => {
    const schedules = hvacSchedulesOf(hvacSettings());
    expect(schedules).toHaveLength(5);
    expect(schedules[1]).toEqual({
      ...nullDays,
      id: 2,
      activated: true,
      wednesday: { readyAtTime: "T15:15Z" },
      friday: { readyAtTime: "T15:15Z" },
    });
  });
});

describe("serialising schedules", () => {
  test("writes id, activated, then all seven days in order, absent days as null", () => {
    const schedules = chargeSchedulesOf(chargingSettings("vehicle_data/charging-settings.multi.json"));
    const body = serializeChargeSchedules(schedules);
    expect(Object.keys(body[0]!)).toEqual(["id", "activated", ...WEEKDAYS]);
    expect(JSON.stringify(body[4])).toBe(
      '{"id":5,"activated":false,"monday":null,"tuesday":null,"wednesday":null,"thursday":null,"friday":null,"saturday":null,"sunday":null}',
    );
    expect(JSON.stringify(body[1]!.monday)).toBe('{"startTime":"T23:30Z","duration":15}');
  });

  test("round-trips a full week unchanged", () => {
    const raw = loadFixture("kamereon/vehicle_data/charging-settings.single.json") as {
      data: { attributes: { schedules: unknown[] } };
    };
    const schedules = chargeSchedulesOf(chargingSettings("vehicle_data/charging-settings.single.json"));
    expect(serializeChargeSchedules(schedules)).toEqual(raw.data.attributes.schedules);
  });

  test("HVAC days carry only readyAtTime", () => {
    const body = serializeHvacSchedules(hvacSchedulesOf(hvacSettings()));
    expect(JSON.stringify(body[1])).toBe(
      '{"id":2,"activated":true,"monday":null,"tuesday":null,"wednesday":{"readyAtTime":"T15:15Z"},"thursday":null,"friday":{"readyAtTime":"T15:15Z"},"saturday":null,"sunday":null}',
    );
  });

  test("drops unknown day fields, keeps nothing but the wire keys", () => {
    const schedule = {
      id: 1,
      activated: true,
      ...nullDays,
      monday: { startTime: "T01:00Z", duration: 60, extra: 1 },
    } as ChargeSchedule;
    expect(serializeChargeSchedules([schedule])[0]!.monday).toEqual({ startTime: "T01:00Z", duration: 60 });
  });

  test("rejects malformed schedules before anything is sent", () => {
    const good: ChargeSchedule = { id: 1, activated: true, ...nullDays };
    const bad = (patch: Record<string, unknown>) => [{ ...good, ...patch } as ChargeSchedule];
    expect(() => serializeChargeSchedules(bad({ id: 0 }))).toThrow(InvalidArgumentError);
    expect(() => serializeChargeSchedules(bad({ id: "1" }))).toThrow(InvalidArgumentError);
    expect(() => serializeChargeSchedules(bad({ activated: null }))).toThrow(InvalidArgumentError);
    expect(() => serializeChargeSchedules(bad({ monday: { startTime: "T1:00Z", duration: 5 } }))).toThrow(
      InvalidArgumentError,
    );
    expect(() => serializeChargeSchedules(bad({ monday: { startTime: "T01:00Z", duration: -5 } }))).toThrow(
      InvalidArgumentError,
    );
    expect(() => serializeChargeSchedules(bad({ monday: "T01:00Z" }))).toThrow(InvalidArgumentError);
    expect(() => serializeChargeSchedules([good, good])).toThrow(/appears twice/);
    expect(() => serializeChargeSchedules("nope" as unknown as ChargeSchedule[])).toThrow(
      InvalidArgumentError,
    );
    expect(() =>
      serializeHvacSchedules([{ ...good, tuesday: { readyAtTime: "T7:00Z" } } as HvacSchedule]),
    ).toThrow(InvalidArgumentError);
  });
});

describe("changing schedules", () => {
  const base = () => chargeSchedulesOf(chargingSettings("vehicle_data/charging-settings.multi.json"));

  test("edits a day, clears a day, and leaves the others and the input alone", () => {
    const schedules = base();
    const before = JSON.stringify(schedules);
    const changed = updateChargeSchedule(schedules, 2, {
      monday: { startTime: "T22:15Z", duration: 90 },
      tuesday: null,
    });
    expect(JSON.stringify(schedules)).toBe(before);
    expect(changed[1]).toMatchObject({
      id: 2,
      activated: true,
      monday: { startTime: "T22:15Z", duration: 90 },
      tuesday: null,
      wednesday: { startTime: "T23:30Z", duration: 15 },
    });
    expect(changed[0]).toBe(schedules[0]);
    expect(changed).toHaveLength(5);
  });

  test("activates and deactivates", () => {
    const activated = updateChargeSchedule(base(), 3, { activated: true });
    expect(activated[2]!.activated).toBe(true);
    expect(updateChargeSchedule(activated, 3, { activated: false })[2]!.activated).toBe(false);
  });

  test("creates a schedule with a new id, deactivated unless asked", () => {
    const created = updateChargeSchedule([], 1, { friday: { startTime: "T23:00Z", duration: 480 } });
    expect(created).toEqual([
      { id: 1, activated: false, ...nullDays, friday: { startTime: "T23:00Z", duration: 480 } },
    ]);
    const hvac = updateHvacSchedule(hvacSchedulesOf(hvacSettings()), 6, {
      activated: true,
      monday: { readyAtTime: "T06:30Z" },
    });
    expect(hvac).toHaveLength(6);
    expect(serializeHvacSchedules(hvac)[5]).toEqual({
      id: 6,
      activated: true,
      ...nullDays,
      monday: { readyAtTime: "T06:30Z" },
    });
  });

  test("edits an HVAC day", () => {
    const changed = updateHvacSchedule(hvacSchedulesOf(hvacSettings()), 2, {
      wednesday: null,
      sunday: { readyAtTime: "T20:45Z" },
    });
    expect(changed[1]).toMatchObject({
      wednesday: null,
      friday: { readyAtTime: "T15:15Z" },
      sunday: { readyAtTime: "T20:45Z" },
    });
  });

  test.each([
    [{ monday: { startTime: "23:30", duration: 10 } }, InvalidArgumentError],
    [{ monday: { startTime: "T24:00Z", duration: 10 } }, InvalidArgumentError],
    [{ monday: { startTime: "T23:60Z", duration: 10 } }, InvalidArgumentError],
    [{ monday: { startTime: "T23:30Zjunk", duration: 10 } }, InvalidArgumentError],
    [{ monday: { startTime: 2330, duration: 10 } }, InvalidArgumentError],
    [{ monday: { startTime: "T23:30Z", duration: -1 } }, InvalidArgumentError],
    [{ monday: { startTime: "T23:30Z", duration: 1.5 } }, InvalidArgumentError],
    [{ monday: { startTime: "T23:30Z", duration: "10" } }, InvalidArgumentError],
    [{ monday: { startTime: "T23:30Z" } }, InvalidArgumentError],
    [{ mondy: null }, InvalidArgumentError],
    [{ activated: "yes" }, InvalidArgumentError],
  ])("rejects %j", (changes, ErrorClass) => {
    expect(() => updateChargeSchedule(base(), 1, changes as never)).toThrow(ErrorClass);
  });

  test("rejects ids that cannot be created", () => {
    expect(() => updateChargeSchedule(base(), 0, {})).toThrow(InvalidArgumentError);
    expect(() => updateChargeSchedule(base(), 2.5, {})).toThrow(InvalidArgumentError);
    expect(() => updateHvacSchedule([], -1, {})).toThrow(InvalidArgumentError);
    expect(() => updateHvacSchedule([], "1" as unknown as number, {})).toThrow(InvalidArgumentError);
    expect(() => updateHvacSchedule([], 1, { monday: { readyAtTime: "7:00" } })).toThrow(
      InvalidArgumentError,
    );
  });
});

describe("chargeEndTime", () => {
  test.each([
    ["T23:30Z", 45, "T00:15Z"],
    ["T01:01Z", 300, "T06:01Z"],
    ["T22:00Z", 420, "T05:00Z"],
    ["T12:45Z", 45, "T13:30Z"],
    ["T00:00Z", 450, "T07:30Z"],
    ["T23:30Z", 15, "T23:45Z"],
    ["T10:00Z", 0, "T10:00Z"],
    ["T10:00Z", 1440, "T10:00Z"],
    ["T10:20Z", 1500, "T11:20Z"],
  ])("%s + %i min = %s", (startTime, duration, end) => {
    expect(chargeEndTime({ startTime, duration })).toBe(end);
  });

  test("is start + duration modulo a day, for any start and duration", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        fc.integer({ min: 0, max: 100_000 }),
        (hours, minutes, duration) => {
          const pad = (value: number) => String(value).padStart(2, "0");
          const end = chargeEndTime({ startTime: `T${pad(hours)}:${pad(minutes)}Z`, duration });
          const match = /^T(\d\d):(\d\d)Z$/.exec(end);
          expect(match).not.toBeNull();
          const total = Number(match![1]) * 60 + Number(match![2]);
          expect(total).toBe((hours * 60 + minutes + duration) % 1440);
        },
      ),
    );
  });

  test("rejects a bad start or duration", () => {
    expect(() => chargeEndTime({ startTime: "", duration: 10 })).toThrow(InvalidArgumentError);
    expect(() => chargeEndTime({ startTime: "T10:00Z", duration: -10 })).toThrow(InvalidArgumentError);
  });
});

describe("KCM ev/settings programs", () => {
  test("reads the programs with their days", () => {
    const [program] = evProgramsOf(evSettings("ev-settings.single.json"));
    expect(program).toEqual({
      activated: true,
      type: "CHARGE_AND_PRECONDITIONING",
      departureTime: "02:00",
      days: Object.fromEntries(WEEKDAYS.map((day) => [day, true])),
    });
    expect(evProgramsOf(evSettings("ev-settings.empty.json"))).toEqual([]);
  });

  test("deactivating the program gives exactly the inactive fixture", () => {
    const settings = evSettings("ev-settings.single.active.json");
    const programs = updateEvProgram(evProgramsOf(settings), 0, { activated: false });
    expect(evSettingsWithPrograms(settings, programs)).toEqual(
      loadFixture("kamereon/vehicle_kcm_data/ev-settings.single.inactive.json"),
    );
  });

  test("changes days and time, and appends a program at the end", () => {
    const settings = evSettings("ev-settings.single.json");
    let programs = updateEvProgram(evProgramsOf(settings), 0, {
      departureTime: "07:45",
      days: { saturday: false, sunday: false },
    });
    programs = updateEvProgram(programs, 1, { departureTime: "09:00", days: { sunday: true } });
    const body = evSettingsWithPrograms(settings, programs);
    expect(body.programs).toHaveLength(2);
    expect(body.programs![0]).toMatchObject({
      programDepartureTime: "07:45",
      programActivationFriday: true,
      programActivationSaturday: false,
      programActivationSunday: false,
    });
    expect(body.programs![1]).toEqual({
      programActivationStatus: false,
      programType: "CHARGE",
      programDepartureTime: "09:00",
      programActivationMonday: false,
      programActivationTuesday: false,
      programActivationWednesday: false,
      programActivationThursday: false,
      programActivationFriday: false,
      programActivationSaturday: false,
      programActivationSunday: true,
    });
    expect(body.chargeModeRq).toBe("SCHEDULED");
  });

  test("rejects bad programs", () => {
    const programs = evProgramsOf(evSettings("ev-settings.single.json"));
    expect(() => updateEvProgram(programs, 2, { departureTime: "07:00" })).toThrow(InvalidArgumentError);
    expect(() => updateEvProgram(programs, -1, {})).toThrow(InvalidArgumentError);
    expect(() => updateEvProgram(programs, 1, {})).toThrow(InvalidArgumentError);
    expect(() => updateEvProgram(programs, 0, { departureTime: "25:00" })).toThrow(InvalidArgumentError);
    expect(() => updateEvProgram(programs, 0, { days: { funday: true } as never })).toThrow(
      InvalidArgumentError,
    );
    expect(() => updateEvProgram(programs, 0, { activated: 1 as never })).toThrow(InvalidArgumentError);
  });
});
