// What every config error shares: one line naming the full key path and what is allowed, e.g.
// `cluster.agentCount: expected a positive integer, got "three"`. The values themselves are read
// by the schema (infra/schema/check.ts parseSection).
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
