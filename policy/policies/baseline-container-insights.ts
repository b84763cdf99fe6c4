// checkov CKV_AZURE_4 (omsagent add-on enabled); the workspace it logs to must be named as well.
import { readAt, resourceRule } from "../lib/define";
import { addonEnabled } from "../lib/cluster";
import { MANAGED_CLUSTER } from "../lib/types";

export const baselineContainerInsights = resourceRule({
    name: "baseline-container-insights", enforcementLevel: "advisory", severity: "medium",
    description: "Container Insights is enabled (addonProfiles.omsagent.enabled) and sends to a Log Analytics workspace (config.logAnalyticsWorkspaceResourceID).",
    remediationSteps: "Set addonProfiles: { omsagent: { enabled: true, config: { logAnalyticsWorkspaceResourceID: <workspace id>, useAADAuth: \"true\" } } }.",
    url: "https://learn.microsoft.com/azure/azure-monitor/containers/kubernetes-monitoring-enable",
}, [MANAGED_CLUSTER], (raw) => {
    const on = addonEnabled(raw, "omsagent");
    if ("needs" in on) return [on];
    if (!on.value) return ["addonProfiles.omsagent is not enabled; enable Container Insights"];
    const ws = readAt(raw, [...on.path, "config", "logAnalyticsWorkspaceResourceID"] as string[]);
    if ("needs" in ws) return [];  // an output ID (the workspace the stack creates) names one
    return [typeof ws.value === "string" && ws.value.length > 0 ? undefined : "addonProfiles.omsagent.config.logAnalyticsWorkspaceResourceID is not set; name the Log Analytics workspace"];
}, { scoped: true });
