// checkov CKV_AZURE_150 (an unset minNodeCount is 0).
import { readAt, resourceRule } from "../lib/define";
import { COMPUTE } from "../lib/types";
import { computeTypeOf } from "../lib/compute";

export const baselineComputeMinNodes = resourceRule({
    name: "baseline-compute-min-nodes", enforcementLevel: "advisory", severity: "low",
    description: "Azure ML compute clusters scale to zero (properties.properties.scaleSettings.minNodeCount 0).",
    remediationSteps: "Set scaleSettings.minNodeCount: 0 on AmlCompute clusters.",
    url: "https://learn.microsoft.com/azure/machine-learning/how-to-create-attach-compute-cluster",
}, [COMPUTE], (raw) => {
    const ct = computeTypeOf(raw);
    if ("needs" in ct) return [ct];
    if (ct.value !== "amlcompute") return [];
    const r = readAt(raw, ["properties", "properties", "scaleSettings", "minNodeCount"]);
    if ("needs" in r) return [r];
    return [r.value === undefined || r.value === 0 ? undefined : `properties.properties.scaleSettings.minNodeCount is ${r.value}; idle nodes keep billing`];
});
