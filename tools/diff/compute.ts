// The diff of two programs' registrations (the base ref's and the working tree's), as the engine
// plans an update of a stack whose state is the base's registrations. Mirrors pulumi/pulumi
// v3.248.0 pkg/resource/deploy/step_generator.go:
// - matching (getOldResource, generateAliases, collapseAliasToUrn, inheritedChildAlias): a new
//   registration takes the old resource of its URN, else of its first alias URN; an alias spec's
//   missing name/type/parent/project/stack are the resource's own; a child of an aliased parent
//   also gets the parent's alias with its name prefix swapped.
// - replace vs update: the provider's replace keys (providerReplace.ts), and the resource's own
//   `replaceOnChanges` (applyReplaceOnChanges); `ignoreChanges` paths are not a diff.
// - protection: replacing a resource protected in both the old state and the program is refused
//   (step_generator.go), deleting one protected in the old state is refused (step.go
//   deleteProtectedError); `pulumi preview` reports both and fails. Messages are the engine's.
// - order: creates, updates and create-before-delete replacements run in registration order (a
//   dependency registers before its dependents); deletions of removed resources and of replaced
//   originals run after all of them, in reverse order of the old registrations.
// A URN change without a matching alias is a delete plus a create for the engine; it is shown as
// one replacement (cause: the rename or re-parenting) when the two share a type and a logical or
// ARM name.
//
// Unknown inputs (outputs of other resources at preview) compare through their property
// dependencies: unknown on both sides is unchanged unless a resource it depends on is created or
// replaced (a new ID and new outputs); an in-place update keeps the ID, which is what the
// references in this program carry.
import { newUrn } from "../engine/monitor";
import { armName, isSecret, Recorded, UNKNOWN } from "../lib/recorder";
import { T, trafficApplied } from "../preview/inputs";
import { providerDeleteBeforeReplace, providerReplaces } from "./providerReplace";
import { joinPath } from "../standins/wire";

export type Op = "create" | "update" | "replace" | "delete";

export interface ReplaceCause {
    /** The input path, or the old URN for a rename. */
    path: string;
    by: "provider" | "replaceOnChanges" | "rename" | "reparent";
}

export interface Change {
    op: Op;
    /** The URN in the working tree (the old one for a delete). */
    urn: string;
    /** The base's URN when it differs (an alias or a rename). */
    oldUrn?: string;
    type: string;
    name: string;
    custom: boolean;
    /** Input paths that change (update, replace). */
    paths: string[];
    causes: ReplaceCause[];
    deleteBeforeReplace?: boolean;
}

export type StepOp = "create" | "update" | "create-replacement" | "delete-replaced" | "delete";

export interface Step {
    op: StepOp;
    urn: string;
    type: string;
    name: string;
}

export interface StackDiff {
    changes: Change[];
    /** The steps in the order the engine runs them. */
    steps: Step[];
    /** What `pulumi preview` (or ARM) would refuse: the preview fails with exit 1. */
    errors: string[];
    rollouts: Rollout[];
}

export interface Rollout {
    endpoint: string;
    /** Rollout steps in engine order, one line each. */
    steps: string[];
}

const STACK_TYPE = "pulumi:pulumi:Stack";
const managed = (r: Recorded) => !r.read && r.type !== STACK_TYPE;

function urnParts(urn: string): { stack: string; project: string; qualifiedType: string; name: string } {
    const [head, project, qualifiedType, ...rest] = urn.split("::");
    return { stack: head.replace(/^urn:pulumi:/, ""), project, qualifiedType, name: rest.join("::") };
}

/** A Pulumi property path ("a.b", "a[*].b", "*") matching a changed path, itself or an ancestor/descendant. */
export function matchesPath(pattern: string, p: string): boolean {
    if (pattern === "*") return true;
    const re = new RegExp(`^${pattern.replace(/[.+?^${}()|\\]/g, "\\$&").replace(/\[\*\]/g, "\\[\\d+\\]").replace(/\[(?!\\d)/g, "\\[")}(?=$|[.[])`);
    if (re.test(p)) return true;
    return pattern.startsWith(`${p}.`) || pattern.startsWith(`${p}[`);
}

const bare = (v: any): any => (isSecret(v) ? bare(v.value) : v);
const isObject = (v: any) => v !== null && typeof v === "object" && !Array.isArray(v);

