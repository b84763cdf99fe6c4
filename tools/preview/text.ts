// Plain-text rendering of a preview, for a terminal. Values are shown on one line with control
// characters escaped (a value may hold a newline or a terminal escape sequence).
import { oneLine } from "./escape";
import { DeploymentSummary, Preview, TreeNode, walk } from "./model";
import { diffTextLines } from "./diffRender";
import { countLevel, Finding, PolicyReport } from "./policies";

export interface RenderOptions {
    /** Only the policy results: the config used, each policy's level, the findings and the verdict. */
    policiesOnly?: boolean;
    /** Markdown: the file (in the CI artifact) that holds the complete text rendering. */
    fullText?: string;
    /** Markdown: the CI run that holds the artifact and the job summary. */
    runUrl?: string;
    /** Markdown: the most characters the comment may have (default: BUDGET of markdown.ts). */
    budget?: number;
}

const MARK: Record<string, string> = { mandatory: "✖", remediate: "✖", advisory: "⚠", disabled: "·" };

export function findingsOf(report: PolicyReport, urn: string): Finding[] {
    return report.findings.filter((f) => f.urn === urn);
}

/** "name (short type)" of a URN for messages; the URN itself when it is not in the tree. */
export function labelOf(tree: TreeNode, urn: string | undefined): string {
    if (!urn) return "the stack";
    const hit = walk(tree).find((w) => w.node.urn === urn);
    return hit ? `${hit.node.name} (${hit.node.type.split(":").pop()})` : urn;
}

export function treeLines(node: TreeNode, report: PolicyReport, prefix: string, last: boolean, top: boolean): string[] {
    const branch = top ? "" : last ? "└─ " : "├─ ";
    const suffix = `${node.kind === "read" ? "  (read, not managed)" : ""}${node.protect ? "  (protected)" : ""}`;
    const lines = [`${prefix}${branch}${oneLine(node.type)}  ${oneLine(node.name)}${suffix}`];
    const inner = top ? "" : `${prefix}${last ? "   " : "│  "}`;
    const below = `${inner}${node.children.length > 0 ? "│" : " "}  `;
    for (const [k, v] of node.inputs) lines.push(`${below}${k}: ${oneLine(v)}`);
    for (const r of report.remediations.filter((x) => x.urn === node.urn)) lines.push(`${below}↻ remediated by ${r.policy}`);
    for (const f of findingsOf(report, node.urn)) lines.push(`${below}${MARK[f.level]} ${f.level} ${f.policy}`);
    node.children.forEach((c, i) => lines.push(...treeLines(c, report, inner, i === node.children.length - 1, false)));
    return lines;
}

export function policyLines(p: Preview, finding: (f: Finding, where: string) => string): string[] {
    const lines: string[] = [];
    const byScope = (scope: Finding["scope"]) => p.policy.findings.filter((f) => f.scope === scope);
    for (const [title, list] of [["per resource (Analyze)", byScope("resource")], ["stack (AnalyzeStack)", byScope("stack")]] as const) {
        lines.push(`${title}: ${list.length === 0 ? "no findings" : ""}`.trimEnd());
        for (const f of list) lines.push(finding(f, oneLine(labelOf(p.tree, f.urn))));
    }
    return lines;
}

