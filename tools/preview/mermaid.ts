// The Mermaid diagram of a preview: what the stack is made of and in which order it is created, small
// enough for a comment. Mermaid refuses a flowchart of more than 500 edges ("Edge limit exceeded",
// mermaid's flowDb addLink, `flowchart.maxEdges`, a secure setting a comment cannot raise), so:
// - one box per thing directly under the stack; everything below it (versions, assets, the
//   resources of a component) is folded into its box, which names its versions;
// - an edge A --> B when something in B depends on something in A, minus the edges implied by
//   others (A --> C is dropped when A --> B --> C exists: a transitive reduction);
// - boxes of one type with the same edges are grouped into one ("50 x ModelEndpoint"), so 50
//   endpoints are one box, not a row 50 boxes wide; read top-down.
import { mermaidText } from "./escape";
import { TreeNode, walk } from "./model";

/** Mermaid's default flowchart.maxEdges is 500; stay well below it. */
export const MAX_EDGES = 400;
/** Boxes of one type with the same edges are grouped from this many on. */
export const GROUP_FROM = 3;
/** What the arrows mean, for the line above the diagram. */
export const LEGEND = "Read top-down: an arrow A → B means B depends on A (the engine creates A first); edges implied by others are left out. " +
    "A rounded box is a component with its resources folded in; N × groups N alike boxes.";

interface Box { id: string; members: TreeNode[]; resources: number; versions: string[] }

const short = (type: string) => type.split(":").pop() ?? type;

function versionsOf(node: TreeNode): string[] {
    const names: string[] = [];
    for (const { node: n } of walk(node)) {
        const v = (n.props.tags as Record<string, unknown> | undefined)?.versionName;
        if (n.type.endsWith(":OnlineDeployment") && typeof v === "string") names.push(v);
    }
    return names;
}

/** Edges of a DAG without those implied by a longer path. */
export function transitiveReduction(edges: Map<string, Set<string>>): Map<string, Set<string>> {
    const reach = (from: string, to: string, skip: string) => {
        const seen = new Set<string>();
        const stack = [...(edges.get(from) ?? [])].filter((n) => n !== skip);
        while (stack.length > 0) {
            const n = stack.pop()!;
            if (n === to) return true;
            if (seen.has(n)) continue;
            seen.add(n);
            stack.push(...(edges.get(n) ?? []));
        }
        return false;
    };
    const out = new Map<string, Set<string>>();
    for (const [from, tos] of edges) out.set(from, new Set([...tos].filter((to) => !reach(from, to, to))));
    return out;
}

function label(box: Box): string {
    const first = box.members[0];
    const kind = first.kind === "read" ? " (existing)" : "";
    const names = box.members.map((m) => (m.name.length > 60 ? `${m.name.slice(0, 59)}…` : m.name)); // Mermaid's maxTextSize is 50,000
    const parts = [box.members.length > 1 ? `${box.members.length} × ${short(first.type)}${kind}` : `${short(first.type)}${kind}`];
    parts.push(names.length > 2 ? `${names[0]} … ${names[names.length - 1]}` : names.join(", "));
    const counts = [...new Set(box.members.map((m) => versionsOf(m).length))].sort((a, b) => a - b);
    if (box.members.length === 1 && box.versions.length > 0) parts.push(`versions: ${box.versions.slice(0, 6).join(", ")}`);
    else if (counts.some((c) => c > 0)) parts.push(`${counts.length === 1 ? counts[0] : `${counts[0]}–${counts[counts.length - 1]}`} versions each`);
    if (box.resources > 1) parts.push(`${box.resources} resources`);
    return parts.map((p) => mermaidText(p)).join("<br/>");
}

/** The diagram's source (starting "graph TD"), or undefined when even grouped by type it exceeds MAX_EDGES. */
export function mermaid(tree: TreeNode): string | undefined {
    const tops = tree.children.filter((c) => c.kind !== "provider");
    const owner = new Map<string, TreeNode>();
    for (const t of tops) for (const { node } of walk(t)) owner.set(node.urn, t);
    // B depends on A: edge A -> B, between top-level things.
    const edges = new Map<string, Set<string>>(tops.map((t) => [t.urn, new Set<string>()]));
    for (const t of tops) {
        for (const { node } of walk(t)) {
            for (const dep of node.dependencies) {
                const from = owner.get(dep);
                if (from && from !== t) edges.get(from.urn)!.add(t.urn);
            }
        }
    }
    const reduced = transitiveReduction(edges);
    const incoming = new Map<string, string[]>(tops.map((t) => [t.urn, []]));
    for (const [from, tos] of reduced) for (const to of tos) incoming.get(to)!.push(from);
    for (const bySignature of [true, false]) {
        const groups = new Map<string, TreeNode[]>();
        for (const t of tops) {
            const key = bySignature ? `${t.type}|${t.kind}|${[...incoming.get(t.urn)!].sort()}|${[...reduced.get(t.urn)!].sort()}` : `${t.type}|${t.kind}`;
            groups.set(key, [...(groups.get(key) ?? []), t]);
        }
        const boxes: Box[] = [];
        const boxOf = new Map<string, Box>();
        for (const members of groups.values()) {
            const parts = members.length >= GROUP_FROM ? [members] : members.map((m) => [m]);
            for (const ms of parts) {
                const box: Box = {
                    id: `n${boxes.length}`, members: ms,
                    resources: ms.reduce((n, m) => n + walk(m).filter((w) => w.node.kind === "resource" || w.node.kind === "read").length, 0),
                    versions: ms.length === 1 ? versionsOf(ms[0]) : [],
                };
                boxes.push(box);
                for (const m of ms) boxOf.set(m.urn, box);
            }
        }
        const lines = new Set<string>();
        for (const [from, tos] of reduced) {
            for (const to of tos) {
                const [a, b] = [boxOf.get(from)!, boxOf.get(to)!];
                if (a !== b) lines.add(`  ${a.id} --> ${b.id}`);
            }
        }
        if (lines.size > MAX_EDGES) continue;
        const shape = (b: Box) => (b.members[0].kind === "component" ? [`(["`, `"])`] : [`["`, `"]`]);
        return ["graph TD", ...boxes.map((b) => `  ${b.id}${shape(b)[0]}${label(b)}${shape(b)[1]}`), ...lines].join("\n");
    }
    return undefined;
}
