// A deployment's container resources checked against its instance type, as Azure ML checks them when
// the deployment is created (MicrosoftDocs/azure-ai-docs articles/machine-learning/
// how-to-manage-kubernetes-instance-types.md, "Resource section validation"): `nvidia.com/gpu` only in
// limits, a whole number; limits (cpu, memory) required when a GPU is asked; "the resource limits must
// be less than the instance type limits. Otherwise, deployment fails" (read here as: not above them).
// Shared by config validation (infra/config.ts) and the pack.

export const GPU = "nvidia.com/gpu";
export type ResourceMap = Partial<Record<"cpu" | "memory" | typeof GPU, string>>;

const UNITS: Record<string, number> = { "": 1, m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, Ti: 1024 ** 4 };

/** A Kubernetes quantity as a number (cores, bytes, devices); NaN when not a quantity. */
export function quantity(q: string | number): number {
    const m = /^([0-9]+(?:\.[0-9]+)?)(m|k|M|G|T|Ki|Mi|Gi|Ti)?$/.exec(String(q));
    return m ? Number(m[1]) * UNITS[m[2] ?? ""] : NaN;
}

export interface FitProblem {
    /** Which side of the deployment: its requests or its limits. */
    part: "requests" | "limits";
    resource: "cpu" | "memory" | typeof GPU;
    message: string;
}

/** Problems of a deployment's requests/limits against its instance type's limits (empty when it fits). */
export function resourceFitProblems(
    instanceTypeName: string,
    instanceTypeLimits: ResourceMap,
    deployment: { requests: ResourceMap; limits?: ResourceMap },
): FitProblem[] {
    const out: FitProblem[] = [];
    if (deployment.requests[GPU] !== undefined) {
        out.push({ part: "requests", resource: GPU, message: `${GPU} goes in limits only (Azure ML refuses it in requests)` });
    }
    const limits = deployment.limits ?? {};
    const gpu = limits[GPU];
    if (gpu !== undefined) {
        if (!/^[0-9]+$/.test(gpu)) out.push({ part: "limits", resource: GPU, message: `${GPU} must be a whole number, got "${gpu}"` });
        for (const r of ["cpu", "memory"] as const) {
            if (limits[r] === undefined) out.push({ part: "limits", resource: r, message: `a ${r} limit is required with a GPU` });
        }
        const itGpu = instanceTypeLimits[GPU] === undefined ? 0 : quantity(instanceTypeLimits[GPU]!);
        if (quantity(gpu) > itGpu) {
            out.push({ part: "limits", resource: GPU, message: `asks ${gpu} GPU but instance type "${instanceTypeName}" allows ${itGpu}; use an instance type of a GPU pool` });
        }
    }
    for (const r of ["cpu", "memory"] as const) {
        const max = instanceTypeLimits[r];
        if (max === undefined) continue;
        for (const part of ["requests", "limits"] as const) {
            const v = (part === "limits" ? limits : deployment.requests)[r];
            if (v !== undefined && quantity(v) > quantity(max)) {
                out.push({ part, resource: r, message: `${r} ${v} exceeds the limit of instance type "${instanceTypeName}" (${max})` });
            }
        }
    }
    return out;
}
