import * as assert from "assert";
import { parseCluster } from "../../infra/sections/cluster";
import { DECLARED_VM_SIZES } from "../../policy/rules/declaredVmSizes";

const base = { name: "aksml", clusterPurpose: "FastProd", agentCount: 3, vmSize: "Standard_D4s_v5" };

function fails(patch: Record<string, unknown>, message: string) {
    assert.throws(() => parseCluster({ ...base, ...patch }), (e: Error) => {
        assert.strictEqual(e.message, message);
        assert.strictEqual(e.name, "ConfigError");
        return true;
    });
}

describe("cluster config", () => {
    it("accepts a FastProd cluster and applies safe defaults", () => {
        const c = parseCluster(base);
        assert.ok(c.mode === "create");
        assert.strictEqual(c.loadBalancerSku, "standard");
        assert.strictEqual(c.skuTier, "Standard");
        assert.strictEqual(c.privateCluster, false);
        assert.strictEqual(c.networkPolicy, "azure");
        assert.strictEqual(c.upgradeChannel, "patch");
        assert.deepStrictEqual(c.pools, [{ name: "system", kind: "system", vmSize: "Standard_D4s_v5", agentCount: 3, enableAutoScaling: false, minCount: undefined, maxCount: undefined }]);
    });

    it("follows the SDK defaults: FastProd, 3 x Standard_D3_v2 (12 vCPUs)", () => {
        const c = parseCluster({ name: "aksml" });
        assert.ok(c.mode === "create");
        assert.strictEqual(c.purpose, "FastProd");
        assert.deepStrictEqual([c.pools[0].agentCount, c.pools[0].vmSize], [3, "Standard_D3_v2"]);
    });

    it("DevTest defaults to the Free tier", () => {
        const c = parseCluster({ ...base, clusterPurpose: "DevTest", agentCount: 1 });
        assert.ok(c.mode === "create" && c.skuTier === "Free");
    });

    it("rejects wrong types naming the key", () => {
        fails({ agentCount: "three" }, 'cluster.agentCount: expected a positive integer, got "three"');
        fails({ clusterPurpose: "Prod" }, 'cluster.clusterPurpose: expected one of DevTest, FastProd, DenseProd, got "Prod"');
        fails({ privateCluster: "yes" }, 'cluster.privateCluster: expected true or false, got "yes"');
        fails({ loadBalancerSku: "Standard" }, 'cluster.loadBalancerSku: expected one of standard, basic, got "Standard"');
        fails({ skuTier: "Gold" }, 'cluster.skuTier: expected one of Free, Standard, Premium, got "Gold"');
        fails({ name: "-bad" }, `cluster.name: expected 1 to 63 letters, digits and '-', starting with a letter, got "-bad"`);
        fails({ agentCnt: 3 }, "cluster.agentCnt: unknown key; did you mean agentCount?");
        fails({ agentcount: 3 }, "cluster.agentcount: unknown key; did you mean agentCount?");
    });

    it("enforces the purpose capacity: FastProd/DenseProd need 12 vCPUs and 3 nodes", () => {
        fails({ agentCount: 2, vmSize: "Standard_D4s_v5" },
            "cluster.clusterPurpose: FastProd needs at least 12 vCPUs, got 8; add nodes, use a larger vmSize, or use DevTest; FastProd needs at least 3 nodes, got 2");
        fails({ clusterPurpose: "DenseProd", agentCount: 2, vmSize: "Standard_D8s_v5" }, "cluster.clusterPurpose: DenseProd needs at least 3 nodes, got 2");
        // The number in an old series' name is not its vCPU count: 3 x Standard_D3_v2 = 12 vCPUs.
        assert.doesNotThrow(() => parseCluster({ ...base, vmSize: "Standard_D3_v2" }));
        // Constrained sizes count the vCPUs after the dash: 3 x Standard_E4-2s_v4 = 6 vCPUs.
        fails({ vmSize: "Standard_E4-2s_v4" }, "cluster.clusterPurpose: FastProd needs at least 12 vCPUs, got 6; add nodes, use a larger vmSize, or use DevTest");
    });

    it("counts accelerator pools and autoscaling minCount in the capacity", () => {
        // 2 x 4 + 1 x 4 (GPU) = 12 vCPUs on 3 nodes.
        assert.doesNotThrow(() => parseCluster({ ...base, agentCount: 2, acceleratorPools: [{ name: "gpu", kind: "gpu", vmSize: "Standard_NC4as_T4_v3" }] }));
        fails({ enableAutoScaling: true, minCount: 1, maxCount: 10 },
            "cluster.clusterPurpose: FastProd needs at least 12 vCPUs, got 4; add nodes, use a larger vmSize, or use DevTest; FastProd needs at least 3 nodes, got 1");
    });

    it("tells how to declare an unknown VM size, and accepts the declaration (vCPUs and accelerator) from policy/rules/declaredVmSizes.ts", () => {
        fails({ vmSize: "Standard_X9" }, 'cluster.vmSize: unknown VM size "Standard_X9": declare it in policy/rules/declaredVmSizes.ts with its vCPUs and accelerator, e.g. Standard_X9: { vcpus: 8, accelerator: { kind: "gpu", count: 1 } }');
        fails({ vmSizeVcpus: { Standard_X9: 8 } }, "cluster.vmSizeVcpus: is replaced by policy/rules/declaredVmSizes.ts (vCPUs and accelerator, read by the program and the policy pack); move the sizes there");
        const declared = DECLARED_VM_SIZES as Record<string, unknown>;
        declared.Standard_X9 = { vcpus: 8 };
        declared.Standard_G9x = { vcpus: 12, accelerator: { kind: "gpu", count: 2 } };
        try {
            assert.doesNotThrow(() => parseCluster({ ...base, vmSize: "Standard_X9" }));
            // A declared GPU size is a GPU size (it was never one when only a vCPU count could be declared).
            assert.doesNotThrow(() => parseCluster({ ...base, acceleratorPools: [{ name: "gpu", kind: "gpu", vmSize: "Standard_G9x" }] }));
        } finally {
            delete declared.Standard_X9;
            delete declared.Standard_G9x;
        }
    });

    it("refuses a retired VM size and an unsupported Kubernetes version, naming a current alternative", () => {
        const gpu = { name: "gpu", kind: "gpu", vmSize: "Standard_NC6s_v3" };
        fails({ acceleratorPools: [gpu] }, "cluster.acceleratorPools[0].vmSize: Standard_NC6s_v3 was retired on 2025-09-30 (https://learn.microsoft.com/azure/virtual-machines/ncv3-nc6s-nc12s-nc24s-retirement); use a current size such as Standard_NC24ads_A100_v4");
        // Before the retirement date the size was fine.
        assert.doesNotThrow(() => parseCluster({ ...base, acceleratorPools: [gpu] }, "2025-09-29"));
        assert.throws(() => parseCluster({ ...base, kubernetesVersion: "1.32" }, "2026-12-01"), {
            message: "cluster.kubernetesVersion: 1.32 reached AKS end of life on 2026-03-31; new clusters need a supported version: supported on 2026-12-01: 1.35, 1.36, 1.37 (https://learn.microsoft.com/azure/aks/supported-kubernetes-versions)",
        });
        assert.throws(() => parseCluster({ ...base, kubernetesVersion: "1.34.2" }, "2026-12-01"), { message: /1\.34 reached AKS end of life on 2026-11-30/ });
        assert.doesNotThrow(() => parseCluster({ ...base, kubernetesVersion: "1.36" }, "2026-12-01"));
        assert.doesNotThrow(() => parseCluster({ ...base, kubernetesVersion: "1.32" }, "2026-03-31"));
    });

    it("keeps at least one node in the System pool; accelerator pools may scale to zero", () => {
        fails({ agentCount: 3, enableAutoScaling: true, minCount: 0, maxCount: 3 }, "cluster.minCount: expected a positive integer, got 0");
        assert.doesNotThrow(() => parseCluster({ ...base, acceleratorPools: [{ name: "gpu", kind: "gpu", vmSize: "Standard_NC4as_T4_v3", enableAutoScaling: true, minCount: 0, maxCount: 2 }] }));
    });

    it("validates autoscaling bounds", () => {
        fails({ enableAutoScaling: true, maxCount: 5 }, "cluster.minCount: is required when enableAutoScaling is true");
        fails({ enableAutoScaling: true, minCount: 5, maxCount: 3 }, "cluster.maxCount: expected at least minCount (5), got 3");
        fails({ minCount: 3 }, "cluster.minCount: is only allowed when enableAutoScaling is true");
        // A mistyped key is named before the rule it breaks (minCount looks missing because of it).
        fails({ enableAutoScaling: true, mincount: 1, maxCount: 5 }, "cluster.mincount: unknown key; did you mean minCount?");
    });

    it("validates accelerator pools", () => {
        const gpu = { name: "gpu", kind: "gpu", vmSize: "Standard_NC4as_T4_v3" };
        fails({ acceleratorPools: [{ ...gpu, kind: "tpu" }] }, 'cluster.acceleratorPools[0].kind: expected one of gpu, got "tpu"');
        fails({ acceleratorPools: [{ ...gpu, name: "GPU-1" }] }, 'cluster.acceleratorPools[0].name: expected 1 to 12 lowercase letters and digits, starting with a letter, got "GPU-1"');
        fails({ acceleratorPools: [gpu, gpu] }, 'cluster.acceleratorPools[1].name: duplicate pool name "gpu"; pool names must be unique');
        fails({ acceleratorPools: [{ ...gpu, kind: "fpga", vmSize: "Standard_NP10s" }] }, "cluster.acceleratorPools[0].kind: fpga pools cannot serve Azure ML online deployments (instance types know cpu, memory and nvidia.com/gpu only); allowed: gpu");
        fails({ acceleratorPools: [{ ...gpu, vmSize: "Standard_D4s_v5" }] }, "cluster.acceleratorPools[0].vmSize: Standard_D4s_v5 is not a gpu size; use a GPU size such as Standard_NC4as_T4_v3, or declare it in policy/rules/declaredVmSizes.ts");
        fails({ acceleratorPools: [{ ...gpu, vmSize: "Standard_NP10s" }] }, "cluster.acceleratorPools[0].vmSize: Standard_NP10s is not a gpu size (it is fpga); use a GPU size such as Standard_NC4as_T4_v3, or declare it in policy/rules/declaredVmSizes.ts");
        fails({ acceleratorPools: [{ ...gpu, taints: ["x"] }] }, "cluster.acceleratorPools[0].taints: unknown key; allowed keys: agentCount, enableAutoScaling, kind, maxCount, minCount, name, vmSize");
    });

    it("authorized IP ranges need the standard LB, a public API server and the Azure ML control plane", () => {
        const ranges = { authorizedIpRanges: ["203.0.113.0/24"], controlPlaneIpRanges: ["20.38.80.0/21"] };
        const c = parseCluster({ ...base, ...ranges });
        assert.ok(c.mode === "create");
        assert.deepStrictEqual(c.authorizedIpRanges, ["203.0.113.0/24", "20.38.80.0/21"]);
        fails({ ...ranges, loadBalancerSku: "basic" }, 'cluster.loadBalancerSku: authorized IP ranges only work with the standard load balancer; expected standard, got "basic"');
        fails({ ...ranges, privateCluster: true }, "cluster.privateCluster: a private cluster has no public API server: remove authorizedIpRanges or set privateCluster: false");
        fails({ authorizedIpRanges: ["203.0.113.0/24"] }, "cluster.controlPlaneIpRanges: is required when authorizedIpRanges is set: add the Azure ML control-plane ranges of the region and its paired region (service tag AzureMachineLearning)");
        fails({ authorizedIpRanges: ["not-a-range"] }, 'cluster.authorizedIpRanges[0]: expected an IPv4 address or CIDR range such as 203.0.113.0/24, got "not-a-range"');
        fails({ ...ranges, authorizedIpRanges: ["300.0.0.0/8"] }, 'cluster.authorizedIpRanges[0]: expected an IPv4 address or CIDR range such as 203.0.113.0/24, got "300.0.0.0/8"');
        fails({ ...ranges, controlPlaneIpRanges: ["20.38.80.0/21", "1.2.3.999"] }, 'cluster.controlPlaneIpRanges[1]: expected an IPv4 address or CIDR range such as 203.0.113.0/24, got "1.2.3.999"');
        // Basic is allowed without ranges.
        assert.doesNotThrow(() => parseCluster({ ...base, loadBalancerSku: "basic" }));
    });

    it("validates networking pairs and IDs", () => {
        fails({ serviceCidr: "10.1.0.0/16" }, "cluster.dnsServiceIp: serviceCidr and dnsServiceIp go together: set both or neither");
        fails({ vnetSubnetId: "subnet-1" }, 'cluster.vnetSubnetId: expected a subnet resource ID (/subscriptions/.../virtualNetworks/<vnet>/subnets/<subnet>), got "subnet-1"');
        fails({ kubernetesVersion: "latest" }, 'cluster.kubernetesVersion: expected a version such as 1.36 or 1.36.2, got "latest"');
        fails({ serviceCidr: "10.300.0.0/16", dnsServiceIp: "10.0.0.10" }, 'cluster.serviceCidr: expected an IPv4 address or CIDR range such as 203.0.113.0/24, got "10.300.0.0/16"');
        fails({ serviceCidr: "10.0.0.0/16", dnsServiceIp: "10.0.0.999" }, 'cluster.dnsServiceIp: expected an IPv4 address, got "10.0.0.999"');
    });

    describe("existing cluster", () => {
        const id = "/subscriptions/s/resourceGroups/other-rg/providers/Microsoft.ContainerService/managedClusters/shared";
        it("by resource ID, possibly in another resource group", () => {
            assert.deepStrictEqual(parseCluster({ clusterPurpose: "DevTest", existing: { resourceId: id } }),
                { mode: "existing", purpose: "DevTest", existing: { resourceId: id, resourceGroup: "other-rg", name: "shared" } });
        });
        it("by resource group and name", () => {
            assert.deepStrictEqual(parseCluster({ existing: { resourceGroup: "other-rg", name: "shared" } }),
                { mode: "existing", purpose: "FastProd", existing: { resourceGroup: "other-rg", name: "shared" } });
        });
        it("rejects incomplete or mixed references, and pool settings", () => {
            assert.throws(() => parseCluster({ existing: { name: "shared" } }), { message: "cluster.existing.resourceGroup: is required: give resourceId, or resourceGroup and name" });
            assert.throws(() => parseCluster({ existing: { resourceId: id, name: "x" } }), { message: "cluster.existing.resourceId: give either resourceId, or resourceGroup and name, not both" });
            assert.throws(() => parseCluster({ existing: { resourceId: "/subscriptions/s/x" } }), { message: 'cluster.existing.resourceId: expected an AKS resource ID (/subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.ContainerService/managedClusters/<name>), got "/subscriptions/s/x"' });
            assert.throws(() => parseCluster({ existing: { resourceId: id }, agentCount: 3 }), { message: "cluster.agentCount: unknown key; allowed keys: clusterPurpose, existing" });
            // A key the schema does not know is named with the keys that apply too, not the 26 of a created cluster.
            assert.throws(() => parseCluster({ existing: { resourceId: id }, nodes: 3 }), { message: "cluster.nodes: unknown key; allowed keys: clusterPurpose, existing" });
            assert.throws(() => parseCluster({ existing: { resourceId: id }, clusterPurpse: "DevTest" }), { message: "cluster.clusterPurpse: unknown key; did you mean clusterPurpose?" });
            assert.throws(() => parseCluster({ existing: { resourceId: id, nme: "x" } }), { message: "cluster.existing.nme: unknown key; did you mean name?" });
        });
    });
});
