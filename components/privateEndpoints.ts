// PrivateEndpoints: one private endpoint per private-link target of the workspace (the workspace
// itself, its storage's blob and file services, its key vault and registry) in the endpoint subnet,
// each registering its address in the linked private DNS zones (a privateDnsZoneGroup), so that the
// workspace works with publicNetworkAccess Disabled (learn.microsoft.com/azure/machine-learning/how-to-configure-private-link,
// how-to-secure-workspace-vnet: storage, key vault and registry each need their own private endpoint).
import * as pulumi from "@pulumi/pulumi";
import * as network from "@pulumi/azure-native/network";
import { PRIVATE_DNS_ZONES } from "./privateNetwork";

export interface PrivateEndpointsArgs {
    resourceGroupName: pulumi.Input<string>;
    location: pulumi.Input<string>;
    subnetId: pulumi.Input<string>;
    zoneIds: Record<string, pulumi.Input<string>>;
    /** Target resource IDs by private-link group id (amlworkspace, blob, file, vault, registry). */
    targets: Partial<Record<keyof typeof PRIVATE_DNS_ZONES, pulumi.Input<string>>>;
    tags: Record<string, string>;
}

export class PrivateEndpoints extends pulumi.ComponentResource {
    readonly endpointIds: Record<string, pulumi.Output<string>>;

    constructor(name: string, args: PrivateEndpointsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("aks-ml:index:PrivateEndpoints", name, {}, opts);
        this.endpointIds = {};
        for (const [groupId, target] of Object.entries(args.targets)) {
            if (target === undefined) continue;
            const pe = new network.PrivateEndpoint(`${name}-${groupId}`, {
                resourceGroupName: args.resourceGroupName, location: args.location, tags: args.tags,
                subnet: { id: args.subnetId },
                privateLinkServiceConnections: [{ name: groupId, privateLinkServiceId: target, groupIds: [groupId] }],
            }, { parent: this });
            new network.PrivateDnsZoneGroup(`${name}-${groupId}-dns`, {
                resourceGroupName: args.resourceGroupName, privateEndpointName: pe.name, privateDnsZoneGroupName: "default",
                privateDnsZoneConfigs: PRIVATE_DNS_ZONES[groupId].map((zone) => ({ name: zone.replace(/\./g, "-"), privateDnsZoneId: args.zoneIds[zone] })),
            }, { parent: this });
            this.endpointIds[groupId] = pe.id;
        }
        this.registerOutputs({ endpointIds: this.endpointIds });
    }
}
