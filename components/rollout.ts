// Controlled rollout (the seed's "lanzamiento controlado", SDK v1 AksEndpoint): up to six versions
// behind one endpoint, a traffic percentage per version, the remainder to the default version, one
// control version and any number of treatments. Pure: no Pulumi here.
//
// The default version receives its own percentile plus whatever nobody claimed (seed: versions at
// 20% (default) and 10% -> the default gets 20 + 70 = 90). ARM's traffic map takes integers, so
// percentiles are integers (SDK v1 allowed decimals; ARM would refuse them).

export const MAX_VERSIONS = 6;

export interface RolloutVersion {
    versionName: string;
    trafficPercentile?: number;
    isDefault?: boolean;
    isControlVersionType?: boolean;
}

export type VersionType = "Control" | "Treatment";

export interface Rollout {
    /** Final traffic per version name, in version order; every version is named; sums to 100. */
    traffic: Record<string, number>;
    defaultVersion: string;
    controlVersion?: string;
}

/** A rollout rule broken; `index`/`field` locate it (no index: the versions list as a whole). */
export class RolloutError extends Error {
    constructor(message: string, readonly index?: number, readonly field?: string) {
        super(message);
        this.name = "RolloutError";
        Object.setPrototypeOf(this, RolloutError.prototype);
    }

    /** The location relative to the versions list: `versions[1].isDefault`, or `versions`. */
    where(list = "versions"): string {
        if (this.index === undefined) return list;
        return `${list}[${this.index}]${this.field ? `.${this.field}` : ""}`;
    }
}

export function computeTraffic(versions: readonly RolloutVersion[]): Rollout {
    if (versions.length < 1 || versions.length > MAX_VERSIONS) {
        throw new RolloutError(`expected 1 to ${MAX_VERSIONS} versions, got ${versions.length}`);
    }
    const seen = new Map<string, number>();
    let defaultIndex: number | undefined;
    let controlIndex: number | undefined;
    let claimed = 0;
    versions.forEach((v, i) => {
        const prior = seen.get(v.versionName);
        if (prior !== undefined) {
            throw new RolloutError(`"${v.versionName}" is already the name of versions[${prior}]`, i, "versionName");
        }
        seen.set(v.versionName, i);
        const p = v.trafficPercentile ?? 0;
        if (!Number.isInteger(p) || p < 0 || p > 100) {
            throw new RolloutError(`expected an integer from 0 to 100, got ${p}`, i, "trafficPercentile");
        }
        claimed += p;
        if (v.isDefault) {
            if (defaultIndex !== undefined) {
                throw new RolloutError(`only one version may be the default; "${versions[defaultIndex].versionName}" already is`, i, "isDefault");
            }
            defaultIndex = i;
        }
        if (v.isControlVersionType) {
            if (controlIndex !== undefined) {
                throw new RolloutError(`only one version may be the control; "${versions[controlIndex].versionName}" already is`, i, "isControlVersionType");
            }
            controlIndex = i;
        }
    });
    if (claimed > 100) {
        const parts = versions.filter((v) => (v.trafficPercentile ?? 0) > 0).map((v) => `${v.versionName}: ${v.trafficPercentile}`);
        throw new RolloutError(`trafficPercentile values sum to ${claimed} (${parts.join(", ")}); at most 100 is allowed`);
    }
    const def = versions[defaultIndex ?? 0];
    const traffic: Record<string, number> = {};
    for (const v of versions) traffic[v.versionName] = v.trafficPercentile ?? 0;
    traffic[def.versionName] += 100 - claimed;
    return {
        traffic,
        defaultVersion: def.versionName,
        controlVersion: controlIndex === undefined ? undefined : versions[controlIndex].versionName,
    };
}

/** The tags that show each version's rollout role to humans and policies. */
export function roleTags(rollout: Rollout, versionName: string): { versionType: VersionType; isDefault: "true" | "false" } {
    return {
        versionType: rollout.controlVersion === versionName ? "Control" : "Treatment",
        isDefault: rollout.defaultVersion === versionName ? "true" : "false",
    };
}
