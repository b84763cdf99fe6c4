// Pulumi.yaml, loaded and validated as the CLI loads it before it runs anything.
//
// Mirrors pulumi/pulumi v3.248.0:
// - sdk/go/common/workspace/loaders.go (LoadProjectBytes): schema validation, then the shorthand
//   rewrite (RewriteShorthandConfigValues), then Project.Validate; errors are wrapped
//   "could not validate '<path>': ..." and "could not unmarshal '<path>': ...".
// - sdk/go/common/workspace/project.json: `name` required; `runtime` a name or { name, options };
//   `main` a string; `config` values a string/integer/boolean/array shorthand or a declaration
//   { type (string|integer|boolean|array|object), items, description, secret, default, value }.
// - sdk/go/common/workspace/project.go (Project.Validate, ValidateConfigValue, InferFullTypeName).
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";

/** An error the CLI itself reports before the program runs (`pulumi preview` prints "error: ..."). */
export class EngineError extends Error {}

export interface ItemsType { type: string; items?: ItemsType }

export interface ConfigType {
    type?: string;
    items?: ItemsType;
    description?: string;
    secret?: boolean;
    default?: unknown;
    value?: unknown;
}

export interface Project {
    name: string;
    runtime: { name: string; options: Record<string, unknown> };
    main?: string;
    config: Record<string, ConfigType>;
    /** The folder that holds Pulumi.yaml (the engine's project root). */
    root: string;
}

const SIMPLE_TYPES = ["string", "integer", "boolean", "array", "object"];
const DECLARATION_KEYS = ["type", "items", "description", "secret", "default", "value"];

const isPrimitive = (v: unknown) => typeof v === "string" || typeof v === "number" || typeof v === "boolean";

/** project.go ValidateConfigValue: does `value` fit the declared type? */
export function validateConfigValue(type: string, items: ItemsType | undefined, value: unknown): boolean {
    switch (type) {
        case "string":
            return typeof value === "string";
        case "integer":
            // YAML gives floats; whole numbers pass, and strings that parse as integers (strconv.Atoi).
            if (typeof value === "number") return Number.isInteger(value);
            return typeof value === "string" && /^[+-]?\d+$/.test(value);
        case "boolean":
            return typeof value === "boolean" || value === "true" || value === "false";
        case "object":
            return value !== null && typeof value === "object" && !Array.isArray(value);
        default:
            return Array.isArray(value) && items !== undefined && value.every((v) => validateConfigValue(items.type, items.items, v));
    }
}

/** project.go InferFullTypeName: `array<object>` and the like. */
export function fullTypeName(type: string, items?: ItemsType): string {
    return items ? `array<${fullTypeName(items.type, items.items)}>` : type;
}

function schemaItems(v: unknown, at: string): string | undefined {
    if (v === null || typeof v !== "object" || Array.isArray(v)) return `${at}: expected object`;
    const it = v as Record<string, unknown>;
    if (it.type === undefined) return `${at}: missing properties: 'type'`;
    if (typeof it.type === "string" && !SIMPLE_TYPES.includes(it.type)) return `${at}/type: value must be one of ${SIMPLE_TYPES.map((t) => `"${t}"`).join(", ")}`;
    if (it.type === "array" && it.items === undefined) return `${at}: missing properties: 'items'`;
    return it.items === undefined ? undefined : schemaItems(it.items, `${at}/items`);
}

/** The parts of project.json that this project can get wrong, with the CLI's instance paths. */
function schemaErrors(raw: Record<string, unknown>): string[] {
    const errors: string[] = [];
    const rt = raw.runtime;
    if (rt !== undefined && !(typeof rt === "string" && rt.length > 0)) {
        if (rt === null || typeof rt !== "object" || Array.isArray(rt) || typeof (rt as any).name !== "string") errors.push("#/runtime: expected a runtime name or { name, options }");
        else if ((rt as any).options !== undefined && (typeof (rt as any).options !== "object" || Array.isArray((rt as any).options))) errors.push("#/runtime/options: expected object");
    }
    if (raw.main !== undefined && raw.main !== null && typeof raw.main !== "string") errors.push("#/main: expected string or null");
    const config = raw.config;
    if (config !== undefined && config !== null && typeof config === "object" && !Array.isArray(config)) {
        for (const [key, decl] of Object.entries(config)) {
            const at = `#/config/${key}`;
            if (isPrimitive(decl) || Array.isArray(decl)) continue; // shorthand: a default (or a value)
            if (decl === null || typeof decl !== "object") {
                errors.push(`${at}: expected string, integer, boolean, array or a config type declaration`);
                continue;
            }
            const d = decl as Record<string, unknown>;
            for (const k of Object.keys(d)) if (!DECLARATION_KEYS.includes(k)) errors.push(`${at}: additionalProperties '${k}' not allowed`);
            if (d.type !== undefined && !SIMPLE_TYPES.includes(d.type as string)) errors.push(`${at}/type: value must be one of ${SIMPLE_TYPES.map((t) => `"${t}"`).join(", ")}`);
            if (d.secret !== undefined && typeof d.secret !== "boolean") errors.push(`${at}/secret: expected boolean`);
            if (d.description !== undefined && typeof d.description !== "string") errors.push(`${at}/description: expected string`);
            if (d.items !== undefined) {
                const e = schemaItems(d.items, `${at}/items`);
                if (e) errors.push(e);
            }
        }
    }
    return errors;
}

