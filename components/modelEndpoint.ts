// ModelEndpoint: a model web service on the attached AKS compute (SDK v1 AksWebservice, or
// AksEndpoint with up to six versions and traffic weights): one OnlineEndpoint (kind Kubernetes)
// and one OnlineDeployment per version. A single version is the plain "web service".
//
// ORDERING. ARM refuses an endpoint traffic map naming a deployment that does not exist yet, and
// refuses to delete a deployment that still receives traffic. The endpoint cannot depend on the
// deployments (they depend on it), so the traffic lives in a second resource:
//  1. The OnlineEndpoint is created with `traffic: {}` and afterwards never written by Pulumi:
//     `ignoreChanges` covers every property ARM can update in place (properties, tags, identity).
//     On update the engine replays the old input for an ignored path (pkg/resource/deploy/
//     step_generator.go, processIgnoreChanges), so an endpoint PUT would carry `traffic: {}` and
//     leave scoring without a live deployment until step 3 ran again: there is no such PUT.
//  2. Each OnlineDeployment depends on the endpoint (`dependsOn`) and is `deletedWith` it (ARM
//     deletes deployments with their endpoint; deleting them first would hit the traffic rule).
//  3. The traffic applier is an ARM template deployment (`resources:Deployment`, Incremental) that
//     PUTs the endpoint with the very properties of step 1 plus the traffic map; it `dependsOn` the
//     endpoint and every deployment it names. It carries all of the endpoint's properties, so it is
//     the one writer of an endpoint change (description, auth mode, tags ...), always together with
//     the traffic. Deleting the applier deletes only the ARM deployment record, never the endpoint.
//     Name, workspace, resource group, location and kind are not ignored: changing them is a new
//     endpoint (a replacement), not an edit.
// Adding a version: its deployment is created, then the applier (which waits for it) names it.
// Removing a version: the engine plans deletes of resources the program no longer registers only
// after the program has finished registering, i.e. after every create/update step has completed, and
// runs them in reverse dependency order; so the applier's new map, without the version, is PUT
// before the deployment is deleted.
// Changing a version's instance type replaces its deployment (`replaceOnChanges`), and the
// ARM deployment name carries a hash of the instance type, so the replacement is a new ARM name:
// create-before-delete (Pulumi's default, kept: `deleteBeforeReplace: false`) creates it, the
// applier moves the traffic onto it, and the old one is deleted at the end like a removed version.
// (Same-name create-before-delete would collide in ARM; delete-before-replace would delete a
// deployment that still has traffic.)
// Caveats: if a `pulumi up` fails between the replacement and the applier, the next run may start
// with the pending delete of the old deployment (pulumi/pulumi#9979), which ARM refuses while it
// still has traffic; a `pulumi up --target` that skips the applier has the same effect. Recovery:
// move the traffic (`az ml online-endpoint update --traffic`, or target the applier), then re-run.
import * as crypto from "crypto";
import * as pulumi from "@pulumi/pulumi";
import * as ml from "@pulumi/azure-native/machinelearningservices";
import * as resources from "@pulumi/azure-native/resources";
import type * as inputs from "@pulumi/azure-native/types/input";
import { readCredential } from "./credentials";
import { assetArmId, AssetRegistry } from "./modelAssets";
import { computeTraffic, roleTags, Rollout, RolloutError } from "./rollout";
import { GPU, ResourceMap } from "../policy/rules/instanceTypeFit";

export type AuthMode = "key" | "amlToken";
export const ARM_AUTH_MODES: Record<AuthMode, string> = { key: "Key", amlToken: "AMLToken" };
/** An asset ID (`azureml:churn:3`, ARM ID) or a local file/folder registered by ModelAssets. */
export type AssetRef = { id: string } | { path: string };
export type EnvironmentRef = { id: string } | { image: string; condaFile?: string };
export type ScaleConfig =
    | { autoscale: true; minReplicas: number; maxReplicas: number; targetUtilization: number; refreshSeconds: number }
    | { autoscale: false; replicas: number };

/** Liveness probe settings (SDK v1 period_seconds ... failure_threshold). */
export interface ProbeConfig {
    periodSeconds: number;
    initialDelaySeconds: number;
    timeoutSeconds: number;
    successThreshold: number;
    failureThreshold: number;
}

