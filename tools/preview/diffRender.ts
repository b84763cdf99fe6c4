// The diff against the base ref (tools/diff) as text, markdown and json pieces for the renderers:
// a one-line summary first ("2 updates, 1 replacement: aksml-prod-cluster-aks (dnsPrefix)"), then
// the changes, the rollout order per endpoint and the errors that fail the preview.
import type { Change, StackDiff } from "../diff/compute";

export interface BaseDiff extends StackDiff {
    /** The git ref the working tree is compared with. */
    base: string;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "dnsPrefix", "renamed without an alias", "properties.instanceType" ... */
export function causeText(c: Change): string {
    return [...new Set(c.causes.map((k) => (k.by === "rename" ? "renamed without an alias" : k.by === "reparent" ? "re-parented without an alias" : k.path)))].join(", ");
}

/** At most `max` names, then "and N more" (the summary stays one readable line). */
function some(names: string[], max = 5): string {
    return names.length <= max ? names.join(", ") : `${names.slice(0, max).join(", ")} and ${names.length - max} more`;
}

export function diffSummary(d: BaseDiff): string {
    const of = (op: Change["op"]) => d.changes.filter((c) => c.op === op);
    const parts: string[] = [];
    const creates = of("create");
    const updates = of("update");
    const replaces = of("replace");
    const deletes = of("delete");
    if (creates.length) parts.push(`${plural(creates.length, "create")}`);
    if (updates.length) parts.push(`${plural(updates.length, "update")}`);
    if (replaces.length) parts.push(`${plural(replaces.length, "replacement")}: ${some(replaces.map((c) => `${c.name} (${causeText(c)})`))}`);
    if (deletes.length) parts.push(`${plural(deletes.length, "deletion")}: ${some(deletes.map((c) => c.name))}`);
    return parts.length ? parts.join(", ") : "no changes";
}

/** "deploymentName (provider), properties.instanceType (replaceOnChanges)": each cause with who decides it. */
export function causeDetail(c: Change): string {
    return c.causes.map((k) => (k.by === "rename" || k.by === "reparent" ? `${k.by === "rename" ? "renamed" : "re-parented"} without an alias (was ${k.path.split("::").pop()})` : `${k.path} (${k.by})`)).join(", ");
}

/** Changed paths that are not themselves a cause of the replacement. */
const otherPaths = (c: Change) => c.paths.filter((p) => !c.causes.some((k) => k.path === p));

const MARK: Record<Change["op"], string> = { create: "+", update: "~", replace: "+-", delete: "-" };

function changeLine(c: Change): string {
    const renamed = c.oldUrn && c.op === "update" ? ` (renamed from ${c.oldUrn.split("::").pop()}, by alias)` : "";
    const what = c.op === "replace" ? ` because ${causeDetail(c)}${c.deleteBeforeReplace ? ", delete before replace" : ""}` : "";
    const paths = otherPaths(c).length ? ` [${otherPaths(c).join(", ")}]` : "";
    return `${MARK[c.op]} ${c.op.padEnd(7)} ${c.type}  ${c.name}${renamed}${what}${paths}`;
}

export function diffTextLines(d: BaseDiff): string[] {
    const out = [`Changes against ${d.base}: ${diffSummary(d)}`];
    for (const c of d.changes) out.push(`  ${changeLine(c)}`);
    for (const r of d.rollouts) {
        out.push(`  rollout of endpoint ${r.endpoint}:`);
        r.steps.forEach((s, i) => out.push(`    ${i + 1}. ${s}`));
    }
    for (const e of d.errors) out.push(`  ✖ error: ${e.replace(/\n/g, " ")}`);
    return out;
}

const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");

export function diffMarkdownLines(d: BaseDiff): string[] {
    const out = [`**Changes against \`${d.base}\`: ${diffSummary(d)}**`, ""];
    for (const e of d.errors) out.push(`> ❌ ${cell(e)}`, "");
    if (d.changes.length > 0) {
        out.push("| | resource | type | what changes |", "|---|---|---|---|");
        for (const c of d.changes) {
            const what = [c.op === "replace" ? `**replace** because ${causeDetail(c)}` : "", c.oldUrn && c.op === "update" ? `renamed from \`${c.oldUrn.split("::").pop()}\` (alias)` : "", otherPaths(c).map((p) => `\`${p}\``).join(", ")].filter(Boolean).join("; ");
            out.push(`| ${MARK[c.op]} ${c.op} | ${cell(c.name)} | \`${c.type.split(":").pop()}\` | ${cell(what)} |`);
        }
        out.push("");
    }
    for (const r of d.rollouts) out.push(`Rollout of \`${r.endpoint}\`: ${r.steps.map((s, i) => `${i + 1}. ${s}`).join(" → ")}`, "");
    return out;
}

export function diffJson(d: BaseDiff): Record<string, unknown> {
    return { base: d.base, summary: diffSummary(d), changes: d.changes, steps: d.steps, rollouts: d.rollouts, errors: d.errors };
}
