/**
 * renault-api-mqtt: an MQTT bridge for renault-api with Home Assistant discovery.
 * @packageDocumentation
 */
export { MqttBridge, roundCoordinate, type BridgeLogger, type BridgeOptions } from "./bridge.js";
export { clientOptions, safeUrl, type BrokerOptions } from "./broker.js";
export {
  COMMAND_NAMES,
  MAX_COMMAND_PAYLOAD,
  parseCommand,
  type CommandName,
  type ParsedCommand,
} from "./commands.js";
export { buildDiscovery, deviceName, type Discovery, type Origin } from "./discovery.js";
export { ENTITIES, type EntityDefinition, type Platform, type StateSource } from "./entities.js";
export type * from "./feed.js";
export { validateDeviceDiscovery } from "./ha-validate.js";
export { LibraryAdapter, type LibraryAdapterOptions } from "./library-adapter.js";
export { RequestBudget, BUDGET_WINDOW } from "./budget.js";
export {
  resolveSettings,
  SettingsError,
  CONFIG_KEYS,
  HELP,
  USAGE,
  type Settings,
  type SettingsInput,
} from "./config.js";
export { runBridge, brokerOptions, NotLoggedInError, type RunHooks, type RunningBridge } from "./run.js";
export { Topics, deviceId, isTopicSafeVin, type TopicRoots } from "./topics.js";
export { commandOutcomeOf, type ActionOutcomeLike } from "./action-outcome.js";
export {
  readingsOf,
  selectableChargeMode,
  watchToFeed,
  type WatchEventLike,
  type WatchReading,
  type WatchedVehicle,
} from "./watch-feed.js";
