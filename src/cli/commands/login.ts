/** `login`: e-mail and password, and the e-mailed two-factor code when Renault asks for one. */
import {
  CredentialKey,
  type TwoFactorChallenge,
  TwoFactorCodeError,
  TwoFactorExpiredError,
  TwoFactorRequiredError,
} from "../../index.js";
import { TwoFactorIncompleteError } from "../../errors.js";
import { defineCommand } from "../command.js";
import type { Context } from "../context.js";
import { requireDemoTwoFactor } from "../demo.js";
import { TwoFactorStepError } from "../errors.js";
import { json, table } from "../render.js";
import { UsageError } from "../usage.js";

/** Wrong codes the interactive login accepts before it gives up (Renault closes the login after five). */
const CODE_TRIES = 3;
/** What a code may look like (Renault's are 6 digits; the library accepts letters and dashes too). */
const CODE_SHAPE = /^[A-Za-z0-9-]{1,32}$/;
const LOGIN_USAGE = "renault-api login [options]";

export const login = defineCommand({
  name: "login",
  summary: "Log in and keep the login token.",
  description:
    "Log in with the MyRenault e-mail and password. Only the login token is stored (never the\n" +
    "password). The locale is asked for when none is configured. When Renault wants an e-mailed\n" +
    "code for this device (two-factor), a terminal is asked for it; without a terminal the code is\n" +
    "sent, the open login is kept in the credential file and the command exits with 5: run it\n" +
    "again with `--code` (see docs/two-factor.md). Without a terminal, the e-mail and password are\n" +
    'read line by line from stdin (`printf \'%s\\n\' "$EMAIL" "$PASSWORD" | renault-api login`).',
  options: {
    user: {
      type: "string",
      valueName: "EMAIL",
      description: "MyRenault e-mail (or RENAULT_API_USERNAME)",
      prompt: "User",
    },
    password: {
      type: "string",
      description: "password (or RENAULT_API_PASSWORD; prefer the hidden prompt)",
      prompt: "Password",
    },
    "password-stdin": {
      type: "boolean",
      description: "read the password from the first line of stdin (the e-mail from --user or the env)",
    },
    code: {
      type: "string",
      valueName: "NNNNNN",
      description:
        "the e-mailed two-factor code, to finish a login that stopped with exit 5 (or RENAULT_API_TFA_CODE)",
    },
    tfa: {
      type: "boolean",
      description:
        "with --demo: the demo account asks for an e-mailed code, which is shown (or RENAULT_API_DEMO_TFA=1)",
    },
  },
  endpoints: ["Gigya accounts.login", "Gigya accounts.tfa.* (two-factor code)"],
  examples: [
    "renault-api login",
    "renault-api login --user me@example.com",
    "renault-api login --user me@example.com --password … --code 123456",
    "renault-api login --user me@example.com --password-stdin < password.txt",
    "renault-api --demo login --tfa",
  ],
  async run(context, { options }) {
    const env = context.io.env;
    const demo = context.demo;
    if (options.tfa && !demo) {
      throw new UsageError(
        "--tfa is for the demo (`renault-api --demo login --tfa`): a real account asks for a code by itself",
        LOGIN_USAGE,
      );
    }
    if (demo && options.code !== undefined) {
      throw new UsageError(
        "--code finishes a login kept by an earlier run, and the demo keeps nothing between runs: " +
          "run `renault-api --demo login --tfa` on a terminal",
        LOGIN_USAGE,
      );
    }
    const fromStdin = options["password-stdin"];
    if (fromStdin && options.password !== undefined) {
      throw new UsageError("give --password or --password-stdin, not both", LOGIN_USAGE);
    }
    if (fromStdin && options.user === undefined && !env.RENAULT_API_USERNAME) {
      throw new UsageError(
        "--password-stdin reads only the password: give the e-mail with --user or RENAULT_API_USERNAME",
        LOGIN_USAGE,
      );
    }
    const code = options.code ?? (demo ? undefined : env.RENAULT_API_TFA_CODE || undefined);
    if (code !== undefined) checkCode(code);
    const saved = code === undefined ? undefined : await readChallenge(context);
    if (code !== undefined && saved === undefined) {
      throw new UsageError(
        `no two-factor login is waiting for a code in ${context.credentialPath ?? "memory"} (it finished, ` +
          "failed or expired): run `renault-api login` without --code to get a new code",
        LOGIN_USAGE,
      );
    }
    const user =
      options.user ??
      (env.RENAULT_API_USERNAME || undefined) ??
      demo?.email ??
      saved?.loginId ??
      (await context.prompt.piped("User", { option: "--user" })).trim();
    if (saved?.loginId !== undefined && saved.loginId !== user) {
      throw new UsageError(
        `the two-factor login waiting for a code is for ${saved.loginId}, not ${user}: pass ` +
          `--user ${saved.loginId}, or run \`renault-api login\` without --code to start again`,
        LOGIN_USAGE,
      );
    }
    const password = fromStdin
      ? await context.prompt.line({ hidden: true, option: "--password-stdin", what: "no password on stdin" })
      : (options.password ??
        (env.RENAULT_API_PASSWORD || undefined) ??
        (demo && user === demo.email ? demo.password : undefined) ??
        (await context.prompt.piped("Password", { hidden: true, option: "--password" })));
    context.tracer.secrets.add(password);
    // How to run the second step: never with the password itself.
    const how = fromStdin ? " --password-stdin" : options.password === undefined ? "" : " --password …";
    const rerun = `renault-api login --user ${user}${how} --code NNNNNN`;

    if (code !== undefined && saved !== undefined) {
      await finishSavedLogin(context, saved.text, password, code, rerun);
    } else {
      const demoCode =
        demo && (options.tfa || env.RENAULT_API_DEMO_TFA === "1")
          ? await requireDemoTwoFactor(demo)
          : undefined;
      let challenge: TwoFactorChallenge | undefined;
      try {
        await context.login(user, password);
      } catch (error) {
        if (!(error instanceof TwoFactorRequiredError) || !error.challenge) throw error;
        challenge = error.challenge;
      }
      if (challenge === undefined) {
        await clearChallenge(context);
      } else if (context.prompt.interactive || demoCode) {
        await clearChallenge(context);
        await enterCode(context, challenge, demoCode);
      } else {
        await sendAndKeep(context, challenge, rerun);
      }
    }
    const token = await (await context.client()).getLoginToken();
    if (token) context.tracer.secrets.add(token);
    const where = context.credentialPath ?? "memory (demo: nothing is saved)";
    context.output({ loggedIn: true, user, credentialFile: context.credentialPath ?? null }, () => "");
    if (!context.globals.json) context.note(`Logged in as ${user}; the login token is kept in ${where}.`);
  },
});

