/**
 * The anonymiser of probe bundles. It follows the seed's contributor guide (VIN `VF1AAAA…`,
 * registration `REG-…`, radio code `1234`) and goes further (docs/api-notes.md, B8): account, person,
 * contract and other ids become stable fakes, names, e-mails and phone numbers are removed, GPS
 * positions move to a fixed reference point, tokens are blanked, and dates may be shifted.
 *
 * Deterministic per instance: the same real value gets the same fake everywhere (object keys,
 * values, and inside strings such as URLs), and no fake contains a real value or is contained in
 * one, so the final secret scan cannot confuse them. Use one instance per bundle, and let it
 * {@link Anonymiser.learn | learn} every document before it rewrites any.
 */

/** Where every GPS position goes: Paris, Notre-Dame. */
export const REFERENCE_POINT = Object.freeze({ latitude: 48.8566, longitude: 2.3522 });

/** Values known to be personal, from the session and the probe (more are learned from fields). */
export interface KnownPersonalData {
  readonly vins?: Iterable<string> | undefined;
  readonly registrations?: Iterable<string> | undefined;
  readonly accountIds?: Iterable<string> | undefined;
  readonly personIds?: Iterable<string> | undefined;
  readonly emails?: Iterable<string> | undefined;
  /** First and last names: removed where a whole value equals one of them. */
  readonly names?: Iterable<string> | undefined;
  readonly phones?: Iterable<string> | undefined;
  /** Other identifiers (party, idp, mdm ids…): replaced everywhere. */
  readonly ids?: Iterable<string> | undefined;
}

/** Options of an {@link Anonymiser}. */
export interface AnonymiserOptions {
  /** Move every date and timestamp by this many days (negative: into the past). @default 0 */
  readonly shiftDays?: number | undefined;
}

/** The kinds of personal values that get a stable fake. */
export type PersonalKind = "vin" | "registration" | "account" | "person" | "contract" | "email" | "id";
type Kind = PersonalKind;

/** Fields whose value is replaced by a stable fake of its kind (keys compared in lower case). */
const FIELD_KINDS: Readonly<Record<string, Kind>> = {
  vin: "vin",
  registrationnumber: "registration",
  registration: "registration",
  licenseplate: "registration",
  platenumber: "registration",
  accountid: "account",
  personid: "person",
  contractid: "contract",
  contractnumber: "contract",
};

/** Identifier fields replaced by `<field>-<n>` (or `<n>` for numbers). */
const ID_FIELDS = new Set([
  "idpid",
  "partyid",
  "mdmid",
  "externalid",
  "uid",
  "gigyaid",
  "customerid",
  "userid",
  "driverid",
  "dealerid",
  "dealernumber",
  "deviceserialnumber",
  "tcuserialnumber",
  "vehicleid",
  "bin",
  "imei",
  "iccid",
  "msisdn",
]);

/** Fields removed altogether: names, contact details, addresses. */
const REMOVED_FIELDS = new Set([
  "firstname",
  "lastname",
  "middlename",
  "fullname",
  "birthname",
  "surname",
  "nickname",
  "email",
  "emails",
  "emailvalue",
  "login",
  "phone",
  "phones",
  "phonevalue",
  "phonenumber",
  "mobile",
  "mobilephone",
  "mobilenumber",
  "address",
  "addresses",
  "street",
  "streetname",
  "city",
  "zipcode",
  "postalcode",
]);

const LATITUDE_FIELDS = new Set(["gpslatitude", "latitude", "lat"]);
const LONGITUDE_FIELDS = new Set(["gpslongitude", "longitude", "lon", "lng"]);

/** JWTs and Gigya tokens: blanked wherever they appear. */
const TOKEN_SHAPES: readonly RegExp[] = [
  /eyJ[\w-]{4,}\.[\w-]{4,}\.[\w-]*/g,
  /st2\.s\.[\w.~-]+/g,
  /gmid\.ver4\.[\w.~-]+/g,
];
/** An e-mail address, plain or URL-encoded (not a `name@2x.png` picture). */
const EMAIL_SHAPE = /[\w.+-]+(?:@|%40)[\w-]+(?:\.[\w-]+)*\.(?!(?:png|jpe?g|gif|svg|webp)\b)[a-z]{2,}\b/gi;
/** 17 VIN characters (no I, O, Q) with at least one digit and one letter, standing alone. */
const VIN_SHAPE =
  /(?<![A-Za-z0-9])(?=[A-HJ-NPR-Z0-9]{0,16}\d)(?=[A-HJ-NPR-Z0-9]{0,16}[A-HJ-NPR-Z])[A-HJ-NPR-Z0-9]{17}(?![A-Za-z0-9])/g;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})((?:T\d{2}:\d{2}.*)?)$/;
