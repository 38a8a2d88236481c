/**
 * A re-export shim, kept only while the simulator (being made independent of the client) and the
 * model helpers still import from here: every fact lives in src/registry/. Holds no data. It
 * imports the registry's data modules, not its index, so that the models (which the read schemas
 * of src/registry/reads.ts import) can import it without a cycle.
 */
export { ENDPOINT_KEYS, type EndpointDefinition, type EndpointKey } from "../registry/keys.js";
export {
  GATEWAY_SPECIFICATIONS,
  VEHICLE_SPECIFICATIONS,
  type ReportingSpecification,
} from "../registry/models.js";
export { resolveEndpoint } from "../registry/routing.js";
