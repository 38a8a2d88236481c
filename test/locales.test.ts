import { expect, test } from "vitest";
import { checkBaseUrl, countryOf, getLocaleDetails, LOCALE_NAMES, LOCALES } from "../src/config/locales.js";
import { ConfigurationError } from "../src/errors.js";

test("the 29 built-in locales resolve; only es_MX and fr_LU differ from the EU defaults", () => {
  expect(LOCALE_NAMES).toHaveLength(29);
  const eu = getLocaleDetails("fr_FR");
  const different = LOCALE_NAMES.filter((name) => JSON.stringify(LOCALES[name]) !== JSON.stringify(eu));
  expect(different).toEqual(["es_MX", "fr_LU"]);
  expect(getLocaleDetails("es_MX")).toEqual({
    gigyaUrl: "https://accounts.us1.gigya.com",
    gigyaApiKey: "4_yTFqPSsGxVyRXPZUM7t1Iw",
    kamereonUrl: "https://api-wired-prod-1-usw2.wrd-aws.com",
    kamereonApiKey: eu.kamereonApiKey,
  });
  expect(getLocaleDetails("fr_LU")).toEqual({ ...eu, gigyaApiKey: expect.stringMatching(/^3_zt44/) });
  expect(eu.gigyaUrl).toBe("https://accounts.eu1.gigya.com");
  expect(eu.kamereonUrl).toBe("https://api-wired-prod-1-euw1.wrd-aws.com");
});

test("an unknown locale is a clear error listing the valid ones", () => {
  expect(() => getLocaleDetails("xx_XX")).toThrow(ConfigurationError);
  expect(() => getLocaleDetails("xx_XX")).toThrow(/Unknown locale 'xx_XX'.*bg_BG.*sv_SE/);
  expect(() => getLocaleDetails("__proto__")).toThrow(ConfigurationError);
});

test("country is the last two letters of the locale", () => {
  expect(countryOf("fr_FR")).toBe("FR");
  expect(countryOf("de_ch")).toBe("CH");
});

test.each([
  ["https://accounts.eu1.gigya.com/", "https://accounts.eu1.gigya.com"],
  ["http://127.0.0.1:8080/gigya", "http://127.0.0.1:8080/gigya"],
  ["http://localhost:1", "http://localhost:1"],
  ["http://[::1]:9/x", "http://[::1]:9/x"],
])("base URL %s is accepted", (input, expected) => {
  expect(checkBaseUrl("gigya URL", input)).toBe(expected);
});

test.each([
  "http://example.com",
  "http://10.0.0.1",
  "ftp://127.0.0.1",
  "not a url",
  "https://user:pw@host",
  "https://h/?q=1",
])("base URL %s is refused", (input) => {
  expect(() => checkBaseUrl("kamereon URL", input)).toThrow(ConfigurationError);
});
