import { resourceRule, readAt } from "../lib/define";
import { MANAGED_CLUSTER } from "../lib/types";
import { KUBERNETES_VERSIONS_SOURCE, kubernetesVersionProblem } from "../rules/kubernetesVersions";
import { isoDay } from "../rules/vmSizes";

/** A pinned Kubernetes version past AKS end of life (policy/rules/kubernetesVersions.ts: calendar and source). */
export const kubernetesVersionSupported = resourceRule({
    name: "kubernetes-version-supported", enforcementLevel: "mandatory", severity: "high",
    description: "A cluster's kubernetesVersion, when pinned, is a version AKS still supports (not past end of life).",
    remediationSteps: "Set kubernetesVersion to one of the supported versions the message lists (or leave it unset for AKS's default) and keep an upgrade channel.",
    url: KUBERNETES_VERSIONS_SOURCE,
}, [MANAGED_CLUSTER], (raw) => {
    const r = readAt(raw, ["kubernetesVersion"]);
    if ("needs" in r) return [r];
    if (typeof r.value !== "string" || r.value === "") return [];
    const problem = kubernetesVersionProblem(r.value, isoDay(new Date()));
    return [problem ? `kubernetesVersion: ${problem}` : undefined];
});