/** A code as typed: spaces dropped; anything but letters, digits and dashes is a usage error. */
function checkCode(code: string): string {
  const entered = code.replace(/\s+/g, "");
  if (!CODE_SHAPE.test(entered)) {
    throw new UsageError("invalid value for --code: give the 6 digits of the e-mail", LOGIN_USAGE);
  }
  return entered;
}

/** The open two-factor login kept by an earlier run, with the e-mail it was started for. */
async function readChallenge(context: Context): Promise<{ text: string; loginId?: string } | undefined> {
  const text = (await context.store().read())[CredentialKey.tfaChallenge];
  if (text === undefined || text === "") return undefined;
  let loginId: string | undefined;
  try {
    const value = (JSON.parse(text) as { loginId?: unknown } | null)?.loginId;
    if (typeof value === "string" && value !== "") loginId = value;
  } catch {
    // Unreadable: resumeTwoFactor says so, and the value is deleted.
  }
  return loginId === undefined ? { text } : { text, loginId };
}

/** Deletes the kept two-factor login, if any (the file is rewritten only when it has one). */
async function clearChallenge(context: Context): Promise<void> {
  if ((await context.store().read())[CredentialKey.tfaChallenge] !== undefined) {
    await context.save({ [CredentialKey.tfaChallenge]: undefined });
  }
}

/**
 * A terminal (or the demo): choose the address when there are several, send one code, ask for it
 * and check it; a wrong code is asked again on the same challenge, at most {@link CODE_TRIES} times.
 */
async function enterCode(
  context: Context,
  challenge: TwoFactorChallenge,
  demoCode: (() => string | undefined) | undefined,
): Promise<void> {
  try {
    const emailId = await chooseEmail(context, challenge);
    let sent = await challenge.sendCode({ emailId, ...context.call });
    announce(context, sent.email.obfuscated, demoCode);
    let resent = false;
    for (let wrong = 0; ;) {
      const code = context.prompt.interactive ? await askCode(context, demoCode === undefined) : demoCode?.();
      if (code === undefined) throw new TwoFactorStepError("the demo simulator sent no code");
      if (!context.prompt.interactive)
        context.note("Demo: no terminal to type it on, so it is entered for you.");
      try {
        await challenge.complete(code, context.call);
        return;
      } catch (error) {
        if (error instanceof TwoFactorCodeError) {
          wrong++;
          if (wrong >= CODE_TRIES) {
            throw new TwoFactorStepError(
              `two-factor login abandoned after ${wrong} wrong codes: run \`renault-api login\` again for a new code`,
            );
          }
          context.note("Wrong code, try again.");
          continue;
        }
        const expired = error instanceof TwoFactorExpiredError && error.reason === "code-expired";
        if (
          !expired ||
          resent ||
          !context.prompt.interactive ||
          !(await context.prompt.confirm(
            `The code has expired. E-mail a new one to ${sent.email.obfuscated}?`,
            true,
          ))
        ) {
          throw error;
        }
        resent = true;
        sent = await challenge.sendCode({ emailId: sent.email.id, ...context.call });
        announce(context, sent.email.obfuscated, demoCode);
      }
    }
  } finally {
    challenge.cancel(); // forgets the password (a no-op once completed)
  }
}

