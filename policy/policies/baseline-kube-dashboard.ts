// checkov CKV_AZURE_8.
import { resourceRule } from "../lib/define";
import { addonEnabled, AKS_DOCS } from "../lib/cluster";
import { MANAGED_CLUSTER } from "../lib/types";

export const baselineKubeDashboard = resourceRule({
    name: "baseline-kube-dashboard", enforcementLevel: "advisory", severity: "medium",
    description: "The Kubernetes dashboard add-on is not enabled (addonProfiles.kubeDashboard).",
    remediationSteps: "Remove addonProfiles.kubeDashboard or set its enabled to false; use the Azure portal's Kubernetes resource view.",
    url: `${AKS_DOCS}/kubernetes-portal`,
}, [MANAGED_CLUSTER], (raw) => {
    const on = addonEnabled(raw, "kubeDashboard");
    if ("needs" in on) return [on];
    return [on.value ? "addonProfiles.kubeDashboard is enabled; disable the Kubernetes dashboard" : undefined];
}, { scoped: true });
