// checkov CKV2_AZURE_29; Azure Policy 46238e2f (networkPlugin must be "azure", absent fails too).
import { readAt, resourceRule } from "../lib/define";
import { AKS_DOCS } from "../lib/cluster";
import { MANAGED_CLUSTER } from "../lib/types";

export const baselineAzureCni = resourceRule({
    name: "baseline-azure-cni", enforcementLevel: "advisory", severity: "medium",
    description: "The cluster uses Azure CNI (networkProfile.networkPlugin \"azure\"), needed for network policies and private endpoints in the pods' network.",
    remediationSteps: "Set networkProfile.networkPlugin: \"azure\" (optionally networkPluginMode: \"overlay\"); it is fixed at creation.",
    url: `${AKS_DOCS}/configure-azure-cni`,
}, [MANAGED_CLUSTER], (raw) => {
    const r = readAt(raw, ["networkProfile", "networkPlugin"]);
    if ("needs" in r) return [r];
    return [typeof r.value === "string" && r.value.toLowerCase() === "azure" ? undefined : `networkProfile.networkPlugin is ${r.value === undefined ? "not set" : `"${r.value}"`}; use "azure"`];
}, { scoped: true });
