/** The CLI's own redaction pass over text it prints (a second pass: the library redacts first). */

/** Shapes of secrets recognisable without knowing them: JWTs and Gigya tokens and device ids. */
const SECRET_SHAPES: readonly RegExp[] = [
  /eyJ[\w-]{4,}\.[\w-]{4,}\.[\w-]*/g,
  /st2\.s\.[\w.~-]+/g,
  /gmid\.ver4\.[\w.~-]+/g,
];

/** Replaces known secret values and token-shaped strings with `***`. */
export function redact(text: string, secrets: Iterable<string>): string {
  let result = text;
  const known = [...secrets].filter((secret) => secret.length >= 4).sort((a, b) => b.length - a.length);
  for (const secret of known) result = result.split(secret).join("***");
  for (const shape of SECRET_SHAPES) result = result.replace(shape, "***");
  return result;
}
