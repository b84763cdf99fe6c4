// The few inputs that matter per resource type, read from a registration's wire-form inputs
// (secrets shown as "[secret]", unknowns as "(computed)"). Types missing here show no inputs.
import { isSecret, UNKNOWN } from "../lib/recorder";
import { SECRET_PLACEHOLDER } from "../lib/stackConfig";

export const COMPUTED = "(computed)";

export const T = {
    resourceGroup: "azure-native:resources:ResourceGroup",
    cluster: "azure-native:containerservice:ManagedCluster",
    agentPool: "azure-native:containerservice:AgentPool",
    extension: "azure-native:kubernetesconfiguration:Extension",
    workspace: "azure-native:machinelearningservices:Workspace",
    compute: "azure-native:machinelearningservices:Compute",
    endpoint: "azure-native:machinelearningservices:OnlineEndpoint",
    deployment: "azure-native:machinelearningservices:OnlineDeployment",
    instanceType: "kubernetes:amlarc.azureml.com/v1alpha1:InstanceType",
} as const;

/** A value at `path` of a wire-form object: UNKNOWN and secret wrappers are returned as found. */
export function at(obj: any, path: readonly string[]): any {
    let v = obj;
    for (const k of path) {
        if (v === UNKNOWN || isSecret(v)) return v;
        if (v === null || typeof v !== "object") return undefined;
        v = v[k];
    }
    return v;
}

/** One value as short display text. */
export function show(v: any): string {
    if (v === UNKNOWN) return COMPUTED;
    if (isSecret(v)) return SECRET_PLACEHOLDER;
    if (Array.isArray(v)) return v.length === 0 ? "[]" : v.map(show).join(", ");
    if (v !== null && typeof v === "object") return Object.entries(v).map(([k, x]) => `${k}=${show(x)}`).join(", ") || "none";
    return String(v);
}

/** The properties bag of an endpoint or deployment (azure-native v3 `properties`, older majors `online*Properties`). */
export function propsOf(raw: Record<string, any>): any {
    return raw.properties ?? raw.onlineEndpointProperties ?? raw.onlineDeploymentProperties;
}

/** "system Standard_D4s_v5 x 3, gpu Standard_NC6s_v3 x 1..4" */
export function showPools(profiles: any): string | undefined {
    if (profiles === undefined) return undefined;
    if (!Array.isArray(profiles)) return show(profiles);
    return profiles.map((p) => {
        if (p === UNKNOWN || isSecret(p)) return show(p);
        const count = p.enableAutoScaling === true ? `${show(p.minCount)}..${show(p.maxCount)}` : show(p.count ?? 1);
        return `${show(p.name)} ${show(p.vmSize)} x ${count}`;
    }).join(", ");
}

type Field = [label: string, read: (raw: Record<string, any>) => any];
const path = (...p: string[]) => (raw: Record<string, any>) => at(raw, p);
const keys = (read: (raw: Record<string, any>) => any) => (raw: Record<string, any>) => {
    const v = read(raw);
    return v !== null && typeof v === "object" && !Array.isArray(v) && !isSecret(v) ? Object.keys(v) : v;
};

/** Per type: the inputs a reviewer wants to see. */
const FIELDS: Record<string, Field[]> = {
    [T.resourceGroup]: [["location", path("location")]],
    [T.cluster]: [
        ["pools", (raw) => showPools(raw.agentPoolProfiles)],
        ["clusterPurpose", path("tags", "clusterPurpose")],
        ["loadBalancerSku", path("networkProfile", "loadBalancerSku")],
        ["authorizedIPRanges", path("apiServerAccessProfile", "authorizedIPRanges")],
        ["kubernetesVersion", path("kubernetesVersion")],
        ["sku", path("sku", "tier")],
    ],
    [T.agentPool]: [["pool", (raw) => showPools([{ ...raw, name: raw.agentPoolName }])]],
    [T.extension]: [
        ["extensionType", path("extensionType")],
        ["clusterPurpose", path("configurationSettings", "clusterPurpose")],
        ["inferenceRouterServiceType", path("configurationSettings", "inferenceRouterServiceType")],
        ["allowInsecureConnections", path("configurationSettings", "allowInsecureConnections")],
        ["sslCname", path("configurationSettings", "sslCname")],
        ["protectedSettings", path("configurationProtectedSettings")],
    ],
    [T.workspace]: [["workspaceName", path("workspaceName")]],
    [T.compute]: [
        ["computeName", path("computeName")],
        ["computeType", path("properties", "computeType")],
        ["clusterPurpose", path("properties", "properties", "clusterPurpose")],
        ["namespace", path("properties", "properties", "namespace")],
        ["instanceTypes", keys(path("properties", "properties", "instanceTypes"))],
    ],
    [T.endpoint]: [
        ["endpointName", path("endpointName")],
        ["authMode", (raw) => at(propsOf(raw), ["authMode"])],
        ["traffic", (raw) => at(propsOf(raw), ["traffic"])],
    ],
    [T.deployment]: [
        ["deploymentName", path("deploymentName")],
        ["instanceType", (raw) => at(propsOf(raw), ["instanceType"])],
        ["versionType", (raw) => at(raw, ["tags", "versionType"]) ?? at(propsOf(raw), ["tags", "versionType"])],
        ["isDefault", (raw) => at(raw, ["tags", "isDefault"]) ?? at(propsOf(raw), ["tags", "isDefault"])],
    ],
    [T.instanceType]: [
        ["nodeSelector", path("spec", "nodeSelector")],
        ["limits", path("spec", "resources", "limits")],
    ],
};

export const ARM_DEPLOYMENT = "azure-native:resources:Deployment";

/**
 * The traffic a resource sets on an endpoint after its deployments exist (ARM refuses a traffic map
 * naming a deployment that does not exist yet): an ARM template deployment whose parameters carry
 * `endpointName` and `properties.traffic`, or any resource with top-level `endpointName` + `traffic`.
 */
export function trafficApplied(type: string, raw: Record<string, any>): { endpointName: any; traffic: any } | undefined {
    if (type === T.endpoint) return undefined;
    if (type === ARM_DEPLOYMENT) {
        const params = at(raw, ["properties", "parameters"]);
        const traffic = at(params, ["properties", "value", "traffic"]);
        return traffic === undefined ? undefined : { endpointName: at(params, ["endpointName", "value"]), traffic };
    }
    return raw.traffic !== undefined && raw.endpointName !== undefined ? { endpointName: raw.endpointName, traffic: raw.traffic } : undefined;
}

/** The inputs that matter of one registration, as [label, text] pairs (unset inputs left out). */
export function inputsThatMatter(type: string, raw: Record<string, any>): [string, string][] {
    const fields: Field[] = [...(FIELDS[type] ?? [])];
    const applied = trafficApplied(type, raw);
    if (applied) fields.push(["sets traffic of", () => applied.endpointName], ["traffic", () => applied.traffic]);
    const out: [string, string][] = [];
    for (const [label, read] of fields) {
        const v = read(raw);
        if (v !== undefined && v !== null && v !== "") out.push([label, show(v)]);
    }
    return out;
}
