// Type matching, in one place: every policy sees a resource as the azure-native v3 type it checks,
// whichever way the program declared it.
// - API-versioned modules: `azure-native:containerservice/v20190601:ManagedCluster` is a ManagedCluster
//   (azure-native generates one module per API version, `<module>/v<yyyymmdd>[preview]`, beside the
//   default one; sdk/nodejs/containerservice/v20190601 in pulumi/pulumi-azure-native v1, v2 keeps the
//   same scheme for the versions it still ships).
// - The generic `azure-native:resources:Resource` (resourceProviderNamespace, parentResourcePath,
//   resourceType, resourceName, fields under `properties`): read as the typed resource of that ARM type.
//   Types whose azure-native shape keeps the ARM `properties` bag (computes, endpoints, deployments)
//   keep it; the others have their ARM properties flattened to the top level, as azure-native does.
// `realPath` maps a typed path back to where it is in the props the engine sent, so that reading an
// unknown through the engine's proxy names the true path.
import * as t from "./types";
import { isUnknown, Path } from "./values";

export const GENERIC_RESOURCE = "azure-native:resources:Resource";

/** ARM type (lower-cased) -> [typed token, keeps `properties`, parent name inputs]. */
const ARM_TYPES: Readonly<Record<string, [string, boolean, string[]]>> = {
    "microsoft.containerservice/managedclusters": [t.MANAGED_CLUSTER, false, []],
    "microsoft.containerservice/managedclusters/agentpools": [t.AGENT_POOL, false, ["resourceName"]],
    "microsoft.machinelearningservices/workspaces": [t.WORKSPACE, false, []],
    "microsoft.machinelearningservices/workspaces/computes": [t.COMPUTE, true, ["workspaceName"]],
    "microsoft.machinelearningservices/workspaces/onlineendpoints": [t.ONLINE_ENDPOINT, true, ["workspaceName"]],
    "microsoft.machinelearningservices/workspaces/onlineendpoints/deployments": [t.ONLINE_DEPLOYMENT, true, ["workspaceName", "endpointName"]],
};

/** Inputs a generic Resource has beside `properties` that the typed resource also has at the top level. */
const TOP_LEVEL = new Set(["location", "identity", "sku", "kind", "tags", "resourceGroupName", "extendedLocation", "plan", "managedBy", "id", "name"]);

const canonicalCache = new Map<string, string>();

/** `azure-native:<module>/v<version>:<Type>` -> `azure-native:<module>:<Type>`; other tokens unchanged. */
export function canonicalType(token: string): string {
    let c = canonicalCache.get(token);
    if (c === undefined) {
        const m = /^(azure-native:[^:/]+)\/v\d{8}(?:preview|privatepreview)?(:.+)$/.exec(token);
        c = m ? m[1] + m[2] : token;
        canonicalCache.set(token, c);
    }
    return c;
}

export interface Typed {
    /** The azure-native v3 token the policies check. */
    type: string;
    /** Raw props in the typed shape (may hold unknown sentinels). */
    raw: Record<string, any>;
    /** Where a typed path is in the props the engine sent. */
    realPath(path: Path): Path;
    /** Declared as a generic resources:Resource. */
    generic: boolean;
}

const same = (p: Path) => p;

/** The ARM type of a generic Resource, lower-cased; undefined while a part is unknown. */
export function genericArmType(raw: Record<string, any>): string | undefined {
    const ns = raw.resourceProviderNamespace;
    const rt = raw.resourceType;
    const parent = raw.parentResourcePath ?? "";
    if ([ns, rt, parent].some((v) => typeof v !== "string" || isUnknown(v))) return undefined;
    const parentTypes = (parent as string).split("/").filter((s) => s.length > 0).filter((_, i) => i % 2 === 0);
    return [ns, ...parentTypes, ...(rt as string).split("/").filter((s: string) => s.length > 0)].join("/").toLowerCase();
}

/** Reads a resource as the typed resource of its ARM type; undefined when it is none the pack checks. */
export function typed(token: string, raw: Record<string, any>): Typed {
    const type = canonicalType(token);
    if (type !== GENERIC_RESOURCE) return { type, raw, realPath: same, generic: false };
    const arm = genericArmType(raw);
    const entry = arm === undefined ? undefined : ARM_TYPES[arm];
    if (!entry) return { type, raw, realPath: same, generic: false };
    const [typedType, keepsBag, parentNames] = entry;
    const out: Record<string, any> = {};
    for (const k of Object.keys(raw)) if (TOP_LEVEL.has(k)) out[k] = raw[k];
    const nameProp = t.NAME_PROP[typedType];
    if (nameProp) out[nameProp] = raw.resourceName;
    const parent = raw.parentResourcePath;
    const parentParts = typeof parent === "string" ? parent.split("/").filter((s) => s.length > 0) : [];
    // Parent names, innermost last: workspaces/<ws>/onlineEndpoints/<ep> -> workspaceName, endpointName.
    parentNames.forEach((input, i) => (out[input] = isUnknown(parent) ? parent : parentParts[2 * i + 1]));
    const bag = raw.properties;
    const routes = new Map<string, string>([[nameProp ?? "", "resourceName"], ...parentNames.map((n) => [n, "parentResourcePath"] as [string, string])]);
    if (keepsBag) out.properties = bag;
    else if (isUnknown(bag)) return { type: typedType, raw: unknownBag(out, bag), realPath: flatPath(routes), generic: true };
    else if (bag !== null && typeof bag === "object") for (const [k, v] of Object.entries(bag)) if (!(k in out)) out[k] = v;
    return { type: typedType, raw: out, realPath: keepsBag ? routePath(routes) : flatPath(routes), generic: true };
}

function routePath(routes: Map<string, string>) {
    return (p: Path): Path => (p.length > 0 && routes.has(String(p[0])) ? [routes.get(String(p[0]))!] : p);
}

function flatPath(routes: Map<string, string>) {
    return (p: Path): Path => {
        if (p.length === 0) return p;
        const head = String(p[0]);
        if (routes.has(head)) return [routes.get(head)!];
        return TOP_LEVEL.has(head) ? p : ["properties", ...p];
    };
}

/** Typed props whose flattened members are all unknown (the whole ARM `properties` bag is). */
function unknownBag(top: Record<string, any>, sentinel: string): Record<string, any> {
    return new Proxy(top, { get: (o, k) => (typeof k === "string" && !(k in o) ? sentinel : (o as any)[k]) });
}
