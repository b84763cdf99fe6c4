import { StackValidationPolicy } from "@pulumi/policy";
import { COMPUTE } from "../lib/types";
import { Node, StackView } from "../lib/stack";
import { isUnknown } from "../lib/values";

export const computeNameUnique: StackValidationPolicy = {
    name: "compute-name-unique",
    description: "Compute names are unique within a workspace (compared case-insensitively).",
    enforcementLevel: "mandatory",
    severity: "medium",
    remediationSteps: "Give each Compute of the workspace its own computeName.",
    url: "https://learn.microsoft.com/azure/machine-learning/how-to-attach-kubernetes-to-workspace",
    validateStack: (args, report) => {
        const view = new StackView(args.resources);
        const groups = new Map<string, Node[]>();
        for (const comp of view.ofType(COMPUTE)) {
            const name = comp.raw.computeName ?? comp.raw.name; // `name` in outputs
            if (typeof name !== "string") continue; // unset: auto-named, unique by construction
            if (isUnknown(name)) {
                view.needs(comp, [comp.raw.computeName === undefined ? "name" : "computeName"]);
                continue;
            }
            const ws = view.workspaceKey(comp);
            if (ws === undefined) continue;
            const key = `${ws}/${name.toLowerCase()}`;
            groups.set(key, [...(groups.get(key) ?? []), comp]);
        }
        for (const same of groups.values()) {
            if (same.length < 2) continue;
            const nameOf = (c: Node) => c.raw.computeName ?? c.raw.name;
            const names = same.map((c) => `"${c.res.name}" (${nameOf(c)})`).join(", ");
            for (const c of same) report(`compute name "${nameOf(c)}" is used ${same.length} times in one workspace: ${names}`, c.res.urn);
        }
        view.undecided.settle();
    },
};
