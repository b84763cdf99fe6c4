// checkov CKV_AZURE_142; Azure Policy e96a9a5f (AmlCompute and ComputeInstance only; a Kubernetes
// compute has no local authentication to disable).
import { readAt, resourceRule } from "../lib/define";
import { COMPUTE } from "../lib/types";
import { computeTypeOf } from "../lib/compute";

export const baselineComputeLocalAuth = resourceRule({
    name: "baseline-compute-local-auth", enforcementLevel: "advisory", severity: "medium",
    description: "Azure ML compute clusters and instances disable local authentication (properties.disableLocalAuth).",
    remediationSteps: "Set properties.disableLocalAuth: true on AmlCompute and ComputeInstance computes.",
    url: "https://learn.microsoft.com/azure/machine-learning/how-to-integrate-azure-policy",
}, [COMPUTE], (raw) => {
    const ct = computeTypeOf(raw);
    if ("needs" in ct) return [ct];
    if (ct.value !== "amlcompute" && ct.value !== "computeinstance") return [];
    const r = readAt(raw, ["properties", "disableLocalAuth"]);
    if ("needs" in r) return [r];
    return [r.value === true ? undefined : "properties.disableLocalAuth is not true; the compute accepts local (key) authentication"];
});
