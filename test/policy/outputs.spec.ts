// AnalyzeStack as the engine calls it after an update: resource outputs (id and name, no ARM path
// parameters such as clusterName or workspaceName). The joins then read names from the ARM IDs.
import * as assert from "assert";
import { asOutputs, CLUSTER_ID, deployment, res, T, validStack } from "./fixtures";
import { assertMessages, assertOne, usePack } from "./helpers";

const OTHER_ID = "/subscriptions/0/resourceGroups/rg-x/providers/Microsoft.ContainerService/managedClusters/aks-ext";
const compute2 = (computeName: string, resourceId: string) => res(T.compute, "compute2", {
    resourceGroupName: "rg-ml", workspaceName: "mlw-prod", computeName, properties: { computeType: "Kubernetes", resourceId },
});

describe("policy pack: stack policies on resource outputs", () => {
    const pack = usePack();
    const known = () => validStack("known");

    it("the compliant stack gets no diagnostic", async () => {
        assert.deepStrictEqual((await pack().analyzeStack(asOutputs(known()))).map((d) => d.message), []);
    });

    it("purpose-capacity joins the extension to its cluster by the extension's ARM ID", async () => {
        const ds = await pack().analyzeStack(asOutputs(known().with("aks", (p) => (p.agentPoolProfiles = [{ name: "s", vmSize: "Standard_D2s_v5", count: 3 }]))));
        assertOne(ds, "purpose-capacity", "mandatory", 'ManagedCluster "aks", purpose FastProd (clusterPurpose on Extension "azureml"): FastProd needs at least 12 vCPUs, got 6');
    });

    it("compute-name-unique reads compute names from `name`", async () => {
        const ds = await pack().analyzeStack(asOutputs(known().plus(compute2("AKS-PROD", OTHER_ID))));
        assertMessages(ds, "compute-name-unique", "mandatory", ['compute name "aks-prod" is used 2 times', 'compute name "AKS-PROD" is used 2 times']);
    });

    it("single-attachment groups by the workspace in the computes' ARM IDs", async () => {
        const ds = await pack().analyzeStack(asOutputs(known().plus(compute2("aks-two", CLUSTER_ID.toLowerCase()))));
        const text = 'ManagedCluster "aks" is attached 2 times to one workspace, by computes "compute", "compute2"';
        assertMessages(ds, "single-attachment", "mandatory", [text, text]);
    });

    it("no-separate-agent-pool finds the pool's cluster in the pool's ARM ID", async () => {
        const pool = res(T.pool, "gpu2", { resourceGroupName: "rg-ml", resourceName: "aks-prod", agentPoolName: "gpu2", vmSize: "Standard_NC6s_v3", count: 1 });
        assertOne(await pack().analyzeStack(asOutputs(known().plus(pool))), "no-separate-agent-pool", "mandatory", 'AgentPool "gpu2" is added to ManagedCluster "aks"');
    });

    it("endpoint-traffic and rollout-deployments find the endpoint of each deployment in its ARM ID", async () => {
        const stack = known().plus(deployment("known", "v2", {}, { versionType: "Control" })).with("endpoint", (p) => (p.properties.traffic = { blue: 50, red: 50 }));
        const ds = await pack().analyzeStack(asOutputs(stack));
        assertOne(ds, "endpoint-traffic", "mandatory", 'names deployment "red", which is not a deployment of this endpoint (its deployments: "blue", "v2")');
        assertOne(ds, "rollout-deployments", "mandatory", 'OnlineEndpoint "endpoint" has 2 deployments tagged versionType: Control (at most 1): "blue", "v2"');
    });

    it("gpu-instance-type follows endpoint -> compute -> cluster", async () => {
        const ds = await pack().analyzeStack(asOutputs(known().with("aks", (p) => (p.agentPoolProfiles[1].nodeLabels = { accelerator: "other" }))));
        assertOne(ds, "gpu-instance-type", "mandatory", 'no GPU pool of ManagedCluster "aks" has the labels accelerator=nvidia-gpu of instance type "gpu"');
    });
});
