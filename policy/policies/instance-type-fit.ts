import { StackValidationPolicy } from "@pulumi/policy";
import { computeOf, instanceType } from "../lib/instanceTypes";
import { StackView } from "../lib/stack";
import { ONLINE_DEPLOYMENT, propsKey } from "../lib/types";
import { at, isUnknown, Path } from "../lib/values";
import { GPU, ResourceMap, resourceFitProblems } from "../rules/instanceTypeFit";

/** Azure ML's own `defaultinstancetype` limits, when the stack does not declare one (how-to-manage-kubernetes-instance-types). */
const AZURE_DEFAULT_LIMITS: ResourceMap = { cpu: "2", memory: "2Gi" };

/** ARM's container resources (`cpu`, `memory`, `gpu`) as Kubernetes resource names. */
function resources(m: unknown): ResourceMap | undefined {
    if (m === null || typeof m !== "object") return undefined;
    const r = m as Record<string, unknown>;
    const out: ResourceMap = {};
    if (typeof r.cpu === "string") out.cpu = r.cpu;
    if (typeof r.memory === "string") out.memory = r.memory;
    if (typeof r.gpu === "string" || typeof r.gpu === "number") out[GPU] = String(r.gpu);
    return out;
}

/** The path of the first unknown value under `v`, if any. */
function firstUnknown(v: unknown, path: Path): Path | undefined {
    if (isUnknown(v)) return path;
    if (v === null || typeof v !== "object") return undefined;
    for (const [k, x] of Object.entries(v)) {
        const found = firstUnknown(x, [...path, k]);
        if (found) return found;
    }
    return undefined;
}

export const instanceTypeFit: StackValidationPolicy = {
    name: "instance-type-fit",
    description: "A deployment's container requests and limits fit its instance type: nvidia.com/gpu in limits only, cpu and memory limits with a GPU, nothing above the instance type's limits.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps: "Move the GPU count to containerResourceLimits, add cpu and memory limits, and keep requests and limits within the instance type's limits (or pick a larger instance type).",
    url: "https://learn.microsoft.com/azure/machine-learning/how-to-manage-kubernetes-instance-types",
    validateStack: (args, report) => {
        const view = new StackView(args.resources);
        for (const d of view.ofType(ONLINE_DEPLOYMENT)) {
            const key = propsKey(d.raw, d.res.type);
            const bag = d.raw[key];
            if (isUnknown(bag)) { view.needs(d, [key]); continue; }
            const req = at(bag, ["containerResourceRequirements"]);
            if (req === undefined || req === null) continue; // the instance type's resources apply as they are
            const unknown = firstUnknown(req, []);
            if (unknown) { view.needs(d, [key, "containerResourceRequirements", ...unknown]); continue; }
            if (isUnknown(bag?.instanceType)) { view.needs(d, [key, "instanceType"]); continue; }
            const name: string = bag?.instanceType ?? "defaultinstancetype";
            const compute = computeOf(view, d);
            const def = compute ? instanceType(view, compute, name) : undefined;
            if (def === "undecided") continue;
            const limits = def?.limits ?? (name.toLowerCase() === "defaultinstancetype" ? AZURE_DEFAULT_LIMITS : undefined);
            if (limits === undefined) continue; // defined outside this stack: not decidable here
            const problems = resourceFitProblems(name, limits, {
                requests: resources(req.containerResourceRequests) ?? {},
                limits: resources(req.containerResourceLimits),
            });
            for (const p of problems) report(`${view.label(d)}: ${p.part}.${p.resource}: ${p.message}`, d.res.urn);
        }
        view.undecided.settle();
    },
};
