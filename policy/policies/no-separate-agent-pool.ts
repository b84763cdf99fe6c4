import { StackValidationPolicy } from "@pulumi/policy";
import { AGENT_POOL, MANAGED_CLUSTER } from "../lib/types";
import { Node, StackView } from "../lib/stack";

export const noSeparateAgentPool: StackValidationPolicy = {
    name: "no-separate-agent-pool",
    description: "Clusters attached to an Azure ML workspace declare their pools (GPU/FPGA included) inline in agentPoolProfiles, not as separate AgentPool resources.",
    enforcementLevel: "mandatory",
    severity: "medium",
    remediationSteps: "Move the AgentPool into the ManagedCluster's agentPoolProfiles (with nodeLabels for instance types), then remove the AgentPool resource.",
    url: "https://learn.microsoft.com/azure/machine-learning/how-to-manage-kubernetes-instance-types",
    validateStack: (args, report) => {
        const view = new StackView(args.resources);
        const attached = view.attachedClusterUrns();
        if (attached.size === 0) return view.undecided.settle();
        for (const pool of view.ofType(AGENT_POOL)) {
            const cluster = clusterOfPool(view, pool);
            if (cluster && attached.has(cluster.res.urn)) {
                report(`AgentPool "${pool.res.name}" is added to ${view.label(cluster)}, which is attached to an Azure ML workspace; declare the pool in its agentPoolProfiles`, pool.res.urn);
            }
        }
        view.undecided.settle();
    },
};

function clusterOfPool(view: StackView, pool: Node): Node | undefined {
    const deps = view.depsOf(pool, "resourceName", MANAGED_CLUSTER);
    if (deps.length === 1) return deps[0];
    const name = view.nameRef(pool, "resourceName", MANAGED_CLUSTER, "managedclusters");
    const rg = view.resourceGroupOf(pool);
    if (name === undefined || rg === undefined) {
        view.needs(pool, [name === undefined ? "resourceName" : "resourceGroupName"]);
        return undefined;
    }
    const found = view.clusterByKey(`${rg}/${name}`);
    return typeof found === "string" ? undefined : found;
}
