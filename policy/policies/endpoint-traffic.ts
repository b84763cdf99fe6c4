import { StackValidationPolicy } from "@pulumi/policy";
import { ONLINE_DEPLOYMENT, ONLINE_ENDPOINT, propsKey } from "../lib/types";
import { Node, StackView } from "../lib/stack";
import { ARM_DEPLOYMENT, endpointPuts } from "../lib/templates";
import { isUnknown, Path } from "../lib/values";

export const endpointTraffic: StackValidationPolicy = {
    name: "endpoint-traffic",
    description: "An endpoint's traffic is empty or sums to 100, and names only deployments of that endpoint; also traffic PUT by an ARM template deployment.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps: "Make the traffic percentages add up to 100 and name only this endpoint's deployments (by deploymentName); ARM refuses traffic to a deployment that does not exist.",
    url: "https://learn.microsoft.com/azure/machine-learning/how-to-safely-rollout-online-endpoints",
    validateStack: (args, report) => {
        const view = new StackView(args.resources);
        const deployments = view.ofType(ONLINE_DEPLOYMENT);
        const endpoints = view.ofType(ONLINE_ENDPOINT);
        // Deployments by endpoint, joined once (not once per endpoint: stacks have thousands).
        let byEndpoint: Map<Node, Node[]> | undefined;
        // Deployments whose endpoint cannot be told (its name unknown, or absent from outputs no
        // Analyze saw: policy/lib/seen.ts): any endpoint may own them, so no name is "not a deployment".
        let anyUndecided = false;
        const deploymentsOf = () => {
            if (!byEndpoint) {
                byEndpoint = new Map();
                for (const d of deployments) {
                    const ep = view.endpointOfDeployment(d);
                    if (ep) byEndpoint.set(ep, [...(byEndpoint.get(ep) ?? []), d]);
                    else if (view.endpointKey(d) === undefined) anyUndecided = true;
                }
            }
            return byEndpoint;
        };
        const check = (holder: Node, bag: any, path: Path, where: string, endpoint: Node | undefined) => {
            const traffic = isUnknown(bag) ? bag : bag?.traffic;
            if (isUnknown(traffic)) return view.needs(holder, isUnknown(bag) ? path : [...path, "traffic"]);
            if (traffic === undefined || traffic === null || Object.keys(traffic).length === 0) return;
            const values = Object.entries(traffic as Record<string, unknown>);
            const unknownValue = values.find(([, v]) => isUnknown(v));
            if (unknownValue) view.needs(holder, [...path, "traffic", unknownValue[0]]);
            else {
                const sum = values.reduce((s, [, v]) => s + Number(v), 0);
                if (sum !== 100) report(`${where}: ${path.join(".")}.traffic sums to ${sum}, not 100 (${values.map(([k, v]) => `${k}=${v}`).join(", ")})`, holder.res.urn);
            }
            if (!endpoint) return; // the endpoint is outside the stack: its deployments are unknown here
            const own = deploymentsOf().get(endpoint) ?? [];
            if (anyUndecided) return;
            const names = own.map((d) => view.ownName(d));
            for (const [name] of values) {
                if (names.includes(name.toLowerCase())) continue;
                const unnamed = own.find((d) => isUnknown(d.raw.deploymentName));
                if (unnamed) view.needs(unnamed, ["deploymentName"]);
                else {
                    const list = own.map((d) => `"${view.ownName(d)}"`).join(", ") || "none in this stack";
                    report(`${where}: ${path.join(".")}.traffic names deployment "${name}", which is not a deployment of this endpoint (its deployments: ${list})`, holder.res.urn);
                }
            }
        };
        for (const ep of endpoints) {
            const key = propsKey(ep.raw, ep.type);
            // A wholly unknown bag: endpoint-auth's one advisory on the endpoint says traffic is checked at update.
            if (isUnknown(ep.raw[key])) continue;
            check(ep, ep.raw[key], [key], view.label(ep), ep);
        }
        for (const arm of view.ofType(ARM_DEPLOYMENT)) {
            for (const put of endpointPuts(arm.raw)) {
                const ep = put.endpointName === undefined ? undefined : endpoints.find((e) => view.ownName(e) === put.endpointName);
                check(arm, put.properties, put.path, `${view.label(arm)} (ARM template PUT of endpoint "${put.endpointName ?? "?"}")`, ep);
            }
        }
        view.undecided.settle();
    },
};
