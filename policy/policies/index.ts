// Every policy of the pack, in report order: the platform rules and Azure ML prerequisites (mandatory),
// then the baseline (advisory). policy/README.md maps them to checkov and the Azure Policy built-ins.
import { Policies } from "@pulumi/policy";
import { authorizedRangesStandardLb } from "./authorized-ranges-standard-lb";
import { baselineApiServerAccess } from "./baseline-api-server-access";
import { baselineAzurePolicyAddon } from "./baseline-azure-policy-addon";
import { baselineEntraId } from "./baseline-entra-id";
import { baselineExtensionSecure } from "./baseline-extension-secure";
import { baselineNetworkPolicy } from "./baseline-network-policy";
import { baselineNodePublicIp } from "./baseline-node-public-ip";
import { baselinePaidSla } from "./baseline-paid-sla";
import { baselineRbac } from "./baseline-rbac";
import { baselineUpgradeChannel } from "./baseline-upgrade-channel";
import { baselineWorkspacePublicAccess } from "./baseline-workspace-public-access";
import { computeNameFormat } from "./compute-name-format";
import { computeNameUnique } from "./compute-name-unique";
import { controlPlaneRanges } from "./control-plane-ranges";
import { devtestCapacity } from "./devtest-capacity";
import { endpointAuth } from "./endpoint-auth";
import { endpointTraffic } from "./endpoint-traffic";
import { gpuInstanceType } from "./gpu-instance-type";
import { instanceTypeFit } from "./instance-type-fit";
import { kubernetesVersionSupported } from "./kubernetes-version-supported";
import { noSeparateAgentPool } from "./no-separate-agent-pool";
import { purposeCapacity } from "./purpose-capacity";
import { rolloutDeployments } from "./rollout-deployments";
import { singleAttachment } from "./single-attachment";
import { vmSizeCurrent } from "./vm-size-current";

import { azuremlPrerequisites } from "./azureml-prerequisites";
import { noting } from "../lib/seen";
import { baselineContainerInsights } from "./baseline-container-insights";
import { baselineKubeDashboard } from "./baseline-kube-dashboard";
import { baselineHttpAppRouting } from "./baseline-http-app-routing";
import { baselineSecretRotation } from "./baseline-secret-rotation";
import { baselineDiskEncryptionSet } from "./baseline-disk-encryption-set";
import { baselineEncryptionAtHost } from "./baseline-encryption-at-host";
import { baselineMaxPods } from "./baseline-max-pods";
import { baselineScaleSets } from "./baseline-scale-sets";
import { baselineAzureCni } from "./baseline-azure-cni";
import { baselineDefender } from "./baseline-defender";
import { baselineWorkloadIdentity } from "./baseline-workload-identity";
import { baselineImageCleaner } from "./baseline-image-cleaner";
import { baselineNodeOsUpgrade } from "./baseline-node-os-upgrade";
import { baselineRunCommand } from "./baseline-run-command";
import { baselineSshDisabled } from "./baseline-ssh-disabled";
import { baselineCsiDrivers } from "./baseline-csi-drivers";
import { baselineWorkspaceCmk } from "./baseline-workspace-cmk";
import { baselineComputeLocalAuth } from "./baseline-compute-local-auth";
import { baselineComputeMinNodes } from "./baseline-compute-min-nodes";
import { baselineComputeIdleShutdown } from "./baseline-compute-idle-shutdown";
import { baselineComputeVnet } from "./baseline-compute-vnet";
export const RULES: Policies = [
    purposeCapacity, devtestCapacity, computeNameFormat, computeNameUnique, singleAttachment,
    authorizedRangesStandardLb, controlPlaneRanges, noSeparateAgentPool, gpuInstanceType,
    rolloutDeployments, endpointTraffic, endpointAuth, vmSizeCurrent, kubernetesVersionSupported, instanceTypeFit, azuremlPrerequisites,
];

export const BASELINE: Policies = [
    baselineRbac, baselineEntraId, baselineApiServerAccess, baselineNetworkPolicy, baselineNodePublicIp,
    baselineAzurePolicyAddon, baselinePaidSla, baselineUpgradeChannel, baselineWorkspacePublicAccess,
    baselineExtensionSecure,
    baselineContainerInsights, baselineKubeDashboard, baselineHttpAppRouting, baselineSecretRotation, baselineDiskEncryptionSet, baselineEncryptionAtHost, baselineMaxPods, baselineScaleSets, baselineAzureCni, baselineDefender, baselineWorkloadIdentity, baselineImageCleaner, baselineNodeOsUpgrade, baselineRunCommand, baselineSshDisabled, baselineCsiDrivers, baselineWorkspaceCmk, baselineComputeLocalAuth, baselineComputeMinNodes, baselineComputeIdleShutdown, baselineComputeVnet,
];

/**
 * Every policy; the resource policies note the path parameters of what they see first, for the
 * stack policies (lib/seen.ts: AnalyzeStack's outputs lack them).
 */
export const POLICIES: Policies = [...RULES, ...BASELINE].map((p) => ("validateResource" in p ? noting(p) : p));
