import * as assert from "assert";
import { MODES, res, T, U, urn, validStack } from "./fixtures";
import { assertCantRun, assertClean, assertMessages, assertOne, of, usePack } from "./helpers";

const small = () => [{ name: "system", mode: "System", vmSize: "Standard_D2s_v5", count: 3 }] as any[];

describe("policy pack: capacity policies", () => {
    const pack = usePack();
    beforeEach(async () => pack().configure({}));

    describe("purpose-capacity (mandatory)", () => {

        for (const mode of MODES) {
            describe(mode, () => {
                it("passes a FastProd cluster with 16 vCPUs on 4 nodes", async () => {
                    assertClean(await pack().analyzeAll(validStack(mode).resources), "purpose-capacity");
                });

                it("reports a FastProd cluster with 6 vCPUs, naming the cluster and where the purpose comes from", async () => {
                    const stack = validStack(mode).with("aks", (p) => (p.agentPoolProfiles = small()));
                    assertOne(await pack().analyzeAll(stack.resources), "purpose-capacity", "mandatory",
                        'ManagedCluster "aks", purpose FastProd (clusterPurpose on Extension "azureml"): FastProd needs at least 12 vCPUs, got 6; add nodes, use a larger vmSize, or use DevTest');
                });

                it("counts minCount of autoscaling pools: vCPUs and nodes both short", async () => {
                    const stack = validStack(mode).with("aks", (p) => Object.assign(p.agentPoolProfiles[0], { enableAutoScaling: true, minCount: 1, maxCount: 5 }));
                    assertMessages(await pack().analyzeAll(stack.resources), "purpose-capacity", "mandatory",
                        ["FastProd needs at least 12 vCPUs, got 8", "FastProd needs at least 3 nodes, got 2"]);
                });

                it("applies Azure's default purpose (FastProd) when the extension sets none", async () => {
                    const stack = validStack(mode).with("azureml", (p) => delete p.configurationSettings.clusterPurpose).with("aks", (p) => (p.agentPoolProfiles = small()));
                    assertOne(await pack().analyzeAll(stack.resources), "purpose-capacity", "mandatory",
                        `purpose FastProd (Azure's default, clusterPurpose not set on Extension "azureml")`);
                });

                it("reads the purpose of a legacy AKS compute attaching the cluster", async () => {
                    const stack = validStack(mode).without("azureml").with("aks", (p) => (p.agentPoolProfiles = small()))
                        .with("compute", (p) => { p.properties.computeType = "AKS"; p.properties.properties = { clusterPurpose: "DenseProd" }; });
                    assertOne(await pack().analyzeAll(stack.resources), "purpose-capacity", "mandatory",
                        'purpose DenseProd (clusterPurpose on Compute "compute"): DenseProd needs at least 12 vCPUs, got 6');
                });

                it("asks for vmSizeVcpus when a size is not in the catalog, and accepts the declared size", async () => {
                    const stack = validStack(mode).with("aks", (p) => (p.agentPoolProfiles = [{ name: "system", vmSize: "Standard_Z99", count: 3 }]));
                    assertOne(await pack().analyzeAll(stack.resources), "purpose-capacity", "mandatory",
                        'cannot count the vCPUs of VM size "Standard_Z99" (not in the catalog); declare them in the policy config vmSizeVcpus');
                    await pack().configure({ "purpose-capacity": { vmSizeVcpus: { Standard_Z99: 16 } } });
                    assertClean(await pack().analyzeAll(stack.resources), "purpose-capacity");
                });

                it("leaves a DevTest cluster of any size alone", async () => {
                    const stack = validStack(mode).with("aks", (p) => (p.agentPoolProfiles = [{ name: "s", vmSize: "Standard_D2s_v5", count: 1 }]))
                        .with("azureml", (p) => (p.configurationSettings.clusterPurpose = "DevTest"));
                    assertClean(await pack().analyzeAll(stack.resources), "purpose-capacity");
                });
            });
        }

        it("checks a legacy AKS compute that provisions its own cluster (agentCount x agentVmSize)", async () => {
            const legacy = res(T.compute, "legacy", {
                resourceGroupName: "rg-ml", workspaceName: "mlw-prod", computeName: "aks-legacy",
                properties: { computeType: "AKS", properties: { clusterPurpose: "FastProd", agentCount: 2, agentVmSize: "Standard_D2_v2" } },
            });
            assertMessages(await pack().analyzeAll(validStack("known").plus(legacy).resources), "purpose-capacity", "mandatory",
                ['Compute "legacy" provisions its cluster, purpose FastProd (clusterPurpose on Compute "legacy"): FastProd needs at least 12 vCPUs, got 4', "needs at least 3 nodes, got 2"]);
        });

        it("stays silent at preview when an unknown pool is not needed to reach the minimum", async () => {
            const stack = validStack("preview").with("aks", (p) => p.agentPoolProfiles.push({ name: "extra", vmSize: "Standard_D4s_v5", count: U }));
            assertClean(await pack().analyzeAll(stack.resources), "purpose-capacity");
        });

        it("can't run at preview when the known pools fall short and an unknown pool could make up the difference, naming the path", async () => {
            const stack = validStack("preview").with("aks", (p) => { p.agentPoolProfiles = small(); p.agentPoolProfiles.push({ name: "extra", vmSize: "Standard_D4s_v5", count: U }); });
            assertCantRun(await pack().analyzeAll(stack.resources), "purpose-capacity", "agentPoolProfiles.1.count");
        });

        it("can't run when the extension's cluster is unknown and nothing says which cluster it is", async () => {
            const stack = validStack("preview").with("azureml", (p, r) => { p.clusterName = U; r.propertyDependencies = {}; });
            assertCantRun(await pack().analyzeAll(stack.resources), "purpose-capacity", "clusterName");
        });

        it("reports what it can decide and can't run only for the rest (a second, undecidable cluster)", async () => {
            const other = res(T.cluster, "other", { resourceGroupName: "rg-ml", resourceName: "aks-other", agentPoolProfiles: [{ name: "s", vmSize: "Standard_D2s_v5", count: U }] });
            const ext2 = res(T.ext, "azureml2", { resourceGroupName: "rg-ml", clusterName: U, extensionType: "Microsoft.AzureML.Kubernetes", configurationSettings: { clusterPurpose: "FastProd" } },
                { clusterName: [urn(T.cluster, "other")] });
            const stack = validStack("preview").with("aks", (p) => (p.agentPoolProfiles = small())).plus(other).plus(ext2);
            const ds = of(await pack().analyzeAll(stack.resources), "purpose-capacity");
            assert.deepStrictEqual(ds.map((d) => d.enforcementLevel), ["mandatory", "advisory"]);
            assert.ok(ds[0].message.includes('ManagedCluster "aks", purpose FastProd'), ds[0].message);
            assert.ok(ds[1].message.includes("string value at .agentPoolProfiles.0.count can't be known during preview"), ds[1].message);
        });

        it("can't run when the purpose itself is unknown", async () => {
            const stack = validStack("preview").with("azureml", (p) => (p.configurationSettings.clusterPurpose = U));
            assertCantRun(await pack().analyzeAll(stack.resources), "purpose-capacity", "configurationSettings.clusterPurpose");
        });
    });

    describe("devtest-capacity (advisory)", () => {
        const devtest = (mode: "known" | "preview", vmSize: string) => validStack(mode)
            .with("aks", (p) => (p.agentPoolProfiles = [{ name: "s", vmSize, count: 1 }]))
            .with("azureml", (p) => (p.configurationSettings.clusterPurpose = "DevTest"));

        for (const mode of MODES) {
            it(`${mode}: passes a DevTest cluster with 2 vCPUs`, async () => {
                assertClean(await pack().analyzeAll(devtest(mode, "Standard_D2s_v5").resources), "devtest-capacity");
            });

            it(`${mode}: advises on a DevTest cluster with 1 vCPU`, async () => {
                assertOne(await pack().analyzeAll(devtest(mode, "Standard_D1_v2").resources), "devtest-capacity", "advisory",
                    "DevTest clusters should have at least 2 vCPUs, got 1");
            });
        }

        it("can't run when the only pool's vmSize is unknown", async () => {
            assertCantRun(await pack().analyzeAll(devtest("preview", U).resources), "devtest-capacity", "agentPoolProfiles.0.vmSize");
        });
    });

    describe("baseline-paid-sla (advisory)", () => {

        for (const mode of MODES) {
            it(`${mode}: passes a FastProd cluster on the Standard tier`, async () => {
                assertClean(await pack().analyzeAll(validStack(mode).resources), "baseline-paid-sla");
            });

            it(`${mode}: advises on a FastProd cluster on the Free tier, and without sku`, async () => {
                const free = validStack(mode).with("aks", (p) => (p.sku.tier = "Free"));
                assertOne(await pack().analyzeAll(free.resources), "baseline-paid-sla", "advisory", 'sku.tier is "Free"; production needs Standard or Premium');
                const none = validStack(mode).with("aks", (p) => delete p.sku);
                assertOne(await pack().analyzeAll(none.resources), "baseline-paid-sla", "advisory", "sku.tier is not set (Free)");
            });

            it(`${mode}: leaves a DevTest cluster on the Free tier alone`, async () => {
                const stack = validStack(mode).with("aks", (p) => (p.sku.tier = "Free")).with("azureml", (p) => (p.configurationSettings.clusterPurpose = "DevTest"));
                assertClean(await pack().analyzeAll(stack.resources), "baseline-paid-sla");
            });
        }

        it("can't run when the tier is unknown", async () => {
            const stack = validStack("preview").with("aks", (p) => (p.sku.tier = U));
            assertCantRun(await pack().analyzeAll(stack.resources), "baseline-paid-sla", "sku.tier");
        });
    });
});
