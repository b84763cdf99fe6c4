import { resourceRule, readAt } from "../lib/define";
import { MANAGED_CLUSTER } from "../lib/types";

const AKS = "https://learn.microsoft.com/azure/aks";

export const baselineUpgradeChannel = resourceRule({
    name: "baseline-upgrade-channel", enforcementLevel: "advisory", severity: "medium",
    description: "An automatic upgrade channel is set (autoUpgradeProfile.upgradeChannel other than none).",
    remediationSteps: "Set autoUpgradeProfile.upgradeChannel to \"patch\" or \"stable\" (and a maintenance window).",
    url: `${AKS}/auto-upgrade-cluster`,
}, [MANAGED_CLUSTER], (raw) => {
    const r = readAt(raw, ["autoUpgradeProfile", "upgradeChannel"]);
    if ("needs" in r) return [r];
    return [typeof r.value === "string" && r.value.toLowerCase() !== "none" ? undefined : "autoUpgradeProfile.upgradeChannel is not set; the cluster falls out of support"];
}, { scoped: true });
