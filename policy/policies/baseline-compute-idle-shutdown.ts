// Azure Policy 679ddf89.
import { readAt, resourceRule } from "../lib/define";
import { COMPUTE } from "../lib/types";
import { computeTypeOf } from "../lib/compute";

export const baselineComputeIdleShutdown = resourceRule({
    name: "baseline-compute-idle-shutdown", enforcementLevel: "advisory", severity: "low",
    description: "Azure ML compute instances shut down when idle (properties.properties.idleTimeBeforeShutdown).",
    remediationSteps: "Set properties.properties.idleTimeBeforeShutdown, e.g. \"PT60M\", on ComputeInstance computes.",
    url: "https://learn.microsoft.com/azure/machine-learning/how-to-create-compute-instance",
}, [COMPUTE], (raw) => {
    const ct = computeTypeOf(raw);
    if ("needs" in ct) return [ct];
    if (ct.value !== "computeinstance") return [];
    const r = readAt(raw, ["properties", "properties", "idleTimeBeforeShutdown"]);
    if ("needs" in r) return [r];
    return [typeof r.value === "string" && r.value.length > 0 ? undefined : "properties.properties.idleTimeBeforeShutdown is not set; an idle instance keeps running"];
});
