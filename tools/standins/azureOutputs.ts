// The read-only outputs ARM returns for a created resource, for the types this program registers:
// the ones the program reads (ManagedCluster name and location, UserAssignedIdentity principalId,
// DiskEncryptionSet identity.principalId, Key keyUriWithVersion, OnlineEndpoint properties.scoringUri /
// swaggerUri, every id) and a few more of the same kind (provisioningState, endpoints, GUIDs), in the
// shapes of the REST specs (camelCase, as azure-native returns them). Every value is derived from the
// resource's ARM ID, so the same inputs give the same bytes. Hosts follow the public cloud's DNS
// suffixes (azmk8s.io, vault.azure.net, blob.core.windows.net, azurecr.io, inference.ml.azure.com: the
// scoring URI as tools/lib/stackRun.ts mockOutputs builds it).
// Not modelled: systemData (timestamps), etags, read-only collections (network interfaces of a private
// endpoint, subnets of a VNet), userAssignedIdentities as ARM's map of principals (the input stays).
import { guid, hex, isObject, Props } from "./wire";

export interface OutputContext {
    /** Short type, "containerservice:ManagedCluster". */
    type: string;
    /** The inputs, secrets unwrapped. */
    inputs: Props;
    id: string;
    /** The last segment of the ARM ID (ARM's `name`). */
    name: string;
    subscriptionId: string;
    tenantId: string;
    /** The provider's configured location (azure-native:location). */
    location: string;
}

const SUCCEEDED = "Succeeded";
const str = (v: unknown, fallback = ""): string => (typeof v === "string" ? v : fallback);

/** identity.principalId / tenantId for a system-assigned identity (ARM fills them on create). */
function systemIdentity(c: OutputContext): Props {
    const type = str(c.inputs.identity?.type);
    return /SystemAssigned/i.test(type) ? { identity: { principalId: guid(`${c.id}|principal`), tenantId: c.tenantId } } : {};
}

function location(c: OutputContext): string {
    return str(c.inputs.location, c.location).toLowerCase().replace(/\s+/g, "");
}

type Enrich = (c: OutputContext) => Props;

