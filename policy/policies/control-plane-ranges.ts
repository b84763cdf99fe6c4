// Silent without configured ranges; then its stack pass is skipped before pulumi-policy deserialises
// the stack (lib/scope.ts explains the `__pulumiType` mechanism), once the rule has seen its config.
import { ResourceValidationPolicy, StackValidation, StackValidationPolicy } from "@pulumi/policy";
import { cidrCovers } from "../lib/cidr";
import { MANAGED_CLUSTER } from "../lib/types";
import { StackView } from "../lib/stack";
import { at, isUnknown } from "../lib/values";
import { NO_TYPE } from "../lib/scope";

export interface ControlPlaneConfig {
    /** Azure ML control-plane ranges (service tag AzureMachineLearning) of the region and its pair. */
    controlPlaneIpRanges?: string[];
}

let configured: boolean | undefined;
const rememberConfig = (c: ControlPlaneConfig) => (configured = (c.controlPlaneIpRanges ?? []).length > 0);

const validateStack: StackValidation = (args, report) => {
    const wanted = args.getConfig<ControlPlaneConfig>().controlPlaneIpRanges ?? [];
    rememberConfig({ controlPlaneIpRanges: wanted });
    if (wanted.length === 0) return;
    const view = new StackView(args.resources);
    const attached = view.attachedClusterUrns();
    for (const cluster of view.ofType(MANAGED_CLUSTER).filter((c) => attached.has(c.res.urn))) {
        const ranges = at(cluster.raw, ["apiServerAccessProfile", "authorizedIPRanges"]);
        if (isUnknown(ranges) || (Array.isArray(ranges) && ranges.some(isUnknown))) {
            view.needs(cluster, ["apiServerAccessProfile", "authorizedIPRanges"]);
            continue;
        }
        if (!Array.isArray(ranges) || ranges.length === 0) continue;
        const missing = wanted.filter((w) => !ranges.some((r: string) => cidrCovers(r, w)));
        if (missing.length > 0) {
            report(`${view.label(cluster)}: authorizedIPRanges miss the Azure ML control-plane ranges ${missing.join(", ")}; Azure ML cannot reach the API server`, cluster.res.urn);
        }
    }
    view.undecided.settle();
};
Object.defineProperty(validateStack, "__pulumiType", { get: () => (configured === false ? NO_TYPE : undefined) });

export const controlPlaneRanges: StackValidationPolicy & ResourceValidationPolicy = {
    name: "control-plane-ranges",
    description: "Attached clusters with authorized IP ranges include the configured Azure ML control-plane ranges.",
    enforcementLevel: "advisory",
    severity: "medium",
    remediationSteps: "Add the AzureMachineLearning service-tag ranges of the region and its paired region to apiServerAccessProfile.authorizedIPRanges, and list them in this policy's controlPlaneIpRanges.",
    url: "https://learn.microsoft.com/azure/machine-learning/how-to-attach-kubernetes-to-workspace",
    configSchema: {
        properties: {
            controlPlaneIpRanges: {
                type: "array",
                items: { type: "string" },
                description: "CIDRs of the Azure ML control plane (service tag AzureMachineLearning) of the region and its pair.",
                default: [],
            },
        },
    },
    // Only reads its config (every Analyze call), so that a change of config is seen before AnalyzeStack.
    validateResource: (args) => void rememberConfig(args.getConfig<ControlPlaneConfig>()),
    validateStack,
};
