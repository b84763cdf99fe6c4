// Azure Policy 28257686 (every pool's securityProfile.sshAccess "Disabled"; unset means LocalUser).
import { resourceRule } from "../lib/define";
import { AKS_DOCS, eachPool, poolRead } from "../lib/cluster";
import { AGENT_POOL, MANAGED_CLUSTER } from "../lib/types";

export const baselineSshDisabled = resourceRule({
    name: "baseline-ssh-disabled", enforcementLevel: "advisory", severity: "medium",
    description: "SSH to the nodes is disabled on every agent pool (securityProfile.sshAccess \"Disabled\").",
    remediationSteps: "Set securityProfile: { sshAccess: \"Disabled\" } on every pool; debug nodes with kubectl debug.",
    url: `${AKS_DOCS}/manage-ssh-node-access`,
}, [MANAGED_CLUSTER, AGENT_POOL], (raw, type) => eachPool(raw, type, (pool, at, label) => {
    const r = poolRead(pool, at, ["securityProfile", "sshAccess"]);
    if ("needs" in r) return r;
    return typeof r.value === "string" && r.value.toLowerCase() === "disabled" ? undefined : `${label} has securityProfile.sshAccess ${r.value === undefined ? "unset (LocalUser)" : `"${r.value}"`}; set "Disabled"`;
}), { scoped: true });