const COMPACT_DATE = /^(\d{4})(\d{2})(\d{2})$/;
const DATE_FIELD = /date|time|day/i;

/** The kinds of values the final secret scan searches for. */
const SCANNED_KINDS: ReadonlySet<Kind> = new Set(["vin", "registration", "account", "person", "email"]);

/** Fakes look like this: never treated as real values. */
const FAKE_DOMAIN = "@example.com";

/** Anonymises the JSON documents of one bundle. */
export class Anonymiser {
  readonly #shiftDays: number;
  /**
   * Every real value known, normalised (VINs and registrations upper case, the rest lower case),
   * with its kind and the field it was seen in. Fakes are made only once all are known (on the
   * first rewrite), so that no fake can equal a real value learned later.
   */
  readonly #reals = new Map<string, { readonly kind: Kind; readonly field: string | undefined }>();
  /** Normalised real value → fake. */
  readonly #fakes = new Map<string, string>();
  /** Counters of the fakes, per kind (and per field for identifiers). */
  readonly #counters = new Map<string, number>();
  /** Numeric identifiers: field → value → fake number. */
  readonly #numbers = new Map<string, Map<number, number>>();
  /** Every fake handed out (never anonymised again). */
  readonly #fakeValues = new Set<string>();
  /** Values removed wherever they appear (phone numbers). */
  readonly #removed = new Set<string>();
  /** Values removed where a whole string equals them (names). */
  readonly #wholeValues = new Set<string>();
  #pattern: RegExp | undefined;
  #lookup = new Map<string, string>();

  constructor(known: KnownPersonalData = {}, options: AnonymiserOptions = {}) {
    this.#shiftDays = options.shiftDays ?? 0;
    const add = (kind: Kind, values: Iterable<string> | undefined) => {
      for (const value of values ?? []) this.#remember(kind, value);
    };
    add("vin", known.vins);
    add("registration", known.registrations);
    add("account", known.accountIds);
    add("person", known.personIds);
    add("email", known.emails);
    add("id", known.ids);
    for (const phone of known.phones ?? []) this.#removePhone(phone);
    for (const name of known.names ?? []) this.#removeName(name);
  }

