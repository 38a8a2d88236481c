/** Query parameters and form fields whose values are secrets. */
const SECRET_PARAMS =
  /^(apikey|api_key|login_token|password|id_token|oauth_token|regtoken|gigyaassertion|providerassertion|phvtoken|code|gmid|ucid)$/i;

/** Returns the URL with the values of secret query parameters replaced by `***`. */
export function redactUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return redactText(url);
  }
  for (const key of [...parsed.searchParams.keys()]) {
    if (SECRET_PARAMS.test(key)) parsed.searchParams.set(key, "***");
  }
  return parsed.toString().replaceAll("%2A%2A%2A", "***");
}

/** Shapes of secrets that can be recognised without knowing them: JWTs and Gigya session tokens. */
const SECRET_SHAPES: readonly RegExp[] = [
  /eyJ[\w-]{4,}\.[\w-]{4,}\.[\w-]*/g, // JWT (header.payload.signature)
  /st2\.s\.[\w.~-]+/g, // Gigya login token (cookie value)
  /gmid\.ver4\.[\w.~-]+/g, // Gigya device id
];

/**
 * Replaces every known secret value and every JWT- or Gigya-token-shaped string by `***`.
 * @param secrets - values known to be secret (password, login token, API keys…); empty ones are ignored
 */
export function redactText(text: string, secrets: Iterable<string | undefined> = []): string {
  let result = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 4) result = result.split(secret).join("***");
  }
  for (const shape of SECRET_SHAPES) result = result.replace(shape, "***");
  return result;
}
