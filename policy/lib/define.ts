// A resource rule that reads raw props: `check` returns a violation message, an unknown path it
// would need, or nothing. Unknowns are read through the proxy only after the verdicts are in.
// Resources are matched through lib/arm.ts (API-versioned tokens, generic resources:Resource).
// Cluster rules of the baseline follow the baseline scope (lib/scope.ts).
import { EnforcementLevel, ReportViolation, ResourceValidationArgs, ResourceValidationPolicy, Severity, StackValidationPolicy } from "@pulumi/policy";
import { typed } from "./arm";
import { scopeConfig, scopeOf, ScopedStack, stackPass } from "./scope";
import { isUnknown, Path, rawProps, Undecided } from "./values";

export type Verdict = string | { needs: Path } | undefined;

export interface RuleMeta {
    name: string;
    description: string;
    enforcementLevel: EnforcementLevel;
    severity: Severity;
    remediationSteps: string;
    url: string;
}

export type Check = (raw: Record<string, any>, type: string) => Verdict[];

/**
 * A rule on resources of `types`. With `scoped`, the rule follows the baseline scope: "all" decides
 * per resource (Analyze), "azureml" decides at AnalyzeStack for clusters attached to Azure ML only.
 */
export function resourceRule(meta: RuleMeta, types: readonly string[], check: Check, opts: { scoped?: boolean } = {}): ResourceValidationPolicy {
    if (opts.scoped) return scopedRule(meta, types, check);
    return { ...meta, validateResource: (args, report) => checkResource(types, check, args, report) };
}

/** One resource through `check`: verdicts reported, then the unknowns it needed (as a "can't run"). */
function checkResource(types: readonly string[], check: Check, args: ResourceValidationArgs, report: ReportViolation): void {
    const raw = rawProps(args.props);
    const tp = typed(args.type, raw);
    if (!types.includes(tp.type)) return;
    const undecided = new Undecided();
    for (const v of check(tp.raw, tp.type)) {
        if (typeof v === "string") report(v);
        else if (v) undecided.note(args.props, tp.realPath(v.needs));
    }
    undecided.settle();
}

function scopedRule(meta: RuleMeta, types: readonly string[], check: Check): ResourceValidationPolicy & StackValidationPolicy {
    const pass = new ScopedStack();
    const policy: ResourceValidationPolicy & StackValidationPolicy = {
        ...meta,
        configSchema: scopeConfig(),
        validateResource: (args, report) => {
            if (pass.remember(scopeOf(args.getConfig())) !== "all") return;
            checkResource(types, check, args, report);
        },
        validateStack: stackPass(pass, types, check),
    };
    return policy;
}

/** The known value at `path`, or the path prefix that is unknown. */
export function readAt(raw: Record<string, any>, path: (string | number)[]): { needs: Path } | { value: any } {
    let v: any = raw;
    for (let i = 0; i < path.length; i++) {
        if (v === null || typeof v !== "object") return { value: undefined };
        v = v[path[i]];
        if (isUnknown(v)) return { needs: path.slice(0, i + 1) };
    }
    return { value: v };
}