/** Input paths that differ between two wire-form input sets (see the unknowns rule above). */
export function changedPaths(oldRaw: Record<string, any>, neu: Recorded, depChanged: (urn: string) => boolean): string[] {
    const out: string[] = [];
    const walk = (a: any, b: any, p: string, deps: string[]) => {
        a = bare(a);
        b = bare(b);
        if (a === UNKNOWN || b === UNKNOWN) {
            if (a !== b || deps.some(depChanged)) out.push(p);
            return;
        }
        if (Array.isArray(a) && Array.isArray(b)) {
            for (let i = 0; i < Math.max(a.length, b.length); i++) walk(a[i], b[i], `${p}[${i}]`, deps);
            return;
        }
        if (isObject(a) && isObject(b)) {
            for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) walk(a[k], b[k], joinPath(p, k), deps);
            return;
        }
        if (JSON.stringify(a) !== JSON.stringify(b)) out.push(p);
    };
    for (const k of new Set([...Object.keys(oldRaw), ...Object.keys(neu.raw)])) {
        walk(oldRaw[k], neu.raw[k], joinPath("", k), neu.propertyDependencies[k] ?? []);
    }
    return out.filter((p) => !neu.ignoreChanges.some((i) => matchesPath(i, p)));
}

/** step_generator.go generateAliases: the old URNs a registration may take, in order. */
export function aliasUrns(r: Recorded, parentAliases: Map<string, string>): string[] {
    const { stack, project } = urnParts(r.urn);
    const out: string[] = [];
    const add = (u: string) => !out.includes(u) && out.push(u);
    const collapse = (alias: string): string => {
        if (alias.startsWith("urn:")) return alias;
        const spec = JSON.parse(alias);
        let parent: string = spec.parenturn ? parentAliases.get(spec.parenturn) ?? spec.parenturn : r.parent;
        if (spec.noparent || urnParts(parent || "urn:pulumi:s::p::").qualifiedType === STACK_TYPE) parent = "";
        return newUrn(spec.stack || stack, spec.project || project, parent, spec.type || r.type, spec.name || r.name);
    };
    for (const a of r.aliases) add(collapse(a));
    const parentAlias = r.parent ? parentAliases.get(r.parent) : undefined;
    if (parentAlias) {
        const parentName = urnParts(r.parent).name;
        const inherited = (type: string, name: string) => {
            const aliasName = name.startsWith(parentName) ? urnParts(parentAlias).name + name.slice(parentName.length) : name;
            return `urn:pulumi:${stack}::${project}::${urnParts(parentAlias).qualifiedType}$${type}::${aliasName}`;
        };
        add(inherited(r.type, r.name));
        for (const a of r.aliases) {
            const c = urnParts(collapse(a));
            add(inherited(c.qualifiedType.split("$").pop()!, c.name));
        }
    }
    return out;
}

/** The ARM name a program gave explicitly (not the logical-name fallback), for pairing renames. */
export function explicitName(r: Recorded): string | undefined {
    const n = armName(r.type, r.inputs, "");
    return n === "" ? undefined : n;
}

export function deleteProtectedMessage(urn: string): string {
    return `resource "${urn}" cannot be deleted\nbecause it is protected. To unprotect the resource, either remove the \`protect\` flag from the resource in your Pulumi program and run \`pulumi up\`, or use the command:\n\`pulumi state unprotect '${urn}'\``;
}

export function replaceProtectedMessage(urn: string): string {
    return `unable to replace resource "${urn}"\nas it is currently marked for protection. To unprotect the resource, remove the \`protect\` flag from the resource in your Pulumi program and run \`pulumi up\``;
}

