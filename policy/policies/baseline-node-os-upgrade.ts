// Azure Policy 04408ca5: nodeOSUpgradeChannel NodeImage or SecurityPatch (its default allowed
// values), or the cluster upgrade channel node-image.
import { readAt, resourceRule } from "../lib/define";
import { AKS_DOCS } from "../lib/cluster";
import { MANAGED_CLUSTER } from "../lib/types";

const ALLOWED = ["nodeimage", "securitypatch"];

export const baselineNodeOsUpgrade = resourceRule({
    name: "baseline-node-os-upgrade", enforcementLevel: "advisory", severity: "medium",
    description: "Node OS images are upgraded automatically (autoUpgradeProfile.nodeOSUpgradeChannel NodeImage or SecurityPatch).",
    remediationSteps: "Set autoUpgradeProfile.nodeOSUpgradeChannel: \"NodeImage\" (or \"SecurityPatch\"), with a maintenance window.",
    url: `${AKS_DOCS}/auto-upgrade-node-os-image`,
}, [MANAGED_CLUSTER], (raw) => {
    const channel = readAt(raw, ["autoUpgradeProfile", "upgradeChannel"]);
    if ("value" in channel && String(channel.value).toLowerCase() === "node-image") return [];
    const r = readAt(raw, ["autoUpgradeProfile", "nodeOSUpgradeChannel"]);
    if ("needs" in r) return [r];
    if (typeof r.value === "string" && ALLOWED.includes(r.value.toLowerCase())) return [];
    if ("needs" in channel) return [channel];
    return [`autoUpgradeProfile.nodeOSUpgradeChannel is ${r.value === undefined ? "not set" : `"${r.value}"`}; use NodeImage or SecurityPatch`];
}, { scoped: true });
