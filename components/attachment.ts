// WorkspaceAttachment: attaches an AKS cluster to an Azure ML workspace (SDK v1: ComputeTarget.attach
// with AksCompute.attach_configuration). Today that is the AzureML extension on the cluster plus a
// `Kubernetes` compute in the workspace, with instance types for the cluster's pools.
//
// Seed rules: compute names (policy/rules/naming.ts); one attachment per cluster (a new attachment
// breaks the previous one, so a changed compute is deleted before its replacement is created); the
// cluster's purpose goes to the extension's `clusterPurpose` setting. Removing the attachment
// detaches: a Kubernetes compute only references the cluster (Azure ML never provisioned it) and the
// cluster is a separate resource (AksCluster, protected in production) that nothing here deletes.
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import * as kubernetesconfiguration from "@pulumi/azure-native/kubernetesconfiguration";
import * as machinelearningservices from "@pulumi/azure-native/machinelearningservices";
import type { AksCluster } from "./aksCluster";
import { computeNameProblem, COMPUTE_NAME_RULE } from "../policy/rules/naming";
import {
    EXTENSION_TYPE, LoadBalancerType, RELEASE_NAMESPACE, RELEASE_TRAIN, RouterServiceType,
    attachmentRuleProblems, defaultRouterHA, extensionSettings, tlsProtectedSettings,
} from "./azuremlExtension";
import { DEFAULT_INSTANCE_TYPE, InstanceTypeSpec, instanceTypeSchemaProblems, instanceTypeSpecProblems, instanceTypesFor } from "./instanceTypes";
import { ClusterObjects, clusterManifests } from "./clusterObjects";
import { POOL_LABEL } from "./aksCluster";

/** What the attachment needs of a cluster (AksCluster provides it). */
export type AttachableCluster = Pick<AksCluster,
    "clusterId" | "clusterName" | "resourceGroupName" | "location" | "purpose" | "nodeCount" | "acceleratorPools" | "managed" | "resource">;

/** What the attachment needs of a workspace (Workspace provides it). */
export interface WorkspaceRef {
    workspaceName: pulumi.Input<string>;
    resourceGroupName: pulumi.Input<string>;
    location: pulumi.Input<string>;
}

/** TLS of the inference router: the CNAME clients use (sslCname) and either PEMs or a Kubernetes secret. */
export type TlsSettings =
    | { cname: string; certPem: pulumi.Input<string>; keyPem: pulumi.Input<string> }
    /** A secret in the `azureml` namespace with cert.pem and key.pem, managed outside this program. */
    | { cname: string; secretName: string };

export interface WorkspaceAttachmentArgs {
    cluster: AttachableCluster;
    workspace: WorkspaceRef;
    /** The cluster's Azure region (extension settings location/domain/jobSchedulerLocation). */
    location: pulumi.Input<string>;
    computeName: string;
    /** Append "-" and 4 random characters (name unique in the region); the result stays <= 24. */
    uniqueSuffix?: boolean;
    /** Kubernetes namespace for model services (default "default", Azure ML's default). */
    namespace?: string;
    inferenceRouterServiceType?: RouterServiceType;
    loadBalancerType?: LoadBalancerType;
    /** Default: False for DevTest or fewer than 3 guaranteed nodes, else True. */
    inferenceRouterHA?: boolean;
    allowInsecureConnections?: boolean;
    tls?: TlsSettings;
    /** Default: true when the cluster has a GPU pool. */
    installNvidiaDevicePlugin?: boolean;
    /** Create the namespace + NetworkPolicy in the cluster (through ARM, with the instance types: clusterObjects.ts). */
    manageNamespace?: boolean;
    instanceTypes?: Record<string, InstanceTypeSpec>;
    description?: string;
    tags?: Record<string, string>;
    /** Kept for callers; nothing here is protected: the compute stays replaceable and deleting the
     *  in-cluster objects' delivery never deletes the objects (the namespace holds every model pod). */
    protect?: boolean;
}

