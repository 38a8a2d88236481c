/**
 * The endpoint registry: per endpoint key, in one place, its kind, routes per model and mode,
 * schema, request builders, cache invalidation and effect read. Internal: not exported from the
 * package root (a vehicle tells what it supports with `supports(key)`).
 */
export * from "./keys.js";
export * from "./reads.js";
export * from "./actions.js";
export * from "./routing.js";
export {
  DEFAULT_LIMITS,
  GATEWAY_SPECIFICATIONS,
  MODEL_GRID,
  VEHICLE_SPECIFICATIONS,
  type ActionLimits,
  type ReportingSpecification,
} from "./models.js";
export { KNOWN_NO_OPS, knownNoOp, type KnownNoOp } from "./no-ops.js";
