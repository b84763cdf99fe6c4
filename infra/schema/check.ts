// Validation from the schema: the first zod issue as one line `<key path>: <what is allowed>, got
// <what was given>`, the form every config error has (tools/lib/yamlPosition.ts reads the key path
// at the start of the message to point at the line). Each section reader calls checkSection first;
// the readers keep only the rules across keys.
import { z } from "zod";
import { ConfigError, show, unknownKey } from "../sections/reader";
import { closest } from "../sections/suggest";
import { location as locationSchema, resourceGroup } from "./stack";
import { bool } from "./shapes";

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

/** YAML `key:` with no value is null, which the readers treat as absent: the schema does too. */
function withoutNulls(value: unknown): unknown {
    if (Array.isArray(value)) return value.map(withoutNulls);
    if (value === null || typeof value !== "object") return value;
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null).map(([k, v]) => [k, withoutNulls(v)]));
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
 * Checks one value (a section, `root` its key path) against its schema: types, ranges, allowed
 * values and the shape of every string. Unknown keys are left to the section readers, which know
 * which keys apply (an existing cluster takes clusterPurpose only), except a near-miss of a required
 * key (`vmsize`): named as the unknown key with the one it meant, not as that key missing. A value
 * of the wrong shape is refused here even beside an unknown key.
 */
export function checkSection(schema: z.ZodType, value: unknown, root: readonly PropertyKey[]): void {
    const result = schema.safeParse(withoutNulls(value), { reportInput: true });
    if (result.success) return;
    const issues = result.error.issues;
    const unknown = issues.find((i) => i.code === "unrecognized_keys");
    const isMissing = (i: z.core.$ZodIssue) => i.code === "invalid_type" && i.input === undefined;
    if (unknown) {
        const [key] = unknown.keys;
        const allowed = keysAt(schema, unknown.path);
        const near = closest(key, allowed);
        if (near && issues.some((i) => isMissing(i) && keyPath(i.path) === keyPath([...unknown.path, near]))) {
            throw unknownKey(keyPath([...root, ...unknown.path, key]), key, allowed);
        }
    }
    // With an unknown key about, a missing key may be the one it meant: both are left to the reader.
    const first = unknown ? issues.find((i) => i.code !== "unrecognized_keys" && !isMissing(i)) : issues[0];
    if (first) throw new ConfigError(issueMessage(first, root));
}

/** The location and the top-level scalars; the sections check themselves (infra/sections). */
export function checkTopLevel(values: Record<string, unknown>, location: unknown): void {
    if (typeof location !== "string" || location.length === 0) {
        throw new ConfigError(`azure-native:location: is required, e.g. westeurope (pulumi config set azure-native:location westeurope)`);
    }
    checkSection(locationSchema, location, ["azure-native:location"]);
    checkSection(resourceGroup, values.resourceGroup ?? {}, ["resourceGroup"]);
    checkSection(bool().optional(), values.protect ?? undefined, ["protect"]);
}