export interface VersionConfig {
    versionName: string;
    model: AssetRef;
    environment?: EnvironmentRef;
    code?: AssetRef;
    entryScript?: string;
    instanceType: string;
    cpuCores: number;
    cpuCoresLimit?: number;
    memoryGb: number;
    memoryGbLimit?: number;
    gpuCores: number;
    scale: ScaleConfig;
    scoringTimeoutMs: number;
    replicaMaxConcurrentRequests: number;
    maxRequestWaitTime: number;
    livenessProbe: ProbeConfig;
    enableAppInsights: boolean;
    trafficPercentile?: number;
    isDefault: boolean;
    isControlVersionType: boolean;
    tags: Record<string, string>;
    description?: string;
}

export interface EndpointConfig {
    name: string;
    authMode: AuthMode;
    description?: string;
    tags: Record<string, string>;
    versions: VersionConfig[];
}

/** Whether some version names local files (then ModelEndpoint needs `assets`). */
export function usesLocalFiles(endpoint: EndpointConfig): boolean {
    return endpoint.versions.some((v) => "path" in v.model || (v.code && "path" in v.code) || (v.environment && "image" in v.environment));
}

/** API version of the endpoint PUT in the traffic template (azure-native 3.28.0's OnlineEndpoint). */
export const ENDPOINT_API_VERSION = "2025-12-01";

/** The traffic applier's template: a PUT of the endpoint, every value a parameter (never an ARM expression). */
export const TRAFFIC_TEMPLATE = {
    $schema: "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
    contentVersion: "1.0.0.0",
    parameters: {
        workspaceName: { type: "string" },
        endpointName: { type: "string" },
        location: { type: "string" },
        kind: { type: "string" },
        identity: { type: "object" },
        tags: { type: "object" },
        properties: { type: "object" },
    },
    resources: [{
        type: "Microsoft.MachineLearningServices/workspaces/onlineEndpoints",
        apiVersion: ENDPOINT_API_VERSION,
        name: "[format('{0}/{1}', parameters('workspaceName'), parameters('endpointName'))]",
        location: "[parameters('location')]",
        kind: "[parameters('kind')]",
        identity: "[parameters('identity')]",
        tags: "[parameters('tags')]",
        properties: "[parameters('properties')]",
    }],
};

/** ARM deployment name: the version name plus a hash of the instance type (a change is a new deployment). */
export function deploymentName(v: Pick<VersionConfig, "versionName" | "instanceType">): string {
    return `${v.versionName}-${crypto.createHash("sha256").update(v.instanceType).digest("hex").slice(0, 6)}`;
}

/** Milliseconds as an ISO 8601 duration: 60000 -> PT60S, 500 -> PT0.5S. */
export function msDuration(ms: number): string {
    return `PT${ms / 1000}S`;
}

const cpu = (cores: number) => `${Math.max(1, Math.round(cores * 1000))}m`;
const memory = (gb: number) => `${Math.max(1, Math.round(gb * 1024))}Mi`;

/**
 * A version's container resources as Kubernetes quantities. `nvidia.com/gpu` goes in limits only
 * (how-to-manage-kubernetes-instance-types, "Resource section validation"); policy/rules/instanceTypeFit.ts
 * checks them against the instance type when the config is read.
 */
export function versionResources(v: Pick<VersionConfig, "cpuCores" | "cpuCoresLimit" | "memoryGb" | "memoryGbLimit" | "gpuCores">): { requests: ResourceMap; limits?: ResourceMap } {
    const limits: ResourceMap = {};
    if (v.cpuCoresLimit !== undefined) limits.cpu = cpu(v.cpuCoresLimit);
    if (v.memoryGbLimit !== undefined) limits.memory = memory(v.memoryGbLimit);
    if (v.gpuCores > 0) limits[GPU] = String(v.gpuCores);
    return { requests: { cpu: cpu(v.cpuCores), memory: memory(v.memoryGb) }, limits: Object.keys(limits).length > 0 ? limits : undefined };
}

export function resourceRequirements(v: VersionConfig): inputs.machinelearningservices.ContainerResourceRequirementsArgs {
    const r = versionResources(v);
    return {
        containerResourceRequests: { cpu: r.requests.cpu, memory: r.requests.memory },
        containerResourceLimits: r.limits && { cpu: r.limits.cpu, memory: r.limits.memory, gpu: r.limits[GPU] },
    };
}

export interface VersionRefs {
    model: pulumi.Input<string>;
    environmentId?: pulumi.Input<string>;
    codeId?: pulumi.Input<string>;
}

