import { ResourceValidationPolicy } from "@pulumi/policy";
import { ONLINE_ENDPOINT, propsKey } from "../lib/types";
import { isUnknown, rawProps, Undecided } from "../lib/values";

export interface AuthConfig {
    allowedAuthModes?: string[];
}

export const endpointAuth: ResourceValidationPolicy = {
    name: "endpoint-auth",
    description: "Online endpoints use key or token authentication (authMode Key or AMLToken).",
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
        if (args.type !== ONLINE_ENDPOINT) return;
        const allowed = args.getConfig<AuthConfig>().allowedAuthModes ?? ["Key", "AMLToken"];
        const raw = rawProps(args.props);
        const key = propsKey(raw, args.type);
        const undecided = new Undecided();
        const bag = raw[key];
        const mode = isUnknown(bag) ? bag : bag?.authMode;
        if (isUnknown(mode)) undecided.note(args.props, isUnknown(bag) ? [key] : [key, "authMode"]);
        else if (typeof mode !== "string") report(`${key}.authMode is not set; use one of ${allowed.join(", ")}`);
        else if (!allowed.some((a) => a.toLowerCase() === mode.toLowerCase())) {
            report(`${key}.authMode is "${mode}"; use one of ${allowed.join(", ")}`);
        }
        undecided.settle();
    },
};
