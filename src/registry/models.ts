/**
 * The per-model data: one row per model code (`vehicleDetails.model.code`), one column per
 * endpoint key (the aliases of `keys.ts`, in key order), then the model's name. Adding a model is
 * one row here, plus its test (test/registry.test.ts) and its simulator data.
 *
 * Cells: `D` the default route (checked on this model) · `x` not available (the API answers
 * forbidden / not found; the client refuses before sending) · `.` not documented (the default
 * route, with a warning) · `K` the key's KCM route (`charge/start`, `charge/schedule`) · `KS` KCM
 * `ev/settings` · `KP` KCM `charge/pause-resume` · `KL` KCM `charge/start` planned 24 h ahead (the
 * charge stop of the ZOE phase 2) · `AS` the HVAC stop sent as `stop`.
 *
 * Transcribed from the Python project's per-model table (hacf-fr/renault-api 0.5.12), its stale
 * keys translated into the real ones (they were never looked up there, so they read `x` here):
 * DU31SU cGo cSt hSc hGo hSt; XJA1VP and XJA2VP hSc hSt; XJL2TR hSc hGo hSt. The ZOE phase 1's
 * alerts and histories are `D`: the Python table left them out, but they work on that car (issue
 * 15.6: a warning on every run for reads that answer).
 */
export const MODEL_GRID = `
model  cMd cSc cGo cSt hrn hSc hGo hSt lgt rLo ALR BAT CHH CMO CSC CHS CST CKP HHI HSE HSG HVS LOC LCK NOT PRS RES SOC name
A4E1VE x   x   KS  x   D   x   D   D   D   .   .   D   x   x   KS  D   .   D   .   .   .   D   D   x   x   x   x   D   Renault 4 E-Tech
A5E1AE x   x   KS  x   D   x   D   AS  D   D   x   D   x   x   KS  D   x   D   x   x   D   D   D   x   x   x   x   D   Alpine A290
BD11SL .   .   x   .   x   .   .   .   x   .   x   x   x   x   x   .   x   D   x   x   x   x   D   x   x   x   x   x   Dacia Bigster Hybrid 155
DU31SU .   .   x   x   x   x   x   x   x   .   .   x   x   x   x   x   x   D   x   x   x   x   D   x   .   x   x   x   Dacia Duster III
R5E1VE x   x   KS  x   D   x   D   AS  D   D   D   D   x   x   KS  D   x   D   x   x   D   D   D   x   x   x   x   D   Renault 5 E-Tech
X071VE .   .   .   .   .   .   .   .   .   .   .   D   x   x   x   .   D   D   x   x   D   D   D   x   x   x   x   .   Twingo III (Z.E.)
X101VE .   D   D   .   .   .   D   D   .   .   D   D   D   D   D   D   .   D   D   D   .   D   x   x   .   x   x   x   ZOE phase 1 (ZE40)
X102VE .   .   K   KL  x   .   D   .   x   .   .   D   .   x   x   .   D   D   .   .   D   D   D   x   .   D   x   x   ZOE phase 2 (ZE50)
XBG1VE .   .   KP  KP  x   .   D   AS  x   D   x   D   x   x   x   .   x   D   x   x   x   D   D   x   x   x   x   x   Dacia Spring
XCB1SE .   .   KS  x   D   .   D   .   D   .   .   D   .   x   KS  .   x   D   .   .   D   D   D   x   .   x   x   D   Scenic E-Tech
XCB1VE .   K   K   x   D   .   D   AS  D   .   .   D   x   x   x   .   D   D   x   x   D   D   D   x   x   x   x   D   Megane E-Tech
XDD1VE D   x   KS  x   D   .   D   D   D   .   .   D   x   x   KS  .   x   D   x   x   D   D   D   x   x   x   x   D   Master E-Tech (Master IV)
XFB2BI .   .   .   .   .   .   .   .   .   .   .   D   x   x   x   .   D   D   x   x   D   D   x   x   x   x   x   .   Megane IV
XFB2BK .   .   D   .   x   .   D   .   x   .   .   D   .   .   .   .   D   D   x   x   x   D   D   x   x   x   x   .   Megane IV estate E-Tech plug-in hybrid
XHN1CP .   .   x   .   D   .   .   .   D   .   .   D   x   x   KS  .   x   D   x   x   D   D   D   x   x   x   x   .   Rafale
XHN1ML .   .   x   x   D   .   x   .   D   D   x   x   x   x   x   x   x   D   x   x   x   x   D   x   x   x   x   x   Espace VI (OpenR Link)
XHN1SU .   .   x   x   D   .   x   .   D   .   .   x   x   x   .   .   x   D   .   .   .   x   D   x   .   x   x   x   Austral
XJA1VP .   .   x   x   x   x   x   x   x   .   x   x   x   x   x   x   x   D   x   x   x   x   D   x   x   x   x   x   Clio V
XJA2VP .   .   x   x   x   x   x   x   x   .   x   x   x   x   x   x   x   D   x   x   x   x   D   x   x   x   x   x   Clio V
XJB1SU .   .   x   x   x   .   D   .   x   .   .   D   x   x   x   .   D   D   x   x   D   D   D   x   x   x   x   x   Captur II
XJB2CP .   .   x   x   D   .   x   .   D   .   .   x   .   x   .   .   x   D   .   .   .   x   D   x   .   x   x   x   Symbioz (2025)
XJB2SU .   .   x   x   D   .   x   .   D   .   x   x   x   x   x   x   x   D   x   x   x   x   D   x   x   x   x   x   Captur II LPG
XJF2BI x   x   x   x   D   x   x   x   D   D   x   x   x   x   x   x   x   D   x   x   x   x   D   x   x   x   x   x   Dacia Sandero III ECO-G
XJL2TR .   .   .   .   .   x   x   x   .   .   .   .   x   x   x   .   x   D   x   x   x   x   D   x   .   x   x   .   Arkana E-Tech full hybrid
`;

