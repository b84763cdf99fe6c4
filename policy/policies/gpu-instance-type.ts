import { StackValidationPolicy } from "@pulumi/policy";
import { lookupVmSize } from "../rules/vmSizes";
import { readPools } from "../lib/pools";
import { Node, StackView } from "../lib/stack";
import { AZURE_CLI_SCRIPT, CLUSTER_OBJECTS_ENV, COMPUTE, INSTANCE_TYPE_CR, ONLINE_DEPLOYMENT, propsKey } from "../lib/types";
import { at, containsUnknown, isUnknown, lower, Path } from "../lib/values";

interface InstanceTypeDef {
    nodeSelector: Record<string, string>;
    gpus: number;
    where: string;
}

const gpuCount = (v: unknown) => (typeof v === "string" || typeof v === "number" ? Number(v) || 0 : 0);
const gpusIn = (m: unknown) => (m && typeof m === "object" ? Object.entries(m).filter(([k]) => /gpu/i.test(k)).reduce((s, [, v]) => s + gpuCount(v), 0) : 0);

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

/** The Compute that the deployment's endpoint runs on, when it is in the stack. */
function computeOf(view: StackView, d: Node): Node | undefined {
    const ep = view.endpointOfDeployment(d);
    if (!ep) return undefined;
    const key = propsKey(ep.raw, ep.res.type);
    const deps = view.depsOf(ep, key, COMPUTE);
    if (deps.length === 1) return deps[0];
    const ref = at(ep.raw, [key, "compute"]);
    if (isUnknown(ref)) return view.needs(ep, [key, "compute"]), undefined;
    const name = lower(ref)?.split("/").pop();
    return view.ofType(COMPUTE).find((c) => view.ownName(c) === name);
}

/**
 * The instance type named `name`: from the compute's instanceTypes, an InstanceType custom resource,
 * or an InstanceType object that a deployment script applies through ARM (its CLUSTER_OBJECTS_ENV
 * environment variable holds a Kubernetes List as JSON).
 */
function instanceType(view: StackView, compute: Node, name: string): InstanceTypeDef | "undecided" | undefined {
    const types = at(compute.raw, ["properties", "properties", "instanceTypes"]);
    if (isUnknown(types)) return view.needs(compute, ["properties", "properties", "instanceTypes"]), "undecided";
    const entry = Object.entries(types ?? {}).find(([k]) => k.toLowerCase() === name.toLowerCase());
    if (entry && containsUnknown(entry[1])) return view.needs(compute, ["properties", "properties", "instanceTypes", entry[0]]), "undecided";
    if (entry) return toDef(entry[1], `${view.label(compute)} instanceTypes`);
    const cr = view.ofType(INSTANCE_TYPE_CR).find((r) => lower(at(r.raw, ["metadata", "name"])) === name.toLowerCase());
    if (cr) return toDef(cr.raw.spec, `${view.label(cr)}`);
    for (const script of view.ofType(AZURE_CLI_SCRIPT)) {
        const vars = script.raw.environmentVariables;
        if (isUnknown(vars)) return view.needs(script, ["environmentVariables"]), "undecided";
        const i = Array.isArray(vars) ? vars.findIndex((v: any) => v?.name === CLUSTER_OBJECTS_ENV) : -1;
        if (i < 0) continue;
        const text = vars[i]?.value;
        if (isUnknown(text)) return view.needs(script, ["environmentVariables", i, "value"]), "undecided";
        const item = listItems(text).find((o) => o?.kind === "InstanceType" && lower(o?.metadata?.name) === name.toLowerCase());
        if (item) return toDef(item.spec, `${view.label(script)} ${CLUSTER_OBJECTS_ENV}`);
    }
    return undefined;
}

function listItems(text: unknown): any[] {
    try {
        const list = typeof text === "string" ? JSON.parse(text) : undefined;
        return Array.isArray(list?.items) ? list.items : [];
    } catch {
        return [];
    }
}

function toDef(spec: any, where: string): InstanceTypeDef {
    const sel = spec?.nodeSelector && typeof spec.nodeSelector === "object" ? spec.nodeSelector : {};
    return { nodeSelector: sel, gpus: Math.max(gpusIn(spec?.resources?.requests), gpusIn(spec?.resources?.limits)), where };
}
