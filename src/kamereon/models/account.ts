import * as v from "valibot";
import { num, obj, str } from "./common.js";
import { VehicleDetailsSchema } from "./details.js";

/** One account of a person. */
export const PersonAccountSchema = obj({
  accountId: str(),
  /** `MYRENAULT`, `MYDACIA`, `SFDC`… */
  accountType: str(),
  /** e.g. `ACTIVE`. */
  accountStatus: str(),
});

/** The person document (`/persons/{personId}`). */
export const PersonSchema = obj({
  personId: str(),
  accounts: v.nullish(v.array(PersonAccountSchema)),
});
/** The logged-in person and their accounts. */
export type Person = v.InferOutput<typeof PersonSchema>;

/** One vehicle of an account. */
export const VehicleLinkSchema = obj({
  vin: str(),
  vehicleDetails: v.nullish(VehicleDetailsSchema),
});

/** An account's vehicle list (`/accounts/{accountId}/vehicles`). */
export const AccountVehiclesSchema = obj({
  accountId: str(),
  country: str(),
  vehicleLinks: v.nullish(v.array(VehicleLinkSchema)),
});
/** The vehicles of an account. */
export type AccountVehicles = v.InferOutput<typeof AccountVehiclesSchema>;

/** One contract (warranty, connected services…). */
export const ContractSchema = obj({
  type: str(),
  contractId: str(),
  code: str(),
  group: str(),
  durationMonths: num(),
  startDate: str(),
  endDate: str(),
  status: str(),
  statusLabel: str(),
  description: str(),
});
/** A vehicle contract. */
export type Contract = v.InferOutput<typeof ContractSchema>;

/** The contracts answer: a bare array that the transport wraps as `contractList`. */
export const ContractsSchema = obj({ contractList: v.nullish(v.array(ContractSchema)) });

/** One vehicle alert (e.g. a proactive airbag warning). */
export const AlertSchema = obj({
  id: str(),
  alertType: str(),
  alertCode: str(),
  criticity: num(),
  criticityName: str(),
  shortDescription: str(),
  alertCodeTitle: str(),
  iconUrl: str(),
  mileage: num(),
  creationDateTime: str(),
});
/** A vehicle alert. */
export type Alert = v.InferOutput<typeof AlertSchema>;

/** The alerts answer: a bare array that the transport wraps as `data`. */
export const AlertsSchema = obj({ data: v.nullish(v.array(AlertSchema)) });