/** Reporting quirks of a model or gateway. */
export interface ReportingSpecification {
  /** `chargingInstantaneousPower` (and charge start power) is in watts, not kilowatts. */
  readonly "reports-in-watts"?: boolean;
  /** Charge-session durations (`charges[].chargeDuration`) are in minutes, not seconds. */
  readonly "reports-charge-session-durations-in-minutes"?: boolean;
  /**
   * Charging is controlled through KCM (pause-resume) rather than the KCA car adapter. Kept for
   * parity with the Python table; routing uses the grid.
   */
  readonly "control-charge-via-kcm"?: boolean;
}

/** Reporting quirks keyed by model code. */
export const VEHICLE_SPECIFICATIONS: Readonly<Record<string, ReportingSpecification>> = Object.freeze({
  X101VE: Object.freeze({ "reports-charge-session-durations-in-minutes": true, "reports-in-watts": true }),
  XBG1VE: Object.freeze({ "control-charge-via-kcm": true }),
  // Issue 15.6, measured side by side: a 97-minute session read 0:01:37 when taken as seconds.
  XCB1VE: Object.freeze({ "reports-charge-session-durations-in-minutes": true }),
});

/** Reporting quirks keyed by the car adapter's `carGateway` (GDC = ZOE phase 1). */
export const GATEWAY_SPECIFICATIONS: Readonly<Record<string, ReportingSpecification>> = Object.freeze({
  GDC: Object.freeze({ "reports-charge-session-durations-in-minutes": true, "reports-in-watts": true }),
});

/** Bounds of the arguments of the actions, as the MyRenault app enforces them. */
export interface ActionLimits {
  /** `setSocLevels`: `socMin` and `socTarget` in percent, by `step`. */
  readonly soc: {
    readonly minSocMin: number;
    readonly maxSocMin: number;
    readonly minSocTarget: number;
    readonly maxSocTarget: number;
    readonly step: number;
  };
  /** `startHvac`: the target temperature in °C (the range the MyRenault app offers). */
  readonly hvacTemperature: { readonly min: number; readonly max: number };
}

/** The limits of every model (none is known to differ). */
export const DEFAULT_LIMITS: ActionLimits = Object.freeze({
  soc: Object.freeze({ minSocMin: 15, maxSocMin: 45, minSocTarget: 55, maxSocTarget: 100, step: 5 }),
  hvacTemperature: Object.freeze({ min: 16, max: 26 }),
});

/** Models whose limits differ from {@link DEFAULT_LIMITS} (none documented yet). */
export const MODEL_LIMITS: Readonly<Record<string, ActionLimits>> = Object.freeze({});
