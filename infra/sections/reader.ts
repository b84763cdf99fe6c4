// A small typed reader over raw config values. Every error names the full key path and what is
// allowed, e.g. `cluster.agentCount: expected a positive integer, got "three"`.
import * as pulumi from "@pulumi/pulumi";
import { closest } from "./suggest";

/** A user's configuration mistake: reported as one line, never with a stack trace (RunError). */
export class ConfigError extends pulumi.RunError {
    constructor(message: string) {
        super(message);
        this.name = "ConfigError";
        Object.setPrototypeOf(this, ConfigError.prototype);
    }
}

/** Marks a secret config value (a `secure:` value, or one read from the environment). */
export interface SecretValue {
    readonly secret: pulumi.Output<string>;
}

export function show(value: unknown): string {
    if (value === undefined) return "nothing";
    if (typeof value === "string") return JSON.stringify(value);
    if (Array.isArray(value)) return "a list";
    if (value !== null && typeof value === "object") return "an object";
    return String(value);
}

/** An unknown key: the closest allowed one when there is one, else the whole list. */
export function unknownKey(path: string, name: string, allowed: readonly string[]): ConfigError {
    const near = closest(name, allowed);
    return new ConfigError(`${path}: unknown key; ${near ? `did you mean ${near}?` : `allowed keys: ${[...allowed].sort().join(", ")}`}`);
}

/** Reads the fields of one config object; `path` is the key path shown in errors ("cluster"). */
export class Reader {
    private readonly obj: Record<string, unknown>;
    private readonly seen = new Set<string>();

    constructor(value: unknown, readonly path: string) {
        if (value === undefined || value === null) value = {};
        if (typeof value !== "object" || Array.isArray(value)) {
            throw new ConfigError(`${path}: expected an object, got ${show(value)}`);
        }
        this.obj = value as Record<string, unknown>;
    }

    key(name: string): string {
        return this.path ? `${this.path}.${name}` : name;
    }

    /** Whether a field is set; the field counts as known for done(). */
    has(name: string): boolean {
        this.seen.add(name);
        return this.obj[name] !== undefined && this.obj[name] !== null;
    }

    raw(name: string): unknown {
        this.seen.add(name);
        const v = this.obj[name];
        return v === null ? undefined : v;
    }

    fail(name: string, message: string): never {
        throw new ConfigError(`${this.key(name)}: ${message}`);
    }

    /** A string; its shape is the schema's (infra/schema), checked before the section is read. */
    optString(name: string): string | undefined {
        const v = this.raw(name);
        if (v === undefined) return undefined;
        if (typeof v !== "string" || v.length === 0) this.fail(name, `expected a non-empty string, got ${show(v)}`);
        return v;
    }

    string(name: string, opts: { default?: string } = {}): string {
        const v = this.optString(name) ?? opts.default;
        if (v === undefined) this.fail(name, "is required");
        return v;
    }

    oneOf<T extends string>(name: string, allowed: readonly T[], fallback?: T): T {
        const v = this.raw(name);
        if (v === undefined && fallback !== undefined) return fallback;
        if (typeof v !== "string" || !(allowed as readonly string[]).includes(v)) {
            this.fail(name, `expected one of ${allowed.join(", ")}, got ${show(v)}`);
        }
        return v as T;
    }

    optInt(name: string, opts: { min?: number; max?: number } = {}): number | undefined {
        const v = this.raw(name);
        if (v === undefined) return undefined;
        const min = opts.min ?? 0;
        const what = opts.max !== undefined ? `an integer from ${min} to ${opts.max}`
            : min === 1 ? "a positive integer" : min === 0 ? "a non-negative integer" : `an integer >= ${min}`;
        if (typeof v !== "number" || !Number.isInteger(v) || v < min || (opts.max !== undefined && v > opts.max)) {
            this.fail(name, `expected ${what}, got ${show(v)}`);
        }
        return v;
    }

    int(name: string, opts: { min?: number; max?: number; default?: number } = {}): number {
        const v = this.optInt(name, opts) ?? opts.default;
        if (v === undefined) this.fail(name, "is required");
        return v;
    }

    optNumber(name: string, opts: { min?: number; max?: number; exclusiveMin?: boolean } = {}): number | undefined {
        const v = this.raw(name);
        if (v === undefined) return undefined;
        const min = opts.min ?? 0;
        const bad = typeof v !== "number" || !Number.isFinite(v) || (opts.exclusiveMin ? v <= min : v < min)
            || (opts.max !== undefined && v > opts.max);
        if (bad) {
            const lo = opts.exclusiveMin ? `greater than ${min}` : `at least ${min}`;
            this.fail(name, `expected a number ${lo}${opts.max !== undefined ? ` and at most ${opts.max}` : ""}, got ${show(v)}`);
        }
        return v as number;
    }

    bool(name: string, fallback: boolean): boolean {
        const v = this.raw(name);
        if (v === undefined) return fallback;
        if (typeof v !== "boolean") this.fail(name, `expected true or false, got ${show(v)}`);
        return v;
    }

    stringList(name: string): string[] {
        const v = this.raw(name);
        if (v === undefined) return [];
        if (!Array.isArray(v)) this.fail(name, `expected a list of strings, got ${show(v)}`);
        return v.map((item, i) => {
            if (typeof item !== "string") throw new ConfigError(`${this.key(name)}[${i}]: expected a string, got ${show(item)}`);
            return item;
        });
    }

    stringMap(name: string): Record<string, string> {
        const v = this.raw(name);
        if (v === undefined) return {};
        const r = new Reader(v, this.key(name));
        const out: Record<string, string> = {};
        for (const k of r.keys()) out[k] = r.string(k);
        return out;
    }

    /** A nested object (absent means empty). */
    child(name: string): Reader {
        return new Reader(this.raw(name), this.key(name));
    }

    /** A list of objects. */
    list(name: string): Reader[] {
        const v = this.raw(name);
        if (v === undefined) return [];
        if (!Array.isArray(v)) this.fail(name, `expected a list, got ${show(v)}`);
        return v.map((item, i) => new Reader(item, `${this.key(name)}[${i}]`));
    }

    keys(): string[] {
        return Object.keys(this.obj);
    }

    /** Rejects keys nobody read: a typo must not be silently ignored. Call after reading every field. */
    done(): void {
        const unknown = Object.keys(this.obj).filter((k) => !this.seen.has(k));
        if (unknown.length > 0) throw unknownKey(this.key(unknown[0]), unknown[0], [...this.seen]);
    }
}
