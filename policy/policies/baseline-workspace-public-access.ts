import { readAt, resourceRule } from "../lib/define";
import { WORKSPACE, workspaceKind } from "../lib/types";

export const baselineWorkspacePublicAccess = resourceRule({
    name: "baseline-workspace-public-access", enforcementLevel: "advisory", severity: "medium",
    description: "Azure ML workspaces and AI Foundry hubs disable public network access (publicNetworkAccess: Disabled); projects follow their hub.",
    remediationSteps: "Set publicNetworkAccess: \"Disabled\" and reach the workspace through a private endpoint.",
    url: "https://learn.microsoft.com/azure/machine-learning/how-to-configure-private-link",
}, [WORKSPACE], (raw) => {
    const kind = workspaceKind(raw);
    if (kind === "unknown") return [{ needs: ["kind"] }];
    if (kind === "project") return [];
    const r = readAt(raw, ["publicNetworkAccess"]);
    if ("needs" in r) return [r];
    const v = r.value;
    return [typeof v === "string" && v.toLowerCase() === "disabled" ? undefined : `publicNetworkAccess is ${v === undefined ? "not set (Enabled)" : `"${v}"`}; set it to "Disabled"`];
});
