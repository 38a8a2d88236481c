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

/** Percent-encodes one path segment; `.` and `..` are encoded too so they cannot climb the path. */
export function encodeSegment(value: string): string {
  if (value === "." || value === "..") return value.replaceAll(".", "%2E");
  return encodeURIComponent(value);
}
