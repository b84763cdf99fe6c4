// AksCluster: the AKS cluster that model web services run on (SDK v1: AksCompute provisioning or
// attach). Either creates a ManagedCluster with every pool declared inline (the seed: pools added
// to an existing cluster are not supported for model deployment), or references an existing
// cluster without managing it. Validation lives in infra/sections/cluster.ts and policy/rules/.
import * as pulumi from "@pulumi/pulumi";
import * as containerservice from "@pulumi/azure-native/containerservice";
import * as authorization from "@pulumi/azure-native/authorization";
import type * as input from "@pulumi/azure-native/types/input";
import { readCredential } from "./credentials";
import { ClusterPurpose, checkPurposeCapacity, clusterCapacity } from "../policy/rules/capacity";
import { ClusterHardening, harden } from "./clusterHardening";
import { AcceleratorKind, lookupVmSize } from "../policy/rules/vmSizes";
import { RUN_COMMAND_PURPOSE, RUN_COMMAND_TAG } from "../policy/lib/types";

export const POOL_LABEL = "aksml.io/pool";
export const ACCELERATOR_LABEL = "aksml.io/accelerator";
/**
 * The taint of accelerator pools: Azure ML's "amlarc overall" taint, which every Azure ML pod (the
 * extension's and the model deployments') tolerates and nothing else does (MicrosoftDocs/azure-ai-docs
 * articles/machine-learning/reference-kubernetes.md, "Supported Azure Machine Learning taints and
 * tolerations"). CPU deployments stay off GPU nodes because their instance type selects the system pool.
 * Not the `amlarc-workload` taint: it would also repel the extension's DaemonSets on those nodes.
 */
export const ACCELERATOR_TAINT = "ml.azure.com/amlarc=true:NoSchedule";

export interface PoolSpec {
    name: string;
    kind: "system" | AcceleratorKind;
    vmSize: string;
    agentCount: number;
    enableAutoScaling: boolean;
    minCount?: number;
    maxCount?: number;
}

export interface ExistingClusterRef {
    resourceId?: string;
    resourceGroup: string;
    name: string;
}

export type ClusterSpec =
    | { mode: "existing"; purpose: ClusterPurpose; existing: ExistingClusterRef }
    | {
          mode: "create";
          purpose: ClusterPurpose;
          name: string;
          pools: PoolSpec[];
          vmSizeVcpus: Record<string, number>;
          kubernetesVersion?: string;
          skuTier: "Free" | "Standard" | "Premium";
          loadBalancerSku: "standard" | "basic";
          /** User ranges already merged with the Azure ML control-plane ranges. */
          authorizedIpRanges: string[];
          privateCluster: boolean;
          vnetSubnetId?: string;
          serviceCidr?: string;
          dnsServiceIp?: string;
          networkPolicy: "azure" | "calico" | "cilium" | "none";
          upgradeChannel: "patch" | "stable" | "rapid" | "node-image" | "none";
          azurePolicy: boolean;
          aadAdminGroupObjectIds: string[];
          /** Export the cluster-admin kubeconfig (secret); off by default: the user kubeconfig goes through Entra ID. */
          exportAdminKubeconfig?: boolean;
          tags: Record<string, string>;
          /** Encrypt temp disks and caches at the host (subscription feature Microsoft.Compute/EncryptionAtHost). */
          encryptionAtHost?: boolean;
          /** Encrypt OS and data disks with a customer-managed key (a disk encryption set the program creates). */
          diskEncryptionSet?: boolean;
      };

export interface AksClusterArgs {
    cluster: ClusterSpec;
    resourceGroupName: pulumi.Input<string>;
    location?: pulumi.Input<string>;
    /** Protect the cluster from deletion (production). */
    protect?: boolean;
    /** Secure defaults and encryption/network options of a created cluster (clusterHardening.ts). */
    hardening?: ClusterHardening;
}

export interface AcceleratorPoolInfo {
    name: string;
    kind: AcceleratorKind;
    vmSize: string;
    nodeLabels: Record<string, string>;
    acceleratorsPerNode: number;
}

/** Node labels of a pool: instance types select accelerator pools with them (no custom taints: AzureML tolerates only its own). */
export function poolLabels(pool: Pick<PoolSpec, "name" | "kind">): Record<string, string> {
    return pool.kind === "system" ? { [POOL_LABEL]: pool.name } : { [POOL_LABEL]: pool.name, [ACCELERATOR_LABEL]: pool.kind };
}

