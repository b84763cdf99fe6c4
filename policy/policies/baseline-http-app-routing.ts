// checkov CKV_AZURE_246.
import { resourceRule } from "../lib/define";
import { addonEnabled, AKS_DOCS } from "../lib/cluster";
import { MANAGED_CLUSTER } from "../lib/types";

export const baselineHttpAppRouting = resourceRule({
    name: "baseline-http-app-routing", enforcementLevel: "advisory", severity: "medium",
    description: "The HTTP application routing add-on (not for production, retired) is not enabled (addonProfiles.httpApplicationRouting).",
    remediationSteps: "Remove addonProfiles.httpApplicationRouting; use the application routing add-on (ingressProfile.webAppRouting) or your own ingress.",
    url: `${AKS_DOCS}/http-application-routing`,
}, [MANAGED_CLUSTER], (raw) => {
    const on = addonEnabled(raw, "httpApplicationRouting");
    if ("needs" in on) return [on];
    return [on.value ? "addonProfiles.httpApplicationRouting is enabled; it is not meant for production" : undefined];
}, { scoped: true });