  /** Every real value this instance replaces, by kind (normalised: VINs upper case, others lower). */
  realValues(): ReadonlyMap<Kind, readonly string[]> {
    const result = new Map<Kind, string[]>();
    for (const [real, { kind }] of this.#reals) result.set(kind, [...(result.get(kind) ?? []), real]);
    return result;
  }

  /** The fake VIN of a real one (the same on every call). */
  vin(real: string): string {
    return this.#fake("vin", real);
  }

  /** The fake of an account id (the same on every call). */
  accountId(real: string): string {
    return this.#fake("account", real);
  }

  /**
   * Learns the personal values a document holds in known fields (VIN, registration, ids,
   * e-mails, names, phones) and the VIN- and e-mail-shaped strings anywhere in it, so that they
   * are replaced in every document, including the ones rewritten before this one was seen.
   */
  learn(value: unknown): void {
    if (typeof value === "string") {
      for (const match of value.matchAll(VIN_SHAPE)) this.#remember("vin", match[0]);
      for (const match of value.matchAll(EMAIL_SHAPE)) this.#remember("email", match[0]);
      return;
    }
    if (Array.isArray(value)) {
      for (const item of value) this.learn(item);
      return;
    }
    if (!isRecord(value)) return;
    for (const [key, field] of Object.entries(value)) {
      this.learn(key);
      const name = key.toLowerCase();
      if (typeof field === "string") {
        const kind = FIELD_KINDS[name];
        if (kind !== undefined && (kind !== "vin" || looksLikeVin(field))) this.#remember(kind, field);
        else if (ID_FIELDS.has(name)) this.#remember("id", field, key);
        else if (/phone|mobile/.test(name)) this.#removePhone(field);
        else if (name.endsWith("name") && REMOVED_FIELDS.has(name)) this.#removeName(field);
      }
      this.learn(field);
    }
  }

  /** A deep copy of a JSON value with every personal value replaced or removed. */
  json<T>(value: T): T {
    return this.#walk(value, undefined) as T;
  }

  /** A string with personal values, e-mails, VINs and tokens replaced (and an ISO date shifted). */
  text(value: string): string {
    if (this.#wholeValues.has(value.trim().toLowerCase())) return "";
    let result = value;
    for (const shape of TOKEN_SHAPES) result = result.replace(shape, "***");
    const pattern = this.#knownPattern();
    if (pattern) result = result.replace(pattern, (match) => this.#lookup.get(match.toLowerCase()) ?? match);
    result = result.replace(VIN_SHAPE, (match) =>
      this.#fakeValues.has(match) ? match : this.#fake("vin", match),
    );
    result = result.replace(EMAIL_SHAPE, (match) =>
      match.toLowerCase().endsWith(FAKE_DOMAIN) ? match : this.#fake("email", match),
    );
    return this.#shiftDays === 0 ? result : shiftIsoDate(result, this.#shiftDays);
  }

  #walk(value: unknown, key: string | undefined): unknown {
    if (typeof value === "string") return this.#string(value, key);
    if (typeof value === "number") return this.#number(value, key);
    if (Array.isArray(value)) return value.map((item) => this.#walk(item, key));
    if (!isRecord(value)) return value;
    const result: Record<string, unknown> = {};
    for (const [name, field] of Object.entries(value)) {
      if (REMOVED_FIELDS.has(name.toLowerCase())) continue;
      result[this.text(name)] = this.#walk(field, name);
    }
    return result;
  }

  #string(value: string, key: string | undefined): string {
    const name = key?.toLowerCase() ?? "";
    if (name === "radiocode") return value === "" ? value : "1234";
    if (LATITUDE_FIELDS.has(name) && isCoordinate(value, 90)) return String(REFERENCE_POINT.latitude);
    if (LONGITUDE_FIELDS.has(name) && isCoordinate(value, 180)) return String(REFERENCE_POINT.longitude);
    if (isPersonalValue(value)) {
      const kind = FIELD_KINDS[name];
      if (kind !== undefined && (kind !== "vin" || looksLikeVin(value))) return this.#fake(kind, value);
      if (key !== undefined && ID_FIELDS.has(name)) return this.#fake("id", value, key);
    }
    if (this.#shiftDays !== 0 && DATE_FIELD.test(name) && COMPACT_DATE.test(value))
      return shiftCompactDate(value, this.#shiftDays);
    return this.text(value);
  }

  #number(value: number, key: string | undefined): number {
    const name = key?.toLowerCase() ?? "";
    // 91/181 is the "no fix" sentinel (docs/api-notes.md, C.4): not a position, kept.
    if (LATITUDE_FIELDS.has(name) && Math.abs(value) <= 90) return REFERENCE_POINT.latitude;
    if (LONGITUDE_FIELDS.has(name) && Math.abs(value) <= 180) return REFERENCE_POINT.longitude;
    if (!ID_FIELDS.has(name)) return value;
    let table = this.#numbers.get(name);
    if (table === undefined) {
      table = new Map();
      this.#numbers.set(name, table);
    }
    let fake = table.get(value);
    if (fake === undefined) {
      fake = table.size + 1;
      table.set(value, fake);
    }
    return fake;
  }

  #remember(kind: Kind, value: string, field?: string): void {
    if (!isPersonalValue(value) || this.#fakeValues.has(value)) return;
    const normalised = normalise(kind, value);
    if (!this.#reals.has(normalised)) {
      this.#reals.set(normalised, { kind, field });
      this.#pattern = undefined;
    }
  }

  #removePhone(value: string): void {
    if (value.trim().length >= 6) this.#removed.add(value.trim().toLowerCase());
    this.#pattern = undefined;
  }

  #removeName(value: string): void {
    if (value.trim() !== "") this.#wholeValues.add(value.trim().toLowerCase());
  }

  /** The fake of a real value, made on first use (`field` names identifier fakes). */
  #fake(kind: Kind, real: string, field?: string): string {
    const normalised = normalise(kind, real);
    const known = this.#fakes.get(normalised);
    if (known !== undefined) return known;
    const seen = this.#reals.get(normalised);
    if (seen === undefined) this.#reals.set(normalised, { kind, field });
    const fakeKind = seen?.kind ?? kind;
    const fakeField = seen?.field ?? field;
    const counter = fakeKind === "id" ? `id:${fakeField ?? "id"}` : fakeKind;
    const fake = this.#freshFake(fakeKind, counter, fakeField, normalised);
    this.#fakes.set(normalised, fake);
    this.#fakeValues.add(fake);
    this.#pattern = undefined;
    return fake;
  }