const BY_TYPE: Record<string, Enrich> = {
    "containerservice:ManagedCluster": (c) => {
        const loc = location(c);
        const prefix = str(c.inputs.dnsPrefix, c.name);
        const host = `${prefix}-${hex(c.id, 8)}`;
        const rg = str(c.inputs.resourceGroupName);
        const priv = isObject(c.inputs.apiServerAccessProfile) && c.inputs.apiServerAccessProfile.enablePrivateCluster === true;
        return {
            fqdn: `${host}.hcp.${loc}.azmk8s.io`,
            azurePortalFQDN: `${host}.portal.hcp.${loc}.azmk8s.io`,
            ...(priv ? { privateFQDN: `${host}.${guid(c.id)}.privatelink.${loc}.azmk8s.io` } : {}),
            ...(typeof c.inputs.kubernetesVersion === "string" ? { currentKubernetesVersion: c.inputs.kubernetesVersion } : {}),
            nodeResourceGroup: str(c.inputs.nodeResourceGroup, `MC_${rg}_${c.name}_${loc}`),
            maxAgentPools: 100,
            powerState: { code: "Running" },
            provisioningState: SUCCEEDED,
        };
    },
    "managedidentity:UserAssignedIdentity": (c) => ({ principalId: guid(`${c.id}|principal`), clientId: guid(`${c.id}|client`), tenantId: c.tenantId }),
    "compute:DiskEncryptionSet": () => ({ provisioningState: SUCCEEDED }),
    "keyvault:Vault": (c) => ({ properties: { vaultUri: `https://${c.name}.vault.azure.net/`, provisioningState: SUCCEEDED } }),
    "keyvault:Key": (c) => {
        const uri = `https://${str(c.inputs.vaultName)}.vault.azure.net/keys/${c.name}`;
        return { keyUri: uri, keyUriWithVersion: `${uri}/${hex(c.id, 32)}` };
    },
    "storage:StorageAccount": (c) => {
        const base = (svc: string) => `https://${c.name}.${svc}.core.windows.net/`;
        return {
            primaryEndpoints: { blob: base("blob"), dfs: base("dfs"), file: base("file"), queue: base("queue"), table: base("table"), web: `https://${c.name}.z6.web.core.windows.net/` },
            primaryLocation: location(c),
            statusOfPrimary: "available",
            provisioningState: SUCCEEDED,
        };
    },
    "containerregistry:Registry": (c) => ({ loginServer: `${c.name.toLowerCase()}.azurecr.io`, provisioningState: SUCCEEDED }),
    "operationalinsights:Workspace": (c) => ({ customerId: guid(`${c.id}|customer`), provisioningState: SUCCEEDED }),
    "applicationinsights:Component": (c) => {
        const key = guid(`${c.id}|ikey`);
        return {
            appId: guid(`${c.id}|app`),
            instrumentationKey: key,
            connectionString: `InstrumentationKey=${key};IngestionEndpoint=https://${location(c)}-0.in.applicationinsights.azure.com/`,
            provisioningState: SUCCEEDED,
        };
    },
    "machinelearningservices:Workspace": (c) => ({
        workspaceId: guid(`${c.id}|workspace`),
        discoveryUrl: `https://${location(c)}.api.azureml.ms/discovery`,
        provisioningState: SUCCEEDED,
    }),
    "machinelearningservices:Compute": () => ({ properties: { provisioningState: SUCCEEDED } }),
    "machinelearningservices:OnlineEndpoint": (c) => {
        const host = `https://${str(c.inputs.endpointName, c.name)}.${location(c)}.inference.ml.azure.com`;
        return { properties: { scoringUri: `${host}/score`, swaggerUri: `${host}/swagger.json`, provisioningState: SUCCEEDED } };
    },
    "machinelearningservices:OnlineDeployment": () => ({ properties: { provisioningState: SUCCEEDED } }),
    "machinelearningservices:ModelVersion": () => ({ properties: { provisioningState: SUCCEEDED } }),
    "machinelearningservices:CodeVersion": () => ({ properties: { provisioningState: SUCCEEDED } }),
    "machinelearningservices:EnvironmentVersion": () => ({ properties: { provisioningState: SUCCEEDED } }),
    "kubernetesconfiguration:Extension": () => ({ provisioningState: SUCCEEDED }),
    "resources:AzureCliScript": () => ({ provisioningState: SUCCEEDED, outputs: {} }),
    "resources:Deployment": (c) => ({ properties: { provisioningState: SUCCEEDED, correlationId: guid(`${c.id}|correlation`), outputs: {} } }),
    "network:VirtualNetwork": (c) => ({ resourceGuid: guid(`${c.id}|guid`), provisioningState: SUCCEEDED }),
    "network:Subnet": () => ({ provisioningState: SUCCEEDED }),
    "network:PrivateEndpoint": () => ({ provisioningState: SUCCEEDED }),
    "network:PrivateDnsZoneGroup": () => ({ provisioningState: SUCCEEDED }),
    "privatedns:PrivateZone": () => ({ provisioningState: SUCCEEDED, numberOfRecordSets: 1, maxNumberOfRecordSets: 25000 }),
    "privatedns:VirtualNetworkLink": () => ({ provisioningState: SUCCEEDED, virtualNetworkLinkState: "Completed" }),
    "resources:ResourceGroup": () => ({ properties: { provisioningState: SUCCEEDED } }),
};

/** The read-only outputs of a created resource (merged over the inputs it echoes); {} for other types. */
export function readOnlyOutputs(c: OutputContext): Props {
    return { ...(BY_TYPE[c.type]?.(c) ?? {}), ...systemIdentity(c) };
}
