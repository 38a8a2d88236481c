/**
 * Building the run's client (environment overrides win over the stored settings) and logging in,
 * on the fly when a command needs it. Every secret learnt is handed to the tracer's redaction.
 */
import { CredentialKey, NotAuthenticatedError, RenaultClient, RenaultError } from "../index.js";
import type { Context } from "./context.js";
import { retriesOf, timeoutOf } from "./environment.js";
import { ensureLocale } from "./locale.js";
import { WarnedOnce } from "./warned.js";

/** A client (not necessarily logged in) for the run. */
export async function createClient(context: Context): Promise<RenaultClient> {
  const env = context.io.env;
  const timeout = timeoutOf(env.RENAULT_API_TIMEOUT);
  const retry = retriesOf(env.RENAULT_API_RETRIES, env.RENAULT_API_RETRY_DELAY);
  const locale = await ensureLocale(context);
  const demo = context.demo?.options;
  const warned = await WarnedOnce.load(context.store());
  context.onClose(() => warned.flush());
  const client = new RenaultClient({
    locale: locale ?? demo?.locale,
    gigyaUrl: env.RENAULT_API_GIGYA_URL || demo?.gigyaUrl,
    gigyaApiKey: env.RENAULT_API_GIGYA_API_KEY || demo?.gigyaApiKey,
    kamereonUrl: env.RENAULT_API_KAMEREON_URL || demo?.kamereonUrl,
    kamereonApiKey: env.RENAULT_API_KAMEREON_API_KEY || demo?.kamereonApiKey,
    myrUrl: env.RENAULT_API_MYR_URL || demo?.myrUrl,
    credentialStore: context.store(),
    timeout,
    retry,
    onTrace: context.tracer.onTrace,
    logger: {
      warn: (message: string) => {
        if (warned.shouldShow(message)) context.note(`Warning: ${message}`);
      },
    },
  });
  const settings = await client.session.getSettings();
  context.tracer.secrets.add(settings.gigyaApiKey);
  context.tracer.secrets.add(settings.kamereonApiKey);
  const values = await context.store().read();
  for (const key of [CredentialKey.loginToken, CredentialKey.jwt]) {
    const value = values[key];
    if (value) context.tracer.secrets.add(value);
  }
  return client;
}

/** Logs in with e-mail and password and stores the login token; remembers the secrets. */
export async function logIn(context: Context, user: string, password: string): Promise<void> {
  context.tracer.secrets.add(password);
  const client = await context.client();
  await client.login(user, password, context.call);
  const token = await client.getLoginToken();
  if (token) context.tracer.secrets.add(token);
}

/**
 * A logged-in client. Without a login token: the demo logs in by itself, `RENAULT_API_USERNAME`
 * and `RENAULT_API_PASSWORD` are used when set, a terminal is prompted (as the Python CLI does);
 * otherwise "not logged in" (exit 3).
 */
export async function loggedInClient(context: Context): Promise<RenaultClient> {
  const client = await context.client();
  if (await client.getLoginToken()) return client;
  if (context.demo) {
    await logIn(context, context.demo.email, context.demo.password);
    return client;
  }
  const user = context.io.env.RENAULT_API_USERNAME;
  const password = context.io.env.RENAULT_API_PASSWORD;
  if (user && password) {
    await logIn(context, user, password);
    return client;
  }
  if (!context.prompt.interactive) throw new NotAuthenticatedError("Not logged in.");
  for (let attempt = 1; ; attempt++) {
    const name = user || (await context.prompt.text("User", { option: "--user" }));
    const secret = password || (await context.prompt.hidden("Password", { option: "--password" }));
    try {
      await logIn(context, name, secret);
      context.io.stderr.write("\n");
      return client;
    } catch (error) {
      if (!(error instanceof RenaultError) || attempt >= 3) throw error;
      context.note(`Login failed: ${error.message}.`);
    }
  }
}
