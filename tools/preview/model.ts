// What the preview shows, built from the recorder's registrations: the resource tree, a summary
// (counts per type, vCPUs, endpoints with their traffic split), and the policy findings.
// Generic over types: only tools/preview/inputs.ts knows which inputs matter per type.
import { clusterCapacity, PoolShape } from "../../policy/rules/capacity";
import { armName, isSecret, Recorded, UNKNOWN } from "../lib/recorder";
import { at, COMPUTED, inputsThatMatter, propsOf, show, showPools, T, trafficApplied } from "./inputs";
import type { PolicyReport } from "./policies";
import { AskedTraffic, nameSuffixNote, rolloutRows, RolloutRow, trafficWarnings } from "./rollout";

export type Kind = "stack" | "component" | "resource" | "provider" | "read";

export interface TreeNode {
    urn: string;
    type: string;
    name: string;
    kind: Kind;
    inputs: [string, string][];
    /** Every input as registered, for machines: secrets as "[secret]", unknowns as "(computed)". */
    props: Record<string, unknown>;
    /** Registered with `protect: true`: the engine refuses to delete it. */
    protect: boolean;
    dependencies: string[];
    children: TreeNode[];
}

export interface ClusterSummary {
    name: string;
    pools: string;
    vcpus: number;
    nodes: number;
    unknownSizes: string[];
    /** An existing cluster (Resource.get): its pools live in Azure, not counted offline. */
    existing?: true;
}
export interface DeploymentSummary { name: string; instanceType?: string; versionType?: string; isDefault?: string }
export interface EndpointSummary {
    name: string;
    authMode?: string;
    /** Traffic percent per deployment, "(computed)" values when not known at preview. */
    traffic: Record<string, number | string> | string;
    deployments: DeploymentSummary[];
}

export interface Summary {
    counts: { type: string; count: number }[];
    clusters: ClusterSummary[];
    totalVcpus: number;
    endpoints: EndpointSummary[];
    /** One row per deployment: version, traffic asked (from the config, when given) and traffic set. */
    rollout: RolloutRow[];
    /** Versions whose traffic ends far from what they asked for, or at 0 %. */
    warnings: string[];
    /** Why deployment names carry a suffix, when they do. */
    nameSuffix?: string;
    /** Protected resources, as "name (short type)". */
    protected: string[];
}

export interface Preview {
    stack: string;
    stackFile: string;
    /** Which engine ran, and the `secure:` values it gave placeholders. */
    engine: import("./pulumiEngine").EngineInfo;
    tree: TreeNode;
    summary: Summary;
    policy: PolicyReport;
    /** With --base: what changes against the base ref (tools/preview/diffRender.ts). */
    diff?: import("./diffRender").BaseDiff;
}

export function kindOf(r: Recorded): Kind {
    if (r.type === "pulumi:pulumi:Stack") return "stack";
    if (r.read) return "read";
    if (r.type.startsWith("pulumi:providers:")) return "provider";
    return r.custom ? "resource" : "component";
}

export function buildTree(records: Recorded[]): TreeNode {
    const nodes = new Map<string, TreeNode>();
    for (const r of records) {
        nodes.set(r.urn, {
            urn: r.urn, type: r.type, name: r.name, kind: kindOf(r),
            inputs: inputsThatMatter(r.type, r.raw), props: displayForm(r.raw) as Record<string, unknown>, protect: r.protect,
            dependencies: [...new Set(r.dependencies)], children: [],
        });
    }
    const stackRec = records.find((r) => r.type === "pulumi:pulumi:Stack");
    const root: TreeNode = stackRec ? nodes.get(stackRec.urn)! : { urn: "", type: "pulumi:pulumi:Stack", name: "", kind: "stack", inputs: [], props: {}, protect: false, dependencies: [], children: [] };
    for (const r of records) {
        const node = nodes.get(r.urn)!;
        if (node === root) continue;
        (nodes.get(r.parent) ?? root).children.push(node);
    }
    return root;
}

/** A wire-form value for display and JSON: secrets as "[secret]", unknowns as "(computed)". */
export function displayForm(v: any): unknown {
    if (v === UNKNOWN || isSecret(v)) return show(v);
    if (Array.isArray(v)) return v.map(displayForm);
    if (v !== null && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, displayForm(x)]));
    return v;
}

/** Every node of a tree, depth first. */
export function walk(node: TreeNode, depth = 0, out: { node: TreeNode; depth: number }[] = []): { node: TreeNode; depth: number }[] {
    out.push({ node, depth });
    for (const c of node.children) walk(c, depth + 1, out);
    return out;
}

