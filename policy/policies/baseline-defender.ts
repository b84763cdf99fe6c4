// Azure Policy a1840de2 (securityProfile.defender.securityMonitoring.enabled); checkov CKV_AZURE_85
// checks the subscription's Defender plan instead (Microsoft.Security/pricings), not the cluster.
import { readAt, resourceRule } from "../lib/define";
import { MANAGED_CLUSTER } from "../lib/types";

export const baselineDefender = resourceRule({
    name: "baseline-defender", enforcementLevel: "advisory", severity: "high",
    description: "The Defender profile is enabled (securityProfile.defender.securityMonitoring.enabled) and reports to a Log Analytics workspace.",
    remediationSteps: "Set securityProfile.defender: { logAnalyticsWorkspaceResourceId: <workspace id>, securityMonitoring: { enabled: true } } (and the Defender for Containers plan on the subscription).",
    url: "https://learn.microsoft.com/azure/defender-for-cloud/defender-for-containers-enable",
}, [MANAGED_CLUSTER], (raw) => {
    const r = readAt(raw, ["securityProfile", "defender", "securityMonitoring", "enabled"]);
    if ("needs" in r) return [r];
    return [r.value === true ? undefined : "securityProfile.defender.securityMonitoring.enabled is not true; enable the Defender profile"];
}, { scoped: true });