/** With several addresses on a terminal: a numbered menu. `undefined` means the first. */
async function chooseEmail(context: Context, challenge: TwoFactorChallenge): Promise<string | undefined> {
  const emails = challenge.emails;
  if (emails.length <= 1 || !context.prompt.interactive) return undefined;
  context.note("Renault can e-mail the code to:");
  context.io.stderr.write(
    context.clean(
      table(
        ["", "E-mail"],
        emails.map((email, index) => [index + 1, email.obfuscated]),
      ),
    ),
  );
  const choice = await context.prompt.choose("Send the code to", emails.length, {
    default: 1,
    option: "--code",
    what: "no address chosen",
  });
  return emails[choice - 1]?.id;
}

function announce(context: Context, to: string, demoCode: (() => string | undefined) | undefined): void {
  context.note(
    `Renault wants a one-time code for this device: it was e-mailed to ${to} (valid about 5 minutes).`,
  );
  // The demo shows the code its simulator "e-mailed" (written as is: it is not a real secret).
  const code = demoCode?.();
  if (code !== undefined) context.io.stderr.write(`Demo: the simulator e-mailed the code ${code}.\n`);
}

/** `Code: ` until the answer looks like a code (a typo does not cost one of Renault's tries). */
async function askCode(context: Context, secret: boolean): Promise<string> {
  for (;;) {
    const answer = (await context.prompt.text("Code", { option: "--code" })).replace(/\s+/g, "");
    if (CODE_SHAPE.test(answer)) {
      if (secret) context.tracer.secrets.add(answer);
      return answer;
    }
    context.note("The code is the 6 digits of the e-mail.");
  }
}

/**
 * No terminal: send the code once, keep the open login (without the password) in the credential
 * file, and stop with exit 5 telling how to finish.
 */
async function sendAndKeep(context: Context, challenge: TwoFactorChallenge, rerun: string): Promise<never> {
  try {
    const sent = await challenge.sendCode(context.call);
    await context.save({ [CredentialKey.tfaChallenge]: challenge.serialize() });
    if (context.globals.json) {
      context.print(
        json({
          loggedIn: false,
          twoFactor: {
            sentTo: sent.email.obfuscated,
            codeExpiresAt: new Date(sent.expiresAt).toISOString(),
            expiresAt: new Date(challenge.expiresAt).toISOString(),
          },
        }),
      );
    }
    throw new TwoFactorStepError(
      `two-factor code needed: a code was sent to ${sent.email.obfuscated}; re-run: ${rerun} ` +
        "(within 5 minutes)",
    );
  } finally {
    challenge.cancel();
  }
}

/**
 * `--code`: reopen the kept login with the password and check the code. Success or a final
 * failure deletes the kept login; a wrong code keeps it; an expired code gets one new e-mail.
 */
async function finishSavedLogin(
  context: Context,
  saved: string,
  password: string,
  typed: string,
  rerun: string,
): Promise<void> {
  const code = checkCode(typed);
  context.tracer.secrets.add(code);
  const client = await context.client();
  let challenge: TwoFactorChallenge;
  try {
    challenge = client.resumeTwoFactor(saved, { password });
  } catch (error) {
    await clearChallenge(context);
    if (error instanceof TwoFactorExpiredError) throw error;
    throw new TwoFactorStepError(
      "the kept two-factor login could not be read and was deleted: run `renault-api login` without --code for a new code",
    );
  }
  try {
    try {
      await challenge.complete(code, context.call);
    } catch (error) {
      if (error instanceof TwoFactorCodeError) {
        throw new TwoFactorStepError(
          `wrong two-factor code: check the latest e-mail from Renault and re-run: ${rerun}`,
        );
      }
      if (!(error instanceof TwoFactorExpiredError && error.reason === "code-expired")) throw error;
      const sent = await challenge.sendCode(context.call);
      await context.save({ [CredentialKey.tfaChallenge]: challenge.serialize() });
      throw new TwoFactorStepError(
        `the code expired (a code lasts about 5 minutes): a new code was sent to ${sent.email.obfuscated}; ` +
          `re-run: ${rerun}`,
      );
    }
  } catch (error) {
    if (error instanceof TwoFactorExpiredError || error instanceof TwoFactorIncompleteError) {
      await clearChallenge(context);
    }
    throw error;
  } finally {
    challenge.cancel();
  }
  await clearChallenge(context);
}