/** The Kubernetes deployment's properties: the SDK v1 deployment configuration mapped onto ARM. */
export function deploymentProperties(v: VersionConfig, refs: VersionRefs): inputs.machinelearningservices.KubernetesOnlineDeploymentArgs {
    const p = v.livenessProbe;
    return {
        endpointComputeType: "Kubernetes",
        instanceType: v.instanceType,
        model: refs.model,
        environmentId: refs.environmentId,
        codeConfiguration: v.entryScript === undefined ? undefined : { codeId: refs.codeId, scoringScript: v.entryScript },
        description: v.description,
        appInsightsEnabled: v.enableAppInsights,
        requestSettings: {
            requestTimeout: msDuration(v.scoringTimeoutMs),
            maxQueueWait: msDuration(v.maxRequestWaitTime),
            maxConcurrentRequestsPerInstance: v.replicaMaxConcurrentRequests,
        },
        scaleSettings: v.scale.autoscale
            ? { scaleType: "TargetUtilization", minInstances: v.scale.minReplicas, maxInstances: v.scale.maxReplicas,
                targetUtilizationPercentage: v.scale.targetUtilization, pollingInterval: `PT${v.scale.refreshSeconds}S` }
            : { scaleType: "Default" },
        // SDK v1's probe settings were the liveness probe's; readiness keeps the ARM defaults.
        livenessProbe: { period: `PT${p.periodSeconds}S`, initialDelay: `PT${p.initialDelaySeconds}S`, timeout: `PT${p.timeoutSeconds}S`,
            successThreshold: p.successThreshold, failureThreshold: p.failureThreshold },
        containerResourceRequirements: resourceRequirements(v),
    };
}

/** The endpoint's inputs that Pulumi never updates in place (the applier PUTs them, with the traffic). */
export const ENDPOINT_IGNORED_CHANGES = ["properties", "tags", "identity"];

export interface ModelEndpointArgs {
    workspaceName: pulumi.Input<string>;
    /** Resource group of the workspace. */
    resourceGroupName: pulumi.Input<string>;
    location: pulumi.Input<string>;
    /** ARM ID of the workspace's Kubernetes compute (the attachment). */
    computeId: pulumi.Input<string>;
    endpoint: EndpointConfig;
    /** ARM ID of the workspace: resolves `azureml:<name>:<version>` shorthands to ARM IDs (else they pass through). */
    workspaceId?: pulumi.Input<string>;
    /** The workspace's asset registry (WorkspaceAssets): needed only when a version names local files. */
    assets?: AssetRegistry;
    /**
     * What makes the instance types exist in the cluster (the attachment's ClusterObjects): every
     * deployment depends on it, since Azure ML refuses a deployment whose InstanceType is missing.
     */
    instanceTypes?: pulumi.Resource;
}

export class ModelEndpoint extends pulumi.ComponentResource {
    readonly endpointName: string;
    readonly scoringUri: pulumi.Output<string | undefined>;
    readonly swaggerUri: pulumi.Output<string | undefined>;
    /** Final traffic per version name (sums to 100). */
    readonly traffic: pulumi.Output<Record<string, number>>;
    /** ARM deployment name per version name. */
    readonly deploymentNames: Record<string, string>;
    /** Secrets; undefined with amlToken auth (no keys). */
    readonly primaryKey?: pulumi.Output<string | undefined>;
    readonly secondaryKey?: pulumi.Output<string | undefined>;

