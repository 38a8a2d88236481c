/**
 * The check made before sending an action: a known no-op of the model (src/registry/no-ops.ts) or
 * a car whose feature list rules it out fails fast with {@link ActionNotEffectiveError}.
 */
import { knownNoOp, type EndpointMode, type PostKey } from "../registry/index.js";
import { ActionNotEffectiveError } from "./errors.js";

/**
 * What the car's feature list says (the `/myr` vehicle features, issue 19), when known.
 * `remoteSecurityProtocol: "SRP"` means every remote command needs a PIN the API cannot send.
 */
export interface ActionFeatures {
  readonly remoteSecurityProtocol?: string | undefined;
  /** Whether the car's feature list has the feature of `key`; undefined when it does not say. */
  supports?(key: PostKey): boolean | undefined;
}

/** @throws {ActionNotEffectiveError} the action would do nothing on this car */
export function refuseNoOp(
  key: PostKey,
  modelCode: string | undefined,
  mode: EndpointMode | undefined,
  features?: ActionFeatures,
): void {
  if (features?.remoteSecurityProtocol?.toUpperCase() === "SRP") {
    throw new ActionNotEffectiveError(
      key,
      modelCode,
      "the car uses the SRP remote-security protocol (a PIN per command), so every remote command fails",
    );
  }
  if (features?.supports?.(key) === false) {
    throw new ActionNotEffectiveError(key, modelCode, "the car's feature list does not include it");
  }
  const noOp = knownNoOp(modelCode, key, mode);
  if (noOp !== undefined) throw new ActionNotEffectiveError(key, modelCode, noOp.reason);
}
