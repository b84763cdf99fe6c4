// PrivateNetwork: the network a private workspace is reached through. A VNet with a node subnet for
// the cluster (Azure CNI, maxPods 50: a /20 holds 78 nodes at 51 IPs each) and a subnet for private
// endpoints; the private DNS zones Azure ML, Storage, Key Vault and Container Registry resolve their
// private endpoints in, linked to the VNet so that the nodes (the AzureML extension calls the
// workspace, pods pull from the registry and read storage) resolve them privately.
// Zone names: learn.microsoft.com/azure/private-link/private-endpoint-dns (AI + Machine Learning:
// privatelink.api.azureml.ms, privatelink.notebooks.azure.net; Storage blob/file; Key Vault
// privatelink.vaultcore.azure.net; Container Registry privatelink.azurecr.io).
// The cluster's control plane manages a subnet it does not own only with Network Contributor on it,
// granted to a user-assigned identity before the cluster exists (learn.microsoft.com/azure/aks/configure-azure-cni,
// "Prerequisites"); clusterHardening.ts gives the cluster that identity.
import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization";
import * as managedidentity from "@pulumi/azure-native/managedidentity";
import * as network from "@pulumi/azure-native/network";
import * as privatedns from "@pulumi/azure-native/privatedns";

/** Built-in role "Network Contributor". */
export const NETWORK_CONTRIBUTOR = "4d97b98b-1d4f-4787-a291-c67834d212e7";

/** Private DNS zone per private-link target (group id), in the public cloud. */
export const PRIVATE_DNS_ZONES: Readonly<Record<string, string[]>> = {
    amlworkspace: ["privatelink.api.azureml.ms", "privatelink.notebooks.azure.net"],
    blob: ["privatelink.blob.core.windows.net"],
    file: ["privatelink.file.core.windows.net"],
    vault: ["privatelink.vaultcore.azure.net"],
    registry: ["privatelink.azurecr.io"],
};

export interface PrivateNetworkArgs {
    resourceGroupName: pulumi.Input<string>;
    location: pulumi.Input<string>;
    /** Default 10.40.0.0/16: nodes in .0.0/20, private endpoints in .16.0/24. */
    addressSpace?: string;
    tags: Record<string, string>;
}

/** The node and endpoint subnets of an address space a.b.0.0/16. */
export function subnetPrefixes(addressSpace: string): { nodes: string; endpoints: string } {
    const [a, b] = addressSpace.split(".");
    return { nodes: `${a}.${b}.0.0/20`, endpoints: `${a}.${b}.16.0/24` };
}

export class PrivateNetwork extends pulumi.ComponentResource {
    readonly vnetId: pulumi.Output<string>;
    readonly nodeSubnetId: pulumi.Output<string>;
    readonly endpointSubnetId: pulumi.Output<string>;
    /** Zone IDs by zone name. */
    readonly zoneIds: Record<string, pulumi.Output<string>>;
    /** The cluster control plane's identity, with Network Contributor on the VNet once this resolves. */
    readonly controlPlaneIdentityId: pulumi.Output<string>;

    constructor(name: string, args: PrivateNetworkArgs, opts?: pulumi.ComponentResourceOptions) {
        super("aks-ml:index:PrivateNetwork", name, {}, opts);
        const space = args.addressSpace ?? "10.40.0.0/16";
        const prefixes = subnetPrefixes(space);
        const common = { resourceGroupName: args.resourceGroupName, location: args.location, tags: args.tags };
        const vnet = new network.VirtualNetwork(`${name}-vnet`, { ...common, addressSpace: { addressPrefixes: [space] } }, { parent: this, ignoreChanges: ["subnets"] });
        const subnet = (child: string, addressPrefix: string, extra: Partial<network.SubnetArgs> = {}) => new network.Subnet(`${name}-${child}`, {
            resourceGroupName: args.resourceGroupName, virtualNetworkName: vnet.name, subnetName: child, addressPrefix, ...extra,
        }, { parent: this });
        const nodes = subnet("nodes", prefixes.nodes);
        const endpoints = subnet("endpoints", prefixes.endpoints, { privateEndpointNetworkPolicies: "Disabled" }) ;

        const client = authorization.getClientConfigOutput({ parent: this });
        const identity = new managedidentity.UserAssignedIdentity(`${name}-aks-id`, { ...common }, { parent: this });
        const grant = new authorization.RoleAssignment(`${name}-aks-net`, {
            scope: vnet.id,
            roleDefinitionId: pulumi.interpolate`/subscriptions/${client.subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${NETWORK_CONTRIBUTOR}`,
            principalId: identity.principalId,
            principalType: "ServicePrincipal",
        }, { parent: this });

        this.zoneIds = {};
        for (const zoneName of new Set(Object.values(PRIVATE_DNS_ZONES).flat())) {
            const short = zoneName.split(".").slice(1, 2).join("");
            const zone = new privatedns.PrivateZone(`${name}-dns-${short}-${zoneName.split(".").length}`, { resourceGroupName: args.resourceGroupName, location: "global", privateZoneName: zoneName, tags: args.tags }, { parent: this });
            new privatedns.VirtualNetworkLink(`${name}-link-${short}-${zoneName.split(".").length}`, {
                resourceGroupName: args.resourceGroupName, location: "global", privateZoneName: zone.name,
                virtualNetwork: { id: vnet.id }, registrationEnabled: false, tags: args.tags,
            }, { parent: this });
            this.zoneIds[zoneName] = zone.id;
        }
        this.vnetId = vnet.id;
        this.nodeSubnetId = nodes.id;
        this.endpointSubnetId = endpoints.id;
        this.controlPlaneIdentityId = pulumi.all([identity.id, grant.id]).apply(([id]) => id);
        this.registerOutputs({ vnetId: this.vnetId, nodeSubnetId: this.nodeSubnetId, endpointSubnetId: this.endpointSubnetId });
    }
}
