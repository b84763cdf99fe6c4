// A stack seen by a stack policy: resources by type, and the joins Azure makes by name or ARM ID,
// decided from known values or, when a value is unknown at preview, from property dependencies.
import { PolicyResource } from "@pulumi/policy";
import { typed } from "./arm";
import { stackStarts, withPathParams } from "./seen";
import * as t from "./types";
import { isUnknown, lower, Path, rawProps, Undecided } from "./values";

export interface Node {
    res: PolicyResource;
    /** Props without the unknown-checking proxy, in the typed shape (lib/arm.ts). */
    raw: Record<string, any>;
    /** The azure-native v3 token the resource is read as (API versions and generic resources resolved). */
    type: string;
    /** Where a typed path is in `res.props`. */
    realPath(path: Path): Path;
}

/** An identity part: a known lower-cased name, or `urn:<urn>` of the resource that names it. */
export type Ident = string;

export class StackView {
    readonly nodes: Node[];
    readonly undecided = new Undecided();
    // Indexes: stacks have thousands of resources, and every join would otherwise scan them all.
    private readonly urns = new Map<string, Node>();
    private readonly types = new Map<string, Node[]>();
    private readonly names = new Map<Node, Ident>();
    private clustersByKey?: Map<string, Node>;
    private endpointsByName?: Map<Ident, Node[]>;

    constructor(resources: readonly PolicyResource[]) {
        stackStarts(resources.length);
        this.nodes = resources.map((res) => {
            const tp = typed(res.type, withPathParams(res, rawProps(res.props)));
            return { res, raw: tp.raw, type: tp.type, realPath: tp.realPath };
        });
        for (const n of this.nodes) {
            if (!this.urns.has(n.res.urn)) this.urns.set(n.res.urn, n);
            const list = this.types.get(n.type);
            if (list) list.push(n);
            else this.types.set(n.type, [n]);
        }
    }

    ofType(type: string): Node[] {
        return this.types.get(type) ?? [];
    }

    byUrn(urn: string): Node | undefined {
        return this.urns.get(urn);
    }

    /** Resources of `type` that the value of `prop` was computed from. */
    depsOf(node: Node, prop: string, type: string): Node[] {
        const deps = node.res.propertyDependencies[String(node.realPath([prop])[0])] ?? [];
        return deps.map((d) => this.byUrn(d.urn)).filter((n): n is Node => !!n && n.type === type);
    }

    /** Marks a verdict as needing the unknown value at `path` of `node`. */
    needs(node: Node, path: Path): void {
        this.undecided.note(node.res.props, node.realPath(path));
    }

    /**
     * The name in `prop` of `node`, naming a resource of type `refType`: the known value, or, when
     * unknown, the identity of the one resource of `refType` it depends on. Undefined: undecidable.
     */
    nameRef(node: Node, prop: string, refType: string, idKey?: string): Ident | undefined {
        const v = node.raw[prop];
        if (typeof v === "string" && !isUnknown(v)) return v.toLowerCase();
        if (v === undefined && idKey) {
            // Outputs (AnalyzeStack after an update, or existing resources at preview) carry no path
            // parameters: read the name from the resource's own ARM ID.
            const fromId = this.idPart(node, idKey);
            if (fromId) return fromId;
        }
        const deps = this.depsOf(node, prop, refType);
        if (deps.length === 1) return this.ownName(deps[0]);
        return undefined;
    }

    /** The segment after `key` in the resource's known `id` output. */
    idPart(node: Node, key: string): string | undefined {
        const id = node.raw.id;
        return typeof id === "string" && !isUnknown(id) ? t.armSegment(id, key) : undefined;
    }

    /** The resource's own ARM name, or `urn:<urn>` when it is auto-named or unknown. */
    ownName(node: Node): Ident {
        let name = this.names.get(node);
        if (name === undefined) this.names.set(node, (name = this.computeOwnName(node)));
        return name;
    }

    private computeOwnName(node: Node): Ident {
        const prop = t.NAME_PROP[node.type];
        const v = prop ? node.raw[prop] : undefined;
        if (typeof v === "string" && !isUnknown(v)) return v.toLowerCase();
        if (prop && isUnknown(v)) {
            const deps = (node.res.propertyDependencies[String(node.realPath([prop])[0])] ?? []).map((d) => this.byUrn(d.urn)).filter((n): n is Node => !!n);
            if (deps.length === 1 && deps[0] !== node) return this.ownName(deps[0]);
        }
        return lower(node.raw.name) ?? `urn:${node.res.urn}`;
    }

    /** Identity of a resource group reference (`resourceGroupName`), or undefined. */
    resourceGroupOf(node: Node): Ident | undefined {
        return this.nameRef(node, "resourceGroupName", t.RESOURCE_GROUP, "resourcegroups");
    }

    /** `rg/name` of a cluster, as referenced by other resources. */
    clusterKey(cluster: Node): string {
        return `${this.resourceGroupOf(cluster) ?? `urn:${cluster.res.urn}`}/${this.ownName(cluster)}`;
    }

    /** `rg/name` of the workspace a compute, endpoint or deployment belongs to; undefined if undecidable. */
    workspaceKey(node: Node): string | undefined {
        const deps = this.depsOf(node, "workspaceName", t.WORKSPACE);
        if (lower(node.raw.workspaceName) === undefined && deps.length === 1) return this.workspaceOwnKey(deps[0]);
        const ws = this.nameRef(node, "workspaceName", t.WORKSPACE, "workspaces");
        const rg = this.resourceGroupOf(node);
        if (ws === undefined) return this.needs(node, ["workspaceName"]), undefined;
        if (rg === undefined) return this.needs(node, ["resourceGroupName"]), undefined;
        return `${rg}/${ws}`;
    }

