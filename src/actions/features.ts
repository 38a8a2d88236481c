/**
 * The car's feature list (the `/myr` gateway, src/myr/) as {@link ActionFeatures}: which remote
 * commands it rules out. Only features that clearly gate one action are used; an action with no
 * such feature, or a car whose gateway lists none (a ZOE phase 1), is not ruled out.
 */
import { FeatureIds, type ConnectedVehicle } from "../myr/models.js";
import type { PostKey } from "../registry/index.js";
import type { ActionFeatures } from "./no-op.js";

/** The features of which one at least must be listed for each action. */
const GATES: Readonly<Partial<Record<PostKey, readonly string[]>>> = {
  "actions/horn-start": [FeatureIds.HORN_AND_LIGHTS],
  "actions/lights-start": [FeatureIds.HORN_AND_LIGHTS],
  "actions/charge-start": [FeatureIds.INSTANT_CHARGE],
  "actions/hvac-start": [FeatureIds.INSTANT_HVAC, FeatureIds.HVAC_WITH_TEMPERATURE],
};

/** What `vehicle`'s feature list says about the actions. */
export function actionFeaturesOf(vehicle: ConnectedVehicle): ActionFeatures {
  const listed = vehicle.applicableFeatures?.map((feature) => String(feature.featureId));
  return {
    remoteSecurityProtocol: vehicle.remoteSecurityProtocol,
    supports(key) {
      const gate = GATES[key];
      if (listed === undefined || gate === undefined) return undefined;
      return gate.some((id) => listed.includes(id));
    },
  };
}
