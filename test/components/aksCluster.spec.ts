import * as assert from "assert";
import { AksCluster, ClusterSpec } from "../../components/aksCluster";
import { parseCluster } from "../../infra/sections/cluster";
import { isSecret, record, Recorded, UNKNOWN } from "../../tools/lib/recorder";
import { mockCall } from "../../tools/lib/stackRun";
import { stackRun } from "../helpers/stacks";

const MC = "azure-native:containerservice:ManagedCluster";
const COMPONENT = "aks-ml:index:AksCluster";

function vcpuOf(run: { records: Recorded[] }): unknown {
    return run.records.find((r) => r.type === COMPONENT)?.outputs?.totalVcpus;
}

for (const preview of [true, false]) {
    describe(`AksCluster (${preview ? "preview" : "update"} mode)`, () => {
        it("dev: a small DevTest cluster on the Free tier with the standard LB and RBAC", async () => {
            const run = await stackRun("dev", { preview });
            const comp = run.get(COMPONENT);
            const mc = run.get(MC);
            assert.strictEqual(mc.parent, comp.urn);
            assert.strictEqual(mc.inputs.resourceName, "aksml-dev");
            assert.deepStrictEqual(mc.inputs.sku, { name: "Base", tier: "Free" });
            assert.strictEqual(mc.inputs.tags.clusterPurpose, "DevTest");
            assert.strictEqual(mc.inputs.enableRBAC, true);
            assert.strictEqual(mc.inputs.networkProfile.loadBalancerSku, "standard");
            assert.deepStrictEqual(mc.inputs.agentPoolProfiles.map((p: any) => [p.name, p.mode, p.vmSize, p.count]), [["system", "System", "Standard_D2s_v5", 2]]);
            assert.strictEqual(mc.inputs.apiServerAccessProfile.authorizedIPRanges, undefined);
            assert.strictEqual(mc.protect, false);
            assert.strictEqual(vcpuOf(run), 4);
        });

        it("prod: >= 12 vCPUs on >= 3 nodes, standard LB, authorized ranges with the control plane, RBAC + Entra ID, protected", async () => {
            const run = await stackRun("prod", { preview });
            const mc = run.get(MC);
            const pools = mc.inputs.agentPoolProfiles;
            assert.deepStrictEqual(pools.map((p: any) => [p.name, p.mode, p.vmSize, p.count]),
                [["system", "System", "Standard_D4s_v5", 3], ["gpu", "User", "Standard_NC4as_T4_v3", 1]]);
            assert.strictEqual(vcpuOf(run), 3 * 4 + 4);
            assert.strictEqual(mc.inputs.networkProfile.loadBalancerSku, "standard");
            assert.deepStrictEqual(mc.inputs.apiServerAccessProfile, { enablePrivateCluster: false, authorizedIPRanges: ["203.0.113.0/24", "20.38.80.0/21", "13.69.64.0/22"], disableRunCommand: false });
            assert.strictEqual(mc.inputs.enableRBAC, true);
            assert.strictEqual(mc.inputs.disableLocalAccounts, false, "AzureML needs local accounts on an attached cluster");
            assert.deepStrictEqual(mc.inputs.aadProfile, { managed: true, enableAzureRBAC: true, adminGroupObjectIDs: ["00000000-0000-0000-0000-0000000000aa"] });
            assert.deepStrictEqual(mc.inputs.sku, { name: "Base", tier: "Standard" });
            // In the private network's subnet: a user-assigned control-plane identity (infra/security.ts).
            assert.strictEqual(mc.inputs.identity.type, "UserAssigned");
            assert.strictEqual(mc.inputs.kubernetesVersion, "1.36");
            assert.strictEqual(mc.protect, true);
            // Accelerator pools: labels for instance types, Azure ML's own taint, no public node IPs;
            // the system pool has no taint (the extension and CPU deployments run there).
            assert.deepStrictEqual(pools[1].nodeLabels, { "aksml.io/pool": "gpu", "aksml.io/accelerator": "gpu" });
            assert.deepStrictEqual(pools.map((p: any) => p.nodeTaints), [undefined, ["ml.azure.com/amlarc=true:NoSchedule"]]);
            assert.ok(pools.every((p: any) => p.enableNodePublicIP === false));
        });

        it("no Kubernetes provider and no cluster-admin credential: the user kubeconfig (exec, kubelogin) is the only export, secret", async () => {
            const run = await stackRun("prod", { preview });
            assert.strictEqual(run.records.filter((r) => r.type.startsWith("pulumi:providers:kubernetes")).length, 0);
            const out = run.get(COMPONENT).outputs ?? {};
            assert.ok(isSecret(out.kubeconfig) || out.kubeconfig === UNKNOWN);
            assert.strictEqual(out.adminKubeconfig, undefined);
        });

        it("exports the cluster-admin kubeconfig only on explicit opt-in, as a secret", async () => {
            const spec = parseCluster({ name: "aksml", clusterPurpose: "DevTest", agentCount: 1, vmSize: "Standard_D4s_v5", exportAdminKubeconfig: true });
            const run = await record(() => new AksCluster("c", { cluster: spec, resourceGroupName: "rg" }), { preview, call: mockCall });
            const admin = run.get(COMPONENT).outputs?.adminKubeconfig;
            assert.ok(isSecret(admin) || admin === UNKNOWN, JSON.stringify(admin));
            if (!preview) assert.match(String((admin as any).value), /kind: Config/);
        });

        it("cilium sets the Cilium dataplane with Azure CNI overlay, as AKS requires", async () => {
            const spec = parseCluster({ name: "aksml", clusterPurpose: "DevTest", agentCount: 1, vmSize: "Standard_D4s_v5", networkPolicy: "cilium" });
            const run = await record(() => new AksCluster("c", { cluster: spec, resourceGroupName: "rg" }), { preview, call: mockCall });
            const np = run.get(MC).inputs.networkProfile;
            assert.deepStrictEqual([np.networkPlugin, np.networkPluginMode, np.networkDataplane, np.networkPolicy], ["azure", "overlay", "cilium", "cilium"]);
        });

        it("references an existing cluster by ID without managing it", async () => {
            const id = "/subscriptions/s/resourceGroups/other-rg/providers/Microsoft.ContainerService/managedClusters/shared";
            const spec: ClusterSpec = parseCluster({ clusterPurpose: "FastProd", existing: { resourceId: id } });
            const run = await record(() => { new AksCluster("c", { cluster: spec, resourceGroupName: "ws-rg" }); }, {
                preview,
                call: mockCall,
                outputs: (r) => (r.type === MC ? { agentPoolProfiles: [{ name: "nodes", vmSize: "Standard_D3_v2", count: 3 }] } : {}),
            });
            const mc = run.get(MC);
            assert.strictEqual(mc.read, true, "read, not registered: Pulumi never updates or deletes it");
            assert.strictEqual(mc.importId, id);
            assert.strictEqual(run.records.filter((r) => r.type === MC && !r.read).length, 0);
            if (!preview) assert.strictEqual(vcpuOf(run), 12);
        });

        it("references an existing cluster by resource group and name (ID built with the subscription)", async () => {
            const spec = parseCluster({ clusterPurpose: "DevTest", existing: { resourceGroup: "other-rg", name: "shared" } });
            const run = await record(() => { new AksCluster("c", { cluster: spec, resourceGroupName: "ws-rg" }); }, {
                preview, call: mockCall, outputs: () => ({ agentPoolProfiles: [] }),
            });
            assert.strictEqual(run.get(MC).importId,
                "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/other-rg/providers/Microsoft.ContainerService/managedClusters/shared");
        });
    });
}

