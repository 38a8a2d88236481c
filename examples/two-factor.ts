// A login with the e-mailed one-time code (docs/two-factor.md): when Gigya asks for it, the code
// is sent, read from stdin, and the login completes. A wrong code may be typed again.
import { createInterface } from "node:readline/promises";
import { TwoFactorCodeError, TwoFactorRequiredError } from "renault-api";
import { clientFromEnv, required } from "./connect.js";

const client = clientFromEnv();
const input = createInterface({ input: process.stdin, output: process.stdout, terminal: false });
try {
  await client.login(required("RENAULT_API_USERNAME"), required("RENAULT_API_PASSWORD"));
  console.log("Logged in without a code (this device is trusted).");
} catch (error) {
  if (!(error instanceof TwoFactorRequiredError) || !error.challenge) throw error;
  const challenge = error.challenge;
  const sent = await challenge.sendCode();
  for (;;) {
    const code = await input.question(`Code sent to ${sent.email.obfuscated}: `);
    try {
      await challenge.complete(code.trim());
      break;
    } catch (failure) {
      if (!(failure instanceof TwoFactorCodeError)) throw failure; // expired: log in again
      console.log("Wrong code, try again.");
    }
  }
  console.log("Logged in.");
} finally {
  input.close();
}
console.log(`Accounts: ${(await client.getAccounts()).length}`);
