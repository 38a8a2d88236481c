/** `features`: the car's own feature list from the `/myr` gateway (issue 15 item 4). */
import { REMOTE_FEATURES } from "../../models.js";
import { defineCommand } from "../command.js";
import { connectedVehicleOf, privacyLabel, protocolLabel, srpWarning } from "../connected.js";
import { keyValues, table } from "../render.js";

export const features = defineCommand({
  name: "features",
  summary: "List the car's features.",
  description:
    "List the features the car has, as the MyRenault app's /myr gateway reports them: id, name\n" +
    "(when known) and status, with the car's remote protocol and privacy mode. On the SRP protocol\n" +
    "remote commands are refused. One request (RENAULT_API_MYR_URL sets the gateway's root).\n" +
    "With --json: {vin, remoteSecurityProtocol, privacyModeStatus, privacyModeOn, features: [{featureId,\n" +
    "name, status, remote}]}.",
  endpoints: ["GET /myr/api/v1/accounts/{accountId}/connected-vehicles"],
  examples: ["renault-api features", "renault-api features --json"],
  async run(context) {
    const vehicle = await context.vehicle();
    const car = await connectedVehicleOf(context, vehicle);
    const list = car.applicableFeatures?.map((feature) => ({
      featureId: feature.featureId,
      name: feature.name ?? null,
      status: feature.status ?? null,
      remote: REMOTE_FEATURES.has(feature.featureId),
    }));
    context.output(
      {
        vin: car.vin,
        remoteSecurityProtocol: car.remoteSecurityProtocol ?? null,
        privacyModeStatus: car.privacyModeStatus ?? null,
        privacyModeOn: car.privacyModeOn ?? null,
        features: list ?? null,
      },
      () => {
        const lines = [
          keyValues([
            ["Remote protocol", protocolLabel(car)],
            ["Privacy mode", privacyLabel(car)],
          ]),
          list === undefined || list.length === 0
            ? "The gateway lists no features for this car."
            : table(
                ["Id", "Name", "Status"],
                list.map((feature) => [feature.featureId, feature.name ?? "(unknown)", feature.status]),
              ),
        ];
        const warning = srpWarning(car);
        if (warning) lines.push(warning);
        return lines.join("\n");
      },
    );
  },
});
