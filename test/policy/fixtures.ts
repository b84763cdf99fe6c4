// A small compliant stack in azure-native v3 input shape, in two modes: "known" (every value
// resolved, references are literal names and ARM IDs) and "preview" (references to other resources
// are unknown, with property dependencies, as the engine sends them for a new stack).
import type { AnalyzerResource } from "../../tools/lib/analyzer";

export const U = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
export type Mode = "known" | "preview";
export const MODES: Mode[] = ["known", "preview"];

export const T = {
    rg: "azure-native:resources:ResourceGroup",
    cluster: "azure-native:containerservice:ManagedCluster",
    pool: "azure-native:containerservice:AgentPool",
    ext: "azure-native:kubernetesconfiguration:Extension",
    ws: "azure-native:machinelearningservices:Workspace",
    compute: "azure-native:machinelearningservices:Compute",
    endpoint: "azure-native:machinelearningservices:OnlineEndpoint",
    deployment: "azure-native:machinelearningservices:OnlineDeployment",
};

export const urn = (type: string, name: string) => `urn:pulumi:test::aks-ml::${type}::${name}`;
const SUB = "/subscriptions/00000000-0000-0000-0000-000000000000";
export const CLUSTER_ID = `${SUB}/resourceGroups/rg-ml/providers/Microsoft.ContainerService/managedClusters/aks-prod`;
export const COMPUTE_ID = `${SUB}/resourceGroups/rg-ml/providers/Microsoft.MachineLearningServices/workspaces/mlw-prod/computes/aks-prod`;
export const CONTROL_PLANE = ["20.38.80.0/21", "13.69.64.0/22"];
export const LOG_ID = `${SUB}/resourceGroups/rg-ml/providers/Microsoft.OperationalInsights/workspaces/log-prod`;
export const DES_ID = `${SUB}/resourceGroups/rg-ml/providers/Microsoft.Compute/diskEncryptionSets/des-prod`;
const KV_ID = `${SUB}/resourceGroups/rg-ml/providers/Microsoft.KeyVault/vaults/kv-prod`;
/** What every agent pool of the compliant cluster sets for the baseline. */
export const SECURE_POOL = { enableEncryptionAtHost: true, maxPods: 50, securityProfile: { sshAccess: "Disabled" } };

export class Stack {
    constructor(readonly mode: Mode, readonly resources: AnalyzerResource[]) {}

    get(name: string): AnalyzerResource {
        const r = this.resources.find((x) => x.name === name);
        if (!r) throw new Error(`no fixture resource ${name}`);
        return r;
    }

    /** A copy with `fn` applied to the properties of resource `name`. */
    with(name: string, fn: (props: any, r: AnalyzerResource) => void): Stack {
        const copy = new Stack(this.mode, structuredClone(this.resources));
        const r = copy.get(name);
        fn(r.properties, r);
        return copy;
    }

    /** A copy with one more resource. */
    plus(r: AnalyzerResource): Stack {
        return new Stack(this.mode, [...structuredClone(this.resources), structuredClone(r)]);
    }

    without(name: string): Stack {
        return new Stack(this.mode, structuredClone(this.resources.filter((r) => r.name !== name)));
    }
}

/** Builds a resource; `refs` maps a top-level property to the URNs its unknown value came from. */
export function res(type: string, name: string, properties: Record<string, any>, refs: Record<string, string[]> = {}): AnalyzerResource {
    return { type, name, urn: urn(type, name), properties, propertyDependencies: refs, dependencies: [...new Set(Object.values(refs).flat())] };
}

