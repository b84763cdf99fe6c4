import { readAt, resourceRule } from "../lib/define";
import { WORKSPACE } from "../lib/types";

export const baselineWorkspacePublicAccess = resourceRule({
    name: "baseline-workspace-public-access", enforcementLevel: "advisory", severity: "medium",
    description: "Azure ML workspaces disable public network access (publicNetworkAccess: Disabled).",
    remediationSteps: "Set publicNetworkAccess: \"Disabled\" and reach the workspace through a private endpoint.",
    url: "https://learn.microsoft.com/azure/machine-learning/how-to-configure-private-link",
}, [WORKSPACE], (raw) => {
    const r = readAt(raw, ["publicNetworkAccess"]);
    if ("needs" in r) return [r];
    const v = r.value;
    return [typeof v === "string" && v.toLowerCase() === "disabled" ? undefined : `publicNetworkAccess is ${v === undefined ? "not set (Enabled)" : `"${v}"`}; set it to "Disabled"`];
});
