import { CLUSTER_ID, CONTROL_PLANE, Mode, MODES, res, T, U, urn, validStack } from "./fixtures";
import { assertCantRun, assertClean, assertMessages, assertOne, usePack } from "./helpers";

/** Another Compute in the fixture workspace; `cluster`: "same" (the fixture cluster) or an ARM ID. */
function compute2(mode: Mode, computeName: string | undefined, cluster: "same" | string, workspace = "mlw-prod") {
    const p = mode === "preview";
    const sameUnknown = p && cluster === "same";
    const refs: Record<string, string[]> = {};
    if (sameUnknown) refs.properties = [urn(T.cluster, "aks")];
    if (p && workspace === "mlw-prod") refs.workspaceName = [urn(T.ws, "ws")];
    return res(T.compute, "compute2", {
        resourceGroupName: "rg-ml", workspaceName: p && workspace === "mlw-prod" ? U : workspace,
        ...(computeName === undefined ? {} : { computeName }),
        properties: { computeType: "Kubernetes", resourceId: sameUnknown ? U : cluster === "same" ? CLUSTER_ID.toUpperCase() : cluster },
    }, refs);
}
const OTHER_ID = "/subscriptions/0/resourceGroups/rg-x/providers/Microsoft.ContainerService/managedClusters/aks-ext";

