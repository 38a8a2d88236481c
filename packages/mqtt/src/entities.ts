/**
 * Every entity the bridge can announce, as data: platform, the capability it needs, and its
 * static Home Assistant keys (abbreviated). ./discovery.ts turns them into a device payload.
 */
import type { Capability } from "./feed.js";

/** The Home Assistant platforms the bridge uses. */
export type Platform = "sensor" | "binary_sensor" | "button" | "number" | "select" | "device_tracker";

/** Where an entity's state comes from. */
export type StateSource =
  /** `<base>/<vin>/<id>`: the reading of the same id. */
  | "reading"
  /** `<base>/<vin>/health`, through a template. */
  | "health"
  /** `<base>/<vin>/result`, through a template. */
  | "result"
  /** `<base>/<vin>/location` as JSON attributes. */
  | "location"
  /** No state (buttons). */
  | "none";

/** One entity of the catalog. */
export interface EntityDefinition {
  /** Component id, reading key and suffix of the unique id; never renamed (see README). */
  readonly id: string;
  readonly platform: Platform;
  /** The capability it needs; `bridge` = always there (diagnostics of the bridge itself). */
  readonly source: Capability | "bridge";
  /** Entity name (the device name is prepended by Home Assistant); null = the main entity. */
  readonly name: string | null;
  readonly state: StateSource;
  /** Template over the health/result JSON. */
  readonly template?: string;
  /** Command name of `<base>/<vin>/command/<name>`. */
  readonly command?: string;
  /** Only on cars that run on this energy (a definite no when the description says otherwise). */
  readonly needs?: "electric" | "fuel";
  /** Number bounds come from the description's field of this name. */
  readonly bounds?: "socMin" | "socTarget" | "hvacTemperature";
  /** Static keys, abbreviated. */
  readonly config: Readonly<Record<string, unknown>>;
}

const measurement = (deviceClass: string, unit: string, extra: Record<string, unknown> = {}) => ({
  dev_cla: deviceClass,
  stat_cla: "measurement",
  unit_of_meas: unit,
  ...extra,
});
const binary = (deviceClass: string) => ({ dev_cla: deviceClass, pl_on: "true", pl_off: "false" });
const DIAGNOSTIC = { ent_cat: "diagnostic" } as const;

/** Labels of `battery-status.chargingStatus` (./readings.ts), lower case, as the enum sensor's options. */
export const CHARGE_STATES = [
  "not_in_charge",
  "waiting_for_a_planned_charge",
  "charge_ended",
  "waiting_for_current_charge",
  "energy_flap_opened",
  "charge_in_progress",
  "charge_error",
  "unavailable",
  "v2g_charging_waiting",
  "v2l_connected",
  "v2g_discharging",
  "v2g_charging_normal",
] as const;

/** Values of the `health` diagnostic sensor. */
export const HEALTH_STATES = ["ok", "stale", "failing", "quota"] as const;

