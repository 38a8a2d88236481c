/**
 * Checks a device-based discovery message against Home Assistant's rules (./ha-rules.ts): what
 * Home Assistant would reject, warn about, or silently mishandle. The tests run it on every
 * discovery payload the bridge publishes; the bridge runs it before publishing.
 */
import {
  ABBREVIATIONS,
  AVAILABILITY_ABBREVIATIONS,
  BINARY_SENSOR_DEVICE_CLASSES,
  BUTTON_DEVICE_CLASSES,
  DEFAULT_ENTITY_ID,
  DEVICE_ABBREVIATIONS,
  DEVICE_PAYLOAD_ROOT_KEYS,
  ORIGIN_ABBREVIATIONS,
  PLATFORM_REQUIRED_KEYS,
  SENSOR_DEVICE_CLASSES,
  STATE_CLASSES,
  TOPIC_ID,
} from "./ha-rules.js";

type Json = Record<string, unknown>;

/** A value as it appears in a message (no "[object Object]"). */
const text = (value: unknown): string =>
  typeof value === "string" ? value : value === undefined ? "undefined" : JSON.stringify(value);

const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Replaces abbreviated keys by their full names; a key given both ways is reported. */
function expand(value: Json, table: Readonly<Record<string, string>>, where: string, errors: string[]): Json {
  const out: Json = {};
  for (const [key, item] of Object.entries(value)) {
    const full = table[key] ?? key;
    if (full in out) errors.push(`${where}: "${full}" given twice (abbreviated and full)`);
    out[full] = item;
  }
  return out;
}

const TOPIC_KEYS = [
  "state_topic",
  "command_topic",
  "json_attributes_topic",
  "availability_topic",
  "mode_command_topic",
  "mode_state_topic",
  "temperature_command_topic",
  "temperature_state_topic",
];

