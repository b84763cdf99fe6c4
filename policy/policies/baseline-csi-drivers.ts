// Azure Policy c5110b6e (the disk, file and snapshot CSI drivers are not disabled; on by default).
import { readAt, resourceRule, Verdict } from "../lib/define";
import { AKS_DOCS } from "../lib/cluster";
import { MANAGED_CLUSTER } from "../lib/types";

const DRIVERS = ["diskCSIDriver", "fileCSIDriver", "snapshotController"];

export const baselineCsiDrivers = resourceRule({
    name: "baseline-csi-drivers", enforcementLevel: "advisory", severity: "low",
    description: "The Container Storage Interface drivers stay enabled (storageProfile.diskCSIDriver, fileCSIDriver, snapshotController not disabled).",
    remediationSteps: "Remove enabled: false from storageProfile's CSI drivers.",
    url: `${AKS_DOCS}/csi-storage-drivers`,
}, [MANAGED_CLUSTER], (raw) => DRIVERS.map((d): Verdict => {
    const r = readAt(raw, ["storageProfile", d, "enabled"]);
    if ("needs" in r) return r;
    return r.value === false ? `storageProfile.${d}.enabled is false; keep the CSI driver enabled` : undefined;
}), { scoped: true });