/** Diffs the base's registrations against the working tree's. */
export function diffRecords(base: Recorded[], head: Recorded[]): StackDiff {
    const olds = base.filter(managed);
    const news = head.filter(managed);
    const oldByUrn = new Map(olds.map((r) => [r.urn, r]));
    const oldIndex = new Map(olds.map((r, i) => [r.urn, i]));
    const taken = new Set<string>();
    const parentAliases = new Map<string, string>();
    const changedUrns = new Set<string>(); // created or replaced: new IDs and outputs
    const depChanged = (u: string) => changedUrns.has(u);
    const changes: Change[] = [];
    const steps: Step[] = [];
    const late: { step: Step; index: number }[] = [];
    const errors: string[] = [];
    const step = (op: StepOp, r: Recorded): Step => ({ op, urn: r.urn, type: r.type, name: r.name });

    // 1. Which old resource each registration takes: its URN's, else its first alias's.
    const match = new Map<string, { old: Recorded; by: "urn" | "alias" | "rename" | "reparent" }>();
    for (const n of news) {
        for (const u of [n.urn, ...aliasUrns(n, parentAliases)]) {
            const o = oldByUrn.get(u);
            if (o && !taken.has(u)) {
                taken.add(u);
                match.set(n.urn, { old: o, by: u === n.urn ? "urn" : "alias" });
                if (u !== n.urn) parentAliases.set(n.urn, u);
                break;
            }
        }
    }
    // 2. A registration that took none, and an old resource nobody took, of one type and one logical
    // or ARM name: a rename (or re-parenting) without an alias.
    for (const n of news.filter((x) => !match.has(x.urn))) {
        const o = olds.find((x) => x.type === n.type && !taken.has(x.urn) &&
            (x.name === n.name || (explicitName(x) !== undefined && explicitName(x) === explicitName(n))));
        if (!o) continue;
        taken.add(o.urn);
        match.set(n.urn, { old: o, by: o.name === n.name ? "reparent" : "rename" });
    }
    // 3. In registration order (dependencies first), so that unknowns see their dependencies' fate.
    for (const n of news) {
        const m = match.get(n.urn);
        if (!m) {
            changedUrns.add(n.urn);
            changes.push({ op: "create", urn: n.urn, type: n.type, name: n.name, custom: n.custom, paths: [], causes: [] });
            steps.push(step("create", n));
            continue;
        }
        const old = m.old;
        const paths = changedPaths(old.raw, n, depChanged);
        const renamed = old.urn !== n.urn ? { oldUrn: old.urn } : {};
        if (m.by === "rename" || m.by === "reparent") {
            // The engine sees a create here and a delete of the old URN with the deletions.
            changedUrns.add(n.urn);
            changes.push({ op: "replace", urn: n.urn, ...renamed, type: n.type, name: n.name, custom: n.custom, paths, causes: [{ path: old.urn, by: m.by }] });
            steps.push(step("create", n));
            late.push({ step: step("delete", old), index: oldIndex.get(old.urn)! });
            if (old.protect) errors.push(deleteProtectedMessage(old.urn));
            continue;
        }
        // By path, whoever decides each: the same order as the real engine's (engineSteps.ts).
        const causes: ReplaceCause[] = [
            ...providerReplaces(n.type, paths).map((path): ReplaceCause => ({ path, by: "provider" })),
            ...paths.filter((p) => n.replaceOnChanges.some((r) => matchesPath(r, p))).map((path): ReplaceCause => ({ path, by: "replaceOnChanges" })),
        ].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
        if (causes.length > 0) {
            changedUrns.add(n.urn);
            // step_generator.go: the program's deleteBeforeReplace if it set one, else the provider's.
            const dbr = n.deleteBeforeReplaceDefined || n.deleteBeforeReplace ? n.deleteBeforeReplace : providerDeleteBeforeReplace(n.type, n.raw);
            changes.push({ op: "replace", urn: n.urn, ...renamed, type: n.type, name: n.name, custom: n.custom, paths, causes, deleteBeforeReplace: dbr });
            if (n.protect && old.protect) errors.push(replaceProtectedMessage(n.urn));
            if (dbr) steps.push(step("delete-replaced", old), step("create-replacement", n));
            else {
                steps.push(step("create-replacement", n));
                late.push({ step: step("delete-replaced", old), index: oldIndex.get(old.urn)! });
            }
        } else if (paths.length > 0 || old.urn !== n.urn) {
            changes.push({ op: "update", urn: n.urn, ...renamed, type: n.type, name: n.name, custom: n.custom, paths, causes: [] });
            steps.push(step("update", n));
        }
    }
    // 4. Old resources no registration took: deletions, dependents before what they depend on, as the
    // engine schedules them (pulumi/pulumi v3.248.0 step_generator.go ScheduleDeletes: antichains of
    // the old dependency graph, reversed). Within one antichain the engine's order is a set's; the
    // old state backwards is one order that keeps every dependency, the same on every run.
    for (const o of olds.filter((x) => !taken.has(x.urn)).reverse()) {
        changes.push({ op: "delete", urn: o.urn, type: o.type, name: o.name, custom: o.custom, paths: [], causes: [] });
        late.push({ step: step("delete", o), index: oldIndex.get(o.urn)! });
        if (o.protect) errors.push(deleteProtectedMessage(o.urn));
    }
    steps.push(...late.sort((a, b) => b.index - a.index).map((l) => l.step));
    return { changes, steps, errors: [...errors, ...rolloutErrors(base, head, steps)], rollouts: rollouts(base, head, steps) };
}

// ---- endpoints: the rollout order and the traffic rule ----

interface EndpointParts {
    name: string;
    endpoint: Recorded | undefined;
    deployments: Recorded[];
    appliers: Recorded[];
}

