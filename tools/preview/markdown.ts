// Markdown rendering of a preview, fit for a pull-request comment. GitHub refuses a comment over
// 65,536 characters, so the comment fits by design: summaries first (verdict, warnings, the policy
// results, the rollout), then the detail folded away (diagram, policy levels, counts per type, the
// tree per component), each part added only while it fits BUDGET; what is left out is said, with a
// pointer to the complete text (the CI artifact) outside any fold. Every value from the config or
// the pack is escaped (tools/preview/escape.ts).
import { code, fenced, html, md } from "./escape";
import { LEGEND, mermaid } from "./mermaid";
import { diffMarkdownLines } from "./diffRender";
import { Preview, TreeNode, walk } from "./model";
import { Finding } from "./policies";
import { configSource, engineLines, labelOf, plural, RenderOptions, treeLines, verdict } from "./text";

export { mermaid } from "./mermaid";

/** The first line of every comment: the workflow finds and updates its comment by it. */
export const marker = (stack: string) => `<!-- aks-ml-serving offline preview: ${stack} -->`;

/** GitHub's limit for one comment. */
export const COMMENT_LIMIT = 65_536;
/** What the comment aims at: room below the limit for the workflow's own lines. */
export const BUDGET = 60_000;
/** Rows of the findings table and warnings shown at most (the rest counted, and in the full text). */
export const MAX_FINDING_ROWS = 25;
export const MAX_WARNINGS = 15;
/** Longest message in a table cell. */
const MAX_CELL = 300;

const clip = (s: string, n = MAX_CELL) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
const cell = (s: string) => md(clip(s));
const short = (type: string) => type.split(":").pop() ?? type;
const size = (lines: string[]) => lines.reduce((n, l) => n + l.length + 1, 0);

/** Where the complete preview is, for the notes that say something was left out. */
function pointer(p: Preview, opts: RenderOptions): string {
    const local = `${code(`npm run preview -- --stack ${p.stack}`)} locally`;
    if (!opts.fullText) return `run ${local}`;
    const run = opts.runUrl ? `[this CI run](${opts.runUrl})` : "this CI run";
    return `see ${code(opts.fullText)} in the ${code("offline-preview")} artifact of ${run}, or run ${local}`;
}

/** Findings grouped by level, policy and message: one row per group, its resources listed. */
function findingRows(p: Preview): { rows: string[]; findings: number } {
    const groups = new Map<string, Finding[]>();
    for (const f of p.policy.findings) {
        const key = JSON.stringify([f.level, f.policy, f.scope, f.message]);
        groups.set(key, [...(groups.get(key) ?? []), f]);
    }
    const rows = [...groups.values()].map((fs) => {
        const f = fs[0];
        const where = fs.map((x) => labelOf(p.tree, x.urn));
        const resources = where.length > 3 ? `${where.slice(0, 2).join(", ")} and ${where.length - 2} more` : where.join(", ");
        return `| ${f.level === "advisory" ? "⚠️" : "❌"} ${f.level} | ${code(f.policy)} | ${f.scope} | ${cell(resources)} | ${cell(f.message)} |`;
    });
    return { rows, findings: p.policy.findings.length };
}

function policyResults(p: Preview, opts: RenderOptions): string[] {
    const out = ["#### Policy results", ""];
    const counts = (["mandatory", "advisory", "remediate", "disabled"] as const)
        .map((l) => [l, (p.policy.config?.policies ?? []).filter((c) => c.level === l).length] as const).filter(([, n]) => n > 0);
    out.push(`Pack ${code(p.policy.pack.name)} ${md(p.policy.pack.version)}, ${p.policy.policies.length} ${p.policy.policies.length === 1 ? "policy" : "policies"} run` +
        `${counts.length ? ` (${counts.map(([l, n]) => `${n} ${l}`).join(", ")})` : ""}; config: ${md(configSource(p.policy))}.`, "");
    const { rows, findings } = findingRows(p);
    if (rows.length === 0) out.push("No findings.", "");
    else {
        out.push("| level | policy | scope | resource | message |", "|---|---|---|---|---|", ...rows.slice(0, MAX_FINDING_ROWS), "");
        if (rows.length > MAX_FINDING_ROWS) {
            const left = rows.slice(MAX_FINDING_ROWS).length;
            out.push(`**${plural(left, "more row")} of findings not shown** (${plural(findings, "finding")} in all): ${pointer(p, opts)}.`, "");
        }
    }
    const fixes = p.policy.remediations;
    for (const r of fixes.slice(0, MAX_WARNINGS)) out.push(`↻ ${cell(labelOf(p.tree, r.urn))} remediated by ${code(r.policy)}  `);
    if (fixes.length > MAX_WARNINGS) out.push(`↻ and ${plural(fixes.length - MAX_WARNINGS, "more remediation")}: ${pointer(p, opts)}.`);
    if (fixes.length > 0) out.push("");
    return out;
}

