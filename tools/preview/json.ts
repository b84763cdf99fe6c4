// JSON rendering of a preview, for machines: resources as a flat list with their parent's URN, the
// inputs shown to people (`inputs`) and every input as registered (`allInputs`: secrets as
// "[secret]", unknowns as "(computed)"), so that other tools can diff two previews; the policy
// config used and each policy's level are in `policy.config`.
import { diffJson } from "./diffRender";
import { Preview, walk } from "./model";
import { countLevel } from "./policies";
import type { RenderOptions } from "./text";

export function renderJson(p: Preview, opts: RenderOptions = {}): string {
    const parents = new Map<string, string>();
    for (const { node } of walk(p.tree)) for (const c of node.children) parents.set(c.urn, node.urn);
    const mandatory = countLevel(p.policy, "mandatory") + countLevel(p.policy, "remediate");
    const head = {
        stack: p.stack,
        stackFile: p.stackFile,
        engine: p.engine,
        passed: mandatory === 0,
        violations: { mandatory, advisory: countLevel(p.policy, "advisory") },
    };
    if (opts.policiesOnly) return JSON.stringify({ ...head, policy: p.policy }, null, 2) + "\n";
    return JSON.stringify({
        ...head,
        resources: walk(p.tree).map(({ node }) => ({
            urn: node.urn,
            type: node.type,
            name: node.name,
            kind: node.kind,
            parent: parents.get(node.urn) ?? null,
            protect: node.protect,
            inputs: Object.fromEntries(node.inputs),
            allInputs: node.props,
            dependencies: node.dependencies,
        })),
        summary: p.summary,
        policy: p.policy,
        ...(p.diff ? { diff: diffJson(p.diff) } : {}),
    }, null, 2) + "\n";
}