/** The inline agent pool profiles of a new cluster. */
export function agentPoolProfiles(pools: PoolSpec[], vnetSubnetId?: string): input.containerservice.ManagedClusterAgentPoolProfileArgs[] {
    return pools.map((p) => ({
        name: p.name,
        mode: p.kind === "system" ? "System" : "User",
        type: "VirtualMachineScaleSets",
        osType: "Linux",
        vmSize: p.vmSize,
        count: p.enableAutoScaling ? p.minCount : p.agentCount,
        enableAutoScaling: p.enableAutoScaling,
        minCount: p.enableAutoScaling ? p.minCount : undefined,
        maxCount: p.enableAutoScaling ? p.maxCount : undefined,
        enableNodePublicIP: false,
        nodeLabels: poolLabels(p),
        nodeTaints: p.kind === "system" ? undefined : [ACCELERATOR_TAINT],
        vnetSubnetID: vnetSubnetId,
    }));
}

/**
 * The network plugin fields for a network policy engine. Cilium needs the Cilium dataplane and Azure
 * CNI in overlay (or pod subnet) mode: AKS refuses networkPolicy cilium otherwise (azure-aks-docs
 * articles/aks/azure-cni-powered-by-cilium.md: --network-plugin azure --network-plugin-mode overlay
 * --network-dataplane cilium). Overlay works with or without vnetSubnetId (nodes' subnet).
 */
export function networkPluginProfile(policy: "azure" | "calico" | "cilium" | "none"): Pick<input.containerservice.ContainerServiceNetworkProfileArgs, "networkPlugin" | "networkPluginMode" | "networkDataplane" | "networkPolicy"> {
    if (policy === "cilium") return { networkPlugin: "azure", networkPluginMode: "overlay", networkDataplane: "cilium", networkPolicy: "cilium" };
    return { networkPlugin: "azure", networkPolicy: policy === "none" ? undefined : policy };
}

export class AksCluster extends pulumi.ComponentResource {
    readonly clusterId: pulumi.Output<string>;
    readonly clusterName: pulumi.Output<string>;
    readonly resourceGroupName: pulumi.Output<string>;
    /** The cluster's Azure region (an existing cluster may be elsewhere than the workspace). */
    readonly location: pulumi.Output<string>;
    readonly purpose: ClusterPurpose;
    /** Guaranteed nodes (autoscaling pools count minCount); undefined for an existing cluster. */
    readonly nodeCount: number | undefined;
    /** vCPUs over all pools; read from Azure for an existing cluster. */
    readonly totalVcpus: pulumi.Output<number>;
    readonly acceleratorPools: AcceleratorPoolInfo[];
    /** User kubeconfig (exec format: Entra ID through kubelogin), secret; carries no credential itself. */
    readonly kubeconfig: pulumi.Output<string>;
    /** Cluster-admin kubeconfig, only with cluster.exportAdminKubeconfig (secret). */
    readonly adminKubeconfig?: pulumi.Output<string>;
    readonly managed: boolean;
    readonly resource: pulumi.Resource;

