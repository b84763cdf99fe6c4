// The diff as the real engine planned it (`pulumi preview --json --show-sames
// --show-replacement-steps` after the base's `pulumi up`: tools/pulumi/run.ts), in the shape of the
// emulated diff (compute.ts), so that both are rendered alike and compared case by case
// (test/conformance). The engine decides creates, updates, replacements and their causes
// (replaceReasons: the provider's replace keys and the program's replaceOnChanges), the order of
// delete-before-replace steps, and what protection refuses (its own error diagnostics); the
// endpoints' rollout lines and ARM's rule on deleting a deployment with traffic are ours, from the
// same steps. As in compute.ts, a create and a delete of one type and one logical or ARM name
// (a rename or re-parenting without an alias) are shown as one replacement.
import type { LogEntry } from "../engine/monitor";
import type { Recorded } from "../lib/recorder";
import type { DigestStep } from "../pulumi/state";
import { Change, explicitName, matchesPath, ReplaceCause, rolloutErrors, rollouts, StackDiff, Step, StepOp } from "./compute";

const STEP_OPS: Record<string, StepOp> = {
    create: "create", update: "update", "create-replacement": "create-replacement", "delete-replaced": "delete-replaced", delete: "delete",
};

/** Whether an error diagnostic is the engine's refusal to delete or replace a protected resource (step_generator.go). */
export const isProtectionRefusal = (message: string) => /because it is protected|as it is currently marked for protection/.test(message);

/** The engine's own refusals (protection), from its error diagnostics. */
function engineErrors(logs: LogEntry[]): string[] {
    return logs.filter((l) => l.severity === "error" && isProtectionRefusal(l.message)).map((l) => l.message);
}

export function diffOfEngine(base: Recorded[], head: Recorded[], digest: DigestStep[], logs: LogEntry[]): StackDiff {
    const byUrn = new Map([...base, ...head].map((r) => [r.urn, r]));
    const changes: Change[] = [];
    const steps: Step[] = [];
    const position = (urn: string, op: string) => digest.findIndex((s) => s.urn === urn && s.op === op);
    for (const s of digest) {
        const rec = byUrn.get(s.urn);
        const state = s.newState ?? s.oldState;
        const type = state?.type ?? rec?.type ?? "";
        const name = s.urn.split("::").slice(3).join("::");
        const custom = !!state?.custom;
        const op = STEP_OPS[s.op];
        if (op) steps.push({ op, urn: s.urn, type, name });
        const paths = s.detailedDiff ? Object.keys(s.detailedDiff) : s.diffReasons ?? [];
        if (s.op === "create" || s.op === "delete") changes.push({ op: s.op, urn: s.urn, type, name, custom, paths: [], causes: [] });
        else if (s.op === "update") changes.push({ op: "update", urn: s.urn, type, name, custom, paths, causes: [] });
        else if (s.op === "replace") {
            const roc = head.find((r) => r.urn === s.urn)?.replaceOnChanges ?? [];
            // The replace keys are top-level (the provider's, and replaceOnChanges only where it names a
            // whole key); a nested path replaceOnChanges names is a "-replace" kind in the detailed diff
            // (step_generator.go applyReplaceOnChanges). Both are causes, by path (as compute.ts sorts them).
            const nested = Object.entries(s.detailedDiff ?? {}).filter(([, d]) => d.kind.endsWith("-replace")).map(([path]) => path);
            const causes = [...new Set([...(s.replaceReasons ?? []), ...nested])].sort().map((path): ReplaceCause => ({ path, by: roc.some((r) => matchesPath(r, path)) ? "replaceOnChanges" : "provider" }));
            const dbr = position(s.urn, "delete-replaced") < position(s.urn, "create-replacement");
            changes.push({ op: "replace", urn: s.urn, type, name, custom, paths, causes, deleteBeforeReplace: dbr });
        }
    }
    // A rename without an alias: the engine's create and delete, paired as compute.ts pairs them.
    const headByUrn = new Map(head.map((r) => [r.urn, r]));
    const baseByUrn = new Map(base.map((r) => [r.urn, r]));
    for (const created of changes.filter((c) => c.op === "create")) {
        const n = headByUrn.get(created.urn);
        const gone = changes.find((c) => c.op === "delete" && c.type === created.type && baseByUrn.has(c.urn) && n &&
            (c.name === created.name || (explicitName(baseByUrn.get(c.urn)!) !== undefined && explicitName(baseByUrn.get(c.urn)!) === explicitName(n))));
        if (!gone || !n) continue;
        const old = baseByUrn.get(gone.urn)!;
        Object.assign(created, { op: "replace", oldUrn: old.urn, causes: [{ path: old.urn, by: old.name === n.name ? "reparent" : "rename" }] });
        changes.splice(changes.indexOf(gone), 1);
    }
    return { changes, steps, errors: [...engineErrors(logs), ...rolloutErrors(base, head, steps)], rollouts: rollouts(base, head, steps) };
}
