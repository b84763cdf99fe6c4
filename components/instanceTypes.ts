// Instance types of a Kubernetes compute (SDK v1 had VM sizes; Azure ML v2 has instance types):
// a name -> node selector + container requests/limits. Azure ML reads them from InstanceType custom
// resources (amlarc.azureml.com/v1alpha1) in the cluster, which components/clusterObjects.ts delivers;
// not from the compute's properties. Pure helpers: no Pulumi resources here.
//
// Source: Azure ML "Create and manage instance types" (learn.microsoft.com/azure/machine-learning/
// how-to-manage-kubernetes-instance-types): the default instance type is named `defaultinstancetype`
// and requests 100m CPU / 2Gi memory with limits of 2 CPU / 2Gi; GPU types set `nvidia.com/gpu`
// limits; names are lowercase letters, digits and '-' (they become Kubernetes object names).
import type { AcceleratorPoolInfo } from "./aksCluster";

export const DEFAULT_INSTANCE_TYPE = "defaultinstancetype";
export const INSTANCE_TYPE_NAME_PATTERN = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
export const INSTANCE_TYPE_NAME_RULE = "1 to 63 characters, lowercase letters, digits and '-', starting and ending with a letter or digit";
export const RESOURCE_KEYS = ["cpu", "memory", "nvidia.com/gpu"] as const;
export const QUANTITY_PATTERN = /^[0-9]+(\.[0-9]+)?(m|k|M|G|T|Ki|Mi|Gi|Ti)?$/;

export interface InstanceTypeSpec {
    nodeSelector?: Record<string, string>;
    requests?: Record<string, string>;
    limits?: Record<string, string>;
}

/** The wire shape of one instance type (InstanceTypeSchemaArgs). */
export interface InstanceTypeSchema {
    nodeSelector?: Record<string, string>;
    resources: { requests: Record<string, string>; limits: Record<string, string> };
}

/**
 * Azure ML's default definition (100m/2Gi requests, 2/2Gi limits), re-declared as an InstanceType
 * named `defaultinstancetype` ("can be overridden with the definition of a custom instance type that
 * has the same name"), pinned to the system pool when its labels are known, so that CPU deployments
 * never land on (tainted) accelerator nodes.
 */
export function defaultInstanceType(systemPoolLabels?: Record<string, string>): InstanceTypeSchema {
    const resources = { requests: { cpu: "100m", memory: "2Gi" }, limits: { cpu: "2", memory: "2Gi" } };
    return systemPoolLabels ? { nodeSelector: { ...systemPoolLabels }, resources } : { resources };
}

/**
 * One instance type per accelerator pool, named after the pool, selecting the pool's nodes by its
 * labels (AzureML tolerates only its own taints, so labels are how GPU nodes are reached). A GPU
 * type asks for every GPU of one node; FPGA pools get the node selector only (no device plugin
 * resource name is standard for FPGA).
 */
export function poolInstanceType(pool: AcceleratorPoolInfo): InstanceTypeSchema {
    const requests: Record<string, string> = { cpu: "1", memory: "4Gi" };
    const limits: Record<string, string> = { cpu: "2", memory: "8Gi" };
    if (pool.kind === "gpu") limits["nvidia.com/gpu"] = String(pool.acceleratorsPerNode);
    return { nodeSelector: { ...pool.nodeLabels }, resources: { requests, limits } };
}

/** Undefined when valid, else one sentence naming the problem. */
export function instanceTypeNameProblem(name: string): string | undefined {
    return INSTANCE_TYPE_NAME_PATTERN.test(name) ? undefined : `instance type name "${name}" must be ${INSTANCE_TYPE_NAME_RULE}`;
}

/** Problems in a user-declared instance type (resource keys and quantities). */
export function instanceTypeSpecProblems(name: string, spec: InstanceTypeSpec): string[] {
    const problems: string[] = [];
    const nameProblem = instanceTypeNameProblem(name);
    if (nameProblem) problems.push(nameProblem);
    for (const part of ["requests", "limits"] as const) {
        for (const [key, value] of Object.entries(spec[part] ?? {})) {
            if (!(RESOURCE_KEYS as readonly string[]).includes(key)) {
                problems.push(`instance type "${name}": ${part}.${key} is not one of ${RESOURCE_KEYS.join(", ")}`);
            } else if (!QUANTITY_PATTERN.test(value)) {
                problems.push(`instance type "${name}": ${part}.${key} must be a Kubernetes quantity (e.g. 500m, 2, 4Gi), got "${value}"`);
            }
        }
    }
    return problems;
}

const isZero = (q: string) => /^0+(\.0+)?[a-zA-Z]*$/.test(q);

/**
 * The documented rules for a complete instance type: cpu and memory in both requests and limits,
 * none of them zero; nvidia.com/gpu in limits only, a whole number.
 */
export function instanceTypeSchemaProblems(name: string, t: InstanceTypeSchema): string[] {
    const problems: string[] = [];
    for (const part of ["requests", "limits"] as const) {
        for (const key of ["cpu", "memory"]) {
            const v = t.resources[part][key];
            if (v === undefined) problems.push(`instance type "${name}": ${part}.${key} is required (cpu and memory in both requests and limits)`);
            else if (isZero(v)) problems.push(`instance type "${name}": ${part}.${key} must not be zero`);
        }
    }
    if (t.resources.requests["nvidia.com/gpu"] !== undefined) problems.push(`instance type "${name}": nvidia.com/gpu goes in limits only`);
    const gpu = t.resources.limits["nvidia.com/gpu"];
    if (gpu !== undefined && !/^[0-9]+$/.test(gpu)) problems.push(`instance type "${name}": limits.nvidia.com/gpu must be a whole number, got "${gpu}"`);
    return problems;
}

/**
 * The compute's instance types: the default one, one per accelerator pool, then the user's
 * declarations (a declaration with a generated name replaces its fields one by one).
 */
export function instanceTypesFor(
    pools: readonly AcceleratorPoolInfo[],
    overrides: Readonly<Record<string, InstanceTypeSpec>> = {},
    /** Labels of the system pool (a cluster this stack creates): the default instance type selects it. */
    systemPoolLabels?: Record<string, string>,
): Record<string, InstanceTypeSchema> {
    const out: Record<string, InstanceTypeSchema> = { [DEFAULT_INSTANCE_TYPE]: defaultInstanceType(systemPoolLabels) };
    for (const pool of pools) out[pool.name] = poolInstanceType(pool);
    for (const [name, spec] of Object.entries(overrides)) {
        const base = out[name] ?? { resources: { requests: {}, limits: {} } };
        out[name] = {
            nodeSelector: spec.nodeSelector ?? base.nodeSelector,
            resources: {
                requests: spec.requests ?? base.resources.requests,
                limits: spec.limits ?? base.resources.limits,
            },
        };
        if (out[name].nodeSelector === undefined) delete out[name].nodeSelector;
    }
    return out;
}
