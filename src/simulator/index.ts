/**
 * A simulator of Renault's cloud (Gigya + Kamereon) for tests and demos: real HTTP on 127.0.0.1,
 * the demo account, cars of several models answering as their model does, and the real world's
 * failures on demand. See docs/simulator.md.
 * @packageDocumentation
 */
export {
  startSimulator,
  type RecordedRequest,
  type RouteHandler,
  type Simulator,
  type SimulatorOptions,
  type SimulatorResponse,
} from "./server.js";
export {
  parseFaultSpec,
  type ActiveFault,
  type FaultKind,
  type FaultSpec,
  type FaultSpecs,
} from "./faults.js";
export { NEW_MODEL_VINS, NEW_MODELS_ACCOUNT_ID } from "./models-2026.js";
export { SimulatorClock, type SimulatorClockOptions } from "./clock.js";
export type { ScheduledEvent, ScriptEvent, ScriptTime } from "./scenario.js";
// The e-mailed one-time-code login (option `twoFactor`): see docs/two-factor.md.
export { simulatorTfa, type SentTfaCode, type SimulatorTfa } from "./tfa.js";
export type { DemoModel, VehicleProfile } from "./catalog.js";
export type { ReadName } from "./operations.js";
export type {
  DemoAccount,
  DemoVehicle,
  SimAction,
  SimUser,
  SimVehicle,
  VehicleState,
  World,
} from "./world.js";
