import { checkBaseUrl, countryOf, getLocaleDetails, MYR_URL } from "../config/locales.js";
import { CredentialKey } from "../credentials/store.js";
import { ConfigurationError } from "../errors.js";
import type { RenaultSessionOptions, SessionSettings } from "./options.js";

/**
 * The locale, country, URLs and keys: explicit options > stored values > the locale table.
 * @throws {ConfigurationError} a value missing everywhere, or an invalid country or URL
 */
export function resolveSettings(
  explicit: RenaultSessionOptions,
  stored: ReadonlyMap<string, string>,
): SessionSettings {
  const storedLocale = stored.get(CredentialKey.locale);
  const locale = explicit.locale ?? storedLocale;
  // Stored URLs and keys belong to the stored locale; a different explicit locale replaces them.
  const useStored = explicit.locale === undefined || explicit.locale === storedLocale;
  const fromStore = (key: string) => (useStored ? stored.get(key) : undefined);
  const table = locale === undefined ? undefined : getLocaleDetails(locale);
  const pick = (name: string, own: string | undefined, key: string, fallback: string | undefined): string => {
    const value = own ?? fromStore(key) ?? fallback;
    if (value === undefined || value === "") {
      throw new ConfigurationError(
        `No ${name} configured: give a locale (e.g. fr_FR) or the ${name} itself.`,
      );
    }
    return value;
  };
  const country = pick("country", explicit.country, CredentialKey.country, locale && countryOf(locale));
  if (!/^[A-Za-z]{2}$/.test(country)) throw new ConfigurationError(`Invalid country '${country}'.`);
  return {
    locale,
    country: country.toUpperCase(),
    gigyaUrl: checkBaseUrl(
      "gigya URL",
      pick("gigya URL", explicit.gigyaUrl, CredentialKey.gigyaUrl, table?.gigyaUrl),
    ),
    gigyaApiKey: pick("gigya API key", explicit.gigyaApiKey, CredentialKey.gigyaApiKey, table?.gigyaApiKey),
    kamereonUrl: checkBaseUrl(
      "kamereon URL",
      pick("kamereon URL", explicit.kamereonUrl, CredentialKey.kamereonUrl, table?.kamereonUrl),
    ),
    kamereonApiKey: pick(
      "kamereon API key",
      explicit.kamereonApiKey,
      CredentialKey.kamereonApiKey,
      table?.kamereonApiKey,
    ),
    myrUrl: checkBaseUrl("myr URL", pick("myr URL", explicit.myrUrl, CredentialKey.myrUrl, MYR_URL)),
  };
}
