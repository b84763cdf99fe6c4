// The ARM path parameters the pack saw in this run's Analyze calls, for the stack policies.
//
// AnalyzeStack gets each resource's *outputs* (pulumi/pulumi v3.248.0
// pkg/resource/deploy/step_generator.go AnalyzeResources: `Properties: v.Outputs`), and the request
// carries no ID. azure-native's outputs hold no path parameters (resourceGroupName, workspaceName,
// computeName, endpointName...: they are in the ARM ID), and in a preview of a new resource its
// `name` output is unknown (pulumi-azure-native provider/pkg/convert/previewOutputs.go: an output the
// inputs do not set is computed). So from outputs alone a stack policy cannot tell which workspace a
// compute is in, or which endpoint a deployment serves.
//
// The same engine sends every resource it registers to Analyze first, with its checked inputs
// (step_generator.go generateSteps: analyzeAll, before the step is chosen, sames included), and a
// pack is one process for the whole run. So each resource policy notes the known path parameters of
// what it is given, and StackView (lib/stack.ts) puts them back where the outputs lack them. A
// resource AnalyzeStack gets that no Analyze saw (an untargeted one under --target) keeps its outputs
// only, and the policies fall back to what those say (property dependencies, "can't run").
import { PolicyResource, ReportViolation, ResourceValidation, ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import { NAME_PROP } from "./types";
import { isUnknown, rawProps } from "./values";

/** The path parameters of the types the stack policies join on (and a generic Resource's). */
const PATH_KEYS: ReadonlySet<string> = new Set([
    "resourceGroupName", "workspaceName", "endpointName", "resourceName", "clusterName", "clusterRp", "clusterResourceName",
    ...Object.values(NAME_PROP),
    "resourceProviderNamespace", "parentResourcePath", "resourceType",
]);

const seen = new Map<string, { type: string; params: Record<string, string> }>();
/** Set once a stack was analyzed: the next Analyze starts a new run (a test's; the engine's is one per process). */
let stackDone = false;

export function note(urn: string, type: string, props: Record<string, any>): void {
    if (stackDone) {
        seen.clear();
        stackDone = false;
    }
    const params: Record<string, string> = {};
    for (const [k, v] of Object.entries(rawProps(props))) if (PATH_KEYS.has(k) && typeof v === "string" && !isUnknown(v)) params[k] = v;
    seen.set(urn, { type, params });
}

/**
 * A stack policy starts on `count` resources: the next Analyze begins a new run. An empty stack (the
 * engine always sends the root Stack, so only a test harness sends none) forgets what was noted now.
 */
export function stackStarts(count: number): void {
    stackDone = true;
    if (count === 0) seen.clear();
}

/** The props of a stack resource with the path parameters its outputs lack (or leave unknown) put back. */
export function withPathParams(res: PolicyResource, raw: Record<string, any>): Record<string, any> {
    const entry = seen.get(res.urn);
    if (!entry || entry.type !== res.type) return raw;
    let out = raw;
    for (const [k, v] of Object.entries(entry.params)) {
        if (raw[k] !== undefined && !isUnknown(raw[k])) continue;
        if (out === raw) out = { ...raw };
        out[k] = v;
    }
    return out;
}

/**
 * The policy, noting each resource it is given first (every enabled resource policy is called on
 * every resource). Its shape is kept: a single function stays one, with the resource type that
 * validateResourceOfType attaches (`__pulumiType`), which pulumi-policy reads to skip other types
 * without a call (@pulumi/policy 1.21.0 server.js makeAnalyzeRpcFun, policy.js getPulumiType).
 */
export function noting(policy: ResourceValidationPolicy): ResourceValidationPolicy {
    const wrap = (v: ResourceValidation): ResourceValidation =>
        Object.assign((args: ResourceValidationArgs, report: ReportViolation) => {
            note(args.urn, args.type, args.props);
            return v(args, report);
        }, { __pulumiType: (v as { __pulumiType?: string }).__pulumiType });
    const validate = policy.validateResource;
    if (validate === undefined) return policy;
    return { ...policy, validateResource: Array.isArray(validate) ? validate.map(wrap) : wrap(validate) };
}
