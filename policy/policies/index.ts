// Every policy of the pack, in report order: the platform rules (mandatory), then the baseline (advisory).
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

export const RULES: Policies = [
    purposeCapacity, devtestCapacity, computeNameFormat, computeNameUnique, singleAttachment,
    authorizedRangesStandardLb, controlPlaneRanges, noSeparateAgentPool, gpuInstanceType,
    rolloutDeployments, endpointTraffic, endpointAuth, vmSizeCurrent, kubernetesVersionSupported, instanceTypeFit,
];

export const BASELINE: Policies = [
    baselineRbac, baselineEntraId, baselineApiServerAccess, baselineNetworkPolicy, baselineNodePublicIp,
    baselineAzurePolicyAddon, baselinePaidSla, baselineUpgradeChannel, baselineWorkspacePublicAccess,
    baselineExtensionSecure,
];

export const POLICIES: Policies = [...RULES, ...BASELINE];
