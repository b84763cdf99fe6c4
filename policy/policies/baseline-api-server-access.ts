// Ranges whose union covers every address (0.0.0.0/0, ::/0, 0.0.0.0/1 + 128.0.0.0/1) leave the API
// server as public as no ranges at all (Pulumi's own AKS template sets 0.0.0.0/0).
import { resourceRule, readAt } from "../lib/define";
import { publicFamilies } from "../lib/cidr";
import { MANAGED_CLUSTER } from "../lib/types";
import { isUnknown } from "../lib/values";

const AKS = "https://learn.microsoft.com/azure/aks";

export const baselineApiServerAccess = resourceRule({
    name: "baseline-api-server-access", enforcementLevel: "advisory", severity: "high",
    description: "The API server is private (enablePrivateCluster) or restricted to authorized IP ranges that do not cover the whole internet.",
    remediationSteps: "Set apiServerAccessProfile.authorizedIPRanges to your ranges (including the Azure ML control-plane ranges), never 0.0.0.0/0 or ::/0, or enablePrivateCluster: true.",
    url: `${AKS}/api-server-authorized-ip-ranges`,
}, [MANAGED_CLUSTER], (raw) => {
    const priv = readAt(raw, ["apiServerAccessProfile", "enablePrivateCluster"]);
    if ("value" in priv && priv.value === true) return [];
    const ranges = readAt(raw, ["apiServerAccessProfile", "authorizedIPRanges"]);
    if ("value" in ranges && Array.isArray(ranges.value) && ranges.value.length > 0) {
        const unknownAt = ranges.value.findIndex(isUnknown);
        const open = publicFamilies(ranges.value.filter((r: unknown) => typeof r === "string" && !isUnknown(r)));
        if (open.length > 0) return [`apiServerAccessProfile.authorizedIPRanges (${ranges.value.join(", ")}) cover every ${open.join(" and ")} address; the API server is public to the internet`];
        return unknownAt >= 0 ? [{ needs: ["apiServerAccessProfile", "authorizedIPRanges", unknownAt] }] : [];
    }
    if ("needs" in priv) return [priv];
    if ("needs" in ranges) return [ranges];
    return ["the API server is public to the internet: set apiServerAccessProfile.authorizedIPRanges or enablePrivateCluster"];
}, { scoped: true });
