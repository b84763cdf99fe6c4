// JSON rendering of a preview, for machines: resources as a flat list with their parent's URN.
import { diffJson } from "./diffRender";
import { Preview, walk } from "./model";
import { countLevel } from "./policies";

export function renderJson(p: Preview): string {
    const parents = new Map<string, string>();
    for (const { node } of walk(p.tree)) for (const c of node.children) parents.set(c.urn, node.urn);
    const mandatory = countLevel(p.policy, "mandatory") + countLevel(p.policy, "remediate");
    return JSON.stringify({
        stack: p.stack,
        stackFile: p.stackFile,
        passed: mandatory === 0,
        violations: { mandatory, advisory: countLevel(p.policy, "advisory") },
        resources: walk(p.tree).map(({ node }) => ({
            urn: node.urn,
            type: node.type,
            name: node.name,
            kind: node.kind,
            parent: parents.get(node.urn) ?? null,
            inputs: Object.fromEntries(node.inputs),
            dependencies: node.dependencies,
        })),
        summary: p.summary,
        policy: p.policy,
        ...(p.diff ? { diff: diffJson(p.diff) } : {}),
    }, null, 2) + "\n";
}
