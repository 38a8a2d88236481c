/**
 * renault-api: a TypeScript client for the MyRenault / MyDacia / Alpine cloud API.
 * @packageDocumentation
 */
export * from "./errors.js";
export { LOCALES, LOCALE_NAMES, type LocaleDetails } from "./config/locales.js";
export { CredentialKey, type CredentialStore, MemoryCredentialStore } from "./credentials/store.js";
export { FileCredentialStore, type FileCredentialStoreOptions } from "./credentials/file-store.js";
export {
  RenaultSession,
  type CallOptions,
  type Logger,
  type RenaultSessionOptions,
  type RequestOptions,
  type SessionSettings,
  type TraceEvent,
} from "./session.js";
export type { RetryOptions } from "./http/retry.js";
