import { resourceRule, readAt } from "../lib/define";
import { MANAGED_CLUSTER } from "../lib/types";

const AKS = "https://learn.microsoft.com/azure/aks";

export const baselineApiServerAccess = resourceRule({
    name: "baseline-api-server-access", enforcementLevel: "advisory", severity: "high",
    description: "The API server is private (enablePrivateCluster) or restricted to authorized IP ranges.",
    remediationSteps: "Set apiServerAccessProfile.authorizedIPRanges (including the Azure ML control-plane ranges) or enablePrivateCluster: true.",
    url: `${AKS}/api-server-authorized-ip-ranges`,
}, [MANAGED_CLUSTER], (raw) => {
    const priv = readAt(raw, ["apiServerAccessProfile", "enablePrivateCluster"]);
    if ("value" in priv && priv.value === true) return [];
    const ranges = readAt(raw, ["apiServerAccessProfile", "authorizedIPRanges"]);
    if ("value" in ranges && Array.isArray(ranges.value) && ranges.value.length > 0) return [];
    if ("needs" in priv) return [priv];
    if ("needs" in ranges) return [ranges];
    return ["the API server is public to the internet: set apiServerAccessProfile.authorizedIPRanges or enablePrivateCluster"];
});