/** The key's namespace is the project's (or it has none): project.go configKeyIsNamespacedByProject. */
export function namespacedByProject(project: string, key: string): boolean {
    return !key.includes(":") || key.startsWith(`${project}:`);
}

/** Project.Validate: rules on config declarations that the schema cannot express. */
function validateDeclarations(name: string, config: Record<string, ConfigType>): string | undefined {
    for (const [key, c] of Object.entries(config)) {
        if (c.default !== undefined && c.value !== undefined) return `project config '${key}' cannot have both a 'default' and 'value' attribute`;
        if (namespacedByProject(name, key)) {
            if (c.type === "array" && c.items === undefined) {
                return `The configuration key '${key}' declares an array but does not specify the underlying type via the 'items' attribute`;
            }
            if (c.type !== undefined && c.default !== undefined && !validateConfigValue(c.type, c.items, c.default)) {
                return `The default value specified for configuration key '${key}' is not of the expected type '${fullTypeName(c.type, c.items)}'`;
            }
        } else {
            if (c.type !== undefined) return `Configuration key '${key}' is not namespaced by the project and should not define a type`;
            if (c.default !== undefined) {
                return `Configuration key '${key}' is not namespaced by the project and should not define a default value. Did you mean to use the 'value' attribute instead of 'default'?`;
            }
            if (c.value === undefined) return `Configuration key '${key}' is namespaced and must provide an attribute 'value'`;
        }
    }
    return undefined;
}

/** Loads <root>/Pulumi.yaml; throws EngineError with the CLI's message where the CLI would refuse it. */
export function loadProject(root: string): Project {
    const file = path.join(root, "Pulumi.yaml");
    if (!fs.existsSync(file)) throw new EngineError(`no Pulumi.yaml project file found (searching upwards from ${root})`);
    const doc = YAML.parseDocument(fs.readFileSync(file, "utf8").replace(/^\uFEFF/, ""));
    if (doc.errors.length > 0) throw new EngineError(`could not unmarshal '${file}': ${doc.errors[0].message.split("\n")[0]}`);
    const raw = (doc.toJS() ?? {}) as Record<string, unknown>;
    if (raw.name === undefined) throw new EngineError("project is missing a 'name' attribute");
    if (typeof raw.name !== "string" || raw.name === "") throw new EngineError("project is missing a non-empty string 'name' attribute");
    const errors = schemaErrors(raw);
    if (errors.length > 0) throw new EngineError(`could not validate '${file}': ${errors.join("; ")}`);
    const name = raw.name;
    const config: Record<string, ConfigType> = {};
    for (const [key, decl] of Object.entries((raw.config ?? {}) as Record<string, unknown>)) {
        // RewriteShorthandConfigValues: a bare value is a default (project keys) or a value (others).
        if (isPrimitive(decl) || Array.isArray(decl)) config[key] = namespacedByProject(name, key) ? { default: decl } : { value: decl };
        else config[key] = decl as ConfigType;
    }
    const invalid = validateDeclarations(name, config);
    if (invalid) throw new EngineError(`could not unmarshal '${file}': ${invalid}`);
    const rt = raw.runtime;
    const runtime = typeof rt === "string" ? { name: rt, options: {} } : { name: (rt as any)?.name ?? "", options: (rt as any)?.options ?? {} };
    return { name, runtime, main: typeof raw.main === "string" ? raw.main : undefined, config, root };
}

/**
 * pkg/engine/project.go getPwdMain: the program's working directory and entry point. With no `main`
 * the program runs in the project root with entry point "."; `main: dir/` runs it *inside* dir/
 * (so relative paths in config and tsconfig.json are looked up there); `main: file.ts` runs in the
 * file's folder with the file's base name.
 */
export function pwdMain(project: Project): { pwd: string; main: string } {
    if (!project.main) return { pwd: project.root, main: "." };
    const main = path.resolve(project.root, project.main);
    let stat: fs.Stats;
    try {
        stat = fs.statSync(main);
    } catch (e) {
        throw new EngineError(`project 'main' could not be read: ${(e as Error).message}`);
    }
    return stat.isDirectory() ? { pwd: main, main: "." } : { pwd: path.dirname(main), main: path.basename(main) };
}
