import { resourceRule, Verdict, readAt } from "../lib/define";
import { AGENT_POOL, MANAGED_CLUSTER } from "../lib/types";
import { isUnknown } from "../lib/values";

const AKS = "https://learn.microsoft.com/azure/aks";

export const baselineNodePublicIp = resourceRule({
    name: "baseline-node-public-ip", enforcementLevel: "advisory", severity: "high",
    description: "No agent pool gives its nodes public IPs (enableNodePublicIP).",
    remediationSteps: "Remove enableNodePublicIP: true; reach nodes through the cluster's load balancer or a bastion.",
    url: `${AKS}/use-node-public-ips`,
}, [MANAGED_CLUSTER, AGENT_POOL], (raw, type) => {
    if (type === AGENT_POOL) {
        const r = readAt(raw, ["enableNodePublicIP"]);
        return ["needs" in r ? r : r.value === true ? "enableNodePublicIP is true; nodes get public IPs" : undefined];
    }
    const pools = raw.agentPoolProfiles;
    if (isUnknown(pools)) return [{ needs: ["agentPoolProfiles"] }];
    return (Array.isArray(pools) ? pools : []).map((p: any, i: number): Verdict => {
        const r = readAt(raw, ["agentPoolProfiles", i, "enableNodePublicIP"]);
        if ("needs" in r) return { needs: ["agentPoolProfiles", i, "enableNodePublicIP"] };
        return r.value === true ? `agentPoolProfiles[${i}] ("${typeof p?.name === "string" ? p.name : "?"}") has enableNodePublicIP: true; nodes get public IPs` : undefined;
    });
}, { scoped: true });
