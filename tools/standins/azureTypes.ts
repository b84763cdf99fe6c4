// What the azure-native stand-in knows of each resource type, where the real provider reads its
// embedded metadata (generated from azure-rest-api-specs; not in the Go module, not installed here):
// - the ARM path (its PUT parameters' "path" locations): the table below, for the types this program
//   registers, named as in the REST specs; each template's parameters are the ones the installed SDK's
//   getter takes (test/standins checks them against tools/diff/providerReplace.ts azureNativePathParams);
// - the outputs (the response properties, top level): the SDK's resource class lists every one as
//   `resourceInputs["x"] = undefined /*out*/` (node_modules/@pulumi/azure-native, pinned 3.28.0);
// - the API version: the class comment "Uses Azure REST API version ..." (the provider's APIVersion);
// - whether a body `location` exists: the class passes `args?.location`;
// - auto-naming: pulumi-azure-native provider/pkg/resources/resources.go AutoNamer.AutoName (the last
//   path parameter only: "uuid" for roleAssignmentName / roleDefinitionId, "random" for endpointName and
//   for a top-level resource of its namespace, else "copy") and AutoLocationDisabled (template deployments).
import * as fs from "fs";
import * as path from "path";
import { UNKNOWN } from "./wire";

/** ARM path templates by type token without the package ("containerservice:ManagedCluster"). */
export const ARM_PATHS: Record<string, string> = {
    "resources:ResourceGroup": "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}",
    "resources:Deployment": "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Resources/deployments/{deploymentName}",
    "resources:AzureCliScript": "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Resources/deploymentScripts/{scriptName}",
    "storage:StorageAccount": "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Storage/storageAccounts/{accountName}",
    "keyvault:Vault": "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.KeyVault/vaults/{vaultName}",
    "keyvault:Key": "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.KeyVault/vaults/{vaultName}/keys/{keyName}",
    "operationalinsights:Workspace": "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.OperationalInsights/workspaces/{workspaceName}",
    "applicationinsights:Component": "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Insights/components/{resourceName}",
    "containerregistry:Registry": "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.ContainerRegistry/registries/{registryName}",
    "containerservice:ManagedCluster": "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.ContainerService/managedClusters/{resourceName}",
    "kubernetesconfiguration:Extension":
        "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/{clusterRp}/{clusterResourceName}/{clusterName}/providers/Microsoft.KubernetesConfiguration/extensions/{extensionName}",
    "managedidentity:UserAssignedIdentity": "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/{resourceName}",
    "compute:DiskEncryptionSet": "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Compute/diskEncryptionSets/{diskEncryptionSetName}",
    "authorization:RoleDefinition": "/{scope}/providers/Microsoft.Authorization/roleDefinitions/{roleDefinitionId}",
    "authorization:RoleAssignment": "/{scope}/providers/Microsoft.Authorization/roleAssignments/{roleAssignmentName}",
    "monitor:DiagnosticSetting": "/{resourceUri}/providers/Microsoft.Insights/diagnosticSettings/{name}",
    "network:VirtualNetwork": "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Network/virtualNetworks/{virtualNetworkName}",
    "network:Subnet": "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Network/virtualNetworks/{virtualNetworkName}/subnets/{subnetName}",
    "network:PrivateEndpoint": "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Network/privateEndpoints/{privateEndpointName}",
    "network:PrivateDnsZoneGroup":
        "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Network/privateEndpoints/{privateEndpointName}/privateDnsZoneGroups/{privateDnsZoneGroupName}",
    "privatedns:PrivateZone": "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Network/privateDnsZones/{privateZoneName}",
    "privatedns:VirtualNetworkLink":
        "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Network/privateDnsZones/{privateZoneName}/virtualNetworkLinks/{virtualNetworkLinkName}",
    "machinelearningservices:Workspace": "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.MachineLearningServices/workspaces/{workspaceName}",
    "machinelearningservices:Compute": "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.MachineLearningServices/workspaces/{workspaceName}/computes/{computeName}",
    "machinelearningservices:OnlineEndpoint":
        "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.MachineLearningServices/workspaces/{workspaceName}/onlineEndpoints/{endpointName}",
    "machinelearningservices:OnlineDeployment":
        "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.MachineLearningServices/workspaces/{workspaceName}/onlineEndpoints/{endpointName}/deployments/{deploymentName}",
    "machinelearningservices:ModelVersion":
        "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.MachineLearningServices/workspaces/{workspaceName}/models/{name}/versions/{version}",
    "machinelearningservices:CodeVersion":
        "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.MachineLearningServices/workspaces/{workspaceName}/codes/{name}/versions/{version}",
    "machinelearningservices:EnvironmentVersion":
        "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.MachineLearningServices/workspaces/{workspaceName}/environments/{name}/versions/{version}",
    // A custom resource in azure-native (provider/pkg/resources/customresources/custom_storage_azidentity.go
    // getBlobMetadata); its ID is the blob's URL (readBlob), built by the stand-in itself.
    "storage:Blob":
        "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Storage/storageAccounts/{accountName}/blobServices/default/containers/{containerName}/blobs/{blobName}",
};