describe("AksCluster guards", () => {
    const spec = parseCluster({ name: "aksml", clusterPurpose: "FastProd" });

    it("refuses a spec that breaks the purpose capacity, with a resource error", async () => {
        assert.ok(spec.mode === "create");
        const small: ClusterSpec = { ...spec, pools: [{ ...spec.pools[0], agentCount: 2 }] };
        await assert.rejects(record(() => new AksCluster("c", { cluster: small, resourceGroupName: "rg" }), { preview: true }),
            /FastProd needs at least 12 vCPUs, got 8; add nodes, use a larger vmSize, or use DevTest; FastProd needs at least 3 nodes, got 2/);
    });

    it("refuses an unknown VM size", async () => {
        assert.ok(spec.mode === "create");
        const odd: ClusterSpec = { ...spec, pools: [{ ...spec.pools[0], vmSize: "Standard_Nope" }] };
        await assert.rejects(record(() => new AksCluster("c", { cluster: odd, resourceGroupName: "rg" }), { preview: true }), /unknown VM size "Standard_Nope"/);
    });

    it("lets an autoscaling pool's count drift without a diff, and starts it at minCount", async () => {
        const auto = parseCluster({ name: "aksml", clusterPurpose: "DevTest", enableAutoScaling: true, minCount: 1, maxCount: 5 });
        const run = await record(() => new AksCluster("c", { cluster: auto, resourceGroupName: "rg" }), { preview: true, call: mockCall });
        const mc = run.get(MC);
        assert.deepStrictEqual(mc.ignoreChanges, ["agentPoolProfiles[*].count"]);
        assert.deepStrictEqual([mc.inputs.agentPoolProfiles[0].count, mc.inputs.agentPoolProfiles[0].minCount, mc.inputs.agentPoolProfiles[0].maxCount], [1, 1, 5]);
    });
});
