// Instance types as the pack finds them for a deployment: the compute's `instanceTypes`, an InstanceType
// custom resource, or an InstanceType object that a deployment script applies through ARM.
import { Node, StackView } from "./stack";
import { AZURE_CLI_SCRIPT, CLUSTER_OBJECTS_ENV, COMPUTE, INSTANCE_TYPE_CR, propsKey } from "./types";
import { at, containsUnknown, isUnknown, lower } from "./values";

export interface InstanceTypeDef {
    nodeSelector: Record<string, string>;
    gpus: number;
    /** The instance type's limits (cpu, memory, nvidia.com/gpu) as strings. */
    limits: Record<string, string>;
    where: string;
}

export const gpuCount = (v: unknown) => (typeof v === "string" || typeof v === "number" ? Number(v) || 0 : 0);
const gpusIn = (m: unknown) => (m && typeof m === "object" ? Object.entries(m).filter(([k]) => /gpu/i.test(k)).reduce((s, [, v]) => s + gpuCount(v), 0) : 0);

/** The Compute that the deployment's endpoint runs on, when it is in the stack. */
export function computeOf(view: StackView, d: Node): Node | undefined {
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
export function instanceType(view: StackView, compute: Node, name: string): InstanceTypeDef | "undecided" | undefined {
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
    const rawLimits = spec?.resources?.limits && typeof spec.resources.limits === "object" ? spec.resources.limits : {};
    const limits = Object.fromEntries(Object.entries(rawLimits).filter(([, v]) => typeof v === "string" || typeof v === "number").map(([k, v]) => [k, String(v)]));
    return { nodeSelector: sel, gpus: Math.max(gpusIn(spec?.resources?.requests), gpusIn(spec?.resources?.limits)), limits, where };
}
