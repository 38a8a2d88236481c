/**
 * `renault-api/actions`: actions that confirm their effect (issue 17, docs/actions.md):
 * `performAction`, the dry run `describeAction`, what a car's feature list allows, the known
 * accepted-but-ignored actions, and the reader that shares a running watcher's reads and budget.
 * @packageDocumentation
 */
export {
  ActionNotEffectiveError,
  CONFIRM_DEFAULTS,
  SharedBudgetSpentError,
  actionFeaturesOf,
  watcherReader,
  type SharedWatcher,
  REAL_CLOCK,
  describeAction,
  performAction,
  type ActionFeatures,
  type ActionName,
  type ActionOutcome,
  type ActionSpec,
  type ConfirmClock,
  type ConfirmOptions,
  type ConfirmProgress,
  type DescribedRequest,
  type EffectReader,
  type PerformOptions,
  type Performed,
} from "./index.js";
export { KNOWN_NO_OPS, type KnownNoOp } from "../registry/no-ops.js";
