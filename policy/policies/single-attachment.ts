import { StackValidationPolicy } from "@pulumi/policy";
import { COMPUTE } from "../lib/types";
import { Node, StackView } from "../lib/stack";

export const singleAttachment: StackValidationPolicy = {
    name: "single-attachment",
    description: "An AKS cluster is attached at most once per workspace (ARM IDs compared case-insensitively).",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps: "Keep one Compute per cluster and workspace; deploy more endpoints to the same compute instead.",
    url: "https://learn.microsoft.com/azure/machine-learning/how-to-attach-kubernetes-to-workspace",
    validateStack: (args, report) => {
        const view = new StackView(args.resources);
        const groups = new Map<string, Node[]>();
        for (const comp of view.ofType(COMPUTE)) {
            const cluster = view.clusterOfCompute(comp);
            if (!cluster) continue; // provisions its own cluster, or undecidable (noted)
            const ws = view.workspaceKey(comp);
            if (ws === undefined) continue;
            const key = `${ws} ${StackView.refId(cluster)}`;
            groups.set(key, [...(groups.get(key) ?? []), comp]);
        }
        for (const [key, same] of groups) {
            if (same.length < 2) continue;
            const cluster = key.slice(key.indexOf(" ") + 1);
            const what = cluster.startsWith("urn:") ? view.label(view.byUrn(cluster.slice(4))!) : `cluster ${cluster.replace(/^aks:/, "")}`;
            const names = same.map((c) => `"${c.res.name}"`).join(", ");
            for (const c of same) report(`${what} is attached ${same.length} times to one workspace, by computes ${names}`, c.res.urn);
        }
        view.undecided.settle();
    },
};