export const SUFFIX_LENGTH = 4;
export const K8S_NAME = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;
/** Longest base name that still fits 24 characters with "-" + suffix. */
export const MAX_BASE_WITH_SUFFIX = 24 - SUFFIX_LENGTH - 1;

/** The seed's compute name rule, and room for the suffix when one is asked. */
export function computeNameProblems(name: string, uniqueSuffix: boolean): string[] {
    const problem = computeNameProblem(name);
    if (problem) return [problem];
    if (uniqueSuffix && name.length > MAX_BASE_WITH_SUFFIX) {
        return [`compute name "${name}" is ${name.length} characters; with uniqueSuffix it must be at most ${MAX_BASE_WITH_SUFFIX} (${COMPUTE_NAME_RULE}, after "-" and ${SUFFIX_LENGTH} random characters)`];
    }
    return [];
}

export class WorkspaceAttachment extends pulumi.ComponentResource {
    readonly computeId: pulumi.Output<string>;
    readonly computeName: pulumi.Output<string>;
    readonly namespace: pulumi.Output<string>;
    readonly instanceTypes: string[];
    readonly extension: kubernetesconfiguration.Extension;
    readonly compute: machinelearningservices.Compute;
    /** The in-cluster objects (InstanceTypes, namespace): deployments depend on them. */
    readonly clusterObjects: ClusterObjects;

