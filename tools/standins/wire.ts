// Property values in the engine's wire form (a protobuf Struct as JSON), as the stand-in providers
// receive and return them. Sentinels (pulumi/pulumi sdk/go/common/resource/plugin/rpc.go and
// sdk/go/common/resource/properties.go; the same constants as @pulumi/pulumi runtime/rpc.ts):
// - an unknown is the string UNKNOWN (MarshalOptions.KeepUnknowns);
// - a secret is { [SIG]: SECRET_SIG, value } (KeepSecrets: the engine sends them because Configure
//   answers acceptSecrets);
// - an asset / archive is { [SIG]: ASSET_SIG | ARCHIVE_SIG, hash, path | text | uri | assets };
// - a resource reference is { [SIG]: RESOURCE_SIG, urn, id?, packageVersion? } (acceptResources).
// Nulls are dropped on the way in, as the providers' UnmarshalProperties(SkipNulls: true) do.
// Also: the property diff both azure-native and the bridged random provider build on (paths in the
// engine's property-path syntax, pkg/resource property_path.go: `a.b[0]["key.with.dots"]`).
import * as crypto from "crypto";

export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
export const SIG = "4dabf18193072939515e22adb298388d";
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
export const ASSET_SIG = "c44067f5952c0a294b673a41bacd8c17";
export const ARCHIVE_SIG = "0def7320c3a5731c473e5ecbe6d01bc7";
export const RESOURCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";

export type Props = Record<string, any>;

export const isObject = (v: any): v is Props => typeof v === "object" && v !== null && !Array.isArray(v);
export const isSecret = (v: any): boolean => isObject(v) && v[SIG] === SECRET_SIG;
export const isUnknown = (v: any): boolean => v === UNKNOWN;
const isSigned = (v: any, sig: string): boolean => isObject(v) && v[SIG] === sig;

export function secret(v: any): Props {
    return isSecret(v) ? v : { [SIG]: SECRET_SIG, value: v };
}

/** Strips every secret wrapper (deep). */
export function unwrap(v: any): any {
    if (isSecret(v)) return unwrap(v.value);
    if (Array.isArray(v)) return v.map(unwrap);
    if (isObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, unwrap(x)]));
    return v;
}

export function containsUnknown(v: any): boolean {
    if (v === UNKNOWN) return true;
    if (Array.isArray(v)) return v.some(containsUnknown);
    if (isObject(v)) return Object.values(v).some(containsUnknown);
    return false;
}

/** Drops nulls and undefineds (deep): SkipNulls. */
export function dropNulls(v: any): any {
    if (Array.isArray(v)) return v.map(dropNulls);
    if (isObject(v)) {
        return Object.fromEntries(Object.entries(v).filter(([, x]) => x !== null && x !== undefined).map(([k, x]) => [k, dropNulls(x)]));
    }
    return v;
}

/** JSON with sorted keys: the same value gives the same bytes (hash input). */
export function canonical(v: any): string {
    if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
    if (isObject(v)) return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`).join(",")}}`;
    return JSON.stringify(v ?? null);
}

export const sha256 = (s: string): Buffer => crypto.createHash("sha256").update(s).digest();
export const hex = (seed: string, n: number): string => sha256(seed).toString("hex").slice(0, n);

