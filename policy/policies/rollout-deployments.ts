import { StackValidationPolicy } from "@pulumi/policy";
import { ONLINE_DEPLOYMENT } from "../lib/types";
import { Node, StackView } from "../lib/stack";
import { isUnknown } from "../lib/values";

export interface RolloutConfig {
    maxDeploymentsPerEndpoint?: number;
}

/** "Control", "other" or "unknown" for a deployment's tags.versionType. */
function versionType(d: Node): "control" | "other" | "unknown" {
    const tags = d.raw.tags;
    const v = isUnknown(tags) ? tags : tags?.versionType;
    if (isUnknown(v)) return "unknown";
    return typeof v === "string" && v.toLowerCase() === "control" ? "control" : "other";
}

export const rolloutDeployments: StackValidationPolicy = {
    name: "rollout-deployments",
    description: "An online endpoint has at most 6 deployments (versions), and at most one is tagged versionType: Control.",
    enforcementLevel: "mandatory",
    severity: "medium",
    remediationSteps: "Remove retired versions (after moving their traffic to 0), and tag a single deployment versionType=Control.",
    url: "https://learn.microsoft.com/azure/machine-learning/how-to-safely-rollout-online-endpoints",
    configSchema: {
        properties: { maxDeploymentsPerEndpoint: { type: "integer", minimum: 1, default: 6, description: "Deployments allowed per endpoint." } },
    },
    validateStack: (args, report) => {
        const max = args.getConfig<RolloutConfig>().maxDeploymentsPerEndpoint ?? 6;
        const view = new StackView(args.resources);
        const groups = new Map<string, Node[]>();
        for (const d of view.ofType(ONLINE_DEPLOYMENT)) {
            const key = view.endpointKey(d);
            if (key !== undefined) groups.set(key, [...(groups.get(key) ?? []), d]);
        }
        for (const [key, deps] of groups) {
            const ep = key.startsWith("urn:") ? view.byUrn(key.slice(4)) : undefined;
            const what = ep ? view.label(ep) : `endpoint ${key}`;
            const urn = ep?.res.urn ?? deps[0].res.urn;
            const names = deps.map((d) => `"${d.res.name}"`).join(", ");
            if (deps.length > max) report(`${what} has ${deps.length} deployments (at most ${max}): ${names}`, urn);
            const controls = deps.filter((d) => versionType(d) === "control");
            const unknown = deps.filter((d) => versionType(d) === "unknown");
            if (controls.length > 1) {
                report(`${what} has ${controls.length} deployments tagged versionType: Control (at most 1): ${controls.map((d) => `"${d.res.name}"`).join(", ")}`, urn);
            } else if (controls.length + unknown.length > 1) {
                view.needs(unknown[0], isUnknown(unknown[0].raw.tags) ? ["tags"] : ["tags", "versionType"]);
            }
        }
        view.undecided.settle();
    },
};
