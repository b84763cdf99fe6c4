// AnalyzeStack as the engine calls it after an update: resource outputs (name, but no ID and no ARM
// path parameters such as clusterName or workspaceName), after Analyze of every resource's inputs.
// The stack policies join on the path parameters the resource policies noted (policy/lib/seen.ts).
import * as assert from "assert";
import { asOutputs, CLUSTER_ID, deployment, res, Stack, T, validStack } from "./fixtures";
import { noting } from "../../policy/lib/seen";
import { isCantRun } from "../../tools/lib/analyzer";
import { afterUpdate, assertMessages, assertOne, usePack } from "./helpers";

const OTHER_ID = "/subscriptions/0/resourceGroups/rg-x/providers/Microsoft.ContainerService/managedClusters/aks-ext";
const compute2 = (computeName: string, resourceId: string) => res(T.compute, "compute2", {
    resourceGroupName: "rg-ml", workspaceName: "mlw-prod", computeName, properties: { computeType: "Kubernetes", resourceId },
});

describe("policy pack: stack policies on resource outputs", () => {
    const pack = usePack();
    const known = () => validStack("known");
    const run = (stack: Stack) => afterUpdate(pack(), stack.resources, asOutputs(stack));

    it("the compliant stack gets no diagnostic", async () => {
        assert.deepStrictEqual((await run(known())).map((d) => d.message), []);
    });

    it("purpose-capacity joins the extension to its cluster by the clusterName Analyze saw", async () => {
        const ds = await run(known().with("aks", (p) => (p.agentPoolProfiles = [{ name: "s", vmSize: "Standard_D2s_v5", count: 3 }])));
        assertOne(ds, "purpose-capacity", "mandatory", 'ManagedCluster "aks", purpose FastProd (clusterPurpose on Extension "azureml"): FastProd needs at least 12 vCPUs, got 6');
    });

    it("compute-name-unique reads compute names from the computeName Analyze saw", async () => {
        const ds = await run(known().plus(compute2("AKS-PROD", OTHER_ID)));
        assertMessages(ds, "compute-name-unique", "mandatory", ['compute name "aks-prod" is used 2 times', 'compute name "AKS-PROD" is used 2 times']);
    });

    it("single-attachment groups by the workspace Analyze saw for each compute", async () => {
        const ds = await run(known().plus(compute2("aks-two", CLUSTER_ID.toLowerCase())));
        const text = 'ManagedCluster "aks" is attached 2 times to one workspace, by computes "compute", "compute2"';
        assertMessages(ds, "single-attachment", "mandatory", [text, text]);
    });

    it("no-separate-agent-pool finds the pool's cluster by the resourceName Analyze saw", async () => {
        const pool = res(T.pool, "gpu2", { resourceGroupName: "rg-ml", resourceName: "aks-prod", agentPoolName: "gpu2", vmSize: "Standard_NC6s_v3", count: 1 });
        assertOne(await run(known().plus(pool)), "no-separate-agent-pool", "mandatory", 'AgentPool "gpu2" is added to ManagedCluster "aks"');
    });

    it("endpoint-traffic and rollout-deployments find the endpoint of each deployment by the endpointName Analyze saw", async () => {
        const stack = known().plus(deployment("known", "v2", {}, { versionType: "Control" })).with("endpoint", (p) => (p.properties.traffic = { blue: 50, red: 50 }));
        const ds = await run(stack);
        assertOne(ds, "endpoint-traffic", "mandatory", 'names deployment "red", which is not a deployment of this endpoint (its deployments: "blue", "v2")');
        assertOne(ds, "rollout-deployments", "mandatory", 'OnlineEndpoint "endpoint" has 2 deployments tagged versionType: Control (at most 1): "blue", "v2"');
    });

    it("gpu-instance-type follows endpoint -> compute -> cluster", async () => {
        const ds = await run(known().with("aks", (p) => (p.agentPoolProfiles[1].nodeLabels = { accelerator: "other" })));
        assertOne(ds, "gpu-instance-type", "mandatory", 'no GPU pool of ManagedCluster "aks" has the labels accelerator=nvidia-gpu of instance type "gpu"');
    });

    it("a deployment no Analyze saw (untargeted) has no endpointName: no endpoint is said to lack it", async () => {
        const stack = known().plus(deployment("known", "v2", {}, { versionType: "Control" }));
        const ds = await afterUpdate(pack(), stack.resources.filter((r) => r.type !== T.deployment), asOutputs(stack));
        assert.deepStrictEqual(ds.filter((d) => !isCantRun(d)).map((d) => d.message), []);
    });

    it("what one run's Analyze noted is forgotten once the pack analyzed a stack", async () => {
        const stack = known().plus(compute2("AKS-PROD", OTHER_ID));
        assert.strictEqual((await run(stack)).filter((d) => d.policyName === "compute-name-unique").length, 2);
        for (const r of known().resources) await pack().analyze(r); // the next run: compute2 is not among its resources
        const ds = await pack().analyzeStack(asOutputs(stack));
        assert.deepStrictEqual(ds.filter((d) => d.policyName === "compute-name-unique").map((d) => d.message), []);
    });
});

describe("policy pack: noting keeps a resource policy's shape", () => {
    it("a single typed validation stays single, with its type (pulumi-policy skips other types by it); a list stays a list", () => {
        const typed = Object.assign(() => undefined, { __pulumiType: "azure-native:machinelearningservices:Compute" });
        const one = noting({ name: "p", description: "d", validateResource: typed });
        assert.ok(typeof one.validateResource === "function");
        assert.strictEqual((one.validateResource as any).__pulumiType, "azure-native:machinelearningservices:Compute");
        const two = noting({ name: "q", description: "d", validateResource: [() => undefined, () => undefined] });
        assert.ok(Array.isArray(two.validateResource) && two.validateResource.length === 2);
    });
});
