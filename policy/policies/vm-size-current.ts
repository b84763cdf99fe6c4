import { resourceRule, readAt, Verdict } from "../lib/define";
import { AGENT_POOL, MANAGED_CLUSTER } from "../lib/types";
import { isoDay, retiredVmSizeProblem } from "../rules/vmSizes";

/** Retired VM sizes (policy/rules/vmSizes.ts: dates and sources) in a cluster's pools or an AgentPool. */
export const vmSizeCurrent = resourceRule({
    name: "vm-size-current", enforcementLevel: "mandatory", severity: "high",
    description: "Node pools use VM sizes that Azure has not retired (retirement dates in the pack's VM size catalog).",
    remediationSteps: "Move the pool to the current size the message names (or another current size), then remove the retired one.",
    url: "https://learn.microsoft.com/azure/virtual-machines/sizes",
}, [MANAGED_CLUSTER, AGENT_POOL], (raw, type) => {
    const today = isoDay(new Date());
    const check = (path: (string | number)[], label: string): Verdict => {
        const r = readAt(raw, path);
        if ("needs" in r) return r;
        const problem = typeof r.value === "string" ? retiredVmSizeProblem(r.value, today) : undefined;
        return problem ? `${label}: ${problem}` : undefined;
    };
    if (type === AGENT_POOL) return [check(["vmSize"], "vmSize")];
    const pools = readAt(raw, ["agentPoolProfiles"]);
    if ("needs" in pools) return [pools];
    return (Array.isArray(pools.value) ? pools.value : []).map((p: any, i: number) =>
        check(["agentPoolProfiles", i, "vmSize"], `agentPoolProfiles[${i}] (${typeof p?.name === "string" ? p.name : "?"}).vmSize`));
});