function checkTopics(config: Json, where: string, errors: string[]): void {
  for (const key of TOPIC_KEYS) {
    if (!(key in config)) continue;
    const topic = config[key];
    if (typeof topic !== "string" || topic === "") errors.push(`${where}: ${key} must be a non-empty string`);
    else if (/[+#]/.test(topic)) errors.push(`${where}: ${key} "${topic}" contains a wildcard`);
  }
}

function checkAvailability(config: Json, where: string, errors: string[]): void {
  if ("availability" in config && "availability_topic" in config) {
    errors.push(`${where}: availability and availability_topic are exclusive`);
  }
  if ("availability" in config) {
    const list = config.availability;
    if (!Array.isArray(list) || list.length === 0) {
      errors.push(`${where}: availability must be a non-empty list`);
      return;
    }
    for (const item of list) {
      const entry = isObject(item) ? expand(item, AVAILABILITY_ABBREVIATIONS, where, errors) : undefined;
      if (typeof entry?.topic !== "string" || entry.topic === "") {
        errors.push(`${where}: each availability item needs a topic`);
      }
    }
  }
  const mode = config.availability_mode;
  if (mode !== undefined && !["all", "any", "latest"].includes(text(mode))) {
    errors.push(`${where}: availability_mode must be all, any or latest`);
  }
}

function checkSensor(config: Json, where: string, errors: string[]): void {
  const deviceClass = config.device_class;
  const unit = config.unit_of_measurement;
  const stateClass = config.state_class;
  if (stateClass !== undefined && !STATE_CLASSES.has(text(stateClass))) {
    errors.push(`${where}: unknown state_class "${text(stateClass)}"`);
  }
  if (deviceClass !== undefined) {
    const rule = SENSOR_DEVICE_CLASSES[text(deviceClass)];
    if (!rule) {
      errors.push(`${where}: unknown sensor device_class "${text(deviceClass)}"`);
    } else {
      if (rule.units.length === 0 && unit !== undefined) {
        errors.push(`${where}: device_class ${text(deviceClass)} takes no unit`);
      }
      if (rule.units.length > 0 && !rule.units.includes(text(unit))) {
        errors.push(`${where}: unit "${text(unit)}" is not valid with device_class ${text(deviceClass)}`);
      }
      if (stateClass !== undefined && !rule.stateClasses.includes(text(stateClass))) {
        errors.push(`${where}: state_class ${text(stateClass)} is impossible with ${text(deviceClass)}`);
      }
    }
  }
  if (stateClass === "measurement_angle" && unit !== "°") {
    errors.push(`${where}: measurement_angle requires the unit °`);
  }
  if ("options" in config) {
    const options = config.options;
    if (!Array.isArray(options) || options.length === 0) errors.push(`${where}: options must be non-empty`);
    if (deviceClass !== "enum") errors.push(`${where}: options need device_class enum`);
    if (unit !== undefined || stateClass !== undefined) {
      errors.push(`${where}: an enum sensor has no unit nor state_class`);
    }
  } else if (deviceClass === "enum") {
    errors.push(`${where}: device_class enum needs options`);
  }
  if ("last_reset_value_template" in config && stateClass !== "total") {
    errors.push(`${where}: last_reset_value_template requires state_class total`);
  }
  const precision = config.suggested_display_precision;
  if (precision !== undefined && !(Number.isInteger(precision) && (precision as number) >= 0)) {
    errors.push(`${where}: suggested_display_precision must be an integer >= 0`);
  }
}

function checkNumber(config: Json, where: string, errors: string[]): void {
  const min = config.min ?? 0;
  const max = config.max ?? 100;
  const step = config.step ?? 1;
  if (typeof min !== "number" || typeof max !== "number" || typeof step !== "number") {
    errors.push(`${where}: min, max and step must be numbers`);
    return;
  }
  if (!(min < max)) errors.push(`${where}: min must be less than max`);
  if (!(step >= 0.001)) errors.push(`${where}: step must be at least 0.001`);
  if (config.mode !== undefined && !["auto", "box", "slider"].includes(text(config.mode))) {
    errors.push(`${where}: mode must be auto, box or slider`);
  }
}

function checkPlatform(platform: string, config: Json, where: string, errors: string[]): void {
  const deviceClass = config.device_class;
  switch (platform) {
    case "sensor":
      checkSensor(config, where, errors);
      break;
    case "binary_sensor":
      if (deviceClass !== undefined && !BINARY_SENSOR_DEVICE_CLASSES.has(text(deviceClass))) {
        errors.push(`${where}: unknown binary_sensor device_class "${text(deviceClass)}"`);
      }
      break;
    case "button":
      if (deviceClass !== undefined && !BUTTON_DEVICE_CLASSES.has(text(deviceClass))) {
        errors.push(`${where}: unknown button device_class "${text(deviceClass)}"`);
      }
      break;
    case "number":
      checkNumber(config, where, errors);
      break;
    case "select": {
      const options = config.options;
      if (!Array.isArray(options) || options.length === 0 || options.some((o) => typeof o !== "string")) {
        errors.push(`${where}: select options must be a non-empty list of strings`);
      }
      break;
    }
    case "device_tracker":
      if ("state_topic" in config) errors.push(`${where}: a device_tracker must not have a state_topic`);
      if (config.name !== undefined && config.name !== null) {
        errors.push(`${where}: leave a device_tracker's name null`);
      }
      break;
  }
  if (platform !== "sensor" && platform !== "select" && "options" in config && platform !== "climate") {
    errors.push(`${where}: options on a ${platform}`);
  }
}

function checkComponent(
  id: string,
  raw: unknown,
  shared: Json,
  errors: string[],
  uniqueIds: Set<string>,
): void {
  const where = `component ${id}`;
  if (!TOPIC_ID.test(id)) errors.push(`${where}: component id must match [a-zA-Z0-9_-]`);
  if (!isObject(raw)) {
    errors.push(`${where}: must be an object`);
    return;
  }
  const config = expand(raw, ABBREVIATIONS, where, errors);
  const platform = config.platform;
  if (typeof platform !== "string" || !(platform in PLATFORM_REQUIRED_KEYS)) {
    errors.push(`${where}: unknown or missing platform "${text(platform)}"`);
    return;
  }
  if (Object.keys(config).length === 1) return; // { p } alone: removes the entity
  if (typeof config.unique_id !== "string" || config.unique_id === "") {
    errors.push(`${where}: unique_id is required in device-based discovery`);
  } else {
    const key = `${platform}:${config.unique_id}`;
    if (uniqueIds.has(key)) errors.push(`${where}: duplicate unique_id ${config.unique_id}`);
    uniqueIds.add(key);
  }
  if ("device" in config || "origin" in config)
    errors.push(`${where}: device and origin cannot be set per component`);
  if ("object_id" in config)
    errors.push(`${where}: object_id is deprecated (2025.10); use default_entity_id`);
  const entityId = config.default_entity_id;
  if (entityId !== undefined) {
    if (typeof entityId !== "string" || !DEFAULT_ENTITY_ID.test(entityId)) {
      errors.push(`${where}: default_entity_id must be <domain>.<object_id> in lowercase`);
    } else if (!entityId.startsWith(`${platform}.`)) {
      errors.push(`${where}: default_entity_id ${entityId} is not in domain ${platform}`);
    }
  }
  for (const key of PLATFORM_REQUIRED_KEYS[platform] ?? []) {
    if (!(key in config) && !(key in shared)) errors.push(`${where}: ${platform} requires ${key}`);
  }
  const category = config.entity_category;
  if (category !== undefined) {
    if (category !== "config" && category !== "diagnostic") {
      errors.push(`${where}: entity_category must be config or diagnostic`);
    } else if (category === "config" && (platform === "sensor" || platform === "binary_sensor")) {
      errors.push(`${where}: a ${platform} cannot have entity_category config`);
    }
  }
  if ("enabled_by_default" in config && typeof config.enabled_by_default !== "boolean") {
    errors.push(`${where}: enabled_by_default must be a boolean`);
  }
  if ("name" in config && config.name !== null && typeof config.name !== "string") {
    errors.push(`${where}: name must be a string or null`);
  }
  if ("icon" in config && !/^mdi:[a-z0-9-]+$/.test(text(config.icon))) {
    errors.push(`${where}: icon must be mdi:<name>`);
  }
  checkTopics(config, where, errors);
  checkAvailability(config, where, errors);
  checkPlatform(platform, config, where, errors);
}

/**
 * The problems Home Assistant would have with a device-based discovery message.
 * @param topic - where it is published, `<prefix>/device/[<node_id>/]<object_id>/config`
 * @param payload - the payload as sent; empty = delete the device
 * @returns one line per problem; empty when the message is valid
 */
export function validateDeviceDiscovery(topic: string, payload: string): string[] {
  const errors: string[] = [];
  const parts = topic.split("/");
  const ids = parts.slice(2, -1);
  if (parts[1] !== "device" || parts.at(-1) !== "config" || ids.length < 1 || ids.length > 2) {
    errors.push(`topic ${topic}: not <prefix>/device/[<node_id>/]<object_id>/config`);
  } else if (!ids.every((id) => TOPIC_ID.test(id))) {
    errors.push(`topic ${topic}: node and object ids must match [a-zA-Z0-9_-]`);
  }
  if (payload === "") return errors;
  let parsed: unknown;
  try {
    parsed = JSON.parse(payload);
  } catch {
    return [...errors, "payload: not JSON"];
  }
  if (!isObject(parsed)) return [...errors, "payload: not a JSON object"];
  const root = expand(parsed, ABBREVIATIONS, "root", errors);
  for (const key of Object.keys(root)) {
    if (!DEVICE_PAYLOAD_ROOT_KEYS.has(key))
      errors.push(`root: key "${key}" is not allowed in a device payload`);
  }
  const device = isObject(root.device)
    ? expand(root.device, DEVICE_ABBREVIATIONS, "device", errors)
    : undefined;
  if (!device) errors.push("root: device is required");
  else {
    const ids = device.identifiers;
    const hasIds = typeof ids === "string" ? ids !== "" : Array.isArray(ids) && ids.length > 0;
    const hasConnections = Array.isArray(device.connections) && device.connections.length > 0;
    if (!hasIds && !hasConnections) errors.push("device: identifiers or connections required");
    if (typeof device.name !== "string" || device.name === "") errors.push("device: name is required");
    const url = device.configuration_url;
    if (url !== undefined && !/^(https?:\/\/|homeassistant:\/\/)/.test(text(url))) {
      errors.push("device: configuration_url must be http(s) or homeassistant://");
    }
  }
  const origin = isObject(root.origin)
    ? expand(root.origin, ORIGIN_ABBREVIATIONS, "origin", errors)
    : undefined;
  if (!origin) errors.push("root: origin is required");
  else {
    if (typeof origin.name !== "string" || origin.name === "") errors.push("origin: name is required");
    if (origin.support_url !== undefined && !/^https?:\/\//.test(text(origin.support_url))) {
      errors.push("origin: support_url must be an http(s) URL");
    }
  }
  checkAvailability(root, "root", errors);
  checkTopics(root, "root", errors);
  const components = root.components;
  if (!isObject(components) || Object.keys(components).length === 0) {
    errors.push("root: components must be a non-empty object");
    return errors;
  }
  const uniqueIds = new Set<string>();
  for (const [id, component] of Object.entries(components)) {
    checkComponent(id, component, root, errors, uniqueIds);
  }
  return errors;
}