const traffic = (r: Recorded | undefined): Record<string, any> | undefined => {
    const t = r ? bare(trafficApplied(r.type, r.raw)?.traffic) : undefined;
    return isObject(t) ? t : undefined;
};

function endpointParts(records: Recorded[], name: string): EndpointParts {
    const endpoint = records.find((r) => r.type === T.endpoint && armName(r.type, r.inputs, r.name) === name && !r.read);
    const names = (r: Recorded, v: any) => bare(v) === name || (endpoint !== undefined && (r.propertyDependencies.endpointName ?? []).includes(endpoint.urn));
    return {
        name,
        endpoint,
        deployments: records.filter((r) => r.type === T.deployment && names(r, r.raw.endpointName)),
        appliers: records.filter((r) => { const t = trafficApplied(r.type, r.raw); return t !== undefined && r.type !== T.endpoint && names(r, t.endpointName); }),
    };
}

function endpointNames(base: Recorded[], head: Recorded[]): string[] {
    return [...new Set([...base, ...head].filter((r) => r.type === T.endpoint && !r.read).map((r) => armName(r.type, r.inputs, r.name)))];
}

const showTraffic = (t: Record<string, any> | undefined) => t ? Object.entries(t).map(([k, v]) => `${k}=${v === UNKNOWN ? "(computed)" : bare(v)}`).join(", ") || "none" : "(computed)";

export function rollouts(base: Recorded[], head: Recorded[], steps: Step[]): Rollout[] {
    const out: Rollout[] = [];
    for (const name of endpointNames(base, head)) {
        const now = endpointParts(head, name);
        const was = endpointParts(base, name);
        const label = new Map<string, string>();
        const all = [...was.deployments, ...now.deployments];
        for (const d of all) label.set(d.urn, `deployment ${armName(d.type, d.inputs, d.name)}`);
        for (const a of [...was.appliers, ...now.appliers]) label.set(a.urn, "traffic applier");
        if (now.endpoint) label.set(now.endpoint.urn, `endpoint ${name}`);
        if (was.endpoint) label.set(was.endpoint.urn, `endpoint ${name}`);
        const headByUrn = new Map(head.map((r) => [r.urn, r]));
        const baseByUrn = new Map(base.map((r) => [r.urn, r]));
        const lines = steps.filter((s) => label.has(s.urn)).map((s) => {
            const rec = (s.op === "delete" || s.op === "delete-replaced" ? baseByUrn : headByUrn).get(s.urn);
            let text = label.get(s.urn)!;
            if (rec && rec.type === T.deployment) text = `deployment ${armName(rec.type, rec.inputs, rec.name)}`;
            const verb = { create: "create", update: "update", "create-replacement": "create replacement", "delete-replaced": "delete replaced", delete: "delete" }[s.op];
            const extra = rec && traffic(rec) && s.op !== "delete" && s.op !== "delete-replaced" ? ` (traffic: ${showTraffic(traffic(rec))})` : "";
            return `${verb} ${text}${extra}`;
        });
        if (lines.length > 0) out.push({ endpoint: name, steps: lines });
    }
    return out;
}

/** A deployment deleted while the traffic in force at that moment still names it: ARM refuses. */
export function rolloutErrors(base: Recorded[], head: Recorded[], steps: Step[]): string[] {
    const errors: string[] = [];
    for (const name of endpointNames(base, head)) {
        const now = endpointParts(head, name);
        const was = endpointParts(base, name);
        const oldTraffic = traffic(was.appliers[0]) ?? {};
        const applierStep = steps.findIndex((s) => now.appliers.some((a) => a.urn === s.urn) && s.op !== "delete" && s.op !== "delete-replaced");
        const endpointDeleted = was.endpoint !== undefined && steps.some((s) => s.urn === was.endpoint!.urn && s.op === "delete");
        steps.forEach((s, i) => {
            if (s.op !== "delete" && s.op !== "delete-replaced") return;
            const d = was.deployments.find((x) => x.urn === s.urn);
            if (!d) return;
            if (endpointDeleted && d.deletedWith === was.endpoint!.urn) return; // ARM deletes it with its endpoint
            const inForce = applierStep >= 0 && applierStep < i ? traffic(now.appliers[0]) ?? {} : oldTraffic;
            const arm = armName(d.type, d.inputs, d.name);
            const share = bare(inForce[arm]);
            if (share === undefined || share === 0) return;
            errors.push(`endpoint "${name}": deployment "${arm}" (${d.name}) would be deleted while it still takes ${share === UNKNOWN ? "(computed)" : `${share}%`} of the traffic; ARM refuses to delete a deployment with traffic: move its traffic first`);
        });
    }
    return errors;
}
