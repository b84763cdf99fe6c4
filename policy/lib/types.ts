// Pulumi type tokens (azure-native v3) and small accessors shared by the policies.
import { isUnknown } from "./values";

export const MANAGED_CLUSTER = "azure-native:containerservice:ManagedCluster";
export const AGENT_POOL = "azure-native:containerservice:AgentPool";
export const EXTENSION = "azure-native:kubernetesconfiguration:Extension";
export const RESOURCE_GROUP = "azure-native:resources:ResourceGroup";
export const WORKSPACE = "azure-native:machinelearningservices:Workspace";
export const COMPUTE = "azure-native:machinelearningservices:Compute";
export const ONLINE_ENDPOINT = "azure-native:machinelearningservices:OnlineEndpoint";
export const ONLINE_DEPLOYMENT = "azure-native:machinelearningservices:OnlineDeployment";
/** The AzureML instance type custom resource, as created with @pulumi/kubernetes. */
export const INSTANCE_TYPE_CR = "kubernetes:amlarc.azureml.com/v1alpha1:InstanceType";
/** A deployment script (Microsoft.Resources/deploymentScripts, AzureCLI). */
export const AZURE_CLI_SCRIPT = "azure-native:resources:AzureCliScript";
/**
 * The environment variable of a deployment script that carries Kubernetes objects (a JSON `List`) to
 * apply in a cluster through ARM (aks-ml-serving's components/clusterObjects.ts); the pack reads the
 * InstanceType objects in it like InstanceType custom resources.
 */
export const CLUSTER_OBJECTS_ENV = "AKSML_CLUSTER_OBJECTS";
/**
 * A cluster tag saying that command invoke (run command) is how the stack applies its in-cluster
 * objects through ARM (value RUN_COMMAND_PURPOSE): baseline-run-command accepts run command there.
 */
export const RUN_COMMAND_TAG = "aksml.io/run-command";
export const RUN_COMMAND_PURPOSE = "cluster-objects";

export const AZUREML_EXTENSION_TYPE = "microsoft.azureml.kubernetes";

/** The input holding each type's own ARM name (absent when auto-named). */
export const NAME_PROP: Readonly<Record<string, string>> = {
    [MANAGED_CLUSTER]: "resourceName",
    [AGENT_POOL]: "agentPoolName",
    [EXTENSION]: "extensionName",
    [RESOURCE_GROUP]: "resourceGroupName",
    [WORKSPACE]: "workspaceName",
    [COMPUTE]: "computeName",
    [ONLINE_ENDPOINT]: "endpointName",
    [ONLINE_DEPLOYMENT]: "deploymentName",
};

/**
 * The properties bag of an endpoint or deployment. azure-native v3 names the input `properties`;
 * older majors named it `onlineEndpointProperties` / `onlineDeploymentProperties`.
 */
export function propsKey(raw: Record<string, any>, type: string): string {
    // Also an API-versioned token (azure-native:machinelearningservices/v20230401:OnlineEndpoint).
    const legacy = type === ONLINE_ENDPOINT || type.endsWith(":OnlineEndpoint") ? "onlineEndpointProperties" : "onlineDeploymentProperties";
    return raw.properties === undefined && raw[legacy] !== undefined ? legacy : "properties";
}

/** AI Foundry: a hub holds the network, encryption and identity settings its projects inherit. */
export function workspaceKind(raw: Record<string, any>): "hub" | "project" | "default" | "unknown" {
    const k = raw.kind;
    if (isUnknown(k)) return "unknown";
    const v = typeof k === "string" ? k.toLowerCase() : "default";
    return v === "hub" ? "hub" : v === "project" ? "project" : "default";
}

/** Production purposes, for rules that treat DevTest differently. */
export function isProductionPurpose(purpose: string): boolean {
    return purpose === "FastProd" || purpose === "DenseProd";
}

/** `/subscriptions/s/resourceGroups/rg/providers/Microsoft.X/kind/name...` -> parts, lower-cased. */
export function parseArmId(id: string): { resourceGroup?: string; provider?: string; kind?: string; name?: string } {
    const parts = id.split("/").filter((s) => s.length > 0).map((s) => s.toLowerCase());
    const find = (key: string) => {
        const i = parts.indexOf(key);
        return i >= 0 ? parts[i + 1] : undefined;
    };
    const prov = parts.indexOf("providers");
    return {
        resourceGroup: find("resourcegroups"),
        provider: prov >= 0 ? parts[prov + 1] : undefined,
        kind: prov >= 0 ? parts[prov + 2] : undefined,
        name: prov >= 0 ? parts[prov + 3] : undefined,
    };
}

/** The segment after `key` (case-insensitive) in an ARM ID, lower-cased: armSegment(id, "workspaces"). */
export function armSegment(id: string, key: string): string | undefined {
    const parts = id.split("/").filter((x) => x.length > 0).map((x) => x.toLowerCase());
    const i = parts.lastIndexOf(key.toLowerCase());
    return i >= 0 ? parts[i + 1] : undefined;
}
