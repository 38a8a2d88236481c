/**
 * Home Assistant's MQTT discovery rules as data: abbreviations, platform keys, device classes and
 * the units and state classes each sensor device class accepts. Written from Home Assistant's
 * documentation of MQTT discovery and its sensor constants (see packages/mqtt/README.md).
 */

/** Short form → full key, expanded at the root, in `dev`, `o`, `avty` items and in components. */
export const ABBREVIATIONS: Readonly<Record<string, string>> = {
  p: "platform",
  cmps: "components",
  o: "origin",
  dev: "device",
  uniq_id: "unique_id",
  def_ent_id: "default_entity_id",
  stat_t: "state_topic",
  cmd_t: "command_topic",
  cmd_tpl: "command_template",
  val_tpl: "value_template",
  dev_cla: "device_class",
  stat_cla: "state_class",
  unit_of_meas: "unit_of_measurement",
  sug_dsp_prc: "suggested_display_precision",
  ops: "options",
  lrst_val_tpl: "last_reset_value_template",
  exp_aft: "expire_after",
  frc_upd: "force_update",
  ent_cat: "entity_category",
  en: "enabled_by_default",
  ic: "icon",
  json_attr_t: "json_attributes_topic",
  json_attr_tpl: "json_attributes_template",
  avty: "availability",
  avty_t: "availability_topic",
  avty_mode: "availability_mode",
  pl_avail: "payload_available",
  pl_not_avail: "payload_not_available",
  pl_prs: "payload_press",
  pl_on: "payload_on",
  pl_off: "payload_off",
  pl_rst: "payload_reset",
  opt: "optimistic",
  ret: "retain",
  e: "encoding",
  src_type: "source_type",
  ent_pic: "entity_picture",
  obj_id: "object_id",
};

/** Abbreviations of `device` keys. */
export const DEVICE_ABBREVIATIONS: Readonly<Record<string, string>> = {
  ids: "identifiers",
  cns: "connections",
  mf: "manufacturer",
  mdl: "model",
  mdl_id: "model_id",
  sw: "sw_version",
  hw: "hw_version",
  sn: "serial_number",
  sa: "suggested_area",
  cu: "configuration_url",
};

/** Abbreviations of `origin` keys. */
export const ORIGIN_ABBREVIATIONS: Readonly<Record<string, string>> = {
  sw: "sw_version",
  url: "support_url",
};

/** Abbreviation of the one `availability` item key. */
export const AVAILABILITY_ABBREVIATIONS: Readonly<Record<string, string>> = { t: "topic" };

/** Keys allowed at the root of a device-based payload (anything else is probably rejected). */
export const DEVICE_PAYLOAD_ROOT_KEYS: ReadonlySet<string> = new Set([
  "device",
  "origin",
  "components",
  "state_topic",
  "command_topic",
  "qos",
  "encoding",
  "availability",
  "availability_topic",
  "availability_template",
  "availability_mode",
  "payload_available",
  "payload_not_available",
  "message_expiry_interval",
]);

/** Platforms a car bridge may announce, with the keys each requires. */
export const PLATFORM_REQUIRED_KEYS: Readonly<Record<string, readonly string[]>> = {
  sensor: ["state_topic"],
  binary_sensor: ["state_topic"],
  button: ["command_topic"],
  number: ["command_topic"],
  select: ["command_topic", "options"],
  device_tracker: ["json_attributes_topic"],
  climate: [],
  switch: ["command_topic"],
  lock: ["command_topic"],
};

/** The binary sensor device classes. */
export const BINARY_SENSOR_DEVICE_CLASSES: ReadonlySet<string> = new Set(
  (
    "battery battery_charging carbon_monoxide cold connectivity door garage_door gas heat light lock " +
    "moisture motion moving occupancy opening plug power presence problem running safety smoke sound " +
    "tamper update vibration window"
  ).split(" "),
);

/** Button device classes. */
export const BUTTON_DEVICE_CLASSES: ReadonlySet<string> = new Set(["identify", "restart", "update"]);

/** Sensor state classes. */
export const STATE_CLASSES: ReadonlySet<string> = new Set([
  "measurement",
  "measurement_angle",
  "total",
  "total_increasing",
]);

const ENERGY_UNITS = "J kJ MJ GJ mWh Wh kWh MWh GWh TWh cal kcal Mcal Gcal".split(" ");

/** A sensor device class: the units it accepts (empty = no unit) and its state classes. */
export interface SensorClassRule {
  readonly units: readonly string[];
  readonly stateClasses: readonly string[];
}

/** Sensor device classes a car uses, with their units and state classes (exact strings). */
export const SENSOR_DEVICE_CLASSES: Readonly<Record<string, SensorClassRule>> = {
  battery: { units: ["%"], stateClasses: ["measurement"] },
  distance: {
    units: "mm cm m km in ft yd mi".split(" "),
    stateClasses: ["measurement", "total", "total_increasing"],
  },
  energy: { units: ENERGY_UNITS, stateClasses: ["total", "total_increasing"] },
  energy_storage: { units: ENERGY_UNITS, stateClasses: ["measurement"] },
  energy_distance: { units: ["kWh/100km", "mi/kWh", "km/kWh"], stateClasses: ["measurement"] },
  power: { units: "mW W kW MW GW TW".split(" "), stateClasses: ["measurement"] },
  voltage: { units: ["V", "mV", "kV", "MV"], stateClasses: ["measurement"] },
  current: { units: ["A", "mA"], stateClasses: ["measurement"] },
  temperature: { units: ["°C", "°F", "K"], stateClasses: ["measurement"] },
  pressure: {
    units: "Pa hPa kPa bar cbar mbar mmHg inHg psi".split(" "),
    stateClasses: ["measurement"],
  },
  speed: { units: "km/h m/s mph kn ft/s mm/s in/s Beaufort".split(" "), stateClasses: ["measurement"] },
  duration: { units: "d h min s ms".split(" "), stateClasses: ["measurement", "total", "total_increasing"] },
  timestamp: { units: [], stateClasses: [] },
  date: { units: [], stateClasses: [] },
  enum: { units: [], stateClasses: [] },
};

/** `default_entity_id` is `<domain>.<object id>` in lowercase letters, digits and `_`. */
export const DEFAULT_ENTITY_ID = /^[a-z_]+\.[a-z0-9_]+$/;

/** Node and object ids in discovery topics, and (recommended) component ids. */
export const TOPIC_ID = /^[a-zA-Z0-9_-]+$/;
