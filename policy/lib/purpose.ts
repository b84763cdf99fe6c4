// Where Azure reads a cluster's purpose: the AzureML extension's configurationSettings.clusterPurpose
// (FastProd when unset), or a legacy SDK v1 attach, a Compute of computeType AKS
// (properties.properties.clusterPurpose, FastProd when unset).
import { PoolShape } from "../rules/capacity";
import * as t from "./types";
import { isUnknown, lower } from "./values";
import { Node, StackView } from "./stack";

export interface PurposeClaim {
    purpose: string;
    /** The resource that states the purpose. */
    from: Node;
    /** True when the purpose was not set and Azure's default applies. */
    defaulted: boolean;
}

export interface ClusterPurposes {
    /** Claims on ManagedClusters of the stack, by cluster URN. */
    byCluster: Map<string, PurposeClaim[]>;
    /** Legacy computes without resourceId, which provision their own cluster (agentCount x agentVmSize). */
    provisioned: { claim: PurposeClaim; pools: PoolShape[] }[];
}

export const DEFAULT_PURPOSE = "FastProd";

export function clusterPurposes(view: StackView): ClusterPurposes {
    const out: ClusterPurposes = { byCluster: new Map(), provisioned: [] };
    const add = (cluster: Node, claim: PurposeClaim) => {
        const list = out.byCluster.get(cluster.res.urn) ?? [];
        list.push(claim);
        out.byCluster.set(cluster.res.urn, list);
    };
    for (const ext of view.ofType(t.EXTENSION)) {
        if (view.isAzureMlExtension(ext) !== true) continue;
        const claim = extensionPurpose(view, ext);
        const cluster = claim && view.clusterOfExtension(ext);
        if (claim && cluster && typeof cluster !== "string") add(cluster, claim);
    }
    for (const comp of view.ofType(t.COMPUTE)) {
        const type = comp.raw.properties?.computeType;
        if (isUnknown(comp.raw.properties) || isUnknown(type)) {
            view.needs(comp, isUnknown(comp.raw.properties) ? ["properties"] : ["properties", "computeType"]);
            continue;
        }
        if (lower(type) !== "aks") continue;
        const inner = comp.raw.properties.properties;
        const value = inner?.clusterPurpose;
        if (isUnknown(inner) || isUnknown(value)) {
            view.needs(comp, isUnknown(inner) ? ["properties", "properties"] : ["properties", "properties", "clusterPurpose"]);
            continue;
        }
        const claim: PurposeClaim = { purpose: value ?? DEFAULT_PURPOSE, from: comp, defaulted: value === undefined };
        const cluster = view.clusterOfCompute(comp);
        if (cluster === null) {
            const size = inner?.agentVmSize ?? "Standard_D3_v2";
            const count = inner?.agentCount ?? 3;
            if (isUnknown(size) || isUnknown(count)) {
                view.needs(comp, ["properties", "properties", isUnknown(size) ? "agentVmSize" : "agentCount"]);
                continue;
            }
            out.provisioned.push({ claim, pools: [{ vmSize: size, count }] });
        } else if (cluster && typeof cluster !== "string") {
            add(cluster, claim);
        }
    }
    return out;
}

/** The purpose an AzureML extension states, or undefined when it is unknown (noted as undecided). */
export function extensionPurpose(view: StackView, ext: Node): PurposeClaim | undefined {
    const settings = ext.raw.configurationSettings;
    if (isUnknown(settings)) return view.needs(ext, ["configurationSettings"]), undefined;
    const value = settings?.clusterPurpose;
    if (isUnknown(value)) return view.needs(ext, ["configurationSettings", "clusterPurpose"]), undefined;
    return { purpose: value ?? DEFAULT_PURPOSE, from: ext, defaulted: value === undefined };
}

export function describeClaim(claim: PurposeClaim): string {
    const how = claim.defaulted ? "Azure's default, clusterPurpose not set" : "clusterPurpose";
    return `purpose ${claim.purpose} (${how} on ${claim.from.res.type.split(":").pop()} "${claim.from.res.name}")`;
}
