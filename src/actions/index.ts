/** Actions that say whether they worked (issue 17). */
export {
  performAction,
  isAnswerLost,
  vehicleReader,
  type PerformOptions,
  type Performed,
} from "./perform.js";
export { confirmEffect, CONFIRM_DEFAULTS, type ConfirmStart } from "./confirm.js";
export { effectOf, type Effect, type EffectContext } from "./effects.js";
export { ActionNotEffectiveError } from "./errors.js";
export { refuseNoOp, type ActionFeatures } from "./no-op.js";
export {
  REAL_CLOCK,
  type ActionOutcome,
  type ConfirmClock,
  type ConfirmOptions,
  type ConfirmProgress,
  type EffectReader,
  type OutcomeName,
} from "./outcome.js";
export { ACTION_KEYS, type ActionName, type ActionSpec } from "./spec.js";
export { describeAction, type DescribedRequest } from "./dry-run.js";
export { actionFeaturesOf } from "./features.js";
export { SharedBudgetSpentError, watcherReader, type SharedWatcher } from "./shared-reader.js";
