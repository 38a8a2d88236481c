import * as v from "valibot";
import type { AccountTypeCode, ContractStatusCode } from "./codes.js";
import { model, num, str } from "./common.js";
import { VehicleDetailsSchema, type VehicleDetails } from "./details.js";

/** One account of a person. Fields the library does not declare: {@link rawPayload}. */
export interface PersonAccount {
  readonly accountId?: string | null | undefined;
  /** `MYRENAULT`, `MYDACIA`, `SFDC`… */
  readonly accountType?: AccountTypeCode | null | undefined;
  /** e.g. `ACTIVE`. */
  readonly accountStatus?: string | null | undefined;
}
/** Reads {@link PersonAccount}. */
export const PersonAccountSchema = model<PersonAccount>()({
  accountId: str(),
  accountType: str(),
  accountStatus: str(),
});

/** The logged-in person and their accounts (`/persons/{personId}`). */
export interface Person {
  readonly personId?: string | null | undefined;
  readonly accounts?: PersonAccount[] | null | undefined;
}
/** Reads {@link Person}. */
export const PersonSchema = model<Person>()({
  personId: str(),
  accounts: v.nullish(v.array(PersonAccountSchema)),
});

/** One vehicle of an account. */
export interface VehicleLink {
  readonly vin?: string | null | undefined;
  readonly vehicleDetails?: VehicleDetails | null | undefined;
}
/** Reads {@link VehicleLink}. */
export const VehicleLinkSchema = model<VehicleLink>()({
  vin: str(),
  vehicleDetails: v.nullish(VehicleDetailsSchema),
});

/** The vehicles of an account (`/accounts/{accountId}/vehicles`). */
export interface AccountVehicles {
  readonly accountId?: string | null | undefined;
  /** Two-letter country code, e.g. `FR`. */
  readonly country?: string | null | undefined;
  readonly vehicleLinks?: VehicleLink[] | null | undefined;
}
/** Reads {@link AccountVehicles}. */
export const AccountVehiclesSchema = model<AccountVehicles>()({
  accountId: str(),
  country: str(),
  vehicleLinks: v.nullish(v.array(VehicleLinkSchema)),
});

/** A vehicle contract (warranty, connected services…). */
export interface Contract {
  readonly type?: string | null | undefined;
  readonly contractId?: string | null | undefined;
  readonly code?: string | null | undefined;
  readonly group?: string | null | undefined;
  /**
   * Length of the contract.
   * @unit months
   */
  readonly durationMonths?: number | null | undefined;
  /** ISO 8601 date. */
  readonly startDate?: string | null | undefined;
  /** ISO 8601 date. */
  readonly endDate?: string | null | undefined;
  /** `ACTIVE`, `ENDED`, `REJECTED`… */
  readonly status?: ContractStatusCode | null | undefined;
  /** The status in the account's language. */
  readonly statusLabel?: string | null | undefined;
  readonly description?: string | null | undefined;
}
/** Reads {@link Contract}. */
export const ContractSchema = model<Contract>()({
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

/** The contracts answer: a bare array that the transport wraps as `contractList`. */
export interface Contracts {
  readonly contractList?: Contract[] | null | undefined;
}
/** Reads {@link Contracts}. */
export const ContractsSchema = model<Contracts>()({ contractList: v.nullish(v.array(ContractSchema)) });

/** A vehicle alert (e.g. a proactive airbag warning). */
export interface Alert {
  readonly id?: string | null | undefined;
  readonly alertType?: string | null | undefined;
  readonly alertCode?: string | null | undefined;
  /** Severity, higher is more severe; see `criticityName`. */
  readonly criticity?: number | null | undefined;
  readonly criticityName?: string | null | undefined;
  readonly shortDescription?: string | null | undefined;
  readonly alertCodeTitle?: string | null | undefined;
  readonly iconUrl?: string | null | undefined;
  /**
   * Odometer when the alert was raised.
   * @unit km
   */
  readonly mileage?: number | null | undefined;
  /** ISO 8601. */
  readonly creationDateTime?: string | null | undefined;
}
/** Reads {@link Alert}. */
export const AlertSchema = model<Alert>()({
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

/** The alerts answer: a bare array that the transport wraps as `data`. */
export interface Alerts {
  readonly data?: Alert[] | null | undefined;
}
/** Reads {@link Alerts}. */
export const AlertsSchema = model<Alerts>()({ data: v.nullish(v.array(AlertSchema)) });
