/**
 * `renault-api/probe`: probing a vehicle's endpoints into a capability report and an anonymised
 * fixture bundle (see docs/probe.md).
 * @packageDocumentation
 */
export {
  DEFAULT_PROBE_BUDGET,
  probeVehicle,
  type ProbeOptions,
  type ProbeReport,
  type ProbeResult,
} from "./probe.js";
export { planProbe, type PlanOptions, type ProbeStep, type ProbeStepKind } from "./plan.js";
export type { ProbeVerdict } from "./classify.js";
export {
  capabilitiesOf,
  capabilityJson,
  type CapabilityEntry,
  type CapabilityReport,
} from "./capabilities.js";
export { renderProbeReport } from "./report.js";
export {
  Anonymiser,
  REFERENCE_POINT,
  type AnonymiserOptions,
  type KnownPersonalData,
  type PersonalKind,
} from "./anonymise.js";
export { scanFolder, scanText, SecretFoundError, type ScanSecrets, type SecretFinding } from "./scan.js";
export {
  PROBE_FORMAT,
  writeProbeBundle,
  type ProbeBundle,
  type ProbeManifest,
  type ProbeManifestEntry,
  type WriteProbeBundleOptions,
} from "./bundle.js";
