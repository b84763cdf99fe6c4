// Validation from the schema: the first zod issue as one line `<key path>: <what is allowed>, got
// <what was given>`, the form every config error has (tools/lib/yamlPosition.ts reads the key path
// at the start of the message to point at the line).
import { z } from "zod";
import { ConfigError, show, unknownKey } from "../sections/reader";
import { closest } from "../sections/suggest";
import { location as locationSchema, projectConfig } from "./stack";

/** `cluster.acceleratorPools[0].vmSize` from a zod path. */
export function keyPath(path: readonly PropertyKey[]): string {
    return path.reduce<string>((out, k) => typeof k === "number" ? `${out}[${k}]` : out ? `${out}.${String(k)}` : String(k), "");
}

/** The one-line message of a zod issue. */
export function issueMessage(issue: z.core.$ZodIssue, prefix = ""): string {
    const where = (path: readonly PropertyKey[]) => prefix + keyPath(path);
    if (issue.code === "invalid_key") {
        // A map key with the wrong shape (tag names, label keys, instance type names): the map's path.
        const inner = issue.issues[0]?.message ?? "expected a valid key";
        return `${where(issue.path.slice(0, -1))}: ${inner}, got ${show(issue.input)}`;
    }
    if (issue.input === undefined && issue.code === "invalid_type") return `${where(issue.path)}: is required`;
    return `${where(issue.path)}: ${issue.message}, got ${show(issue.input)}`;
}

/** YAML `key:` with no value is null, which the reader treats as absent: the schema does too. */
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
 * Checks the project's raw values and the location against the schema. Unknown keys are left to
 * the section readers, which know which keys apply (an existing cluster takes clusterPurpose only)
 * and suggest the closest one: while a value has an unknown key, its other issues wait for them.
 */
export function checkSchema(values: Record<string, unknown>, location: unknown): void {
    if (typeof location !== "string" || location.length === 0) {
        throw new ConfigError(`azure-native:location: is required, e.g. westeurope (pulumi config set azure-native:location westeurope)`);
    }
    const loc = locationSchema.safeParse(location, { reportInput: true });
    if (!loc.success) throw new ConfigError(issueMessage(loc.error.issues[0], "azure-native:location"));
    const result = projectConfig.safeParse(withoutNulls(values), { reportInput: true });
    if (result.success) return;
    const unknown = result.error.issues.find((i) => i.code === "unrecognized_keys");
    if (unknown) {
        // A near-miss (`vmsize`) is named before the key it meant is reported missing; other unknown
        // keys go to the readers, which list the keys that apply where they are.
        const [key] = unknown.keys;
        const allowed = keysAt(projectConfig, unknown.path);
        if (closest(key, allowed)) throw unknownKey(keyPath([...unknown.path, key]), key, allowed);
        return;
    }
    throw new ConfigError(issueMessage(result.error.issues[0]));
}
