// Validation from the schema: the first zod issue as one line `<key path>: <what is allowed>, got
// <what was given>`, the form every config error has (tools/lib/yamlPosition.ts reads the key path
// at the start of the message to point at the line). Each section reader calls parseSection and
// gets zod's typed output (defaults applied); the readers keep only the rules across keys.
import { z } from "zod";
import { ConfigError, show, unknownKey } from "../sections/reader";
import { closest } from "../sections/suggest";
import { location as locationSchema, protect, resourceGroup } from "./stack";

/** `cluster.acceleratorPools[0].vmSize` from a zod path. */
export function keyPath(path: readonly PropertyKey[]): string {
    return path.reduce<string>((out, k) => typeof k === "number" ? `${out}[${k}]` : out ? `${out}.${String(k)}` : String(k), "");
}

/** The one-line message of a zod issue whose path starts at `root`. */
export function issueMessage(issue: z.core.$ZodIssue, root: readonly PropertyKey[] = []): string {
    const where = (path: readonly PropertyKey[]) => keyPath([...root, ...path]);
    if (issue.code === "invalid_key") {
        // A map key with the wrong shape (tag names, label keys, instance type names): the map's path.
        const inner = issue.issues[0]?.message ?? "expected a valid key";
        return `${where(issue.path.slice(0, -1))}: ${inner}, got ${show(issue.input)}`;
    }
    if (issue.input === undefined && issue.code === "invalid_type") return `${where(issue.path)}: is required`;
    return `${where(issue.path)}: ${issue.message}, got ${show(issue.input)}`;
}

/** YAML `key:` with no value is null, which counts as absent (a fresh copy: parseSection edits it). */
function withoutNulls(value: unknown): unknown {
    if (Array.isArray(value)) return value.map(withoutNulls);
    if (value === null || typeof value !== "object") return value;
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null).map(([k, v]) => [k, withoutNulls(v)]));
}

/** The keys written in a config object (null counts as absent): rules about what the user wrote, not the defaults. */
export function written(value: unknown): string[] {
    if (value === null || typeof value !== "object" || Array.isArray(value)) return [];
    return Object.entries(value).filter(([, v]) => v !== undefined && v !== null).map(([k]) => k);
}

/** The keys the schema allows in the object at `path` (through lists, maps, optional and default). */
function keysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
    let s: unknown = schema;
    for (let i = 0; ; ) {
        if (s instanceof z.ZodOptional || s instanceof z.ZodDefault) s = s.unwrap();
        else if (i === path.length) break;
        else if (s instanceof z.ZodArray) { s = s.element; i++; }
        else if (s instanceof z.ZodRecord) { s = s.valueType; i++; }
        else if (s instanceof z.ZodObject) { s = s.shape[String(path[i])]; i++; }
        else return [];
    }
    return s instanceof z.ZodObject ? Object.keys(s.shape) : [];
}

/**
 * How a section names an unknown key `key` in the object at `path` (relative to the section), given
 * the section's values: the keys that apply there (an existing cluster takes clusterPurpose and
 * existing only), a message of its own (`is replaced by ...`), or undefined for the schema's keys.
 */
export type UnknownKeyRule<T> = (key: string, path: readonly PropertyKey[], data: T) => readonly string[] | string | undefined;

/**
 * Parses one value (a section, `root` its key path) with its schema: types, ranges, allowed values,
 * the shape of every string, unknown keys; returns zod's output, defaults applied. Errors, first one
 * wins: a value of the wrong shape (even beside an unknown key); an unknown key that is a near-miss
 * of a missing required key (`vmsize`: named as the unknown key with the one it meant, not as that
 * key missing); a missing key; an unknown key, with the closest key that applies or their list.
 */
export function parseSection<S extends z.ZodType>(schema: S, value: unknown, root: readonly PropertyKey[], unknownRule?: UnknownKeyRule<z.output<S>>): z.output<S> {
    const input = withoutNulls(value);
    const first = schema.safeParse(input, { reportInput: true });
    if (first.success) return first.data;
    const issues = first.error.issues;
    const unknown = issues.filter((i): i is z.core.$ZodIssueUnrecognizedKeys => i.code === "unrecognized_keys");
    const isMissing = (i: z.core.$ZodIssue) => i.code === "invalid_type" && i.input === undefined;
    const wrong = issues.find((i) => i.code !== "unrecognized_keys" && !isMissing(i));
    if (wrong) throw new ConfigError(issueMessage(wrong, root));
    if (unknown.length === 0) throw new ConfigError(issueMessage(issues[0], root));
    for (const u of unknown) {
        const near = closest(u.keys[0], keysAt(schema, u.path));
        if (near && issues.some((i) => isMissing(i) && keyPath(i.path) === keyPath([...u.path, near]))) {
            throw unknownKey(keyPath([...root, ...u.path, u.keys[0]]), u.keys[0], keysAt(schema, u.path));
        }
    }
    // Without the unknown keys: a missing key, else the values the section's rule needs to name the keys that apply.
    for (const u of unknown) {
        const obj = u.path.reduce<any>((o, k) => o[k as string], input);
        for (const k of u.keys) delete obj[k];
    }
    const rest = schema.safeParse(input, { reportInput: true });
    if (!rest.success) throw new ConfigError(issueMessage(rest.error.issues[0], root));
    const [{ path, keys: [key] }] = unknown;
    const rule = unknownRule?.(key, path, rest.data);
    const where = keyPath([...root, ...path, key]);
    if (typeof rule === "string") throw new ConfigError(`${where}: ${rule}`);
    throw unknownKey(where, key, rule ?? keysAt(schema, path));
}

/** The location, the resource group and protect; the sections parse themselves (infra/sections). */
export function parseTopLevel(values: Record<string, unknown>, location: unknown) {
    if (typeof location !== "string" || location.length === 0) {
        throw new ConfigError(`azure-native:location: is required, e.g. westeurope (pulumi config set azure-native:location westeurope)`);
    }
    return {
        location: parseSection(locationSchema, location, ["azure-native:location"]),
        resourceGroup: parseSection(resourceGroup, values.resourceGroup ?? {}, ["resourceGroup"]),
        protect: parseSection(protect, values.protect ?? undefined, ["protect"]),
    };
}
