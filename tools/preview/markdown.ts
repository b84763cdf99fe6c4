// Markdown rendering of a preview, fit for a pull-request comment: verdict first, summary tables,
// policy findings, a Mermaid graph of components and their dependencies, the tree folded away.
import { diffMarkdownLines } from "./diffRender";
import { Preview, TreeNode, walk } from "./model";
import { labelOf, plural, role, treeLines, verdict } from "./text";

/** The first line of every comment: the workflow finds and updates its comment by it. */
export const marker = (stack: string) => `<!-- aks-ml-serving offline preview: ${stack} -->`;

const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
const short = (type: string) => type.split(":").pop() ?? type;

/**
 * Mermaid `graph`: one node per component and per resource directly under the stack; dotted edges
 * for containment, solid edges `A --> B` when something in B depends on something in A.
 */
export function mermaid(tree: TreeNode): string {
    const owner = new Map<string, TreeNode>(); // urn -> graph node owning it
    const shown: TreeNode[] = [];
    const contains: [TreeNode, TreeNode][] = [];
    const visit = (node: TreeNode, own: TreeNode | undefined, parentComp: TreeNode | undefined) => {
        let me = own;
        if (node.kind === "component" || (node.kind !== "stack" && own === undefined)) {
            if (node.kind !== "provider") {
                shown.push(node);
                if (parentComp) contains.push([parentComp, node]);
                me = node;
            }
        }
        if (me) owner.set(node.urn, me);
        for (const c of node.children) visit(c, me, node.kind === "component" ? node : parentComp);
    };
    visit(tree, undefined, undefined);
    const id = new Map(shown.map((n, i) => [n.urn, `n${i}`]));
    const lines = ["graph LR"];
    for (const n of shown) {
        const label = `${short(n.type)}<br/>${n.name}`.replace(/"/g, "#quot;");
        lines.push(`  ${id.get(n.urn)}${n.kind === "component" ? `(["${label}"])` : `["${label}"]`}`);
    }
    for (const [p, c] of contains) lines.push(`  ${id.get(p.urn)} -.- ${id.get(c.urn)}`);
    const edges = new Set<string>();
    for (const { node } of walk(tree)) {
        const to = owner.get(node.urn);
        for (const dep of node.dependencies) {
            const from = owner.get(dep);
            if (!from || !to || from === to) continue;
            if (contains.some(([p, c]) => (p === from && c === to) || (p === to && c === from))) continue;
            edges.add(`  ${id.get(from.urn)} --> ${id.get(to.urn)}`);
        }
    }
    lines.push(...edges);
    return lines.join("\n");
}

export function renderMarkdown(p: Preview): string {
    const s = p.summary;
    const total = s.counts.reduce((n, c) => n + c.count, 0);
    const out: string[] = [marker(p.stack), `### Offline preview of \`${p.stack}\``, ""];
    if (p.diff) out.push(...diffMarkdownLines(p.diff));
    out.push(`**${verdict(p.policy)}** · ${plural(total, "resource")} · ${plural(s.totalVcpus, "vCPU")} · ${plural(s.endpoints.length, "endpoint")}`, "");
    out.push(`Policies: pack \`${p.policy.pack.name}\` ${p.policy.pack.version}, ${p.policy.policies.length} policies.`, "");
    if (p.policy.findings.length > 0) {
        out.push("| level | policy | scope | resource | message |", "|---|---|---|---|---|");
        for (const f of p.policy.findings) {
            out.push(`| ${f.level === "advisory" ? "⚠️" : "❌"} ${f.level} | \`${f.policy}\` | ${f.scope} | ${cell(labelOf(p.tree, f.urn))} | ${cell(f.message)} |`);
        }
        out.push("");
    }
    if (s.clusters.length > 0) {
        out.push("| cluster | pools | vCPUs | nodes |", "|---|---|---:|---:|");
        for (const c of s.clusters) {
            if (c.existing) out.push(`| ${cell(c.name)} | existing cluster, not counted offline | | |`);
            else out.push(`| ${cell(c.name)} | ${cell(c.pools)}${c.unknownSizes.length ? ` (not counted: ${cell(c.unknownSizes.join(", "))})` : ""} | ${c.vcpus} | ${c.nodes} |`);
        }
        out.push("");
    }
    if (s.endpoints.length > 0) {
        out.push("| endpoint | auth | traffic | deployments |", "|---|---|---|---|");
        for (const e of s.endpoints) {
            const traffic = typeof e.traffic === "string" ? e.traffic : Object.entries(e.traffic).map(([k, v]) => `${k}: ${v}${typeof v === "number" ? "%" : ""}`).join(", ");
            out.push(`| ${cell(e.name)} | ${e.authMode ?? ""} | ${cell(traffic)} | ${cell(e.deployments.map((d) => [d.name, d.instanceType, role(d)].filter(Boolean).join(" · ")).join("<br>"))} |`);
        }
        out.push("");
    }
    out.push("```mermaid", mermaid(p.tree), "```", "");
    out.push(`<details><summary>Resources by type (${total})</summary>`, "", "| type | count |", "|---|---:|", ...s.counts.map((c) => `| \`${c.type}\` | ${c.count} |`), "", "</details>", "");
    out.push("<details><summary>Resource tree</summary>", "", "```", ...treeLines(p.tree, p.policy, "", true, true), "```", "", "</details>", "");
    out.push(`<sub>\`npm run preview -- --stack ${p.stack}\`: the program under a recording mock monitor with preview semantics, and the policy pack over the analyzer protocol; no cloud account.</sub>`);
    return out.join("\n") + "\n";
}
