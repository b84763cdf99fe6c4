// A resource rule that reads raw props: `check` returns a violation message, an unknown path it
// would need, or nothing. Unknowns are read through the proxy only after the verdicts are in.
import { EnforcementLevel, ResourceValidationPolicy, Severity } from "@pulumi/policy";
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

export function resourceRule(meta: RuleMeta, types: readonly string[], check: (raw: Record<string, any>, type: string) => Verdict[]): ResourceValidationPolicy {
    return {
        ...meta,
        validateResource: (args, report) => {
            if (!types.includes(args.type)) return;
            const undecided = new Undecided();
            for (const v of check(rawProps(args.props), args.type)) {
                if (typeof v === "string") report(v);
                else if (v) undecided.note(args.props, v.needs);
            }
            undecided.settle();
        },
    };
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
