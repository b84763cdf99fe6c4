import { StackValidationPolicy } from "@pulumi/policy";
import { ONLINE_DEPLOYMENT, ONLINE_ENDPOINT, propsKey } from "../lib/types";
import { StackView } from "../lib/stack";
import { isUnknown } from "../lib/values";

export const endpointTraffic: StackValidationPolicy = {
    name: "endpoint-traffic",
    description: "An endpoint's traffic is empty or sums to 100, and names only deployments of that endpoint.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps: "Make the traffic percentages add up to 100 and name only this endpoint's deployments (by deploymentName); ARM refuses traffic to a deployment that does not exist.",
    url: "https://learn.microsoft.com/azure/machine-learning/how-to-safely-rollout-online-endpoints",
    validateStack: (args, report) => {
        const view = new StackView(args.resources);
        const deployments = view.ofType(ONLINE_DEPLOYMENT);
        for (const ep of view.ofType(ONLINE_ENDPOINT)) {
            const key = propsKey(ep.raw, ep.res.type);
            const bag = ep.raw[key];
            const traffic = isUnknown(bag) ? bag : bag?.traffic;
            if (isUnknown(traffic)) {
                view.needs(ep, isUnknown(bag) ? [key] : [key, "traffic"]);
                continue;
            }
            if (traffic === undefined || traffic === null || Object.keys(traffic).length === 0) continue;
            const values = Object.entries(traffic as Record<string, unknown>);
            const unknownValue = values.find(([, v]) => isUnknown(v));
            if (unknownValue) view.needs(ep, [key, "traffic", unknownValue[0]]);
            else {
                const sum = values.reduce((s, [, v]) => s + Number(v), 0);
                if (sum !== 100) report(`${view.label(ep)}: ${key}.traffic sums to ${sum}, not 100 (${values.map(([k, v]) => `${k}=${v}`).join(", ")})`, ep.res.urn);
            }
            const own = deployments.filter((d) => view.endpointOfDeployment(d) === ep);
            const names = own.map((d) => view.ownName(d));
            for (const [name] of values) {
                if (names.includes(name.toLowerCase())) continue;
                const unnamed = own.find((d) => isUnknown(d.raw.deploymentName));
                if (unnamed) view.needs(unnamed, ["deploymentName"]);
                else {
                    const list = own.map((d) => `"${view.ownName(d)}"`).join(", ") || "none in this stack";
                    report(`${view.label(ep)}: ${key}.traffic names deployment "${name}", which is not a deployment of this endpoint (its deployments: ${list})`, ep.res.urn);
                }
            }
        }
        view.undecided.settle();
    },
};
