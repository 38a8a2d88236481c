import { loadFixture } from "./fixtures.js";
import type { HandlerContext, RecordedRequest, SimulatorResponse } from "./server.js";

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

const NOT_FOUND = (): SimulatorResponse => ({
  status: 404,
  body: loadFixture("kamereon/error/resource_not_found.json"),
});

/** Answers Kamereon calls: API key and JWT checks, then the person, accounts and cars of the world. */
export function handleKamereon(context: HandlerContext, request: RecordedRequest): SimulatorResponse {
  if (request.headers.apikey !== context.kamereonApiKey) {
    return { status: 403, body: { error: "access_denied", error_description: "Unauthorized" } };
  }
  const verdict = context.jwt.verify(request.headers["x-gigya-id_token"] ?? "", context.now());
  if (!verdict.ok) return kamereonError(401, "err.func.wired.unauthorized", `JWT ${verdict.reason}`);
  if (!request.query.country)
    return kamereonError(400, "err.func.wired.missingRequestParam", "country is missing");
  const { world } = context;

  const person = /^\/commerce\/v1\/persons\/([^/]+)$/.exec(request.path);
  if (person && request.method === "GET") {
    const id = decodeURIComponent(person[1] ?? "");
    const document = world.persons.get(id);
    if (!document || id !== verdict.personId)
      return kamereonError(403, "err.func.403", "Access is denied for this resource");
    return { body: document };
  }

  const account = /^\/commerce\/v1\/accounts\/([^/]+)(\/.*)?$/.exec(request.path);
  if (!account) return NOT_FOUND();
  const accountId = decodeURIComponent(account[1] ?? "");
  const owned = world.accounts.get(accountId);
  const ownerPerson = world.persons.get(verdict.personId) as
    { accounts?: { accountId: string }[] } | undefined;
  if (!owned || !ownerPerson?.accounts?.some((entry) => entry.accountId === accountId)) {
    return kamereonError(403, "err.func.403", "Access is denied for this resource");
  }
  const rest = account[2] ?? "";
  if (rest === "/vehicles" && request.method === "GET") {
    return {
      body: {
        accountId,
        country: owned.country,
        vehicleLinks: owned.vins.map((vin) => world.vehicles.get(vin)?.link).filter(Boolean),
      },
    };
  }
  const details = /^\/vehicles\/([^/]+)\/details$/.exec(rest);
  if (details && request.method === "GET") {
    const vehicle = world.vehicles.get(decodeURIComponent(details[1] ?? ""));
    if (!vehicle || vehicle.accountId !== accountId) return NOT_FOUND();
    return { body: vehicle.link.vehicleDetails };
  }
  return NOT_FOUND();
}
