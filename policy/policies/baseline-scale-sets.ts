// checkov CKV_AZURE_169 (an unset type is AKS's default, VirtualMachineScaleSets).
import { resourceRule } from "../lib/define";
import { AKS_DOCS, eachPool, poolRead } from "../lib/cluster";
import { AGENT_POOL, MANAGED_CLUSTER } from "../lib/types";

export const baselineScaleSets = resourceRule({
    name: "baseline-scale-sets", enforcementLevel: "advisory", severity: "low",
    description: "Agent pools run on virtual machine scale sets (type VirtualMachineScaleSets, AKS's default), not availability sets.",
    remediationSteps: "Remove type: \"AvailabilitySet\" (or set \"VirtualMachineScaleSets\"); availability-set pools support one pool and no autoscaling.",
    url: `${AKS_DOCS}/create-node-pools`,
}, [MANAGED_CLUSTER, AGENT_POOL], (raw, type) => eachPool(raw, type, (pool, at, label) => {
    const r = poolRead(pool, at, ["type"]);
    if ("needs" in r) return r;
    return r.value === undefined || String(r.value).toLowerCase() === "virtualmachinescalesets" ? undefined : `${label} has type "${r.value}"; use VirtualMachineScaleSets`;
}), { scoped: true });
