import { describe, expect, it } from "vitest";
import { MAX_COMMAND_PAYLOAD, parseCommand, type CommandContext } from "../src/commands.js";

const context: CommandContext = {
  vehicle: {
    vin: "VF1",
    support: {},
    socMin: { min: 15, max: 45, step: 5 },
    socTarget: { min: 55, max: 100, step: 5 },
    hvacTemperature: { min: 16, max: 26, step: 1 },
    chargeModes: ["always_charging", "schedule_mode"],
  },
  readings: { soc_min: 20, soc_target: 80 },
  hvacTemperature: 19,
};
const parse = (name: string, payload: string, over: Partial<CommandContext> = {}) =>
  parseCommand(name, Buffer.from(payload), { ...context, ...over });

describe("command payloads (untrusted)", () => {
  it("turns valid messages into commands, merging the other charge limit", () => {
    expect(parse("horn", "PRESS")).toEqual({ type: "run", command: { kind: "horn" } });
    expect(parse("hvac-start", "PRESS")).toEqual({
      type: "run",
      command: { kind: "hvac-start", temperature: 19 },
    });
    expect(parse("soc-target", "90")).toEqual({
      type: "run",
      command: { kind: "soc-levels", socMin: 20, socTarget: 90 },
    });
    expect(parse("soc-min", "45")).toEqual({
      type: "run",
      command: { kind: "soc-levels", socMin: 45, socTarget: 80 },
    });
    expect(parse("charge-mode", "schedule_mode")).toEqual({
      type: "run",
      command: { kind: "charge-mode", mode: "schedule_mode" },
    });
    expect(parse("hvac-temperature", "22")).toEqual({
      type: "setting",
      reading: "hvac_temperature",
      value: 22,
    });
  });

  it.each([
    ["horn", "HONK", "horn takes PRESS"],
    ["soc-target", "101", "charge target must be between 55 and 100"],
    ["soc-min", "1e3", "minimum charge must be a number"],
    ["soc-min", "NaN", "minimum charge must be a number"],
    ["soc-min", "17", "minimum charge must be a multiple of 5 from 15"],
    ["hvac-temperature", "-40", "temperature must be between 16 and 26"],
    ["charge-mode", "ALWAYS_CHARGING", "charge mode must be one of always_charging, schedule_mode"],
    ["delete-account", "PRESS", "unknown command"],
    ["horn", "P".repeat(MAX_COMMAND_PAYLOAD + 1), "payload too long"],
  ])("refuses %s %j", (name, payload, reason) => {
    expect(parse(name, payload)).toEqual({ type: "refused", reason });
  });

  it("refuses a charge limit while the other one is unknown", () => {
    expect(parse("soc-target", "90", { readings: {} })).toEqual({
      type: "refused",
      reason: "the other charge limit is not known yet",
    });
  });
});