function clusterSummary(name: string, profiles: any, extraSizes: Record<string, number>): ClusterSummary {
    const pools: PoolShape[] = [];
    const unknownSizes: string[] = [];
    const list = Array.isArray(profiles) ? profiles : [profiles];
    for (const p of list) {
        const known = (v: any) => v !== UNKNOWN && !isSecret(v);
        if (!p || !known(p) || !known(p.vmSize) || !known(p.count) || !known(p.minCount)) {
            unknownSizes.push(p && known(p) && typeof p.vmSize === "string" ? p.vmSize : COMPUTED);
            continue;
        }
        pools.push({ vmSize: String(p.vmSize), count: p.count, enableAutoScaling: p.enableAutoScaling === true, minCount: p.minCount });
    }
    const cap = clusterCapacity(pools, extraSizes);
    return { name, pools: showPools(profiles) ?? "", vcpus: cap.vcpus, nodes: cap.nodes, unknownSizes: [...unknownSizes, ...cap.unknownSizes] };
}

/** Whether `r` names `endpoint`: its endpointName `named` is the endpoint's name, or unknown and `r` depends on the endpoint. */
function refersTo(r: Recorded, named: any, endpoint: Recorded, endpointName: string): boolean {
    if (isSecret(named) ? named.value === endpointName : named === endpointName) return true;
    if ((r.propertyDependencies.endpointName ?? []).includes(endpoint.urn)) return true;
    return (named === UNKNOWN || named === undefined) && r.dependencies.includes(endpoint.urn);
}

/** The deployments of an endpoint, in registration order. */
export function deploymentsOf(ep: Recorded, records: Recorded[]): Recorded[] {
    const name = armName(ep.type, ep.inputs, ep.name);
    return records.filter((r) => r.type === T.deployment && refersTo(r, r.raw.endpointName, ep, name));
}

function endpointSummary(ep: Recorded, records: Recorded[]): EndpointSummary {
    const name = armName(ep.type, ep.inputs, ep.name);
    const props = propsOf(ep.raw);
    const applied = records.map((r) => ({ r, t: trafficApplied(r.type, r.raw) })).find(({ r, t }) => t && refersTo(r, t.endpointName, ep, name));
    const traffic = applied ? applied.t!.traffic : at(props, ["traffic"]);
    const deployments = deploymentsOf(ep, records).map((d) => {
        const tag = (k: string) => at(d.raw, ["tags", k]) ?? at(propsOf(d.raw), ["tags", k]);
        const instanceType = at(propsOf(d.raw), ["instanceType"]);
        const opt = (v: any) => (v === undefined ? undefined : show(v));
        return { name: armName(d.type, d.inputs, d.name), instanceType: opt(instanceType), versionType: opt(tag("versionType")), isDefault: opt(tag("isDefault")) };
    });
    const authMode = at(props, ["authMode"]);
    return {
        name,
        authMode: authMode === undefined ? undefined : show(authMode),
        traffic: traffic === undefined ? {} : traffic !== null && typeof traffic === "object" && !isSecret(traffic)
            ? Object.fromEntries(Object.entries(traffic).map(([k, v]) => [k, typeof v === "number" ? v : show(v)]))
            : show(traffic),
        deployments,
    };
}

/**
 * `asked`: the endpoints of the config (name, versions with trafficPercentile), when known: the
 * rollout then shows what each version asked for, and warns when it ends far from it.
 */
export function summarize(records: Recorded[], extraSizes: Record<string, number> = {}, asked?: readonly AskedTraffic[]): Summary {
    const counts = new Map<string, number>();
    for (const r of records) if (kindOf(r) !== "stack") counts.set(r.type, (counts.get(r.type) ?? 0) + 1);
    const managed = records.filter((r) => !r.read);
    const clusters = [
        ...managed.filter((r) => r.type === T.cluster).map((r) => clusterSummary(armName(r.type, r.inputs, r.name), r.raw.agentPoolProfiles ?? [], extraSizes)),
        ...managed.filter((r) => r.type === T.agentPool).map((r) => clusterSummary(`${armName(r.type, r.inputs, r.name)} (agent pool)`, [{ ...r.raw, name: r.raw.agentPoolName }], extraSizes)),
        ...records.filter((r) => r.read && r.type === T.cluster).map((r): ClusterSummary => ({ name: r.name, pools: "", vcpus: 0, nodes: 0, unknownSizes: [], existing: true })),
    ];
    const endpointRecords = records.filter((r) => r.type === T.endpoint);
    const endpoints = endpointRecords.map((ep) => endpointSummary(ep, records));
    const deployments = records.filter((r) => r.type === T.deployment);
    const rollout = rolloutRows(endpoints.map((summary, i) => ({ summary, deployments: deploymentsOf(endpointRecords[i], records) })), asked);
    return {
        counts: [...counts].map(([type, count]) => ({ type, count })).sort((a, b) => a.type.localeCompare(b.type)),
        clusters,
        totalVcpus: clusters.reduce((n, c) => n + c.vcpus, 0),
        endpoints,
        rollout,
        warnings: trafficWarnings(rollout),
        nameSuffix: nameSuffixNote(deployments),
        protected: records.filter((r) => r.protect).map((r) => `${r.name} (${r.type.split(":").pop()})`),
    };
}
