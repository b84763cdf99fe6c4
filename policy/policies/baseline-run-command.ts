// Azure Policy 89f2d532.
import { readAt, resourceRule } from "../lib/define";
import { AKS_DOCS } from "../lib/cluster";
import { MANAGED_CLUSTER, RUN_COMMAND_PURPOSE, RUN_COMMAND_TAG } from "../lib/types";

export const baselineRunCommand = resourceRule({
    name: "baseline-run-command", enforcementLevel: "advisory", severity: "medium",
    description: `Command invoke (run command through ARM) is disabled (apiServerAccessProfile.disableRunCommand), unless the cluster's tag ${RUN_COMMAND_TAG}: ${RUN_COMMAND_PURPOSE} says the stack applies its in-cluster objects with it.`,
    remediationSteps: `Set apiServerAccessProfile.disableRunCommand: true, or tag the cluster ${RUN_COMMAND_TAG}: ${RUN_COMMAND_PURPOSE} where command invoke is the stack's ARM-only path into the cluster (and restrict runcommand/action to that path's identity).`,
    url: `${AKS_DOCS}/access-private-cluster`,
}, [MANAGED_CLUSTER], (raw) => {
    const r = readAt(raw, ["apiServerAccessProfile", "disableRunCommand"]);
    if ("needs" in r) return [r];
    if (r.value === true) return [undefined];
    // aks-ml-serving applies InstanceTypes, the model namespace and its NetworkPolicy through command
    // invoke (components/clusterObjects.ts), the one path into a cluster with authorized ranges that
    // needs no runner inside them; it says so with a tag.
    const purpose = readAt(raw, ["tags", RUN_COMMAND_TAG]);
    if ("needs" in purpose) return [purpose];
    return [purpose.value === RUN_COMMAND_PURPOSE ? undefined : "apiServerAccessProfile.disableRunCommand is not true; anyone with the cluster's ARM rights can run commands in it"];
}, { scoped: true });
