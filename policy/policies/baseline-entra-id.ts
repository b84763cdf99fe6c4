// AzureML needs local accounts on an attached cluster, so disableLocalAccounts is deliberately not demanded.
import { resourceRule } from "../lib/define";
import { MANAGED_CLUSTER } from "../lib/types";

const AKS = "https://learn.microsoft.com/azure/aks";

export const baselineEntraId = resourceRule({
    name: "baseline-entra-id", enforcementLevel: "advisory", severity: "high",
    description: "The cluster integrates Microsoft Entra ID (aadProfile is set). Local accounts stay enabled: Azure ML needs them.",
    remediationSteps: "Set aadProfile { managed: true, enableAzureRBAC: true, adminGroupObjectIDs: [...] }. Do not set disableLocalAccounts on a cluster attached to Azure ML.",
    url: `${AKS}/enable-authentication-microsoft-entra-id`,
}, [MANAGED_CLUSTER], (raw) => [raw.aadProfile === undefined || raw.aadProfile === null ? "aadProfile is not set; integrate Microsoft Entra ID" : undefined], { scoped: true });
