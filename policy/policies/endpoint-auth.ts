// An endpoint whose whole properties bag is unknown at preview (azure-native fills its defaults in
// one apply, so one output member such as `compute: compute.id` makes the bag unknown) gets one
// advisory, on its own URN, naming what the update checks instead; endpoint-traffic stays silent then.
import { ResourceValidationPolicy, UnknownValueError } from "@pulumi/policy";
import { typed } from "../lib/arm";
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
        const tp = typed(args.type, rawProps(args.props));
        if (tp.type !== ONLINE_ENDPOINT && tp.type !== ARM_DEPLOYMENT) return;
        const allowed = args.getConfig<AuthConfig>().allowedAuthModes ?? ["Key", "AMLToken"];
        const raw = tp.raw;
        const undecided = new Undecided();
        const check = (bag: any, path: Path, where: string) => {
            const mode = isUnknown(bag) ? bag : bag?.authMode;
            if (isUnknown(mode)) undecided.note(args.props, isUnknown(bag) ? path : [...path, "authMode"]);
            else if (typeof mode !== "string") report(`${where}.authMode is not set; use one of ${allowed.join(", ")}`);
            else if (!allowed.some((a) => a.toLowerCase() === mode.toLowerCase())) {
                report(`${where}.authMode is "${mode}"; use one of ${allowed.join(", ")}`);
            }
        };
        if (tp.type === ONLINE_ENDPOINT) {
            const key = propsKey(raw, tp.type);
            if (isUnknown(raw[key])) throw wholeBagUnknown(raw[key], tp.realPath([key]));
            check(raw[key], tp.realPath([key]), key);
        } else {
            for (const put of endpointPuts(raw)) check(put.properties, put.path, `ARM template PUT of endpoint "${put.endpointName ?? "?"}": properties`);
        }
        undecided.settle();
    },
};

/** The engine's "can't run during preview" advisory, saying what the update checks instead. */
function wholeBagUnknown(sentinel: string, path: Path): UnknownValueError {
    const e = new UnknownValueError(sentinel, path.map(String));
    e.message = `the endpoint's ${path.join(".")} is unknown until the resources it names exist (e.g. compute: compute.id); ` +
        "authMode (endpoint-auth) and traffic (endpoint-traffic) are checked at update";
    return e;
}