describe("policy pack: attachment policies", () => {
    const pack = usePack();
    beforeEach(async () => pack().configure({}));

    describe("compute-name-format (mandatory)", () => {
        for (const mode of MODES) {
            it(`${mode}: passes "aks-prod" and an unset (auto-named) computeName`, async () => {
                assertClean(await pack().analyzeAll(validStack(mode).resources), "compute-name-format");
                assertClean(await pack().analyzeAll(validStack(mode).with("compute", (p) => delete p.computeName).resources), "compute-name-format");
            });
            for (const bad of ["1aks", "ab", "aks_prod", "a".repeat(25)]) {
                it(`${mode}: reports "${bad}"`, async () => {
                    const stack = validStack(mode).with("compute", (p) => (p.computeName = bad));
                    assertOne(await pack().analyzeAll(stack.resources), "compute-name-format", "mandatory",
                        `compute name "${bad}" must be 3 to 24 characters, letters, digits and '-', starting with a letter`);
                });
            }
        }
        it("can't run when the computeName is unknown", async () => {
            assertCantRun(await pack().analyzeAll(validStack("preview").with("compute", (p) => (p.computeName = U)).resources), "compute-name-format", "computeName");
        });
    });

    describe("compute-name-unique (mandatory)", () => {
        for (const mode of MODES) {
            it(`${mode}: passes distinct names, and the same name in another workspace`, async () => {
                assertClean(await pack().analyzeAll(validStack(mode).plus(compute2(mode, "aks-two", OTHER_ID)).resources), "compute-name-unique");
                assertClean(await pack().analyzeAll(validStack(mode).plus(compute2(mode, "aks-prod", OTHER_ID, "mlw-other")).resources), "compute-name-unique");
            });
            it(`${mode}: reports names that differ only in case, on both computes`, async () => {
                const ds = await pack().analyzeAll(validStack(mode).plus(compute2(mode, "AKS-Prod", OTHER_ID)).resources);
                assertMessages(ds, "compute-name-unique", "mandatory", [
                    'compute name "aks-prod" is used 2 times in one workspace: "compute" (aks-prod), "compute2" (AKS-Prod)',
                    'compute name "AKS-Prod" is used 2 times in one workspace',
                ]);
            });
        }
        it("can't run when a second compute's name is unknown", async () => {
            const stack = validStack("preview").plus(compute2("preview", U, OTHER_ID));
            assertCantRun(await pack().analyzeAll(stack.resources), "compute-name-unique", "computeName");
        });
    });

    describe("single-attachment (mandatory)", () => {
        for (const mode of MODES) {
            it(`${mode}: passes two computes on different clusters`, async () => {
                assertClean(await pack().analyzeAll(validStack(mode).plus(compute2(mode, "aks-two", OTHER_ID)).resources), "single-attachment");
            });
            it(`${mode}: reports the cluster attached twice (ARM ID in other case, or the same cluster URN at preview)`, async () => {
                const ds = await pack().analyzeAll(validStack(mode).plus(compute2(mode, "aks-two", "same")).resources);
                const text = 'ManagedCluster "aks" is attached 2 times to one workspace, by computes "compute", "compute2"';
                assertMessages(ds, "single-attachment", "mandatory", [text, text]);
            });
        }
        it("reports a cluster outside the stack attached twice by ARM ID", async () => {
            const stack = validStack("known").with("compute", (p) => (p.properties.resourceId = OTHER_ID)).plus(compute2("known", "aks-two", OTHER_ID.toLowerCase()));
            const text = "cluster rg-x/aks-ext is attached 2 times to one workspace";
            assertMessages(await pack().analyzeAll(stack.resources), "single-attachment", "mandatory", [text, text]);
        });
        it("can't run when a compute's resourceId is unknown and depends on no cluster", async () => {
            const extra = compute2("preview", "aks-two", OTHER_ID);
            (extra.properties.properties as any).resourceId = U;
            assertCantRun(await pack().analyzeAll(validStack("preview").plus(extra).resources), "single-attachment", "properties.resourceId");
        });
    });

    describe("no-separate-agent-pool (mandatory)", () => {
        const pool = (mode: Mode, cluster = "aks-prod", deps = true) => res(T.pool, "gpu2", {
            resourceGroupName: "rg-ml", resourceName: mode === "preview" ? U : cluster, agentPoolName: "gpu2", vmSize: "Standard_NC6s_v3", count: 1,
        }, mode === "preview" && deps ? { resourceName: [urn(T.cluster, cluster === "aks-prod" ? "aks" : "other")] } : {});
        const other = res(T.cluster, "other", { resourceGroupName: "rg-ml", resourceName: "aks-other", agentPoolProfiles: [{ name: "s", vmSize: "Standard_D2s_v5", count: 1 }] });

        for (const mode of MODES) {
            it(`${mode}: passes an AgentPool on a cluster that is not attached`, async () => {
                assertClean(await pack().analyzeAll(validStack(mode).plus(other).plus(pool(mode, "aks-other")).resources), "no-separate-agent-pool");
            });
            it(`${mode}: reports an AgentPool on the attached cluster`, async () => {
                assertOne(await pack().analyzeAll(validStack(mode).plus(pool(mode)).resources), "no-separate-agent-pool", "mandatory",
                    'AgentPool "gpu2" is added to ManagedCluster "aks", which is attached to an Azure ML workspace; declare the pool in its agentPoolProfiles');
            });
        }
        it("can't run when the pool's cluster name is unknown and depends on nothing", async () => {
            assertCantRun(await pack().analyzeAll(validStack("preview").plus(pool("preview", "aks-prod", false)).resources), "no-separate-agent-pool", "resourceName");
        });
    });

    describe("control-plane-ranges (advisory, configured)", () => {
        beforeEach(async () => pack().configure({ "control-plane-ranges": { controlPlaneIpRanges: CONTROL_PLANE } }));
        const ranges = (mode: Mode, list: string[]) => validStack(mode).with("aks", (p) => (p.apiServerAccessProfile.authorizedIPRanges = list));

        for (const mode of MODES) {
            it(`${mode}: passes ranges that include the control plane, exactly or within a wider range`, async () => {
                assertClean(await pack().analyzeAll(validStack(mode).resources), "control-plane-ranges");
                assertClean(await pack().analyzeAll(ranges(mode, ["20.38.0.0/16", "13.69.64.0/22"]).resources), "control-plane-ranges");
            });
            it(`${mode}: advises when a control-plane range is missing`, async () => {
                assertOne(await pack().analyzeAll(ranges(mode, ["203.0.113.0/24", "20.38.80.0/21"]).resources), "control-plane-ranges", "advisory",
                    'ManagedCluster "aks": authorizedIPRanges miss the Azure ML control-plane ranges 13.69.64.0/22; Azure ML cannot reach the API server');
            });
        }
        it("says nothing without configured ranges", async () => {
            await pack().configure({});
            assertClean(await pack().analyzeAll(ranges("known", ["203.0.113.0/24"]).resources), "control-plane-ranges");
        });
        it("can't run when the authorized ranges are unknown", async () => {
            const stack = validStack("preview").with("aks", (p) => (p.apiServerAccessProfile.authorizedIPRanges = U));
            assertCantRun(await pack().analyzeAll(stack.resources), "control-plane-ranges", "apiServerAccessProfile.authorizedIPRanges");
        });
    });
});