    constructor(name: string, args: AksClusterArgs, opts?: pulumi.ComponentResourceOptions) {
        super("aks-ml:index:AksCluster", name, {}, opts);
        const spec = args.cluster;
        this.purpose = spec.purpose;
        this.managed = spec.mode === "create";

        let cluster: containerservice.ManagedCluster;
        if (spec.mode === "create") {
            const capacity = clusterCapacity(spec.pools.map((p) => ({ ...p, count: p.agentCount })), spec.vmSizeVcpus);
            const findings = checkPurposeCapacity(spec.purpose, capacity);
            if (findings.errors.length > 0 || capacity.unknownSizes.length > 0) {
                const unknown = capacity.unknownSizes.map((s) => `unknown VM size "${s}"`);
                throw new pulumi.ResourceError([...findings.errors, ...unknown].join("; "), this);
            }
            findings.warnings.forEach((w) => pulumi.log.warn(w, this));
            this.nodeCount = capacity.nodes;
            this.totalVcpus = pulumi.output(capacity.vcpus);
            this.acceleratorPools = spec.pools.filter((p) => p.kind !== "system").map((p) => ({
                name: p.name,
                kind: p.kind as AcceleratorKind,
                vmSize: p.vmSize,
                nodeLabels: poolLabels(p),
                acceleratorsPerNode: lookupVmSize(p.vmSize, spec.vmSizeVcpus)?.accelerator?.count ?? 1,
            }));
            cluster = new containerservice.ManagedCluster(`${name}-aks`, harden({
                resourceName: spec.name,
                resourceGroupName: args.resourceGroupName,
                location: args.location,
                dnsPrefix: spec.name,
                kubernetesVersion: spec.kubernetesVersion,
                identity: { type: "SystemAssigned" },
                sku: { name: "Base", tier: spec.skuTier },
                enableRBAC: true,
                // AzureML needs local accounts on an attached cluster: never disable them here.
                disableLocalAccounts: false,
                aadProfile: { managed: true, enableAzureRBAC: true, adminGroupObjectIDs: spec.aadAdminGroupObjectIds },
                agentPoolProfiles: agentPoolProfiles(spec.pools, spec.vnetSubnetId),
                networkProfile: {
                    ...networkPluginProfile(spec.networkPolicy),
                    loadBalancerSku: spec.loadBalancerSku,
                    serviceCidr: spec.serviceCidr,
                    dnsServiceIP: spec.dnsServiceIp,
                },
                apiServerAccessProfile: {
                    enablePrivateCluster: spec.privateCluster,
                    authorizedIPRanges: spec.authorizedIpRanges.length > 0 ? spec.authorizedIpRanges : undefined,
                },
                autoUpgradeProfile: { upgradeChannel: spec.upgradeChannel },
                addonProfiles: spec.azurePolicy ? { azurepolicy: { enabled: true } } : undefined,
                tags: { ...spec.tags, clusterPurpose: spec.purpose, [RUN_COMMAND_TAG]: RUN_COMMAND_PURPOSE },
            }, args.hardening), {
                parent: this,
                dependsOn: args.hardening?.dependsOn,
                protect: args.protect,
                // Pools are declared at creation only; ARM scales counts itself when autoscaling.
                ignoreChanges: spec.pools.some((p) => p.enableAutoScaling) ? ["agentPoolProfiles[*].count"] : undefined,
            });
            this.clusterName = cluster.name;
            this.resourceGroupName = pulumi.output(args.resourceGroupName);
            this.location = args.location !== undefined ? pulumi.output(args.location) : cluster.location;
        } else {
            // Reference without managing: read the cluster's state; Pulumi never updates or deletes it.
            const ref = spec.existing;
            const id = ref.resourceId ?? pulumi.interpolate`/subscriptions/${authorization.getClientConfigOutput({ parent: this }).subscriptionId}/resourceGroups/${ref.resourceGroup}/providers/Microsoft.ContainerService/managedClusters/${ref.name}`;
            cluster = containerservice.ManagedCluster.get(`${name}-aks`, id, { parent: this });
            this.nodeCount = undefined;
            this.acceleratorPools = [];
            this.clusterName = pulumi.output(ref.name);
            this.resourceGroupName = pulumi.output(ref.resourceGroup);
            this.location = cluster.location;
            this.totalVcpus = cluster.agentPoolProfiles.apply((profiles) => {
                const capacity = clusterCapacity((profiles ?? []).map((p) => ({ vmSize: p.vmSize ?? "", count: p.count, enableAutoScaling: p.enableAutoScaling, minCount: p.minCount })));
                const findings = checkPurposeCapacity(spec.purpose, capacity);
                if (findings.errors.length > 0) throw new pulumi.ResourceError(`existing cluster ${ref.name}: ${findings.errors.join("; ")}`, this);
                return capacity.vcpus;
            });
        }
        this.resource = cluster;
        this.clusterId = cluster.id;

        // The program itself never talks to the API server (in-cluster objects go through ARM, see
        // components/clusterObjects.ts). The exported kubeconfig is the user one in exec format:
        // kubectl signs in with Entra ID through kubelogin and Azure RBAC decides (azure-native
        // listManagedClusterUserCredentials `format: "exec"`; azure-aks-docs kubelogin-authentication.md).
        // The admin kubeconfig bypasses Entra ID: only on explicit opt-in, and secret.
        const cluster_ = { resourceGroupName: this.resourceGroupName, resourceName: this.clusterName };
        const decode = (k: { value?: string }[] | undefined) => Buffer.from(k?.[0]?.value ?? "", "base64").toString("utf8");
        // Read only in `pulumi up` (components/credentials.ts).
        this.kubeconfig = pulumi.secret(readCredential(() =>
            containerservice.listManagedClusterUserCredentialsOutput({ ...cluster_, format: "exec" }, { parent: this }).kubeconfigs.apply(decode)));
        if (spec.mode === "create" && spec.exportAdminKubeconfig) {
            this.adminKubeconfig = pulumi.secret(readCredential(() =>
                containerservice.listManagedClusterAdminCredentialsOutput(cluster_, { parent: this }).kubeconfigs.apply(decode)));
        }

        this.registerOutputs({
            clusterId: this.clusterId,
            clusterName: this.clusterName,
            totalVcpus: this.totalVcpus,
            kubeconfig: this.kubeconfig,
            ...(this.adminKubeconfig ? { adminKubeconfig: this.adminKubeconfig } : {}),
        });
    }
}