    constructor(name: string, args: ModelEndpointArgs, opts?: pulumi.ComponentResourceOptions) {
        super("aks-ml:index:ModelEndpoint", name, {}, opts);
        const ep = args.endpoint;
        this.endpointName = ep.name;
        let rollout: Rollout;
        try {
            rollout = computeTraffic(ep.versions);
        } catch (e) {
            if (e instanceof RolloutError) throw new pulumi.ResourceError(`endpoint "${ep.name}": ${e.where()}: ${e.message}`, this);
            throw e;
        }
        const ws = { workspaceName: args.workspaceName, resourceGroupName: args.resourceGroupName };
        const spec = {
            location: args.location,
            kind: "Kubernetes",
            identity: { type: "SystemAssigned" },
            tags: ep.tags,
            // publicNetworkAccess is spelled out: the SDK would default it on the endpoint only, and the
            // applier must PUT exactly what the endpoint has.
            properties: { authMode: ARM_AUTH_MODES[ep.authMode], compute: args.computeId, description: ep.description, publicNetworkAccess: "Enabled" },
        };

        const endpoint = new ml.OnlineEndpoint(`${name}-endpoint`, {
            ...ws, ...spec, endpointName: ep.name,
            properties: { ...spec.properties, traffic: {} },
        // The component's dependsOn (e.g. the attachment's compute) applies to the endpoint itself.
        }, { parent: this, ignoreChanges: ENDPOINT_IGNORED_CHANGES, dependsOn: opts?.dependsOn });

        this.deploymentNames = {};
        const deployments = ep.versions.map((v) => {
            const armName = (this.deploymentNames[v.versionName] = deploymentName(v));
            return new ml.OnlineDeployment(`${name}-${v.versionName}`, {
                ...ws,
                location: args.location,
                endpointName: ep.name,
                deploymentName: armName,
                properties: deploymentProperties(v, this.refs(v, args)),
                sku: v.scale.autoscale ? undefined : { name: "Default", capacity: v.scale.replicas },
                tags: { ...v.tags, versionName: v.versionName, ...roleTags(rollout, v.versionName) },
            }, {
                parent: this, dependsOn: [endpoint, ...(args.instanceTypes ? [args.instanceTypes] : [])], deletedWith: endpoint,
                replaceOnChanges: ["properties.instanceType"], deleteBeforeReplace: false,
            });
        });

        const armTraffic = Object.fromEntries(ep.versions.map((v) => [this.deploymentNames[v.versionName], rollout.traffic[v.versionName]]));
        new resources.Deployment(`${name}-traffic`, {
            resourceGroupName: args.resourceGroupName,
            deploymentName: `${ep.name}-traffic`,
            properties: {
                mode: "Incremental",
                template: TRAFFIC_TEMPLATE,
                parameters: {
                    workspaceName: { value: args.workspaceName },
                    endpointName: { value: ep.name },
                    location: { value: spec.location },
                    kind: { value: spec.kind },
                    identity: { value: spec.identity },
                    tags: { value: spec.tags },
                    properties: { value: { ...spec.properties, traffic: armTraffic } },
                },
            },
        }, { parent: this, dependsOn: [endpoint, ...deployments] });

        this.scoringUri = endpoint.properties.scoringUri;
        this.swaggerUri = endpoint.properties.swaggerUri;
        this.traffic = pulumi.output(rollout.traffic);
        if (ep.authMode === "key") {
            // Read only in `pulumi up` (components/credentials.ts).
            const keys = readCredential(() => ml.listOnlineEndpointKeysOutput({ ...ws, endpointName: endpoint.name }, { parent: this }));
            this.primaryKey = pulumi.secret(keys.apply((k) => k.primaryKey));
            this.secondaryKey = pulumi.secret(keys.apply((k) => k.secondaryKey));
        }
        this.registerOutputs({
            scoringUri: this.scoringUri, swaggerUri: this.swaggerUri, traffic: this.traffic, deploymentNames: this.deploymentNames,
            ...(this.primaryKey ? { primaryKey: this.primaryKey, secondaryKey: this.secondaryKey } : {}),
        });
    }

    /** Asset IDs pass through; local files are registered by the workspace's registry (args.assets). */
    private refs(v: VersionConfig, args: ModelEndpointArgs): VersionRefs {
        const local = {
            model: "path" in v.model ? v.model.path : undefined,
            code: v.code && "path" in v.code ? v.code.path : undefined,
            environment: v.environment && "image" in v.environment ? v.environment : undefined,
        };
        const id = (ref: AssetRef | EnvironmentRef | undefined, kind: "models" | "environments" | "codes") =>
            ref && "id" in ref ? assetArmId(ref.id, kind, args.workspaceId) : undefined;
        const refs = { model: id(v.model, "models"), environmentId: id(v.environment, "environments"), codeId: id(v.code, "codes") };
        if (refs.model !== undefined && local.code === undefined && local.environment === undefined) return { ...refs, model: refs.model };
        if (!args.assets) {
            const what = Object.entries(local).filter(([, x]) => x !== undefined).map(([k]) => k).join(", ");
            throw new pulumi.ResourceError(`endpoint "${args.endpoint.name}" version "${v.versionName}": ${what} from local files need the workspace's storage: pass assets`, this);
        }
        // Content-addressed: the same files are registered once per workspace (WorkspaceAssets).
        const assets = args.assets;
        return {
            model: local.model !== undefined ? assets.model(local.model) : refs.model!,
            environmentId: local.environment ? assets.environment(local.environment.image, local.environment.condaFile) : refs.environmentId,
            codeId: local.code !== undefined ? assets.code(local.code) : refs.codeId,
        };
    }
}
