import { resourceRule, readAt } from "../lib/define";
import { MANAGED_CLUSTER } from "../lib/types";
import { isUnknown } from "../lib/values";

export const baselineAzurePolicyAddon = resourceRule({
    name: "baseline-azure-policy-addon", enforcementLevel: "advisory", severity: "medium",
    description: "The Azure Policy add-on is enabled (addonProfiles.azurepolicy.enabled).",
    remediationSteps: "Set addonProfiles: { azurepolicy: { enabled: true } }.",
    url: "https://learn.microsoft.com/azure/governance/policy/concepts/policy-for-kubernetes",
}, [MANAGED_CLUSTER], (raw) => {
    const addons = raw.addonProfiles;
    if (isUnknown(addons)) return [{ needs: ["addonProfiles"] }];
    const key = Object.keys(addons ?? {}).find((k) => k.toLowerCase() === "azurepolicy");
    if (key === undefined) return ["addonProfiles.azurepolicy is not set; enable the Azure Policy add-on"];
    const r = readAt(raw, ["addonProfiles", key, "enabled"]);
    if ("needs" in r) return [r];
    return [r.value === true ? undefined : `addonProfiles.${key}.enabled is not true; enable the Azure Policy add-on`];
}, { scoped: true });
