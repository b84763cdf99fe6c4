// Synthetic inputs of the scale and policy series. Pure: no I/O, no Pulumi runtime.
import type { AnalyzerResource } from "../lib/analyzer";

// ---- scale series: endpoints config ----

/** One generated endpoint in the shape of `aks-ml-serving:endpoints` (see infra/sections/endpoints.ts). */
export interface SyntheticEndpoint {
    name: string;
    authMode: string;
    versions: Record<string, unknown>[];
}

/**
 * `count` endpoints of `versions` versions each, modelled on `example` (an endpoint of the stack file):
 * every version copies the example's first version with its own name; the first is the default and
 * the control version and takes the remainder of the traffic, the others get equal integer shares.
 */
export function syntheticEndpoints(example: Record<string, any>, count: number, versions: number): SyntheticEndpoint[] {
    if (!Number.isInteger(count) || count < 1) throw new Error(`endpoint count must be a positive integer, got ${count}`);
    if (!Number.isInteger(versions) || versions < 1 || versions > 6) throw new Error(`versions must be 1 to 6, got ${versions}`);
    const base = (example.versions?.[0] ?? {}) as Record<string, unknown>;
    const share = Math.floor(100 / (versions * 2));
    return Array.from({ length: count }, (_, e) => ({
        ...example,
        name: `${String(example.name ?? "ep").slice(0, 20)}-${e + 1}`,
        authMode: example.authMode ?? "key",
        versions: Array.from({ length: versions }, (_, v) => ({
            ...base,
            versionName: `version${v + 1}`,
            trafficPercentile: v === 0 ? 100 - share * (versions - 1) : share,
            isDefault: v === 0,
            isControlVersionType: v === 0,
        })),
    }));
}

// ---- policy series: a stack made of copies of a recorded stack ----

/** `urn:pulumi:stack::project::type::name` with the last `::` part renamed. */
export function renameUrn(urn: string, suffix: string): string {
    if (!urn) return urn;
    const i = urn.lastIndexOf("::");
    return i < 0 ? `${urn}${suffix}` : `${urn.slice(0, i + 2)}${urn.slice(i + 2)}${suffix}`;
}

/** A string rewritten through `names`: whole value, or each `/`-separated segment of an ARM ID. */
export function renameValue(v: string, names: ReadonlyMap<string, string>): string {
    const whole = names.get(v);
    if (whole !== undefined) return whole;
    if (!v.includes("/")) return v;
    return v.split("/").map((s) => names.get(s) ?? s).join("/");
}

function renameDeep(v: any, names: ReadonlyMap<string, string>): any {
    if (typeof v === "string") return renameValue(v, names);
    if (Array.isArray(v)) return v.map((x) => renameDeep(x, names));
    if (v !== null && typeof v === "object") {
        const o: Record<string, any> = {};
        for (const [k, x] of Object.entries(v)) o[k] = renameDeep(x, names);
        return o;
    }
    return v;
}

/**
 * `copies` copies of `template` (a stack as the engine sends it), each an independent stack part:
 * URNs, parents and dependencies renamed with `-<copy>`, and the ARM names the template defines
 * (string values of `nameProps`: `resourceName`, `workspaceName`...) renamed wherever they appear.
 * Copy 0 keeps the template's names.
 */
export function replicateStack(template: readonly AnalyzerResource[], copies: number, nameProps: Readonly<Record<string, string>>): AnalyzerResource[] {
    const own = new Set<string>();
    for (const r of template) {
        const v = r.properties[nameProps[r.type]];
        if (typeof v === "string" && v.length > 0) own.add(v);
    }
    const out: AnalyzerResource[] = [];
    for (let c = 0; c < copies; c++) {
        const suffix = c === 0 ? "" : `-${c}`;
        const names = new Map([...own].map((n) => [n, `${n}${suffix}`]));
        const urn = (u: string) => renameUrn(u, suffix);
        for (const r of template) {
            out.push({
                ...r,
                name: `${r.name}${suffix}`,
                urn: urn(r.urn),
                parent: r.parent ? urn(r.parent) : r.parent,
                dependencies: r.dependencies?.map(urn),
                propertyDependencies: r.propertyDependencies
                    ? Object.fromEntries(Object.entries(r.propertyDependencies).map(([k, us]) => [k, us.map(urn)]))
                    : undefined,
                properties: renameDeep(r.properties, names),
            });
        }
    }
    return out;
}
