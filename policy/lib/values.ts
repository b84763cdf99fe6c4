// Reading resource properties without tripping over unknowns.
//
// @pulumi/policy hands a policy its props behind an unknown-checking proxy: *reading* an unknown
// value throws, and the engine turns the whole policy into an advisory "can't run during preview".
// The proxy only traps `get`, so own-property descriptors expose the raw values. Policies read the
// raw view, decide whatever can be decided (from presence, known values or property dependencies),
// and only when a verdict truly needs an unknown value do they read it through the proxy, which
// yields the engine's standard advisory naming the exact property path.

/** The engine's unknown sentinels (string, boolean, number, array, asset, archive, object). */
export const UNKNOWN_SENTINELS: ReadonlySet<string> = new Set([
    "04da6b54-80e4-46f7-96ec-b56ff0331ba9",
    "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7",
    "3eeb2bf0-c639-47a8-9e75-3b44932eb421",
    "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2",
    "030794c1-ac77-496b-92df-f27374a8bd58",
    "e48ece36-62e2-4504-bad9-02848725956a",
    "dd056dcd-154b-4c76-9bd3-c8f88648b5ff",
]);

export function isUnknown(v: unknown): boolean {
    return typeof v === "string" && UNKNOWN_SENTINELS.has(v);
}

export function containsUnknown(v: unknown): boolean {
    if (isUnknown(v)) return true;
    if (Array.isArray(v)) return v.some(containsUnknown);
    if (v !== null && typeof v === "object") return Object.values(v).some(containsUnknown);
    return false;
}

/** The props without the proxy: nested values are the deserialized plain values. Never throws. */
export function rawProps(props: Record<string, any>): Record<string, any> {
    const out: Record<string, any> = {};
    for (const key of Object.keys(props)) out[key] = Object.getOwnPropertyDescriptor(props, key)?.value;
    return out;
}

export type Path = readonly (string | number)[];

/** The raw value at `path` (undefined when absent). May be an unknown sentinel. */
export function at(raw: unknown, path: Path): any {
    let v: any = raw;
    for (const key of path) {
        if (isUnknown(v)) return v;
        if (v === null || typeof v !== "object") return undefined;
        v = v[key];
    }
    return v;
}

/** The first path under `path` (inclusive) that is unknown, if any. */
export function unknownPath(raw: unknown, path: Path): Path | undefined {
    let v: any = raw;
    for (let i = 0; i < path.length; i++) {
        if (isUnknown(v)) return path.slice(0, i);
        if (v === null || typeof v !== "object") return undefined;
        v = v[path[i]];
    }
    return findUnknown(v, path);
}

function findUnknown(v: unknown, path: Path): Path | undefined {
    if (isUnknown(v)) return path;
    if (v !== null && typeof v === "object") {
        for (const [k, x] of Object.entries(v)) {
            const found = findUnknown(x, [...path, Array.isArray(v) ? Number(k) : k]);
            if (found) return found;
        }
    }
    return undefined;
}

/**
 * Collects the questions a policy could not decide at preview. `settle()` runs after every
 * decidable verdict has been reported: it reads the first unknown through the engine's proxy,
 * which raises the engine's "can't run during preview" advisory for exactly that path.
 */
export class Undecided {
    private first?: { props: Record<string, any>; path: Path };

    /** Records that a verdict needs the unknown value at `path` of `props` (the proxied props). */
    note(props: Record<string, any>, path: Path): void {
        this.first ??= { props, path };
    }

    /** Records the first unknown under `path`, if any; returns true when there was one. */
    noteIfUnknown(props: Record<string, any>, path: Path): boolean {
        const found = unknownPath(rawProps(props), path);
        if (found) this.note(props, found);
        return found !== undefined;
    }

    get any(): boolean {
        return this.first !== undefined;
    }

    settle(): void {
        if (!this.first) return;
        let v: any = this.first.props;
        for (const key of this.first.path) {
            if (v === null || typeof v !== "object") return;
            v = v[key]; // throws the engine's UnknownValueError at the unknown
        }
    }
}

/** Lower-cased string when known, else undefined. */
export function lower(v: unknown): string | undefined {
    return typeof v === "string" && !isUnknown(v) ? v.toLowerCase() : undefined;
}

export function knownString(v: unknown): string | undefined {
    return typeof v === "string" && !isUnknown(v) ? v : undefined;
}
