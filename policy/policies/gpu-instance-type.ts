import { StackValidationPolicy } from "@pulumi/policy";
import { lookupVmSize } from "../rules/vmSizes";
import { readPools } from "../lib/pools";
import { computeOf, gpuCount, instanceType } from "../lib/instanceTypes";
import { StackView } from "../lib/stack";
import { ONLINE_DEPLOYMENT, propsKey } from "../lib/types";
import { at, isUnknown, Path } from "../lib/values";

export const gpuInstanceType: StackValidationPolicy = {
    name: "gpu-instance-type",
    description: "A deployment requesting GPUs uses an instance type whose nodeSelector matches a GPU pool of the attached cluster.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps: "Give the GPU pool nodeLabels, define an instance type with a matching nodeSelector and nvidia.com/gpu resources, and set the deployment's instanceType to it.",
    url: "https://learn.microsoft.com/azure/machine-learning/how-to-manage-kubernetes-instance-types",
    validateStack: (args, report) => {
        const view = new StackView(args.resources);
        for (const d of view.ofType(ONLINE_DEPLOYMENT)) {
            const key = propsKey(d.raw, d.res.type);
            const bag = d.raw[key];
            const req = at(bag, ["containerResourceRequirements"]);
            const gpuPaths: Path[] = [["containerResourceRequests", "gpu"], ["containerResourceLimits", "gpu"]];
            const unknownGpu = isUnknown(bag) ? [] : gpuPaths.find((p) => isUnknown(at(req, p)));
            const itName = isUnknown(bag) ? bag : bag?.instanceType;
            if (isUnknown(bag) || unknownGpu || isUnknown(itName)) {
                view.needs(d, isUnknown(bag) ? [key] : unknownGpu ? [key, "containerResourceRequirements", ...unknownGpu] : [key, "instanceType"]);
                continue;
            }
            const containerGpus = Math.max(...gpuPaths.map((p) => gpuCount(at(req, p))));
            const name: string = itName ?? "defaultinstancetype";
            const compute = computeOf(view, d);
            const def = compute ? instanceType(view, compute, name) : undefined;
            if (def === "undecided") continue;
            if (containerGpus === 0 && (def?.gpus ?? 0) === 0) continue;
            if (!def) {
                if (name.toLowerCase() === "defaultinstancetype") report(`${view.label(d)} requests GPUs but uses the default instance type, which has no GPU; set ${key}.instanceType`, d.res.urn);
                continue; // defined outside this stack: not decidable here
            }
            if (Object.keys(def.nodeSelector).length === 0) {
                report(`${view.label(d)} requests GPUs but instance type "${name}" (${def.where}) has no nodeSelector, so its pods are not pinned to a GPU pool`, d.res.urn);
                continue;
            }
            const cluster = compute ? view.clusterOfCompute(compute) : undefined;
            if (!cluster || typeof cluster === "string") continue; // cluster outside the stack
            const pools = readPools(cluster.raw);
            const matches = pools.known.filter((p) => lookupVmSize(p.vmSize)?.accelerator?.kind === "gpu"
                && Object.entries(def.nodeSelector).every(([k, v]) => p.nodeLabels?.[k] === v));
            if (matches.length > 0) continue;
            if (pools.unknown.length > 0) view.needs(cluster, pools.unknown[0]);
            else {
                const sel = Object.entries(def.nodeSelector).map(([k, v]) => `${k}=${v}`).join(",");
                report(`${view.label(d)} requests GPUs but no GPU pool of ${view.label(cluster)} has the labels ${sel} of instance type "${name}"`, d.res.urn);
            }
        }
        view.undecided.settle();
    },
};
