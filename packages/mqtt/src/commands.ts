/**
 * Command messages: MQTT payloads are untrusted input. Only the bridge's own command names are
 * accepted, payloads are checked against the vehicle's bounds, and anything else is refused with a
 * one-line reason (published on the result topic, never executed).
 */
import type { BridgeCommand, NumberBounds, ReadingValue, VehicleDescription } from "./feed.js";

/** Payloads over this size are refused unread. */
export const MAX_COMMAND_PAYLOAD = 64;

/** The command names of `<base>/<vin>/command/<name>`. */
export const COMMAND_NAMES = [
  "charge-start",
  "charge-stop",
  "hvac-start",
  "hvac-stop",
  "horn",
  "lights",
  "refresh-location",
  "charge-mode",
  "soc-min",
  "soc-target",
  "hvac-temperature",
] as const;
/** A command name. */
export type CommandName = (typeof COMMAND_NAMES)[number];

/** What a command message asks for. */
export type ParsedCommand =
  | { readonly type: "run"; readonly command: BridgeCommand }
  /** Changes a setting the bridge keeps (the HVAC temperature used by `hvac-start`). */
  | { readonly type: "setting"; readonly reading: string; readonly value: number }
  | { readonly type: "refused"; readonly reason: string };

/** What the bridge knows of a vehicle when a command arrives. */
export interface CommandContext {
  readonly vehicle: VehicleDescription;
  readonly readings: Readonly<Record<string, ReadingValue>>;
  /** The HVAC temperature to start with. */
  readonly hvacTemperature: number;
}

const BUTTONS: Readonly<Record<string, BridgeCommand["kind"]>> = {
  "charge-start": "charge-start",
  "charge-stop": "charge-stop",
  "hvac-stop": "hvac-stop",
  horn: "horn",
  lights: "lights",
  "refresh-location": "refresh-location",
};

const refused = (reason: string): ParsedCommand => ({ type: "refused", reason });

function parseNumber(text: string, bounds: NumberBounds | undefined, what: string): number | string {
  if (!bounds) return `${what} is not known for this vehicle`;
  if (!/^-?\d{1,4}(\.\d{1,3})?$/.test(text)) return `${what} must be a number`;
  const value = Number(text);
  if (value < bounds.min || value > bounds.max)
    return `${what} must be between ${bounds.min} and ${bounds.max}`;
  const steps = (value - bounds.min) / bounds.step;
  if (Math.abs(steps - Math.round(steps)) > 1e-9)
    return `${what} must be a multiple of ${bounds.step} from ${bounds.min}`;
  return value;
}

function currentNumber(readings: CommandContext["readings"], key: string): number | undefined {
  const value = readings[key];
  return typeof value === "number" ? value : undefined;
}

/**
 * Parses a command message.
 * @param name - the last topic level
 * @param payload - the raw payload (untrusted)
 */
export function parseCommand(name: string, payload: Buffer, context: CommandContext): ParsedCommand {
  if (!(COMMAND_NAMES as readonly string[]).includes(name)) return refused(`unknown command`);
  if (payload.length > MAX_COMMAND_PAYLOAD) return refused("payload too long");
  const text = payload.toString("utf8").trim();
  const { vehicle, readings } = context;
  const button = BUTTONS[name];
  if (button !== undefined || name === "hvac-start") {
    if (text !== "PRESS" && text !== "") return refused(`${name} takes PRESS`);
    if (name === "hvac-start")
      return { type: "run", command: { kind: "hvac-start", temperature: context.hvacTemperature } };
    return { type: "run", command: { kind: button } as BridgeCommand };
  }
  switch (name) {
    case "charge-mode": {
      const modes = vehicle.chargeModes ?? [];
      if (!modes.includes(text))
        return refused(`charge mode must be one of ${modes.join(", ") || "(none known)"}`);
      return { type: "run", command: { kind: "charge-mode", mode: text } };
    }
    case "soc-min":
    case "soc-target": {
      const isMin = name === "soc-min";
      const value = parseNumber(
        text,
        isMin ? vehicle.socMin : vehicle.socTarget,
        isMin ? "minimum charge" : "charge target",
      );
      if (typeof value === "string") return refused(value);
      const other = currentNumber(readings, isMin ? "soc_target" : "soc_min");
      if (other === undefined) return refused("the other charge limit is not known yet");
      const socMin = isMin ? value : other;
      const socTarget = isMin ? other : value;
      return { type: "run", command: { kind: "soc-levels", socMin, socTarget } };
    }
    default: {
      const value = parseNumber(text, vehicle.hvacTemperature, "temperature");
      if (typeof value === "string") return refused(value);
      return { type: "setting", reading: "hvac_temperature", value };
    }
  }
}
