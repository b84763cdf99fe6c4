// Azure Policy af3c26b2.
import { readAt, resourceRule } from "../lib/define";
import { AKS_DOCS } from "../lib/cluster";
import { MANAGED_CLUSTER } from "../lib/types";

export const baselineImageCleaner = resourceRule({
    name: "baseline-image-cleaner", enforcementLevel: "advisory", severity: "low",
    description: "Image Cleaner removes stale, vulnerable images from the nodes (securityProfile.imageCleaner.enabled).",
    remediationSteps: "Set securityProfile.imageCleaner: { enabled: true, intervalHours: 168 }.",
    url: `${AKS_DOCS}/image-cleaner`,
}, [MANAGED_CLUSTER], (raw) => {
    const r = readAt(raw, ["securityProfile", "imageCleaner", "enabled"]);
    if ("needs" in r) return [r];
    return [r.value === true ? undefined : "securityProfile.imageCleaner.enabled is not true; stale images stay on the nodes"];
}, { scoped: true });