export function validStack(mode: Mode): Stack {
    const p = mode === "preview";
    const ref = (known: string) => (p ? U : known);
    const dep = (prop: string, type: string, name: string): Record<string, string[]> => (p ? { [prop]: [urn(type, name)] } : {});
    const rgRef = (extra: Record<string, string[]> = {}) => ({ ...dep("resourceGroupName", T.rg, "rg"), ...extra });
    const wsRef = () => dep("workspaceName", T.ws, "ws");

    return new Stack(mode, [
        res(T.rg, "rg", { resourceGroupName: "rg-ml", location: "westeurope" }),
        res(T.cluster, "aks", {
            resourceGroupName: ref("rg-ml"), resourceName: "aks-prod", location: "westeurope", dnsPrefix: "aks-prod",
            agentPoolProfiles: [
                { name: "system", mode: "System", vmSize: "Standard_D4s_v5", count: 3, ...SECURE_POOL },
                { name: "gpu", mode: "User", vmSize: "Standard_NC4as_T4_v3", count: 1, nodeLabels: { accelerator: "nvidia-gpu" }, ...SECURE_POOL },
            ],
            identity: { type: "SystemAssigned" },
            disableLocalAccounts: false,
            diskEncryptionSetID: ref(DES_ID),
            oidcIssuerProfile: { enabled: true },
            securityProfile: {
                defender: { logAnalyticsWorkspaceResourceId: ref(LOG_ID), securityMonitoring: { enabled: true } },
                workloadIdentity: { enabled: true },
                imageCleaner: { enabled: true, intervalHours: 168 },
            },
            enableRBAC: true,
            aadProfile: { managed: true, enableAzureRBAC: true },
            apiServerAccessProfile: { authorizedIPRanges: ["203.0.113.0/24", ...CONTROL_PLANE], disableRunCommand: true },
            networkProfile: { networkPlugin: "azure", networkPolicy: "azure", loadBalancerSku: "standard" },
            addonProfiles: {
                azurepolicy: { enabled: true },
                omsagent: { enabled: true, config: { logAnalyticsWorkspaceResourceID: ref(LOG_ID), useAADAuth: "true" } },
                azureKeyvaultSecretsProvider: { enabled: true, config: { enableSecretRotation: "true", rotationPollInterval: "2m" } },
            },
            sku: { name: "Base", tier: "Standard" },
            autoUpgradeProfile: { upgradeChannel: "stable", nodeOSUpgradeChannel: "NodeImage" },
        }, rgRef()),
        res(T.ws, "ws", { resourceGroupName: ref("rg-ml"), workspaceName: "mlw-prod", location: "westeurope", publicNetworkAccess: "Disabled",
            encryption: { status: "Enabled", keyVaultProperties: { keyVaultArmId: ref(KV_ID), keyIdentifier: ref("https://kv-prod.vault.azure.net/keys/cmk") } } }, rgRef()),
        res(T.ext, "azureml", {
            resourceGroupName: ref("rg-ml"), clusterRp: "Microsoft.ContainerService", clusterResourceName: "managedClusters",
            clusterName: ref("aks-prod"), extensionName: "azureml", extensionType: "Microsoft.AzureML.Kubernetes",
            configurationSettings: {
                enableInference: "True", inferenceRouterServiceType: "LoadBalancer", inferenceRouterHA: "True",
                allowInsecureConnections: "False", clusterPurpose: "FastProd",
            },
        }, rgRef(dep("clusterName", T.cluster, "aks"))),
        res(T.compute, "compute", {
            resourceGroupName: ref("rg-ml"), workspaceName: ref("mlw-prod"), computeName: "aks-prod", location: "westeurope",
            properties: {
                computeType: "Kubernetes", resourceId: ref(CLUSTER_ID),
                properties: {
                    namespace: "models", defaultInstanceType: "cpu",
                    instanceTypes: {
                        cpu: { resources: { requests: { cpu: "1", memory: "2Gi" } } },
                        gpu: { nodeSelector: { accelerator: "nvidia-gpu" }, resources: { requests: { cpu: "1", memory: "2Gi" }, limits: { cpu: "2", memory: "4Gi", "nvidia.com/gpu": "1" } } },
                    },
                },
            },
        }, rgRef({ ...wsRef(), ...dep("properties", T.cluster, "aks") })),
        res(T.endpoint, "endpoint", {
            resourceGroupName: ref("rg-ml"), workspaceName: ref("mlw-prod"), endpointName: "scoring", kind: "Kubernetes", location: "westeurope",
            properties: { authMode: "Key", compute: ref(COMPUTE_ID), traffic: { blue: 100 } },
        }, rgRef({ ...wsRef(), ...dep("properties", T.compute, "compute") })),
        res(T.deployment, "blue", {
            resourceGroupName: ref("rg-ml"), workspaceName: ref("mlw-prod"), endpointName: ref("scoring"), deploymentName: "blue",
            kind: "Kubernetes", location: "westeurope", tags: { versionType: "Control" },
            properties: { endpointComputeType: "Kubernetes", instanceType: "gpu", model: "azureml:fraud:1", containerResourceRequirements: { containerResourceRequests: { cpu: "500m", memory: "1Gi" }, containerResourceLimits: { cpu: "1", memory: "2Gi", gpu: "1" } } },
        }, rgRef({ ...wsRef(), ...dep("endpointName", T.endpoint, "endpoint") })),
    ]);
}

