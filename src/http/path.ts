/**
 * Tag for URL paths: every interpolated value is percent-encoded as one path segment, so a VIN or an
 * account id can never inject `/`, `?`, `#` or `..` into a request path.
 *
 * @example path`/commerce/v1/accounts/${accountId}/vehicles`
 */
export function path(strings: TemplateStringsArray, ...values: readonly (string | number)[]): string {
  let result = strings[0] ?? "";
  values.forEach((value, index) => {
    result += encodeSegment(String(value)) + (strings[index + 1] ?? "");
  });
  return result;
}

/**
 * Percent-encodes one path segment. An empty segment, `.` and `..` are refused: URL parsers treat
 * `%2E%2E` as `..` too, so no encoding keeps them from moving the request path.
 * @throws {TypeError} an empty, `.` or `..` value
 */
export function encodeSegment(value: string): string {
  if (value === "" || value === "." || value === "..") {
    throw new TypeError(`'${value}' is not a valid path segment (VIN or id).`);
  }
  return encodeURIComponent(value);
}
