import { resourceRule, readAt } from "../lib/define";
import { MANAGED_CLUSTER } from "../lib/types";

const AKS = "https://learn.microsoft.com/azure/aks";

export const baselineRbac = resourceRule({
    name: "baseline-rbac", enforcementLevel: "advisory", severity: "high",
    description: "Kubernetes RBAC is enabled (enableRBAC is not false).",
    remediationSteps: "Remove enableRBAC: false (AKS enables RBAC by default); RBAC cannot be turned on in place.",
    url: `${AKS}/concepts-identity`,
}, [MANAGED_CLUSTER], (raw) => {
    const r = readAt(raw, ["enableRBAC"]);
    return ["needs" in r ? r : r.value === false ? "enableRBAC is false; Kubernetes RBAC must stay enabled" : undefined];
}, { scoped: true });
