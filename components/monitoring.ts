// Monitoring: diagnostic settings of the cluster and the Azure ML workspace into the workspace's Log
// Analytics workspace (Azure Policy 245fc9df / afe0c3be "Resource logs in ... should be enabled").
// Container Insights and the Defender profile are cluster properties (clusterHardening.ts).
// Category groups: allLogs (learn.microsoft.com/azure/azure-monitor/essentials/diagnostic-settings,
// "Category groups"); AKS and Azure ML workspaces both publish allLogs and AllMetrics.
import * as pulumi from "@pulumi/pulumi";
import * as monitor from "@pulumi/azure-native/monitor";

export interface MonitoringArgs {
    logAnalyticsWorkspaceId: pulumi.Input<string>;
    /** Resources whose logs go to the workspace, by short name (used in child names). */
    targets: Record<string, pulumi.Input<string>>;
}

export class Monitoring extends pulumi.ComponentResource {
    readonly settingIds: pulumi.Output<string>[];

    constructor(name: string, args: MonitoringArgs, opts?: pulumi.ComponentResourceOptions) {
        super("aks-ml:index:Monitoring", name, {}, opts);
        this.settingIds = Object.entries(args.targets).map(([target, resourceUri]) => new monitor.DiagnosticSetting(`${name}-${target}`, {
            name: "to-log-analytics",
            resourceUri,
            workspaceId: args.logAnalyticsWorkspaceId,
            logAnalyticsDestinationType: "Dedicated",
            logs: [{ categoryGroup: "allLogs", enabled: true }],
            metrics: [{ category: "AllMetrics", enabled: true }],
        }, { parent: this }).id);
        this.registerOutputs({ settingIds: this.settingIds });
    }
}