/** The catalog, in display order. */
export const ENTITIES: readonly EntityDefinition[] = [
  // battery-status
  {
    id: "battery_level",
    needs: "electric",
    platform: "sensor",
    source: "battery-status",
    name: "Battery",
    state: "reading",
    config: measurement("battery", "%"),
  },
  {
    id: "battery_autonomy",
    needs: "electric",
    platform: "sensor",
    source: "battery-status",
    name: "Range",
    state: "reading",
    config: measurement("distance", "km"),
  },
  {
    id: "battery_available_energy",
    needs: "electric",
    platform: "sensor",
    source: "battery-status",
    name: "Battery energy",
    state: "reading",
    config: measurement("energy_storage", "kWh"),
  },
  {
    id: "battery_temperature",
    needs: "electric",
    platform: "sensor",
    source: "battery-status",
    name: "Battery temperature",
    state: "reading",
    config: measurement("temperature", "°C"),
  },
  {
    id: "charging_power",
    needs: "electric",
    platform: "sensor",
    source: "battery-status",
    name: "Charging power",
    state: "reading",
    config: measurement("power", "kW", { sug_dsp_prc: 1 }),
  },
  {
    id: "charging_remaining_time",
    needs: "electric",
    platform: "sensor",
    source: "battery-status",
    name: "Charging time left",
    state: "reading",
    config: measurement("duration", "min"),
  },
  {
    id: "charge_state",
    needs: "electric",
    platform: "sensor",
    source: "battery-status",
    name: "Charge state",
    state: "reading",
    config: { dev_cla: "enum", ops: CHARGE_STATES },
  },
  {
    id: "plugged_in",
    needs: "electric",
    platform: "binary_sensor",
    source: "battery-status",
    name: "Plugged in",
    state: "reading",
    config: binary("plug"),
  },
  {
    id: "charging",
    needs: "electric",
    platform: "binary_sensor",
    source: "battery-status",
    name: "Charging",
    state: "reading",
    config: binary("battery_charging"),
  },
  {
    id: "last_report",
    platform: "sensor",
    source: "battery-status",
    name: "Last report",
    state: "reading",
    config: { dev_cla: "timestamp" },
  },
  // cockpit
  {
    id: "mileage",
    platform: "sensor",
    source: "cockpit",
    name: "Mileage",
    state: "reading",
    config: { dev_cla: "distance", stat_cla: "total_increasing", unit_of_meas: "km" },
  },
  {
    id: "fuel_autonomy",
    needs: "fuel",
    platform: "sensor",
    source: "cockpit",
    name: "Fuel range",
    state: "reading",
    config: measurement("distance", "km"),
  },
  {
    id: "fuel_quantity",
    needs: "fuel",
    platform: "sensor",
    source: "cockpit",
    name: "Fuel",
    state: "reading",
    config: { stat_cla: "measurement", unit_of_meas: "L", ic: "mdi:gas-station" },
  },
  // hvac-status
  {
    id: "outside_temperature",
    platform: "sensor",
    source: "hvac-status",
    name: "Outside temperature",
    state: "reading",
    config: measurement("temperature", "°C"),
  },
  {
    id: "hvac_on",
    platform: "binary_sensor",
    source: "hvac-status",
    name: "Climate control",
    state: "reading",
    config: binary("running"),
  },
  // pressure (the API reports millibars)
  {
    id: "tyre_pressure_front_left",
    platform: "sensor",
    source: "pressure",
    name: "Tyre pressure front left",
    state: "reading",
    config: measurement("pressure", "mbar"),
  },
  {
    id: "tyre_pressure_front_right",
    platform: "sensor",
    source: "pressure",
    name: "Tyre pressure front right",
    state: "reading",
    config: measurement("pressure", "mbar"),
  },
  {
    id: "tyre_pressure_rear_left",
    platform: "sensor",
    source: "pressure",
    name: "Tyre pressure rear left",
    state: "reading",
    config: measurement("pressure", "mbar"),
  },
  {
    id: "tyre_pressure_rear_right",
    platform: "sensor",
    source: "pressure",
    name: "Tyre pressure rear right",
    state: "reading",
    config: measurement("pressure", "mbar"),
  },
  // lock-status: for Home Assistant's lock class, "on" means unlocked; for door, open.
  {
    id: "unlocked",
    platform: "binary_sensor",
    source: "lock-status",
    name: "Lock",
    state: "reading",
    config: binary("lock"),
  },
  {
    id: "door_driver_open",
    platform: "binary_sensor",
    source: "lock-status",
    name: "Driver door",
    state: "reading",
    config: binary("door"),
  },
  {
    id: "door_passenger_open",
    platform: "binary_sensor",
    source: "lock-status",
    name: "Passenger door",
    state: "reading",
    config: binary("door"),
  },
  {
    id: "door_rear_left_open",
    platform: "binary_sensor",
    source: "lock-status",
    name: "Rear left door",
    state: "reading",
    config: binary("door"),
  },
  {
    id: "door_rear_right_open",
    platform: "binary_sensor",
    source: "lock-status",
    name: "Rear right door",
    state: "reading",
    config: binary("door"),
  },
  {
    id: "hatch_open",
    platform: "binary_sensor",
    source: "lock-status",
    name: "Hatch",
    state: "reading",
    config: binary("door"),
  },
  // location
  {
    id: "location",
    platform: "device_tracker",
    source: "location",
    name: null,
    state: "location",
    config: { src_type: "gps" },
  },
  // settings with commands
  {
    id: "charge_mode",
    needs: "electric",
    platform: "select",
    source: "actions/charge-set-mode",
    name: "Charge mode",
    state: "reading",
    command: "charge-mode",
    config: {},
  },
  {
    id: "soc_min",
    needs: "electric",
    platform: "number",
    source: "actions/soc-levels",
    name: "Minimum charge",
    state: "reading",
    command: "soc-min",
    bounds: "socMin",
    config: { dev_cla: "battery", unit_of_meas: "%", mode: "slider" },
  },
  {
    id: "soc_target",
    needs: "electric",
    platform: "number",
    source: "actions/soc-levels",
    name: "Charge target",
    state: "reading",
    command: "soc-target",
    bounds: "socTarget",
    config: { dev_cla: "battery", unit_of_meas: "%", mode: "slider" },
  },
  {
    id: "hvac_temperature",
    platform: "number",
    source: "actions/hvac-start",
    name: "Climate temperature",
    state: "reading",
    command: "hvac-temperature",
    bounds: "hvacTemperature",
    config: { dev_cla: "temperature", unit_of_meas: "°C", mode: "box" },
  },
  // buttons
  {
    id: "charge_start",
    needs: "electric",
    platform: "button",
    source: "actions/charge-start",
    name: "Start charge",
    state: "none",
    command: "charge-start",
    config: { ic: "mdi:ev-station" },
  },
  {
    id: "charge_stop",
    needs: "electric",
    platform: "button",
    source: "actions/charge-stop",
    name: "Stop charge",
    state: "none",
    command: "charge-stop",
    config: { ic: "mdi:stop" },
  },
  {
    id: "hvac_start",
    platform: "button",
    source: "actions/hvac-start",
    name: "Start climate",
    state: "none",
    command: "hvac-start",
    config: { ic: "mdi:air-conditioner" },
  },
  {
    id: "hvac_stop",
    platform: "button",
    source: "actions/hvac-stop",
    name: "Stop climate",
    state: "none",
    command: "hvac-stop",
    config: { ic: "mdi:stop" },
  },
  {
    id: "horn",
    platform: "button",
    source: "actions/horn-start",
    name: "Horn",
    state: "none",
    command: "horn",
    config: { ic: "mdi:bullhorn" },
  },
  {
    id: "lights",
    platform: "button",
    source: "actions/lights-start",
    name: "Flash lights",
    state: "none",
    command: "lights",
    config: { ic: "mdi:car-light-high" },
  },
  // Each refresh wakes the car and costs quota (issue 13): off until the user turns it on.
  {
    id: "refresh_location",
    platform: "button",
    source: "actions/refresh-location",
    name: "Refresh location",
    state: "none",
    command: "refresh-location",
    config: { ic: "mdi:crosshairs-gps", en: false },
  },
  // diagnostics
  {
    id: "health",
    platform: "sensor",
    source: "bridge",
    name: "Data health",
    state: "health",
    template: "{{ value_json.status }}",
    config: { ...DIAGNOSTIC, dev_cla: "enum", ops: HEALTH_STATES },
  },
  {
    id: "last_error",
    platform: "sensor",
    source: "bridge",
    name: "Last error",
    state: "health",
    template: "{{ value_json.last_error | default('') }}",
    config: { ...DIAGNOSTIC, ic: "mdi:alert-circle-outline" },
  },
  {
    id: "remote_protocol",
    platform: "sensor",
    source: "bridge",
    name: "Remote protocol",
    state: "reading",
    config: { ...DIAGNOSTIC, ic: "mdi:protocol" },
  },
  {
    id: "last_command",
    platform: "sensor",
    source: "bridge",
    name: "Last command",
    state: "result",
    template: "{{ value_json.status }}",
    config: { ...DIAGNOSTIC, ic: "mdi:console" },
  },
];
