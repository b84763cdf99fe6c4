// Secure defaults for a created ManagedCluster, merged into its arguments by AksCluster (pure, tested
// without mocks). Each property is the one the pack's baseline reads (policy/README.md); shapes are
// azure-native 3.28.0's ManagedClusterArgs (node_modules/@pulumi/azure-native/types/input.d.ts).
// - Container Insights (addonProfiles.omsagent with logAnalyticsWorkspaceResourceID, useAADAuth) and
//   the Defender profile report to the workspace's Log Analytics workspace
//   (learn.microsoft.com/azure/azure-monitor/containers/kubernetes-monitoring-enable,
//   learn.microsoft.com/azure/defender-for-cloud/defender-for-containers-enable).
// - Workload identity needs the OIDC issuer (learn.microsoft.com/azure/aks/workload-identity-deploy-cluster).
// - Key Vault secrets provider with rotation (azure/aks/csi-secrets-store-configuration-options).
// - Image Cleaner every 7 days (azure/aks/image-cleaner); node OS channel NodeImage
//   (azure/aks/auto-upgrade-node-os-image); run command disabled (azure/aks/access-private-cluster);
//   sshAccess Disabled per pool (azure/aks/manage-ssh-node-access); maxPods 50 per node (Azure CNI
//   default 30; each node reserves maxPods + 1 subnet IPs: azure/aks/concepts-network-ip-address-planning).
// - Options: a disk encryption set (diskEncryptionSetID, set at creation only:
//   azure/aks/azure-disk-customer-managed-keys) and encryption at host (enableEncryptionAtHost, needs
//   the subscription feature Microsoft.Compute/EncryptionAtHost: azure/aks/enable-host-encryption).
// - In a subnet of our own (private workspace), the control plane uses a user-assigned identity that
//   holds Network Contributor on the VNet before the cluster exists (azure/aks/configure-azure-cni).
// Never disables local accounts: Azure ML needs them (pack policy azureml-prerequisites).
import * as pulumi from "@pulumi/pulumi";
import type * as containerservice from "@pulumi/azure-native/containerservice";

export const MAX_PODS = 50;

export interface ClusterHardening {
    /** Log Analytics workspace for Container Insights and Defender (the Azure ML workspace's). */
    logAnalyticsWorkspaceId?: pulumi.Input<string>;
    diskEncryptionSetId?: pulumi.Input<string>;
    encryptionAtHost: boolean;
    /** Subnet for the nodes (private network), when config names none. */
    subnetId?: pulumi.Input<string>;
    /** User-assigned identity of the control plane (required with `subnetId`). */
    controlPlaneIdentityId?: pulumi.Input<string>;
    /** What the cluster must wait for (the Log Analytics workspace when its ID is built from names). */
    dependsOn?: pulumi.Resource[];
}

type Args = containerservice.ManagedClusterArgs;

/** `base` with the secure defaults and options merged in (base values of the same keys are kept unless hardened). */
export function harden(base: Args, h: ClusterHardening | undefined): Args {
    if (!h) return base;
    const pools = (base.agentPoolProfiles ?? []) as any[];
    const addons = (base.addonProfiles ?? {}) as Record<string, any>;
    const monitored = h.logAnalyticsWorkspaceId !== undefined;
    return {
        ...base,
        identity: h.controlPlaneIdentityId ? { type: "UserAssigned", userAssignedIdentities: [h.controlPlaneIdentityId] } : base.identity,
        agentPoolProfiles: pools.map((p) => ({
            ...p,
            vnetSubnetID: p.vnetSubnetID ?? h.subnetId,
            maxPods: MAX_PODS,
            enableEncryptionAtHost: h.encryptionAtHost || undefined,
            securityProfile: { ...p.securityProfile, sshAccess: "Disabled" },
        })),
        addonProfiles: {
            ...addons,
            azureKeyvaultSecretsProvider: { enabled: true, config: { enableSecretRotation: "true", rotationPollInterval: "2m" } },
            ...(monitored ? { omsagent: { enabled: true, config: { logAnalyticsWorkspaceResourceID: h.logAnalyticsWorkspaceId!, useAADAuth: "true" } } } : {}),
        },
        oidcIssuerProfile: { enabled: true },
        securityProfile: {
            workloadIdentity: { enabled: true },
            imageCleaner: { enabled: true, intervalHours: 168 },
            ...(monitored ? { defender: { logAnalyticsWorkspaceResourceId: h.logAnalyticsWorkspaceId!, securityMonitoring: { enabled: true } } } : {}),
        },
        autoUpgradeProfile: { ...(base.autoUpgradeProfile as object), nodeOSUpgradeChannel: "NodeImage" },
        // Command invoke stays on: it is how the in-cluster objects are applied through ARM
        // (components/clusterObjects.ts; only that script's identity holds runcommand/action). The
        // cluster's RUN_COMMAND_TAG says so to baseline-run-command.
        apiServerAccessProfile: { ...(base.apiServerAccessProfile as object), disableRunCommand: false },
        diskEncryptionSetID: h.diskEncryptionSetId ?? base.diskEncryptionSetID,
    };
}
