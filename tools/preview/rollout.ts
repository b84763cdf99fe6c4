// The rollout as a reviewer reads it: per deployment, the version it serves, the traffic that
// version asked for (trafficPercentile in the config) and the traffic the endpoint ends up giving it
// (components/rollout.ts: the default version also takes whatever no version claims), with warnings
// when the two are far apart or a version gets nothing.
import { deploymentName } from "../../components/modelEndpoint";
import { armName, Recorded } from "../lib/recorder";
import { at, propsOf, show } from "./inputs";
import type { EndpointSummary } from "./model";

/** What the config asked for: an endpoint's name and its versions' trafficPercentile. */
export interface AskedTraffic {
    name: string;
    versions: readonly { versionName: string; trafficPercentile?: number }[];
}

export interface RolloutRow {
    endpoint: string;
    /** The ARM deployment name. */
    deployment: string;
    versionName?: string;
    /** "default, control" */
    role: string;
    /** trafficPercentile as configured, when the config is known: null when unset (it then asks for 0). */
    asked?: number | null;
    /** The traffic the endpoint's map gives this deployment: a percent, "(computed)", or absent. */
    traffic?: number | string;
}

/** Points between asked and given traffic beyond which a version's traffic is "far" from its ask. */
export const FAR = 10;

const tag = (d: Recorded, k: string): unknown => at(d.raw, ["tags", k]) ?? at(propsOf(d.raw), ["tags", k]);
const text = (v: unknown) => (v === undefined ? undefined : show(v));

export function rolloutRows(endpoints: { summary: EndpointSummary; deployments: Recorded[] }[], asked?: readonly AskedTraffic[]): RolloutRow[] {
    const rows: RolloutRow[] = [];
    for (const { summary: e, deployments } of endpoints) {
        const config = asked?.find((a) => a.name === e.name);
        for (const d of deployments) {
            const deployment = armName(d.type, d.inputs, d.name);
            const versionName = text(tag(d, "versionName"));
            const role = [text(tag(d, "isDefault"))?.toLowerCase() === "true" ? "default" : "", text(tag(d, "versionType"))?.toLowerCase() === "control" ? "control" : ""].filter(Boolean).join(", ");
            const version = config?.versions.find((v) => v.versionName === versionName);
            const traffic = typeof e.traffic === "object" ? e.traffic[deployment] : undefined;
            rows.push({
                endpoint: e.name, deployment, role,
                ...(versionName !== undefined ? { versionName } : {}),
                ...(version ? { asked: version.trafficPercentile ?? null } : {}),
                ...(traffic !== undefined ? { traffic } : typeof e.traffic === "object" && Object.keys(e.traffic).length > 0 ? { traffic: 0 } : {}),
            });
        }
    }
    return rows;
}

/**
 * One line per version that gets 0 % (of an endpoint with several versions), or that set a
 * trafficPercentile and gets more than FAR points away from it (a default version that asked for 10 %
 * takes 100 % when the others ask for none). A version that set nothing asks for nothing in particular.
 */
export function trafficWarnings(rows: readonly RolloutRow[]): string[] {
    const out: string[] = [];
    for (const r of rows) {
        if (typeof r.traffic !== "number") continue;
        const who = `${r.endpoint}: version "${r.versionName ?? r.deployment}"`;
        if (r.traffic === 0 && rows.filter((x) => x.endpoint === r.endpoint).length > 1) {
            out.push(`${who} gets 0 % of the traffic: it is deployed (and uses its instances) but serves no requests; give it a trafficPercentile or remove it`);
        } else if (typeof r.asked === "number" && Math.abs(r.traffic - r.asked) > FAR) {
            const claimed = rows.filter((x) => x.endpoint === r.endpoint).reduce((n, x) => n + (x.asked ?? 0), 0);
            out.push(`${who} asks for ${r.asked} % and gets ${r.traffic} %: the default version also takes the ${100 - claimed} % that no version claims`);
        }
    }
    return out;
}

/**
 * Why deployment names carry a suffix, when they do: the name is the version name plus a hash of the
 * instance type (components/modelEndpoint.ts deploymentName), so a new instance type is a new ARM
 * deployment created before the old one is deleted.
 */
export function nameSuffixNote(deployments: readonly Recorded[]): string | undefined {
    for (const d of deployments) {
        const versionName = tag(d, "versionName");
        const instanceType = at(propsOf(d.raw), ["instanceType"]);
        if (typeof versionName !== "string" || typeof instanceType !== "string") continue;
        const name = armName(d.type, d.inputs, d.name);
        if (name !== versionName && name === deploymentName({ versionName, instanceType })) {
            return `deployment names are the version name plus the first 6 hex digits of the SHA-256 of the version's instance type (${name} = ${versionName} + sha256("${instanceType}")): ` +
                "changing the instance type makes a new deployment under a new name, created and given the traffic before the old one is deleted (ARM cannot change it in place, and two deployments cannot share a name)";
        }
    }
    return undefined;
}