    workspaceOwnKey(ws: Node): string {
        return `${this.resourceGroupOf(ws) ?? `urn:${ws.res.urn}`}/${this.ownName(ws)}`;
    }

    /** The cluster an AzureML extension is installed on: a stack node, an outside key, or undefined (undecidable). */
    clusterOfExtension(ext: Node): Node | string | undefined {
        const deps = this.depsOf(ext, "clusterName", t.MANAGED_CLUSTER);
        if (deps.length === 1) return deps[0];
        const name = this.nameRef(ext, "clusterName", t.MANAGED_CLUSTER, "managedclusters");
        const rg = this.resourceGroupOf(ext);
        if (name === undefined) return this.needs(ext, ["clusterName"]), undefined;
        if (rg === undefined) return this.needs(ext, ["resourceGroupName"]), undefined;
        return this.clusterByKey(`${rg}/${name}`);
    }

    /**
     * The cluster a Compute attaches (`properties.resourceId`): a stack node, an outside key (lower-cased
     * ARM ID), null when the compute has no resourceId (it provisions its own), or undefined (undecidable).
     */
    clusterOfCompute(compute: Node): Node | string | null | undefined {
        const rid = compute.raw.properties?.resourceId;
        if (typeof compute.raw.properties === "object" && compute.raw.properties !== null && rid === undefined) return null;
        if (typeof rid === "string" && !isUnknown(rid)) {
            const id = t.parseArmId(rid);
            if (id.kind === "managedclusters" && id.resourceGroup && id.name) return this.clusterByKey(`${id.resourceGroup}/${id.name}`);
            return rid.toLowerCase();
        }
        const deps = this.depsOf(compute, "properties", t.MANAGED_CLUSTER);
        if (deps.length === 1) return deps[0];
        this.needs(compute, isUnknown(compute.raw.properties) ? ["properties"] : ["properties", "resourceId"]);
        return undefined;
    }

    /** A stack cluster with this `rg/name` key, else the key itself (a cluster outside the stack). */
    clusterByKey(key: string): Node | string {
        if (!this.clustersByKey) {
            this.clustersByKey = new Map();
            for (const c of this.ofType(t.MANAGED_CLUSTER)) {
                const k = this.clusterKey(c);
                if (!this.clustersByKey.has(k)) this.clustersByKey.set(k, c);
            }
        }
        return this.clustersByKey.get(key) ?? `aks:${key}`;
    }

    /** Stable identity of a cluster reference, for grouping. */
    static refId(ref: Node | string): string {
        return typeof ref === "string" ? ref : `urn:${ref.res.urn}`;
    }

    /** Whether the extension is the AzureML extension; undefined when its type is unknown. */
    isAzureMlExtension(ext: Node): boolean | undefined {
        const v = ext.raw.extensionType;
        if (isUnknown(v)) return this.needs(ext, ["extensionType"]), undefined;
        return lower(v) === t.AZUREML_EXTENSION_TYPE;
    }

    /** Clusters of the stack attached to a workspace (AzureML extension or a Compute), by URN. */
    attachedClusterUrns(): Set<string> {
        const urns = new Set<string>();
        for (const ext of this.ofType(t.EXTENSION)) {
            if (this.isAzureMlExtension(ext) !== true) continue;
            const c = this.clusterOfExtension(ext);
            if (c && typeof c !== "string") urns.add(c.res.urn);
        }
        for (const comp of this.ofType(t.COMPUTE)) {
            const c = this.clusterOfCompute(comp);
            if (c && typeof c !== "string") urns.add(c.res.urn);
        }
        return urns;
    }

    /** The endpoint resource a deployment belongs to, or undefined (outside the stack or undecidable). */
    endpointOfDeployment(dep: Node): Node | undefined {
        const deps = this.depsOf(dep, "endpointName", t.ONLINE_ENDPOINT);
        if (deps.length === 1) return deps[0];
        const name = this.nameRef(dep, "endpointName", t.ONLINE_ENDPOINT, "onlineendpoints");
        if (name === undefined) return this.needs(dep, ["endpointName"]), undefined;
        const ws = this.workspaceKey(dep);
        if (!this.endpointsByName) {
            this.endpointsByName = new Map();
            for (const e of this.ofType(t.ONLINE_ENDPOINT)) {
                const list = this.endpointsByName.get(this.ownName(e));
                if (list) list.push(e);
                else this.endpointsByName.set(this.ownName(e), [e]);
            }
        }
        return (this.endpointsByName.get(name) ?? []).find((e) => ws === undefined || this.workspaceKey(e) === ws);
    }

    /** `rg/workspace/endpoint` key of the endpoint of a deployment (also for endpoints outside the stack). */
    endpointKey(dep: Node): string | undefined {
        const ep = this.endpointOfDeployment(dep);
        if (ep) return `urn:${ep.res.urn}`;
        const name = this.nameRef(dep, "endpointName", t.ONLINE_ENDPOINT, "onlineendpoints");
        const ws = this.workspaceKey(dep);
        return name !== undefined && ws !== undefined ? `${ws}/${name}` : undefined;
    }

    label(node: Node): string {
        return `${node.res.type.split(":").pop()} "${node.res.name}"`;
    }
}