/** Each policy's enforcement level, where it came from, and its settings. */
function policyLevels(p: Preview): string[] {
    const list = p.policy.config?.policies ?? p.policy.policies.map((x) => ({ name: x.name, level: x.level, from: undefined, settings: {} }));
    const from = { pack: "pack default", all: "`all` in the config", config: "policy config" } as Record<string, string>;
    return ["| policy | level | set by | settings |", "|---|---|---|---|",
        ...list.map((c) => `| ${code(c.name)} | ${c.level} | ${c.from ? from[c.from] : ""} | ${cell(Object.entries(c.settings).map(([k, v]) => `${k}: ${JSON.stringify(v)}`).join(", "))} |`)];
}

function rolloutRows(p: Preview): string[] {
    const rows: string[] = [];
    for (const e of p.summary.endpoints) {
        const mine = p.summary.rollout.filter((r) => r.endpoint === e.name);
        const head = `| ${cell(e.name)} | ${cell(e.authMode ?? "")} |`;
        if (mine.length === 0) rows.push(`${head} no deployments | | | | |`);
        mine.forEach((r, i) => {
            const gets = r.traffic === undefined ? "" : typeof r.traffic === "number" ? `${r.traffic} %` : cell(r.traffic);
            const asks = r.asked === undefined ? "" : r.asked === null ? "unset" : `${r.asked} %`;
            rows.push(`${i === 0 ? head : "| | |"} ${cell(r.versionName ?? "")} | ${cell(r.deployment)} | ${r.role} | ${asks} | ${gets} |`);
        });
    }
    return rows;
}

/** One fold per thing directly under the stack: its subtree as text, in a code block no value can close. */
function treeFold(p: Preview, node: TreeNode, maxChars: number): string[] {
    const nodes = walk(node).map((w) => w.node);
    const findings = p.policy.findings.filter((f) => nodes.some((n) => n.urn === f.urn)).length;
    const facts = [plural(nodes.filter((n) => n.kind === "resource").length, "resource"), findings ? plural(findings, "finding") : "", nodes.some((n) => n.protect) ? "🔒 protected" : ""].filter(Boolean);
    let lines = treeLines(node, p.policy, "", true, true);
    const head = [`<details><summary>${html(`${short(node.type)} ${node.name}`)}: ${facts.join(" · ")}</summary>`, ""];
    const tail = ["", "</details>", ""];
    while (lines.length > 1 && size([...head, ...fenced(lines), ...tail]) > maxChars) lines = lines.slice(0, Math.floor(lines.length * 0.8));
    const total = treeLines(node, p.policy, "", true, true).length;
    if (lines.length < total) lines = [...lines, `… ${total - lines.length} more lines`];
    return [...head, ...fenced(lines), ...tail];
}