  /** The next fake of a kind that does not collide with a real value. */
  #freshFake(kind: Kind, counter: string, field: string | undefined, real: string): string {
    for (let attempt = 0; attempt <= 2000; attempt++) {
      const index = (this.#counters.get(counter) ?? 0) + 1;
      this.#counters.set(counter, index);
      // A real value inside the usual format (an account id "account-id"…): a plainer one.
      const fake = attempt < 1000 ? makeFake(kind, index, field) : `anonymised-${kind}-${index}`;
      if (!this.#collides(fake, real)) return fake;
    }
    throw new Error(`Cannot make a fake ${kind} that differs from the real values.`);
  }

  /**
   * A fake must not equal a real value, and must neither contain nor be contained in a real value
   * the final scan searches for (VINs, registrations, account and person ids, e-mails): the scan
   * would mistake one for the other.
   */
  #collides(fake: string, real: string): boolean {
    if (this.#fakeValues.has(fake)) return true;
    const lower = fake.toLowerCase();
    if (lower === real.toLowerCase()) return true;
    const current = this.#reals.get(real)?.kind;
    const candidates: [string, Kind | undefined][] = [
      [real, current],
      ...[...this.#reals].map(([value, seen]): [string, Kind] => [value, seen.kind]),
    ];
    for (const [value, kind] of candidates) {
      const other = value.toLowerCase();
      if (other === lower) return true;
      if (kind === undefined || !SCANNED_KINDS.has(kind) || other.length < 4) continue;
      if (lower.includes(other) || other.includes(lower)) return true;
    }
    return false;
  }

  /** One case-insensitive pattern of every real value (and its URL-encoded form), longest first. */
  #knownPattern(): RegExp | undefined {
    if (this.#pattern !== undefined) return this.#pattern;
    const lookup = new Map<string, string>();
    const add = (real: string, fake: string) => {
      if (real.length < 4) return;
      lookup.set(real.toLowerCase(), fake);
      lookup.set(encodeURIComponent(real).toLowerCase(), fake);
    };
    for (const [real, { kind }] of [...this.#reals]) add(real, this.#fake(kind, real));
    for (const phone of this.#removed) add(phone, "");
    this.#lookup = lookup;
    if (lookup.size === 0) return undefined;
    const alternatives = [...lookup.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp);
    this.#pattern = new RegExp(alternatives.join("|"), "gi");
    return this.#pattern;
  }
}

function normalise(kind: Kind, value: string): string {
  return kind === "vin" || kind === "registration" ? value.trim().toUpperCase() : value.trim().toLowerCase();
}

function makeFake(kind: Kind, index: number, field: string | undefined): string {
  switch (kind) {
    case "vin":
      return `VF1AAAAPRB${String(index).padStart(7, "0")}`;
    case "registration":
      return `REG-${String(index).padStart(4, "0")}`;
    case "account":
      return `account-id-${index}`;
    case "person":
      return `person-id-${index}`;
    case "contract":
      return `AB1234${index}`;
    case "email":
      return `user${index}${FAKE_DOMAIN}`;
    case "id":
      return `${field ?? "id"}-${index}`;
  }
}

/** A value worth treating as personal: not empty, not a placeholder such as `*PRIVATE*` or `xxxx`. */
export function isPersonalValue(value: string): boolean {
  const trimmed = value.trim();
  if (trimmed.length < 4) return false;
  // Redactions already done by the server or a contributor: `xxxxxxxx`, `*PRIVATE*`, `REDACTED`.
  if (/^[xX*#?._-]+$/.test(trimmed)) return false;
  return !/^\*?(PRIVATE|REDACTED|HIDDEN|N\/A)\*?$/i.test(trimmed);
}

function looksLikeVin(value: string): boolean {
  return /^[A-Za-z0-9]{11,17}$/.test(value.trim());
}

function isCoordinate(value: string, limit: number): boolean {
  const number = Number(value);
  return value.trim() !== "" && Number.isFinite(number) && Math.abs(number) <= limit;
}

function shiftIsoDate(value: string, days: number): string {
  const match = ISO_DATE.exec(value);
  if (!match) return value;
  const [, year, month, day, rest] = match;
  const shifted = shiftDay(Number(year), Number(month), Number(day), days);
  return shifted === undefined ? value : shifted + (rest ?? "");
}

function shiftCompactDate(value: string, days: number): string {
  const match = COMPACT_DATE.exec(value);
  const shifted = match && shiftDay(Number(match[1]), Number(match[2]), Number(match[3]), days);
  return shifted ? shifted.replaceAll("-", "") : value;
}

/** `YYYY-MM-DD` of a calendar date moved by `days`, or undefined when the date does not exist. */
function shiftDay(year: number, month: number, day: number, days: number): string | undefined {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
