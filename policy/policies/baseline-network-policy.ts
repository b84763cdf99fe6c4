import { resourceRule, readAt } from "../lib/define";
import { MANAGED_CLUSTER } from "../lib/types";

const AKS = "https://learn.microsoft.com/azure/aks";

export const baselineNetworkPolicy = resourceRule({
    name: "baseline-network-policy", enforcementLevel: "advisory", severity: "medium",
    description: "A Kubernetes network policy engine is configured (networkProfile.networkPolicy).",
    remediationSteps: "Set networkProfile.networkPolicy to \"azure\", \"calico\" or \"cilium\".",
    url: `${AKS}/use-network-policies`,
}, [MANAGED_CLUSTER], (raw) => {
    const r = readAt(raw, ["networkProfile", "networkPolicy"]);
    if ("needs" in r) return [r];
    return [typeof r.value === "string" && r.value.toLowerCase() !== "none" ? undefined : "networkProfile.networkPolicy is not set; pods can reach each other unrestricted"];
}, { scoped: true });
