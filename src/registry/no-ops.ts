/**
 * Actions known to be accepted by the service and then ignored by the car, per model: sending them
 * only costs a request and misleads the owner, so they are refused before sending (see
 * src/actions/no-op.ts). Data only; each entry cites where it was reported.
 *
 * An entry may name the route mode it applies to: a model whose route for that action changes
 * (e.g. a ZOE phase 2 charge stop sent as a start 24 h ahead instead of the KCM pause) stops
 * matching the entry by itself.
 */
import type { EndpointMode } from "./keys.js";
import type { PostKey } from "./actions.js";

/** One known no-op. */
export interface KnownNoOp {
  /** Why it does nothing, in words an owner understands. */
  readonly reason: string;
  /** Only when the action goes through this route mode (absent: whatever the route). */
  readonly mode?: EndpointMode;
  /** Where it was reported (a file of this repository or a public issue). */
  readonly source: string;
}

/** Model code → action key → the known no-op. */
export const KNOWN_NO_OPS: Readonly<Record<string, Readonly<Partial<Record<PostKey, KnownNoOp>>>>> =
  Object.freeze({
    X102VE: {
      "actions/charge-stop": {
        reason: "the ZOE phase 2 accepts the KCM charge pause but keeps charging (owner report, 2026-05)",
        mode: "kcm-pause-resume",
        source: "docs/simulator.md (modelQuirks: the ZOE 50's KCM pause is ignored)",
      },
    },
    XCB1SE: {
      "actions/charge-stop": {
        reason: "the Scenic E-Tech has no known way to stop a charge remotely (every route is refused)",
        source: "docs/simulator.md (modelQuirks: a Scenic stopping a charge)",
      },
    },
    R5E1VE: {
      "actions/hvac-stop": {
        reason: "the Renault 5 answers an HVAC stop with OK but does nothing",
        source: "renault-api #1625",
      },
    },
  });

/** The known no-op of `key` on `modelCode` through a route of `mode`, if any. */
export function knownNoOp(
  modelCode: string | undefined,
  key: PostKey,
  mode: EndpointMode | undefined,
): KnownNoOp | undefined {
  if (modelCode === undefined || !Object.hasOwn(KNOWN_NO_OPS, modelCode)) return undefined;
  const entry = KNOWN_NO_OPS[modelCode]?.[key];
  if (entry === undefined) return undefined;
  return entry.mode === undefined || entry.mode === mode ? entry : undefined;
}