export const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? "" : "s"}`;

export function verdict(report: PolicyReport): string {
    const m = countLevel(report, "mandatory") + countLevel(report, "remediate");
    const a = countLevel(report, "advisory");
    return `${m > 0 ? "FAILED" : "passed"}: ${plural(m, "mandatory violation")}, ${plural(a, "advisory finding")}`;
}

/** "default, control" from a deployment's tags. */
export function role(d: DeploymentSummary): string {
    return [d.isDefault?.toLowerCase() === "true" ? "default" : "", d.versionType?.toLowerCase() === "control" ? "control" : ""].filter(Boolean).join(", ");
}

/** "the pack's defaults (no --policy-pack-config)" or the file. */
export function configSource(report: PolicyReport): string {
    const file = report.config?.file;
    return file === undefined ? "the pack's defaults (no --policy-pack-config)" : `--policy-pack-config ${file}`;
}

const FROM = { pack: "pack default", all: `set by "all" in the config`, config: "set by the config" } as const;

/** The policy section: pack, config used, each policy's level, the findings, the verdict. */
export function policySection(p: Preview): string[] {
    const out = [`Policies: pack ${p.policy.pack.name} ${p.policy.pack.version}, ${p.policy.policies.length} policies`];
    out.push(`  config: ${oneLine(configSource(p.policy))}`);
    for (const c of p.policy.config?.policies ?? []) {
        const settings = Object.entries(c.settings).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(", ");
        out.push(`    ${c.level.padEnd(9)} ${c.name} (${FROM[c.from]})${settings ? `; ${oneLine(settings)}` : ""}`);
    }
    out.push(...policyLines(p, (f, where) => `    ${MARK[f.level]} ${f.level.padEnd(9)} ${f.policy} on ${where}: ${oneLine(f.message)}`).map((l) => (l.startsWith(" ") ? l : `  ${l}`)));
    out.push(`  ${verdict(p.policy)}`);
    return out;
}

/** Which engine ran, and (one line) what it did with `secure:` values it cannot decrypt. */
export function engineLines(p: Preview): string[] {
    const lines = [`Engine: ${p.engine.label}.`];
    const keys = p.engine.placeholders;
    if (keys.length > 0) {
        const list = keys.length === 1 ? keys[0] : `${keys.slice(0, -1).join(", ")} and ${keys[keys.length - 1]}`;
        lines.push(`Secrets: ${list} ${keys.length === 1 ? "is a secure: value" : "are secure: values"} this preview cannot decrypt; the program got "[secret]" in ${keys.length === 1 ? "its" : "their"} place (a real pulumi preview needs ${keys.length === 1 ? "it" : "them"} set first: pulumi config set --secret <key>).`);
    }
    return lines;
}

export function renderText(p: Preview, opts: RenderOptions = {}): string {
    if (opts.policiesOnly) return [`Offline preview of stack "${p.stack}" (${p.stackFile}): policies only.`, ...engineLines(p).map(oneLine), "", ...policySection(p)].join("\n") + "\n";
    const s = p.summary;
    const out: string[] = [];
    out.push(`Offline preview of stack "${p.stack}" (${p.stackFile}); outputs of new resources are (computed).`, ...engineLines(p).map(oneLine), "");
    if (p.diff) out.push(...diffTextLines(p.diff), "");
    out.push("Resources", ...treeLines(p.tree, p.policy, "", true, true), "");
    out.push("Summary");
    const total = s.counts.reduce((n, c) => n + c.count, 0);
    const clusters = s.clusters.map((c) => c.existing ? `${c.name}: an existing cluster, not counted offline`
        : `${c.name}: ${c.vcpus} vCPUs on ${c.nodes} nodes${c.unknownSizes.length ? ` (not counted: ${c.unknownSizes.join(", ")})` : ""}`);
    out.push(`  vCPUs: ${s.totalVcpus}${clusters.length ? ` (${oneLine(clusters.join("; "))})` : ""}`);
    if (s.endpoints.length === 0) out.push("  endpoints: none");
    else out.push("  endpoints:");
    for (const e of s.endpoints) {
        const traffic = typeof e.traffic === "string" ? e.traffic : Object.entries(e.traffic).map(([k, v]) => `${k} ${v}${typeof v === "number" ? "%" : ""}`).join(", ") || "no traffic";
        out.push(`    ${oneLine(e.name)}${e.authMode ? ` (auth ${oneLine(e.authMode)})` : ""}: ${oneLine(traffic)}`);
        for (const r of s.rollout.filter((x) => x.endpoint === e.name)) {
            const asks = r.asked === undefined ? "" : r.asked === null ? ", asks nothing (no trafficPercentile)" : `, asks ${r.asked}%`;
            const gets = r.traffic === undefined ? "" : `, gets ${r.traffic}${typeof r.traffic === "number" ? "%" : ""}`;
            out.push(`      - ${oneLine(r.deployment)}${r.versionName !== undefined && r.versionName !== r.deployment ? ` (version ${oneLine(r.versionName)})` : ""}${r.role ? `, ${r.role}` : ""}${asks}${gets}`);
        }
    }
    if (s.nameSuffix) out.push(`  note: ${oneLine(s.nameSuffix)}`);
    for (const w of s.warnings ?? []) out.push(`  ⚠ warning: ${oneLine(w)}`);
    if (s.protected.length > 0) out.push(`  protected (the engine refuses to delete them): ${oneLine(s.protected.join(", "))}`);
    out.push(`  ${plural(total, "resource")}:`);
    for (const c of s.counts) out.push(`    ${String(c.count).padStart(3)}  ${c.type}`);
    out.push("", ...policySection(p));
    return out.join("\n") + "\n";
}