/** A UUID-shaped value (version 4 bits) derived from `seed`. */
export function guid(seed: string): string {
    const h = sha256(seed).toString("hex");
    const variant = "89ab"[parseInt(h[16], 16) % 4];
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Is two wire values' content the same: secrets compared by what they wrap, assets by hash, refs by URN and ID. */
export function sameValue(a: any, b: any): boolean {
    if (isSecret(a) || isSecret(b)) return sameValue(unwrap(a), unwrap(b));
    if (isSigned(a, ASSET_SIG) || isSigned(a, ARCHIVE_SIG)) {
        if (!isSigned(b, a[SIG])) return false;
        return a.hash !== undefined && b.hash !== undefined ? a.hash === b.hash : canonical(a) === canonical(b);
    }
    if (isSigned(a, RESOURCE_SIG)) return isSigned(b, RESOURCE_SIG) && a.urn === b.urn && (a.id ?? "") === (b.id ?? "");
    if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
    if (isObject(a)) {
        if (!isObject(b)) return false;
        const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
        return [...keys].every((k) => sameValue(a[k], b[k]));
    }
    return a === b;
}

export type ChangeKind = "add" | "delete" | "update";
export interface Change {
    path: string;
    kind: ChangeKind;
}

/**
 * `base` + key in property-path syntax, as Pulumi writes one (pulumi/pulumi v3.248.0
 * sdk/go/common/resource/properties_path.go PropertyPath.String): `a.b`, or `a["b-c"]` for a key
 * with a character outside [A-Za-z0-9_] (its `"` escaped, nothing else). The emulated diff
 * (tools/diff/compute.ts) names paths the same way, so both engines' diffs read alike.
 */
export function joinPath(base: string, key: string | number): string {
    if (typeof key === "number") return `${base}[${key}]`;
    if (!/[^A-Za-z0-9_]/.test(key)) return base ? `${base}.${key}` : key;
    return `${base}["${key.replace(/"/g, '\\"')}"]`;
}

/**
 * The changes from `olds` to `news`, leaf by leaf (pulumi-azure-native provider/pkg/provider/diff.go
 * objectDiff / valueDiff): objects key by key, arrays index by index (adds and deletes past the shorter
 * length), anything else compared whole (an unknown differs from every known value; a secret, an
 * asset or a resource reference is one value). Keys starting with "__" are the provider's own flags
 * and never differ (diff.go ignoreKey). `same(key, old, new)` may declare a top-level pair equal
 * (azure-native's case-insensitive location).
 */
export function diffValues(olds: Props, news: Props, same?: (key: string, o: any, n: any) => boolean): Change[] {
    const out: Change[] = [];
    const walk = (o: any, n: any, path: string, root: boolean) => {
        if (isObject(o) && isObject(n) && !o[SIG] && !n[SIG]) {
            for (const k of new Set([...Object.keys(o), ...Object.keys(n)])) {
                if (root && (k.startsWith("__") || (k in o && k in n && same?.(k, o[k], n[k])))) continue;
                const p = joinPath(path, k);
                if (!(k in n)) out.push({ path: p, kind: "delete" });
                else if (!(k in o)) out.push({ path: p, kind: "add" });
                else walk(o[k], n[k], p, false);
            }
        } else if (Array.isArray(o) && Array.isArray(n)) {
            for (let i = 0; i < Math.max(o.length, n.length); i++) {
                const p = joinPath(path, i);
                if (i >= n.length) out.push({ path: p, kind: "delete" });
                else if (i >= o.length) out.push({ path: p, kind: "add" });
                else walk(o[i], n[i], p, false);
            }
        } else if (!sameValue(o, n)) {
            out.push({ path, kind: "update" });
        }
    };
    walk(dropNulls(olds), dropNulls(news), "", true);
    return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** The top-level property a path starts with. */
export function topKey(path: string): string {
    const m = /^([^.[]+)|^\["((?:[^"\\]|\\.)*)"\]/.exec(path);
    return m ? (m[1] ?? JSON.parse(`"${m[2]}"`)) : path;
}

/**
 * Merges `extra` into `base` (deep, objects only). With `overwrite`, `extra` wins at its leaves;
 * without, it only fills what `base` lacks. An unknown or a non-object in `base` where `extra` has an
 * object is left as it is (what is unknown stays unknown); a secret wrapper in `base` is kept around
 * the merged value.
 */
export function mergeInto(base: any, extra: Props, overwrite = true): any {
    if (base === undefined) return extra;
    if (isSecret(base)) return secret(mergeInto(base.value, extra, overwrite));
    if (!isObject(base) || base[SIG]) return base;
    const out: Props = { ...base };
    for (const [k, v] of Object.entries(extra)) {
        if (isObject(v) && !v[SIG] && out[k] !== undefined) out[k] = mergeInto(out[k], v, overwrite);
        else if (overwrite || out[k] === undefined) out[k] = v;
    }
    return out;
}

/** Every leaf of `v` replaced by UNKNOWN (the shape of outputs a preview cannot know). */
export function unknownLeaves(v: any): any {
    if (isObject(v) && !v[SIG]) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, unknownLeaves(x)]));
    return UNKNOWN;
}
