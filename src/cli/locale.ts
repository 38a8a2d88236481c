/**
 * The locale of a run: checked against the library's table (an unknown one is a usage error, from
 * `--locale`, `RENAULT_API_LOCALE` or `set --locale` alike), prompted for when none is configured.
 */
import { CredentialKey, LOCALE_NAMES, LOCALES } from "../index.js";
import type { Context } from "./context.js";
import { systemLocale } from "./environment.js";
import { UsageError } from "./usage.js";

/** Checks a locale name; unknown ones are a usage error listing the valid ones. */
export function checkLocale(locale: string, source = "locale"): string {
  if (!Object.hasOwn(LOCALES, locale)) {
    throw new UsageError(`unknown ${source} '${locale}' (valid: ${LOCALE_NAMES.join(", ")})`);
  }
  return locale;
}

/** What `set --locale` saves: the locale with its country, URLs and keys. */
export function localeChanges(locale: string): Record<string, string> {
  const details = LOCALES[checkLocale(locale)];
  if (!details) return {};
  return {
    [CredentialKey.locale]: locale,
    [CredentialKey.country]: locale.slice(-2).toUpperCase(),
    [CredentialKey.gigyaUrl]: details.gigyaUrl,
    [CredentialKey.gigyaApiKey]: details.gigyaApiKey,
    [CredentialKey.kamereonUrl]: details.kamereonUrl,
    [CredentialKey.kamereonApiKey]: details.kamereonApiKey,
  };
}

/** The locale prompt's default when the system's is not in the table (Renault's home market). */
const FALLBACK_LOCALE = "fr_FR";

/** Environment variables that override what a locale resolves to (see client-setup.ts). */
const OVERRIDES = [
  "RENAULT_API_GIGYA_URL",
  "RENAULT_API_GIGYA_API_KEY",
  "RENAULT_API_KAMEREON_URL",
  "RENAULT_API_KAMEREON_API_KEY",
  "RENAULT_API_MYR_URL",
] as const;

/**
 * The default of the locale prompt, always a valid locale: the system's when the table has it,
 * else the table's first locale of the system's country (`en_BE` → `fr_BE`), else fr_FR.
 */
export function defaultLocale(system: string | undefined): string {
  if (system === undefined) return FALLBACK_LOCALE;
  if (Object.hasOwn(LOCALES, system)) return system;
  const country = system.slice(-3);
  return LOCALE_NAMES.find((name) => name.endsWith(country)) ?? FALLBACK_LOCALE;
}

/**
 * What the locale prompt saves: the locale with its URLs and keys, but only the locale and
 * country while overrides are in use, so the file never gets production URLs the run did not use.
 */
function promptedChanges(locale: string, env: Context["io"]["env"]): Record<string, string> {
  if (!OVERRIDES.some((name) => env[name])) return localeChanges(locale);
  return { [CredentialKey.locale]: locale, [CredentialKey.country]: locale.slice(-2).toUpperCase() };
}

/**
 * The locale to give the client: the one-off locale of the run if any; `undefined` when the store
 * has one (or a country); else prompted for (Python's wording) and saved on request.
 */
export async function ensureLocale(context: Context): Promise<string | undefined> {
  if (context.globals.locale !== undefined) return checkLocale(context.globals.locale, "locale");
  const fromEnv = context.io.env.RENAULT_API_LOCALE;
  if (fromEnv) return checkLocale(fromEnv, "RENAULT_API_LOCALE");
  const stored = await context.store().read();
  // The session needs a country: from a locale, or stored by `set --locale` (or the Python CLI).
  if (stored[CredentialKey.locale] !== undefined || stored[CredentialKey.country] !== undefined)
    return undefined;
  if (!context.prompt.interactive) {
    throw new UsageError(
      "no locale configured: pass --locale (e.g. --locale fr_FR) or save one with `renault-api set --locale fr_FR`",
    );
  }
  let locale: string;
  for (;;) {
    const answer = await context.prompt.text("Please select a locale", {
      default: defaultLocale(systemLocale(context.io.env)),
      option: "--locale",
    });
    if (Object.hasOwn(LOCALES, answer)) {
      locale = answer;
      break;
    }
    context.note(`Locale \`${answer}\` is unknown: valid locales are ${LOCALE_NAMES.join(", ")}`);
  }
  if (await context.prompt.confirm("Do you want to save the locale to the credential store?", false)) {
    await context.save(promptedChanges(locale, context.io.env));
  }
  context.io.stderr.write("\n");
  return locale;
}
