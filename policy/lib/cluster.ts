// Small readers for cluster rules: add-ons by case-insensitive name, and every agent pool of a
// ManagedCluster (inline agentPoolProfiles) or a separate AgentPool resource.
import { readAt, Verdict } from "./define";
import { AGENT_POOL } from "./types";
import { isUnknown, Path } from "./values";

export const AKS_DOCS = "https://learn.microsoft.com/azure/aks";

/** The add-on profile `name` (AKS accepts any casing: omsagent / omsAgent): its path, or an unknown. */
export function addonPath(raw: Record<string, any>, name: string): { needs: Path } | { path: Path; present: boolean } {
    const addons = raw.addonProfiles;
    if (isUnknown(addons)) return { needs: ["addonProfiles"] };
    const key = Object.keys(addons ?? {}).find((k) => k.toLowerCase() === name.toLowerCase());
    return { path: ["addonProfiles", key ?? name], present: key !== undefined };
}

/** Whether add-on `name` is enabled: true/false, or the unknown path. */
export function addonEnabled(raw: Record<string, any>, name: string): { needs: Path } | { value: boolean; path: Path } {
    const a = addonPath(raw, name);
    if ("needs" in a) return a;
    if (!a.present) return { value: false, path: a.path };
    const r = readAt(raw, [...a.path, "enabled"] as string[]);
    return "needs" in r ? r : { value: r.value === true, path: a.path };
}

/** Applies `check` to every pool: (pool props, path prefix, label). Unknown pool lists yield a need. */
export function eachPool(raw: Record<string, any>, type: string, check: (pool: Record<string, any>, at: Path, label: string) => Verdict): Verdict[] {
    if (type === AGENT_POOL) return [check(raw, [], "the agent pool")];
    const pools = raw.agentPoolProfiles;
    if (isUnknown(pools)) return [{ needs: ["agentPoolProfiles"] }];
    if (!Array.isArray(pools)) return [];
    return pools.map((p: any, i: number) => {
        if (isUnknown(p)) return { needs: ["agentPoolProfiles", i] };
        const name = typeof p?.name === "string" && !isUnknown(p.name) ? p.name : "?";
        return check(p ?? {}, ["agentPoolProfiles", i], `agentPoolProfiles[${i}] ("${name}")`);
    });
}

/** readAt below a pool. */
export function poolRead(pool: Record<string, any>, at: Path, path: string[]): { needs: Path } | { value: any } {
    const r = readAt(pool, path);
    return "needs" in r ? { needs: [...at, ...r.needs] } : r;
}
