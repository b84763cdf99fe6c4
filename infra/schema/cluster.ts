// The `cluster` section's shape (SDK AksCompute.provisioning_configuration / attach_configuration in
// camelCase). Cross-field rules (autoscaling bounds, purpose capacity, ranges with load balancer and
// private cluster, VM size catalog and retirements) stay in infra/sections/cluster.ts.
import { CLUSTER_PURPOSES } from "../../policy/rules/capacity";
import {
    AKS_NAME, bool, CIDR, CLUSTER_ID, CLUSTER_NAME, GUID, int, IPV4, K8S_VERSION, list, object, oneOf, POOL_NAME, RG_NAME, str, stringList,
    SUBNET_ID, TAGS, VM_SIZE,
} from "./shapes";

const poolFields = {
    vmSize: str(VM_SIZE).describe("VM size: one of the catalog policy/rules/vmSizes.ts or declared in policy/rules/declaredVmSizes.ts; a retired size is refused with a current one named."),
    agentCount: int(1).describe("Number of nodes (without autoscaling; the initial count with it)."),
    enableAutoScaling: bool().default(false).describe("Autoscale the pool between minCount and maxCount."),
    minCount: int(0).optional().describe("Autoscaling lower bound (required with enableAutoScaling); capacity counts it. An accelerator pool may scale to 0."),
    maxCount: int(1).optional().describe("Autoscaling upper bound (required with enableAutoScaling), at least minCount."),
};

export const acceleratorPool = object({
    name: str(POOL_NAME).describe("Pool name: 1 to 12 lowercase letters and digits, starting with a letter; unique."),
    kind: oneOf(["gpu"]).describe("Accelerator kind: gpu (FPGA pools cannot serve Azure ML online deployments)."),
    ...poolFields,
    agentCount: int(1).default(1).describe("Number of nodes (without autoscaling; the initial count with it)."),
}).describe("An accelerator node pool, labelled aksml.io/pool and aksml.io/accelerator for instance types and tainted ml.azure.com/amlarc=true:NoSchedule.");

export const existingCluster = object({
    resourceId: str(CLUSTER_ID).optional().describe("ARM ID of the AKS cluster (instead of resourceGroup and name)."),
    resourceGroup: str(RG_NAME).optional().describe("Resource group of the existing cluster (with name)."),
    name: str(AKS_NAME).optional().describe("Name of the existing cluster (with resourceGroup)."),
}).describe("Use a cluster this stack does not manage: { resourceId } or { resourceGroup, name }; then only clusterPurpose applies.");

export const cluster = object({
    clusterPurpose: oneOf(CLUSTER_PURPOSES).default("FastProd").describe("DevTest, FastProd or DenseProd. FastProd/DenseProd need >= 12 vCPUs and >= 3 nodes; DevTest below 2 vCPUs gets a warning."),
    name: str(CLUSTER_NAME).optional().describe("AKS cluster name (also its DNS prefix); required unless existing is set."),
    ...poolFields,
    vmSize: poolFields.vmSize.default("Standard_D3_v2"),
    agentCount: int(1).default(3).describe("System pool node count."),
    // A System pool keeps at least one node (AKS: articles/aks/use-system-pools.md); user pools may scale to 0.
    minCount: int(1).optional().describe("Autoscaling lower bound (required with enableAutoScaling); capacity counts it. The system pool keeps at least 1 node."),
    acceleratorPools: list(acceleratorPool).optional().describe("GPU node pools, declared at creation."),
    loadBalancerSku: oneOf(["standard", "basic"]).default("standard").describe("Load balancer SKU (basic only without authorized ranges)."),
    authorizedIpRanges: stringList(CIDR).optional().describe("API server authorized ranges (CIDR)."),
    controlPlaneIpRanges: stringList(CIDR).optional().describe("Azure ML control-plane ranges of the region and its paired region (service tag AzureMachineLearning.<Region>): required with authorizedIpRanges, merged into them."),
    privateCluster: bool().default(false).describe("Private API server (not with authorized ranges)."),
    vnetSubnetId: str(SUBNET_ID).optional().describe("Subnet of the nodes (default: Azure's)."),
    serviceCidr: str(CIDR).optional().describe("Kubernetes service range (with dnsServiceIp)."),
    dnsServiceIp: str(IPV4).optional().describe("Cluster DNS service address (with serviceCidr)."),
    networkPolicy: oneOf(["azure", "calico", "cilium", "none"]).default("azure").describe("Network policy engine; cilium sets Azure CNI overlay and the Cilium dataplane, as AKS requires."),
    kubernetesVersion: str(K8S_VERSION).optional().describe("Kubernetes version, e.g. \"1.36\"; a version past AKS end of life is refused (policy/rules/kubernetesVersions.ts). Default: AKS's."),
    skuTier: oneOf(["Free", "Standard", "Premium"]).optional().describe("AKS tier. Default: Standard for production purposes, Free for DevTest."),
    upgradeChannel: oneOf(["patch", "stable", "rapid", "node-image", "none"]).default("patch").describe("Automatic upgrade channel."),
    azurePolicy: bool().default(true).describe("Azure Policy add-on."),
    aadAdminGroupObjectIds: stringList(GUID).optional().describe("Entra ID admin groups (Entra ID + Azure RBAC are always on; local accounts stay enabled, as AzureML requires)."),
    exportAdminKubeconfig: bool().default(false).describe("Also export the cluster-admin kubeconfig (adminKubeconfig, secret); by default only the user kubeconfig (Entra ID through kubelogin)."),
    tags: TAGS().optional().describe("Tags on the cluster."),
    // Branch i12 (node disk encryption): declared here so the merge only adds the reading.
    encryptionAtHost: bool().default(false).describe("Encrypt temp disks and caches at the host on every pool; register the subscription feature first (az feature register --namespace Microsoft.Compute --name EncryptionAtHost)."),
    diskEncryptionSet: bool().default(false).describe("Encrypt OS and data disks with a customer-managed key: the program creates a Key Vault (purge protection), a key and a disk encryption set (creation only)."),
    existing: existingCluster.optional(),
}).describe("The AKS cluster (SDK AksCompute.provisioning_configuration / attach_configuration).");

