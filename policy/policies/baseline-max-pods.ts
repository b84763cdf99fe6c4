// checkov CKV_AZURE_168 (at least 50 pods per node; AKS's default with Azure CNI is 30).
import { resourceRule } from "../lib/define";
import { AKS_DOCS, eachPool, poolRead } from "../lib/cluster";
import { AGENT_POOL, MANAGED_CLUSTER } from "../lib/types";

export const MIN_MAX_PODS = 50;

export const baselineMaxPods = resourceRule({
    name: "baseline-max-pods", enforcementLevel: "advisory", severity: "low",
    description: `Every agent pool admits at least ${MIN_MAX_PODS} pods per node (maxPods; unset means AKS's default of 30 with Azure CNI).`,
    remediationSteps: `Set maxPods: ${MIN_MAX_PODS} (or more) on every pool, and size the pod subnet for it.`,
    url: `${AKS_DOCS}/concepts-network-ip-address-planning`,
}, [MANAGED_CLUSTER, AGENT_POOL], (raw, type) => eachPool(raw, type, (pool, at, label) => {
    const r = poolRead(pool, at, ["maxPods"]);
    if ("needs" in r) return r;
    return typeof r.value === "number" && r.value >= MIN_MAX_PODS ? undefined : `${label} has maxPods ${r.value ?? "unset (30)"}; set at least ${MIN_MAX_PODS}`;
}), { scoped: true });