/** A deployment of the fixture endpoint, referenced as the mode does. */
export function deployment(mode: Mode, name: string, props: Record<string, any> = {}, tags: Record<string, string> = {}) {
    const p = mode === "preview";
    return res(T.deployment, name, {
        resourceGroupName: "rg-ml", workspaceName: "mlw-prod", endpointName: p ? U : "scoring", deploymentName: name, kind: "Kubernetes", tags,
        properties: { endpointComputeType: "Kubernetes", instanceType: "cpu", model: "azureml:fraud:1", ...props },
    }, p ? { endpointName: [urn(T.endpoint, "endpoint")] } : {});
}

const PATH_PARAMS = ["resourceGroupName", "resourceName", "workspaceName", "clusterName", "clusterRp", "clusterResourceName",
    "extensionName", "computeName", "endpointName", "deploymentName", "agentPoolName"];

/**
 * The stack as the engine sends it to AnalyzeStack after an update (or for existing resources at
 * preview): resource outputs, which carry `name` but none of the ARM path parameters, and no ID (the
 * request has no id field: pulumi/pulumi v3.248.0 step_generator.go AnalyzeResources; and no `id`
 * among azure-native's outputs: @pulumi/azure-native 3.28.0 machinelearningservices/compute.js
 * declares azureApiVersion, name, systemData, type and the bags as outputs, no id).
 */
export function asOutputs(stack: Stack): AnalyzerResource[] {
    if (stack.mode !== "known") throw new Error("asOutputs needs a known-mode stack");
    const names: Record<string, string> = {
        [T.rg]: "resourceGroupName", [T.cluster]: "resourceName", [T.pool]: "agentPoolName", [T.ext]: "extensionName",
        [T.ws]: "workspaceName", [T.compute]: "computeName", [T.endpoint]: "endpointName", [T.deployment]: "deploymentName",
    };
    return structuredClone(stack.resources).map((r) => {
        const key = names[r.type];
        if (!key) return r;
        const name = r.properties[key];
        const props = Object.fromEntries(Object.entries(r.properties).filter(([k]) => !PATH_PARAMS.includes(k)));
        return { ...r, properties: { ...props, name } };
    });
}

/** An ARM template deployment that PUTs the fixture endpoint with `traffic` (a "traffic applier"). */
export function trafficApplier(mode: Mode, traffic: unknown, authMode = "Key") {
    const p = mode === "preview";
    return res("azure-native:resources:Deployment", "traffic", {
        resourceGroupName: "rg-ml", deploymentName: "scoring-traffic",
        properties: {
            mode: "Incremental",
            template: {
                $schema: "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
                contentVersion: "1.0.0.0",
                parameters: { workspaceName: { type: "string" }, endpointName: { type: "string" }, properties: { type: "object" } },
                resources: [{
                    type: "Microsoft.MachineLearningServices/workspaces/onlineEndpoints", apiVersion: "2025-12-01",
                    name: "[format('{0}/{1}', parameters('workspaceName'), parameters('endpointName'))]",
                    properties: "[parameters('properties')]",
                }],
            },
            parameters: {
                workspaceName: { value: p ? U : "mlw-prod" },
                endpointName: { value: "scoring" },
                properties: { value: { authMode, compute: p ? U : COMPUTE_ID, traffic } },
            },
        },
    }, p ? { properties: [urn(T.ws, "ws"), urn(T.compute, "compute")] } : {});
}
