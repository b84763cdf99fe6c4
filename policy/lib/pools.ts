// Agent pools of a ManagedCluster as the capacity rules see them, with unknowns kept apart.
import { PoolShape } from "../rules/capacity";
import { isUnknown, Path } from "./values";

export interface PoolsRead {
    /** Pools whose shape is fully known. */
    known: (PoolShape & { name?: string; nodeLabels?: Record<string, string> })[];
    /** Paths of values that keep a pool's shape unknown (pools can only add capacity). */
    unknown: Path[];
}

const SHAPE = ["vmSize", "count", "enableAutoScaling", "minCount"] as const;

/** Reads `agentPoolProfiles` of raw ManagedCluster props; an absent vmSize reads as "(no vmSize)". */
export function readPools(raw: Record<string, any>): PoolsRead {
    const profiles = raw.agentPoolProfiles;
    if (profiles === undefined || profiles === null) return { known: [], unknown: [] };
    if (!Array.isArray(profiles)) return { known: [], unknown: [["agentPoolProfiles"]] };
    const out: PoolsRead = { known: [], unknown: [] };
    profiles.forEach((p: any, i: number) => {
        if (p === null || typeof p !== "object") {
            out.unknown.push(["agentPoolProfiles", i]);
            return;
        }
        const bad = SHAPE.find((k) => isUnknown(p[k]));
        if (bad) {
            out.unknown.push(["agentPoolProfiles", i, bad]);
            return;
        }
        out.known.push({
            name: typeof p.name === "string" && !isUnknown(p.name) ? p.name : undefined,
            vmSize: p.vmSize ?? "(no vmSize)",
            count: p.count,
            enableAutoScaling: p.enableAutoScaling,
            minCount: p.minCount,
            nodeLabels: p.nodeLabels !== null && typeof p.nodeLabels === "object" ? p.nodeLabels : undefined,
        });
    });
    return out;
}
