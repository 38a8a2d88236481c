/** `accounts`, `vehicles`, `vehicle`, `contracts` and `alerts`: the commerce reads. */
import { defineCommand } from "../command.js";
import { keyValues, label, localDateTime, table } from "../render.js";

export const accounts = defineCommand({
  name: "accounts",
  summary: "List the accounts of the logged-in person.",
  description: "List every account of the logged-in person (two accounts of the same type are both listed).",
  endpoints: ["GET /commerce/v1/persons/{personId}"],
  async run(context) {
    const client = await context.loggedInClient();
    const person = await client.getPerson(context.call);
    const list = person.accounts ?? [];
    context.output(list, () =>
      list.length === 0
        ? "No account found."
        : table(
            ["Type", "ID", "Status"],
            list.map((account) => [account.accountType, account.accountId, account.accountStatus]),
          ),
    );
  },
});

export const vehicles = defineCommand({
  name: "vehicles",
  summary: "List the vehicles of the account.",
  endpoints: ["GET /commerce/v1/accounts/{accountId}/vehicles"],
  async run(context) {
    const account = await context.account();
    const answer = await account.getVehicleLinks(context.call);
    const links = answer.vehicleLinks ?? [];
    context.output(answer, () =>
      links.length === 0
        ? "No vehicle found."
        : table(
            ["Registration", "Brand", "Model", "VIN"],
            links.map((link) => [
              link.vehicleDetails?.registrationNumber,
              link.vehicleDetails?.brand?.label,
              link.vehicleDetails?.model?.label,
              link.vin,
            ]),
          ),
    );
  },
});

export const vehicle = defineCommand({
  name: "vehicle",
  summary: "Show the vehicle's details.",
  endpoints: ["GET /commerce/v1/accounts/{accountId}/vehicles/{vin}/details"],
  async run(context) {
    const car = await context.vehicle({ fullDetails: true });
    const details = await car.getDetails(context.call);
    context.output(details, () =>
      keyValues([
        ["Registration", details.registrationNumber],
        ["Brand", details.brand?.label],
        ["Model", details.model?.label],
        ["Model code", details.model?.code],
        ["VIN", details.vin ?? car.vin],
        ["Energy", details.energy?.label ?? details.energy?.code],
        ["Engine energy type", details.engineEnergyType],
      ]),
    );
  },
});

export const contracts = defineCommand({
  name: "contracts",
  summary: "List the vehicle's contracts.",
  endpoints: ["GET /commerce/v1/accounts/{accountId}/vehicles/{vin}/contracts"],
  async run(context) {
    const car = await context.vehicle();
    const list = await car.getContracts(context.call);
    context.output(list, () =>
      list.length === 0
        ? "No contract found."
        : table(
            ["Type", "Code", "Description", "Start", "End", "Status"],
            list.map((contract) => [
              contract.type,
              contract.code,
              contract.description,
              contract.startDate,
              contract.endDate,
              contract.statusLabel ?? label(contract.status),
            ]),
          ),
    );
  },
});

export const alerts = defineCommand({
  name: "alerts",
  summary: "List the vehicle's alerts.",
  endpoints: ["GET /commerce/v1/accounts/{accountId}/kamereon/vehicles/{vin}/alerts"],
  async run(context) {
    const car = await context.vehicle();
    const list = await car.getAlerts(context.call);
    context.output(list, () =>
      list.length === 0
        ? "No alerts."
        : table(
            ["Date", "Type", "Code", "Title", "Criticity", "Description"],
            list.map((alert) => [
              localDateTime(alert.creationDateTime, context.timeZone),
              alert.alertType,
              alert.alertCode,
              alert.alertCodeTitle,
              alert.criticityName ?? alert.criticity,
              alert.shortDescription,
            ]),
          ),
    );
  },
});