    constructor(name: string, args: WorkspaceAttachmentArgs, opts?: pulumi.ComponentResourceOptions) {
        super("aks-ml:index:WorkspaceAttachment", name, {}, opts);
        const cluster = args.cluster;
        const namespace = args.namespace ?? "default";
        const routerServiceType = args.inferenceRouterServiceType ?? "LoadBalancer";
        const loadBalancerType = args.loadBalancerType ?? "PublicIp";
        const allowInsecure = args.allowInsecureConnections ?? false;
        const manageNamespace = args.manageNamespace ?? false;
        const pools = cluster.acceleratorPools;

        // The default instance type selects the system pool of a cluster this stack creates (its labels are ours).
        const instanceTypes = instanceTypesFor(pools, args.instanceTypes, cluster.managed ? { [POOL_LABEL]: "system" } : undefined);
        const problems = [
            ...computeNameProblems(args.computeName, args.uniqueSuffix ?? false),
            ...attachmentRuleProblems({
                purpose: cluster.purpose, nodeCount: cluster.nodeCount, routerServiceType, loadBalancerType,
                inferenceRouterHA: args.inferenceRouterHA, allowInsecureConnections: allowInsecure,
                tls: args.tls !== undefined, namespace, manageNamespace,
            }).map((p) => `${p.key}: ${p.message}`),
            ...Object.entries(args.instanceTypes ?? {}).flatMap(([n, s]) => instanceTypeSpecProblems(n, s)),
            ...Object.entries(instanceTypes).flatMap(([n, t]) => instanceTypeSchemaProblems(n, t)),
            ...(args.tls !== undefined && args.tls.cname.length === 0 ? ["tls.cname: expected a non-empty CNAME"] : []),
            ...(args.tls && "secretName" in args.tls && !K8S_NAME.test(args.tls.secretName)
                ? [`tls.secretName: expected a Kubernetes secret name (lowercase letters, digits, '-' and '.'), got "${args.tls.secretName}"`] : []),
        ];
        if (problems.length > 0) throw new pulumi.ResourceError(problems.join("; "), this);

        // The AzureML extension: cluster-scoped in `azureml`, every setting explicit (see azuremlExtension.ts).
        this.extension = new kubernetesconfiguration.Extension(`${name}-azureml`, {
            extensionName: "azureml",
            clusterRp: "Microsoft.ContainerService",
            clusterResourceName: "managedClusters",
            clusterName: cluster.clusterName,
            resourceGroupName: cluster.resourceGroupName,
            extensionType: EXTENSION_TYPE,
            autoUpgradeMinorVersion: true, // [cli] --auto-upgrade-minor-version defaults to true
            releaseTrain: RELEASE_TRAIN,
            scope: { cluster: { releaseNamespace: RELEASE_NAMESPACE } },
            identity: { type: "SystemAssigned" }, // [cli] create_identity = True
            configurationSettings: extensionSettings({
                purpose: cluster.purpose,
                clusterId: cluster.clusterId,
                clusterName: cluster.clusterName,
                location: args.location,
                routerServiceType,
                loadBalancerType,
                inferenceRouterHA: args.inferenceRouterHA ?? defaultRouterHA(cluster.purpose, cluster.nodeCount),
                allowInsecureConnections: allowInsecure,
                sslCname: args.tls?.cname,
                sslSecret: args.tls && "secretName" in args.tls ? args.tls.secretName : undefined,
                installNvidiaDevicePlugin: args.installNvidiaDevicePlugin ?? pools.some((p) => p.kind === "gpu"),
            }),
            configurationProtectedSettings: args.tls && "certPem" in args.tls ? tlsProtectedSettings(args.tls.certPem, args.tls.keyPem) : undefined,
        }, { parent: this, dependsOn: [cluster.resource] });

        // InstanceTypes (Azure ML reads the custom resources, not the compute's properties) and the
        // namespace, through ARM after the extension that installs the CRD (see clusterObjects.ts).
        this.clusterObjects = new ClusterObjects(`${name}-objects`, {
            resourceGroupName: cluster.resourceGroupName,
            location: cluster.location,
            clusterId: cluster.clusterId,
            clusterName: cluster.clusterName,
            clusterResourceGroup: cluster.resourceGroupName,
            manifests: clusterManifests({ instanceTypes, namespace: manageNamespace ? namespace : undefined }),
            after: [this.extension],
        }, { parent: this });

        let computeName: pulumi.Input<string> = args.computeName;
        if (args.uniqueSuffix) {
            const suffix = new random.RandomString(`${name}-suffix`, { length: SUFFIX_LENGTH, upper: false, special: false }, { parent: this });
            computeName = pulumi.interpolate`${args.computeName}-${suffix.result}`;
        }

        this.instanceTypes = Object.keys(instanceTypes);
        this.compute = new machinelearningservices.Compute(`${name}-compute`, {
            computeName,
            workspaceName: args.workspace.workspaceName,
            resourceGroupName: args.workspace.resourceGroupName,
            location: args.workspace.location,
            identity: { type: "SystemAssigned" },
            tags: args.tags,
            properties: {
                computeType: "Kubernetes",
                resourceId: cluster.clusterId,
                computeLocation: args.location,
                description: args.description ?? `AKS cluster attached for model serving (${cluster.purpose})`,
                // No instanceTypes here: Azure ML reads the InstanceType resources, and a change here
                // would replace the compute under live endpoints.
                properties: { namespace, defaultInstanceType: DEFAULT_INSTANCE_TYPE },
            },
        }, {
            parent: this,
            // Azure ML requires the compute's namespace to exist in the cluster.
            dependsOn: [this.extension, cluster.resource, this.clusterObjects],
            // ARM ignores or refuses in-place compute changes: replace, and detach the old compute
            // first (the same name cannot exist twice; two attachments of one cluster break each other).
            // Tags stay updatable in place.
            replaceOnChanges: ["properties", "location", "identity"],
            deleteBeforeReplace: true,
            // Stacks deployed before instance types became custom resources carry them here: dropping
            // them must not replace the compute under live endpoints (Azure ML reads the resources).
            ignoreChanges: ["properties.properties.instanceTypes"],
        });

        this.computeId = this.compute.id;
        this.computeName = pulumi.output(computeName);
        this.namespace = pulumi.output(namespace);
        this.registerOutputs({
            computeId: this.computeId,
            computeName: this.computeName,
            namespace: this.namespace,
            instanceTypes: this.instanceTypes,
        });
    }
}
