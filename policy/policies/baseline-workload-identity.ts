// Azure Policy 2cc2e023 (workload identity); stronger: the OIDC issuer it needs must be on too.
import { readAt, resourceRule, Verdict } from "../lib/define";
import { AKS_DOCS } from "../lib/cluster";
import { MANAGED_CLUSTER } from "../lib/types";

export const baselineWorkloadIdentity = resourceRule({
    name: "baseline-workload-identity", enforcementLevel: "advisory", severity: "medium",
    description: "Workload identity and the OIDC issuer it relies on are enabled (securityProfile.workloadIdentity.enabled, oidcIssuerProfile.enabled).",
    remediationSteps: "Set securityProfile.workloadIdentity: { enabled: true } and oidcIssuerProfile: { enabled: true }.",
    url: `${AKS_DOCS}/workload-identity-deploy-cluster`,
}, [MANAGED_CLUSTER], (raw) => {
    const out: Verdict[] = [];
    const wi = readAt(raw, ["securityProfile", "workloadIdentity", "enabled"]);
    const oidc = readAt(raw, ["oidcIssuerProfile", "enabled"]);
    if ("needs" in wi) out.push(wi);
    else if (wi.value !== true) out.push("securityProfile.workloadIdentity.enabled is not true; pods cannot use Microsoft Entra workload identity");
    if ("needs" in oidc) out.push(oidc);
    else if (oidc.value !== true) out.push("oidcIssuerProfile.enabled is not true; workload identity needs the OIDC issuer");
    return out;
}, { scoped: true });
