import { ConfigurationError } from "../errors.js";

/** Where and with which keys a locale talks to Renault's cloud. */
export interface LocaleDetails {
  /** Gigya base URL, e.g. `https://accounts.eu1.gigya.com`. */
  readonly gigyaUrl: string;
  /** Gigya API key. Renault rotates it about once a year. */
  readonly gigyaApiKey: string;
  /** Kamereon base URL. */
  readonly kamereonUrl: string;
  /** Kamereon `apikey` header value. */
  readonly kamereonApiKey: string;
}

const GIGYA_URL_EU = "https://accounts.eu1.gigya.com";
const GIGYA_URL_US = "https://accounts.us1.gigya.com";
const GIGYA_KEY_EU = "3_VgdkgtIRH3AdHvJm-cjV2ug2EFE0lxt0IJzMC4MFqZjFpn_GYFXVdNZ19L7wZX0N";
const KAMEREON_APIKEY = "YjkKtHmGfaceeuExUDKGxrLZGGvtVS0J";
const KAMEREON_URL_EU = "https://api-wired-prod-1-euw1.wrd-aws.com";
const KAMEREON_URL_US = "https://api-wired-prod-1-usw2.wrd-aws.com";

/** Root of the `/myr` gateway of the MyRenault app (the same for every locale). */
export const MYR_URL = "https://apis.renault.com";

const EU: LocaleDetails = {
  gigyaUrl: GIGYA_URL_EU,
  gigyaApiKey: GIGYA_KEY_EU,
  kamereonUrl: KAMEREON_URL_EU,
  kamereonApiKey: KAMEREON_APIKEY,
};

/** The 29 built-in locales, as in the Python client (`AVAILABLE_LOCALES`). */
export const LOCALES: Readonly<Record<string, LocaleDetails>> = {
  bg_BG: EU,
  cs_CZ: EU,
  da_DK: EU,
  de_DE: EU,
  de_AT: EU,
  de_CH: EU,
  en_GB: EU,
  en_IE: EU,
  es_ES: EU,
  es_MX: {
    gigyaUrl: GIGYA_URL_US,
    gigyaApiKey: "4_yTFqPSsGxVyRXPZUM7t1Iw",
    kamereonUrl: KAMEREON_URL_US,
    kamereonApiKey: KAMEREON_APIKEY,
  },
  fi_FI: EU,
  fr_FR: EU,
  fr_BE: EU,
  fr_CH: EU,
  fr_LU: { ...EU, gigyaApiKey: "3_zt44Wl_wT9mnqn-BHrR19PvXj3wYRPQKLcPbGWawlatFR837KdxSZZStbBTDaqnb" },
  hr_HR: EU,
  hu_HU: EU,
  it_IT: EU,
  it_CH: EU,
  nl_NL: EU,
  nl_BE: EU,
  no_NO: EU,
  pl_PL: EU,
  pt_PT: EU,
  ro_RO: EU,
  ru_RU: EU,
  sk_SK: EU,
  sl_SI: EU,
  sv_SE: EU,
};

/** Names of the built-in locales, sorted. */
export const LOCALE_NAMES: readonly string[] = Object.keys(LOCALES).sort();

/** Returns the built-in details of a locale, or throws a {@link ConfigurationError} listing the valid ones. */
export function getLocaleDetails(locale: string): LocaleDetails {
  const details = Object.hasOwn(LOCALES, locale) ? LOCALES[locale] : undefined;
  if (!details) {
    throw new ConfigurationError(`Unknown locale '${locale}'. Valid locales: ${LOCALE_NAMES.join(", ")}.`);
  }
  return details;
}

/** The country of a locale: its last two characters, upper-cased (`fr_FR` → `FR`). */
export function countryOf(locale: string): string {
  return locale.slice(-2).toUpperCase();
}

/**
 * Checks a base URL: it must be absolute https, or plain http only towards a loopback host
 * (the simulator, a test server). Returns it without a trailing slash.
 */
export function checkBaseUrl(name: string, value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigurationError(`${name} is not a valid URL.`);
  }
  if (url.protocol === "http:" && !isLoopback(url.hostname)) {
    throw new ConfigurationError(`${name} uses plain http:// to a non-loopback host; use https://.`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new ConfigurationError(`${name} must be an http(s) URL.`);
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new ConfigurationError(`${name} must not contain credentials, a query or a fragment.`);
  }
  return value.replace(/\/+$/, "");
}

function isLoopback(hostname: string): boolean {
  return hostname === "localhost" || hostname === "[::1]" || /^127(\.\d{1,3}){3}$/.test(hostname);
}
