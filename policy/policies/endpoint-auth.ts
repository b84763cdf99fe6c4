import { ResourceValidationPolicy } from "@pulumi/policy";
import { ONLINE_ENDPOINT, propsKey } from "../lib/types";
import { ARM_DEPLOYMENT, endpointPuts } from "../lib/templates";
import { isUnknown, Path, rawProps, Undecided } from "../lib/values";

export interface AuthConfig {
    allowedAuthModes?: string[];
}

export const endpointAuth: ResourceValidationPolicy = {
    name: "endpoint-auth",
    description: "Online endpoints use key or token authentication (authMode Key or AMLToken), also when PUT by an ARM template deployment.",
    enforcementLevel: "mandatory",
    severity: "critical",
    remediationSteps: "Set properties.authMode to \"Key\" or \"AMLToken\".",
    url: "https://learn.microsoft.com/azure/machine-learning/how-to-authenticate-online-endpoint",
    configSchema: {
        properties: {
            allowedAuthModes: { type: "array", items: { type: "string" }, default: ["Key", "AMLToken"], description: "Accepted authMode values." },
        },
    },
    validateResource: (args, report) => {
        if (args.type !== ONLINE_ENDPOINT && args.type !== ARM_DEPLOYMENT) return;
        const allowed = args.getConfig<AuthConfig>().allowedAuthModes ?? ["Key", "AMLToken"];
        const raw = rawProps(args.props);
        const undecided = new Undecided();
        const check = (bag: any, path: Path, where: string) => {
            const mode = isUnknown(bag) ? bag : bag?.authMode;
            if (isUnknown(mode)) undecided.note(args.props, isUnknown(bag) ? path : [...path, "authMode"]);
            else if (typeof mode !== "string") report(`${where}.authMode is not set; use one of ${allowed.join(", ")}`);
            else if (!allowed.some((a) => a.toLowerCase() === mode.toLowerCase())) {
                report(`${where}.authMode is "${mode}"; use one of ${allowed.join(", ")}`);
            }
        };
        if (args.type === ONLINE_ENDPOINT) {
            const key = propsKey(raw, args.type);
            check(raw[key], [key], key);
        } else {
            for (const put of endpointPuts(raw)) check(put.properties, put.path, `ARM template PUT of endpoint "${put.endpointName ?? "?"}": properties`);
        }
        undecided.settle();
    },
};
