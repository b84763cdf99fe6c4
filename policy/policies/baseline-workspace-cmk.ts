// Azure Policy ba769a63 / 7f40cee6: encryption.status Enabled; AI Foundry projects are skipped
// (they use their hub's encryption; the built-ins exclude kind "project" too).
import { readAt, resourceRule } from "../lib/define";
import { WORKSPACE, workspaceKind } from "../lib/types";

export const baselineWorkspaceCmk = resourceRule({
    name: "baseline-workspace-cmk", enforcementLevel: "advisory", severity: "medium",
    description: "Azure ML workspaces and AI Foundry hubs are encrypted with a customer-managed key (encryption.status Enabled); projects use their hub's.",
    remediationSteps: "Set encryption: { status: \"Enabled\", keyVaultProperties: { keyVaultArmId, keyIdentifier } } (and an identity with access to the key) at creation.",
    url: "https://learn.microsoft.com/azure/machine-learning/concept-customer-managed-keys",
}, [WORKSPACE], (raw) => {
    const kind = workspaceKind(raw);
    if (kind === "unknown") return [{ needs: ["kind"] }];
    if (kind === "project") return [];
    const r = readAt(raw, ["encryption", "status"]);
    if ("needs" in r) return [r];
    return [typeof r.value === "string" && r.value.toLowerCase() === "enabled" ? undefined : "encryption.status is not \"Enabled\"; workspace data is encrypted with Microsoft-managed keys"];
});