export function renderMarkdown(p: Preview, opts: RenderOptions = {}): string {
    const budget = opts.budget ?? BUDGET;
    const s = p.summary;
    const total = s.counts.reduce((n, c) => n + c.count, 0);
    const head = [marker(p.stack), `### Offline preview of ${code(p.stack)}${opts.policiesOnly ? ": policies" : ""}`, "", ...engineLines(p).map((l) => `<sub>${md(l)}</sub>  `), ""];
    if (p.diff && !opts.policiesOnly) head.push(...diffMarkdownLines(p.diff)); // what the change does leads
    const facts = [plural(total, "resource"), plural(s.totalVcpus, "vCPU"), plural(s.endpoints.length, "endpoint"), s.protected.length ? `🔒 ${s.protected.length} protected` : ""];
    head.push(`**${verdict(p.policy)}** · ${facts.filter(Boolean).join(" · ")}`, "");
    const footer = [`<sub>${code(`npm run preview -- --stack ${p.stack}`)}: the program with preview semantics and the policy pack over the analyzer protocol, offline; stack file ${code(p.stackFile)}.</sub>`];
    if (opts.policiesOnly) {
        return [...head, ...policyResults(p, opts), "Enforcement levels:", "", ...policyLevels(p), "", ...footer].join("\n") + "\n";
    }

    const top: string[] = [];
    if (s.warnings.length > 0) {
        top.push(...s.warnings.slice(0, MAX_WARNINGS).map((w) => `> ⚠️ ${md(w)}  `));
        if (s.warnings.length > MAX_WARNINGS) top.push(`> and ${plural(s.warnings.length - MAX_WARNINGS, "more warning")}: ${pointer(p, opts)}.`);
        top.push("");
    }
    top.push(...policyResults(p, opts));

    // The rollout table: always present; rows while they fit half of what is left, the rest counted.
    const rollout: string[] = [];
    if (s.endpoints.length > 0) {
        rollout.push("#### Rollout", "", "| endpoint | auth | version | deployment | role | asks | gets |", "|---|---|---|---|---|---:|---:|");
        const rows = rolloutRows(p);
        const room = (budget - size([...head, ...top, ...footer])) / 2;
        let shown = 0;
        let used = size(rollout);
        while (shown < rows.length && used + rows[shown].length + 1 < room) {
            used += rows[shown].length + 1;
            rollout.push(rows[shown++]);
        }
        rollout.push("");
        if (shown < rows.length) rollout.push(`**${plural(rows.length - shown, "more deployment")} not shown** (of ${s.endpoints.length} endpoints): ${pointer(p, opts)}.`, "");
        if (s.nameSuffix) rollout.push(`<sub>Why the suffix: ${md(s.nameSuffix)}.</sub>`, "");
    } else rollout.push("#### Rollout", "", "No endpoints.", "");
    if (s.clusters.length > 0) {
        rollout.push("| cluster | pools | vCPUs | nodes |", "|---|---|---:|---:|");
        for (const c of s.clusters.slice(0, 10)) {
            if (c.existing) rollout.push(`| ${cell(c.name)} | existing cluster, not counted offline | | |`);
            else rollout.push(`| ${cell(c.name)} | ${cell(c.pools)}${c.unknownSizes.length ? ` (not counted: ${cell(c.unknownSizes.join(", "))})` : ""} | ${c.vcpus} | ${c.nodes} |`);
        }
        rollout.push("");
    }
    if (s.protected.length > 0) rollout.push(`🔒 Protected (the engine refuses to delete them): ${cell(s.protected.join(", "))}`, "");

    const out = [...head, ...top, ...rollout];
    const left = () => budget - size(out) - size(footer) - 600; // 600: the note on what was left out
    const add = (lines: string[]) => (size(lines) <= left() ? (out.push(...lines), true) : false);

    const graph = mermaid(p.tree);
    const diagram = graph ? [`<sub>${md(LEGEND)}</sub>`, "", "```mermaid", graph, "```", ""] : [];
    const omitted: string[] = [];
    if (!graph) omitted.push("the diagram (too many edges for Mermaid even grouped)");
    else if (!add(diagram)) omitted.push("the diagram");
    if (!add([`<details><summary>Policies: enforcement levels and settings (${p.policy.config?.policies.length ?? p.policy.policies.length})</summary>`, "", ...policyLevels(p), "", "</details>", ""])) omitted.push("the policies' levels");
    if (!add([`<details><summary>Resources by type (${total})</summary>`, "", "| type | count |", "|---|---:|", ...s.counts.map((c) => `| ${code(c.type)} | ${c.count} |`), "", "</details>", ""])) omitted.push("the counts per type");

    // The tree, one fold per thing directly under the stack, while they fit.
    const parts = p.tree.children;
    let shown = 0;
    out.push("**Resource tree**, by component:", "");
    for (const node of parts) {
        const fold = treeFold(p, node, Math.max(left(), 2_000));
        if (!add(fold)) break;
        shown++;
    }
    if (shown < parts.length) {
        const hidden = parts.slice(shown).reduce((n, c) => n + walk(c).filter((w) => w.node.kind === "resource").length, 0);
        omitted.push(`${plural(parts.length - shown, "component")} of the tree (${plural(hidden, "resource")})`);
    }
    if (omitted.length > 0) {
        out.push(`**Shortened to fit a comment** (GitHub allows ${COMMENT_LIMIT.toLocaleString("en")} characters): not shown here: ${omitted.join("; ")}. For everything, ${pointer(p, opts)}.`, "");
    }
    out.push(...footer);
    return out.join("\n") + "\n";
}
