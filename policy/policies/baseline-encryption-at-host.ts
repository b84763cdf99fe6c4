// checkov CKV_AZURE_227; Azure Policy 41425d9f.
import { resourceRule } from "../lib/define";
import { AKS_DOCS, eachPool, poolRead } from "../lib/cluster";
import { AGENT_POOL, MANAGED_CLUSTER } from "../lib/types";

export const baselineEncryptionAtHost = resourceRule({
    name: "baseline-encryption-at-host", enforcementLevel: "advisory", severity: "medium",
    description: "Every agent pool encrypts temp disks, caches and data flows at the host (enableEncryptionAtHost).",
    remediationSteps: "Register the subscription feature Microsoft.Compute/EncryptionAtHost, then set enableEncryptionAtHost: true on every pool (at creation).",
    url: `${AKS_DOCS}/enable-host-encryption`,
}, [MANAGED_CLUSTER, AGENT_POOL], (raw, type) => eachPool(raw, type, (pool, at, label) => {
    const r = poolRead(pool, at, ["enableEncryptionAtHost"]);
    if ("needs" in r) return r;
    return r.value === true ? undefined : `${label} does not set enableEncryptionAtHost: true; temp disks and caches are not encrypted at the host`;
}), { scoped: true });