/** The short type ("containerservice:ManagedCluster") of an azure-native token. */
export const shortType = (type: string): string => type.replace(/^azure-native:/, "");

/** Path parameters of a template, in order ({subscriptionId} is the provider's, not an input). */
export function templateParams(template: string): string[] {
    return [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).filter((p) => p !== "subscriptionId");
}

/** Fills a template; undefined when a parameter is missing or not a plain string (unknown in a preview). */
export function fillTemplate(template: string, values: Record<string, unknown>): string | undefined {
    let missing = false;
    const id = template.replace(/\{(\w+)\}/g, (_, p: string) => {
        const v = values[p];
        if (typeof v !== "string" || v === "" || v === UNKNOWN) missing = true;
        return typeof v === "string" ? v : "";
    });
    return missing ? undefined : id.replace(/\/{2,}/g, "/");
}

/** The ARM resource type of a template: its last provider namespace and the collection names ("Microsoft.Network/virtualNetworks/subnets"). */
export function armType(template: string): string {
    if (!template.includes("/providers/")) return "Microsoft.Resources/resourceGroups";
    const tail = template.slice(template.lastIndexOf("/providers/") + "/providers/".length).split("/");
    return [tail[0], ...tail.slice(1).filter((_, i) => i % 2 === 0)].join("/");
}

/** The path parameter values of `id` for `template` (Read of a resource known by its ID only); undefined if it does not match. */
export function parseId(template: string, id: string): Record<string, string> | undefined {
    const names: string[] = [];
    const escaped = template.replace(/[.*+?^$()|[\]\\]/g, "\\$&");
    // A leading {scope} / {resourceUri} is itself an ARM ID (slashes included).
    const re = escaped.replace(/^\/\{(\w+)\}/, (_, p: string) => (names.push(p), "(/.+?)")).replace(/\{(\w+)\}/g, (_, p: string) => (names.push(p), "([^/]+)"));
    const m = new RegExp(`^${re}$`, "i").exec(id);
    return m ? Object.fromEntries(names.map((n, i) => [n, m[i + 1]])) : undefined;
}

export type AutoNameKind = "random" | "uuid" | "copy";

/** resources.go AutoNamer.AutoName for the last parameter of `template`. */
export function autoNameKind(template: string): { param: string; kind: AutoNameKind } {
    const params = templateParams(template);
    const param = params[params.length - 1];
    if (param === "roleAssignmentName" || param === "roleDefinitionId") return { param, kind: "uuid" };
    if (param === "endpointName" || param === "customDomainName") return { param, kind: "random" };
    const parts = template.toLowerCase().split("microsoft.");
    const tail = parts[parts.length - 1];
    return { param, kind: parts.length === 1 || (tail.match(/\{/g) ?? []).length === 1 ? "random" : "copy" };
}

export interface SdkResource {
    /** Top-level output properties. */
    outputs: Set<string>;
    apiVersion?: string;
    /** The body has a `location` (auto-location applies, unless disabled for the path). */
    hasLocation: boolean;
}

const sdkCache = new Map<string, SdkResource | undefined>();
const SDK_DIR = path.dirname(require.resolve("@pulumi/azure-native/package.json"));

/** What the installed SDK says of `type` ("azure-native:keyvault:Key"); undefined when it has no such class. */
export function sdkResource(type: string): SdkResource | undefined {
    if (sdkCache.has(type)) return sdkCache.get(type);
    const [mod, name] = shortType(type).split(":");
    const file = path.join(SDK_DIR, mod ?? "", `${(name ?? "").charAt(0).toLowerCase()}${(name ?? "").slice(1)}.js`);
    let res: SdkResource | undefined;
    if (name && fs.existsSync(file)) {
        const js = fs.readFileSync(file, "utf8");
        const dts = fs.existsSync(file.replace(/\.js$/, ".d.ts")) ? fs.readFileSync(file.replace(/\.js$/, ".d.ts"), "utf8") : "";
        res = {
            outputs: new Set([...js.matchAll(/resourceInputs\["(\w+)"\] = undefined \/\*out\*\//g)].map((m) => m[1])),
            apiVersion: /Uses Azure REST API version ([\w-]+)\./.exec(dts)?.[1],
            hasLocation: /resourceInputs\["location"\] = args/.test(js),
        };
    }
    sdkCache.set(type, res);
    return res;
}

/** azure-native's version, as the installed SDK states it (GetPluginInfo). */
export function azureNativeVersion(): string {
    return JSON.parse(fs.readFileSync(path.join(SDK_DIR, "package.json"), "utf8")).version;
}
