/** The session, in small parts under src/session/; this module names what the rest of the library uses. */
export type {
  CallOptions,
  RenaultSessionOptions,
  RequestOptions,
  SessionSettings,
} from "./session/options.js";
export { isRetryable } from "./session/pipeline.js";
export { RenaultSession } from "./session/session.js";
export { jwtExpiry } from "./session/tokens.js";
export {
  type Logger,
  type PinoLike,
  pinoLogger,
  type TraceEvent,
  type TraceService,
} from "./session/trace.js";
