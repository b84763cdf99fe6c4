// The security pieces around the cluster and workspace, composed from validated config (no config
// reading here): the private network of a private workspace, customer-managed keys, and, once the
// cluster and workspace exist, private endpoints and diagnostic settings.
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import * as authorization from "@pulumi/azure-native/authorization";
import type { AksCluster } from "../components/aksCluster";
import type { ClusterHardening } from "../components/clusterHardening";
import { EncryptionKeys } from "../components/encryptionKeys";
import { Monitoring } from "../components/monitoring";
import { PrivateEndpoints } from "../components/privateEndpoints";
import { PrivateNetwork } from "../components/privateNetwork";
import { logAnalyticsName, Workspace } from "../components/workspace";
import { StackConfig } from "./config";

export interface Foundation {
    network?: PrivateNetwork;
    keys?: EncryptionKeys;
}

/** A private workspace needs the network its cluster is in: built when the program creates both and no subnet is configured. */
export function needsPrivateNetwork(cfg: StackConfig): boolean {
    return cfg.workspace.mode === "create" && cfg.workspace.publicNetworkAccess === "Disabled" && cfg.cluster.mode === "create" && cfg.cluster.vnetSubnetId === undefined;
}

/** What must exist before the cluster and the workspace. */
export function foundation(cfg: StackConfig, prefix: string, resourceGroupName: pulumi.Input<string>): Foundation {
    const tags = { environment: cfg.stack };
    const network = needsPrivateNetwork(cfg) ? new PrivateNetwork(`${prefix}-net`, { resourceGroupName, location: cfg.location, tags }) : undefined;
    const des = cfg.cluster.mode === "create" && cfg.cluster.diskEncryptionSet === true;
    const cmk = cfg.workspace.mode === "create" && cfg.workspace.customerManagedKey === true;
    let keys: EncryptionKeys | undefined;
    if (des || cmk) {
        const suffix = new random.RandomString(`${prefix}-cmk-suffix`, { length: 8, upper: false, special: false }, { protect: cfg.protect }).result;
        keys = new EncryptionKeys(`${prefix}-keys`, {
            resourceGroupName, location: cfg.location, vaultName: pulumi.interpolate`kv-cmk-${suffix}`,
            diskEncryptionSet: des, workspaceKey: cmk, tags, protect: cfg.protect,
        });
    }
    return { network, keys };
}

/**
 * The cluster's hardening: secure defaults always, options from config, logs into the workspace's Log
 * Analytics. The cluster waits for the private endpoints, so that everything on it (the AzureML
 * extension, which dependsOn the cluster in attachment.ts) finds the workspace privately.
 */
export function clusterHardening(cfg: StackConfig, f: Foundation, workspace: Workspace, privateLinks: pulumi.Resource[] = []): ClusterHardening | undefined {
    if (cfg.cluster.mode !== "create") return undefined;
    return {
        logAnalyticsWorkspaceId: workspace.logAnalytics ? logAnalyticsArmId(cfg) : undefined,
        diskEncryptionSetId: f.keys?.diskEncryptionSetId,
        encryptionAtHost: cfg.cluster.encryptionAtHost === true,
        subnetId: f.network?.nodeSubnetId,
        controlPlaneIdentityId: f.network?.controlPlaneIdentityId,
        dependsOn: [...(workspace.logAnalytics ? [workspace.logAnalytics] : []), ...privateLinks],
    };
}

/** Private endpoints of a private workspace (before the cluster: see clusterHardening). */
export function privateLinks(cfg: StackConfig, prefix: string, resourceGroupName: pulumi.Input<string>, f: Foundation, workspace: Workspace): pulumi.Resource[] {
    if (!(f.network && workspace.storageAccountId && workspace.keyVaultId && workspace.registryId)) return [];
    return [new PrivateEndpoints(`${prefix}-pe`, {
        resourceGroupName, location: cfg.location, subnetId: f.network.endpointSubnetId, zoneIds: f.network.zoneIds, tags: { environment: cfg.stack },
        targets: { amlworkspace: workspace.workspaceId, blob: workspace.storageAccountId, file: workspace.storageAccountId, vault: workspace.keyVaultId, registry: workspace.registryId },
    })];
}

/** Diagnostic settings of the cluster (when created here) and the workspace into its Log Analytics workspace. */
export function monitoring(prefix: string, cluster: AksCluster, workspace: Workspace): void {
    if (workspace.logAnalyticsWorkspaceId) {
        const targets: Record<string, pulumi.Input<string>> = { workspace: workspace.workspaceId };
        if (cluster.managed) targets.cluster = cluster.clusterId;
        new Monitoring(`${prefix}-diag`, { logAnalyticsWorkspaceId: workspace.logAnalyticsWorkspaceId, targets });
    }
}

/**
 * The Log Analytics workspace's ARM ID from known names, so that it is known at preview: azure-native
 * fills the cluster's securityProfile defaults in one apply, and one unknown member (the output ID)
 * would make the whole profile unknown to the policies (as computeArmId in program.ts does for the
 * endpoint). The cluster still waits for the workspace (ClusterHardening.dependsOn).
 */
export function logAnalyticsArmId(cfg: StackConfig): pulumi.Output<string> {
    const subscription = authorization.getClientConfigOutput().subscriptionId;
    return pulumi.interpolate`/subscriptions/${subscription}/resourceGroups/${cfg.resourceGroup.name}/providers/Microsoft.OperationalInsights/workspaces/${logAnalyticsName(cfg.workspace.name)}`;
}
