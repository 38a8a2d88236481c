import { RenaultError } from "../errors.js";
import type { PostKey } from "../registry/index.js";

/**
 * An action refused before sending because it is known to do nothing on this car: accepted but
 * ignored by its model (src/registry/no-ops.ts), or ruled out by the car's feature list. Nothing
 * was sent.
 */
export class ActionNotEffectiveError extends RenaultError {
  override name = "ActionNotEffectiveError";
  readonly key: PostKey;
  readonly modelCode: string | undefined;
  /** Why it would do nothing. */
  readonly reason: string;
  constructor(key: PostKey, modelCode: string | undefined, reason: string) {
    super(`${key} would do nothing on ${modelCode ?? "this vehicle"}: ${reason} (nothing was sent)`);
    this.key = key;
    this.modelCode = modelCode;
    this.reason = reason;
  }
}
