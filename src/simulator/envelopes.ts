/** The error envelopes a simulated Kamereon answers. */
import type { Refusal } from "./models.js";
import { loadFixture } from "./fixtures.js";
import type { SimulatorResponse } from "./server.js";

/** The Kamereon error envelope, as the real service sends it. */
export function kamereonError(
  status: number,
  code: string,
  message: string,
  type = "FUNCTIONAL",
): SimulatorResponse {
  return {
    status,
    body: {
      type,
      messages: [{ code, message }],
      errors: [{ errorCode: code, errorMessage: message }],
      error_reference: type,
    },
  };
}

/** An error answer from a table entry. */
export function errorAnswer(answer: Refusal): SimulatorResponse {
  if (answer.fixture !== undefined) return { status: answer.status, body: loadFixture(answer.fixture) };
  return kamereonError(answer.status, answer.code ?? "err.func.400", answer.message ?? "");
}
