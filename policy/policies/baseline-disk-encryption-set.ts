// checkov CKV_AZURE_117; Azure Policy 7d7be79c (OS and data disks encrypted by customer-managed keys).
import { readAt, resourceRule } from "../lib/define";
import { AKS_DOCS } from "../lib/cluster";
import { MANAGED_CLUSTER } from "../lib/types";

export const baselineDiskEncryptionSet = resourceRule({
    name: "baseline-disk-encryption-set", enforcementLevel: "advisory", severity: "medium",
    description: "Node OS and data disks are encrypted with a customer-managed key (diskEncryptionSetID).",
    remediationSteps: "Create a disk encryption set on a Key Vault key and set diskEncryptionSetID on the ManagedCluster (at creation).",
    url: `${AKS_DOCS}/azure-disk-customer-managed-keys`,
}, [MANAGED_CLUSTER], (raw) => {
    const r = readAt(raw, ["diskEncryptionSetID"]);
    if ("needs" in r) return [];  // an output ID names a disk encryption set
    return [typeof r.value === "string" && r.value.length > 0 ? undefined : "diskEncryptionSetID is not set; node disks use platform-managed keys"];
}, { scoped: true });
