// Azure Policy 7804b5c7 (AmlCompute and ComputeInstance in a subnet).
import { readAt, resourceRule } from "../lib/define";
import { COMPUTE } from "../lib/types";
import { computeTypeOf } from "../lib/compute";

export const baselineComputeVnet = resourceRule({
    name: "baseline-compute-vnet", enforcementLevel: "advisory", severity: "medium",
    description: "Azure ML compute clusters and instances run in a virtual network (properties.properties.subnet.id).",
    remediationSteps: "Set properties.properties.subnet: { id: <subnet id> } on AmlCompute and ComputeInstance computes (or use the workspace's managed network).",
    url: "https://learn.microsoft.com/azure/machine-learning/how-to-secure-training-vnet",
}, [COMPUTE], (raw) => {
    const ct = computeTypeOf(raw);
    if ("needs" in ct) return [ct];
    if (ct.value !== "amlcompute" && ct.value !== "computeinstance") return [];
    const r = readAt(raw, ["properties", "properties", "subnet", "id"]);
    if ("needs" in r) return [];  // an output ID names a subnet
    return [typeof r.value === "string" && r.value.length > 0 ? undefined : "properties.properties.subnet.id is not set; the compute is outside your virtual network"];
});
