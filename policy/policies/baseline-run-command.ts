// Azure Policy 89f2d532.
import { readAt, resourceRule } from "../lib/define";
import { AKS_DOCS } from "../lib/cluster";
import { MANAGED_CLUSTER } from "../lib/types";

export const baselineRunCommand = resourceRule({
    name: "baseline-run-command", enforcementLevel: "advisory", severity: "medium",
    description: "Command invoke (run command through ARM) is disabled (apiServerAccessProfile.disableRunCommand).",
    remediationSteps: "Set apiServerAccessProfile.disableRunCommand: true.",
    url: `${AKS_DOCS}/access-private-cluster`,
}, [MANAGED_CLUSTER], (raw) => {
    const r = readAt(raw, ["apiServerAccessProfile", "disableRunCommand"]);
    if ("needs" in r) return [r];
    return [r.value === true ? undefined : "apiServerAccessProfile.disableRunCommand is not true; anyone with the cluster's ARM rights can run commands in it"];
}, { scoped: true });
