// The stack's configuration as the CLI hands it to the program: read Pulumi.<stack>.yaml, merge the
// project's declarations into it, validate, and serialise it for the language host.
//
// Mirrors pulumi/pulumi v3.248.0:
// - sdk/go/common/workspace/loaders.go (stackConfigNamespacedWithProject): a key without ":" belongs
//   to the project's namespace.
// - sdk/go/common/workspace/loaders.go (LoadProjectStack): a missing stack file is an empty config.
// - sdk/go/common/workspace/config.go (mergeConfig, validateStackConfigValues,
//   validateStackConfigValue, missingStackConfigurationKeysError): a declared project key with no
//   stack value takes the project's `value`/`default` *as a plain value*, or is reported missing;
//   then every explicitly typed key is checked: declared `secret: true` needs a `secure:` stack value
//   (so a `default` on a secret key always fails), and the value must be of the declared type.
//   pkg/cmd/pulumi/operations/preview.go and up.go wrap these errors "validating stack config: %w"
//   (so is a `secure:` value that does not decrypt: "validating stack config: bad value"; offline
//   nothing is decrypted, so that one cannot happen here).
// - sdk/go/common/resource/config/plaintext.go (marshalText): a structured value reaches the program
//   as Go's json.Marshal of it; sdk/nodejs/cmd/pulumi-language-nodejs/main.go (constructConfig,
//   constructConfigSecretKeys): PULUMI_CONFIG is json.Marshal of {"<ns>:config:<name>": "<text>"};
//   PULUMI_CONFIG_SECRET_KEYS lists the "<ns>:<name>" keys whose values are secure (in Go's map
//   order: config/map.go SecureKeys).
// Offline, `secure:` values cannot be decrypted: the program gets the placeholder "[secret]".
import * as path from "path";
import { readStackYaml, SECRET_PLACEHOLDER } from "../lib/stackConfig";
import { EngineError, fullTypeName, Project, validateConfigValue } from "./project";

/** One config value as the engine holds it (config.Value): text, secure or not, structured or not. */
export interface ConfigValue {
    /** Plaintext (decrypted) form: scalars as text, structured values as JSON. */
    text: string;
    secure: boolean;
    object: boolean;
}

export type ConfigMap = Map<string, ConfigValue>;

const isSecureValue = (v: unknown): boolean =>
    v !== null && typeof v === "object" && !Array.isArray(v) && Object.keys(v).length === 1 && typeof (v as any).secure === "string";

function hasSecure(v: unknown): boolean {
    if (isSecureValue(v)) return true;
    if (Array.isArray(v)) return v.some(hasSecure);
    if (v !== null && typeof v === "object") return Object.values(v).some(hasSecure);
    return false;
}

function decrypt(v: unknown): unknown {
    if (isSecureValue(v)) return SECRET_PLACEHOLDER;
    if (Array.isArray(v)) return v.map(decrypt);
    if (v !== null && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, decrypt(x)]));
    return v;
}

const byBytes = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

/** Go's json.Marshal (encoding/json): map keys sorted bytewise; <, >, &, U+2028, U+2029 escaped as \u00XX. */
export function goJson(v: unknown): string {
    if (Array.isArray(v)) return `[${v.map(goJson).join(",")}]`;
    if (v !== null && typeof v === "object") {
        return `{${Object.keys(v).sort(byBytes).map((k) => `${goJson(k)}:${goJson((v as Record<string, unknown>)[k])}`).join(",")}}`;
    }
    return JSON.stringify(v ?? null).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** config.Value from a YAML value (stack file) or a project default (createConfigValue). */
export function configValue(v: unknown): ConfigValue {
    if (isSecureValue(v)) return { text: SECRET_PLACEHOLDER, secure: true, object: false };
    if (v !== null && typeof v === "object") return { text: goJson(decrypt(v)), secure: hasSecure(v), object: true };
    return { text: v === null || v === undefined ? "" : String(v), secure: false, object: false };
}

/** sdk/go/common/resource/config/key.go ParseKey: "<namespace>:<name>" (a bare name takes the project's). */
export function configKey(project: string, key: string): string {
    return key.includes(":") ? key : `${project}:${key}`;
}

/** Reads a stack file's config (LoadProjectStack): keys namespaced, values as config.Values; none if the file is missing. */
export function readStackConfig(project: Project, file: string): ConfigMap {
    const map: ConfigMap = new Map();
    for (const [key, value] of Object.entries(readStackYaml(file))) map.set(configKey(project.name, key), configValue(value));
    return map;
}

/** config.go formatMissingKeys: 'a', or 'a' and 'b', or 'a', 'b' and 'c'. */
function formatMissing(keys: string[]): string {
    if (keys.length === 1) return `'${keys[0]}'`;
    const sorted = [...keys].sort();
    return `${sorted.slice(0, -1).map((k) => `'${k}'`).join(", ")} and '${sorted[sorted.length - 1]}'`;
}

/** A refusal of mergeConfig, as `pulumi preview` and `pulumi up` print it (operations/preview.go). */
const invalid = (message: string) => new EngineError(`validating stack config: ${message}`);

/**
 * mergeConfig + validateStackConfigValues: applies project defaults/values and the CLI's checks.
 * Throws EngineError with the CLI's own message where `pulumi preview` would stop.
 */
export function mergeProjectConfig(stack: string, project: Project, config: ConfigMap): ConfigMap {
    const merged: ConfigMap = new Map(config);
    const missing: string[] = [];
    const keys = Object.keys(project.config).sort();
    for (const declared of keys) {
        const decl = project.config[declared];
        const key = configKey(project.name, declared);
        if (merged.has(key)) continue;
        const fallback = decl.value !== undefined ? decl.value : decl.default;
        if (fallback === undefined) {
            if (key.startsWith(`${project.name}:`)) missing.push(declared);
            continue;
        }
        merged.set(key, configValue(fallback)); // a plain value, even for a key declared secret
    }
    if (missing.length > 0) throw invalid(`Stack '${stack}' is missing configuration value${missing.length > 1 ? "s" : ""} ${formatMissing(missing)}`);
    for (const declared of keys) {
        const decl = project.config[declared];
        if (decl.type === undefined) continue; // only explicitly typed keys are validated
        const value = merged.get(configKey(project.name, declared)) ?? { text: "", secure: false, object: false };
        if (decl.secret && !value.secure) throw invalid(`Stack '${stack}' with configuration key '${declared}' must be encrypted as it's secret`);
        const content = value.object ? JSON.parse(value.text) : value.text;
        if (!validateConfigValue(decl.type, decl.items, content)) {
            throw invalid(`Stack '${stack}' with configuration key '${declared}' must be of type '${fullTypeName(decl.type, decl.items)}'`);
        }
    }
    return merged;
}

/** The language host's PULUMI_CONFIG and PULUMI_CONFIG_SECRET_KEYS for a merged config. */
export function configEnvironment(config: ConfigMap): { PULUMI_CONFIG: string; PULUMI_CONFIG_SECRET_KEYS: string } {
    return { PULUMI_CONFIG: goJson(Object.fromEntries(hostConfig(config))), PULUMI_CONFIG_SECRET_KEYS: JSON.stringify([...config].filter(([, v]) => v.secure).map(([k]) => k)) };
}

/** main.go constructConfig's entries: "<ns>:config:<name>" and the value's text, in `config`'s order. */
function hostConfig(config: ConfigMap): [string, string][] {
    return [...config].map(([key, v]) => [`${key.slice(0, key.indexOf(":"))}:config:${key.slice(key.indexOf(":") + 1)}`, v.text]);
}

/**
 * Linux's limit on one argument or environment string, its terminating NUL included:
 * MAX_ARG_STRLEN = 32 pages (include/uapi/linux/binfmts.h; fs/exec.c copy_strings refuses a longer
 * one with E2BIG). PULUMI_CONFIG over it: exec fails, "argument list too long" (pulumi/pulumi#8680, #20402).
 */
export const MAX_ARG_STRLEN = 131072;

/**
 * Why the language host could not start the program with this config, or undefined if it can:
 * the bytes of "PULUMI_CONFIG=<json>" and its NUL, the json built as main.go constructConfig builds
 * it, against MAX_ARG_STRLEN. `config` is the merged config (mergeProjectConfig); offline a secure
 * value counts as its placeholder, under the real CLI as its decrypted text. One line, naming the
 * largest key; call it before launching the program (or the CLI, which passes the same string).
 */
export function configSizeProblem(config: ConfigMap): string | undefined {
    const entries = hostConfig(config);
    const size = Buffer.byteLength(`PULUMI_CONFIG=${goJson(Object.fromEntries(entries))}`) + 1;
    if (size <= MAX_ARG_STRLEN) return undefined;
    // Each key's share: its `"<ns>:config:<name>":"<text>"` in the JSON.
    const shares = [...config.keys()].map((key, i) => ({ key, bytes: Buffer.byteLength(`${goJson(entries[i][0])}:${goJson(entries[i][1])}`) }));
    const largest = shares.reduce((a, b) => (b.bytes > a.bytes ? b : a));
    return `PULUMI_CONFIG would be ${size} bytes, over Linux's limit of ${MAX_ARG_STRLEN} for one environment string (MAX_ARG_STRLEN), ` +
        `so the program could not start; ${largest.key} takes ${largest.bytes} of them: move endpoints into files (aks-ml-serving:endpointFiles)`;
}

/** The config does not fit in PULUMI_CONFIG: refused before anything starts (the preview exits 2). */
export class ConfigTooLarge extends EngineError {}

/** Throws ConfigTooLarge, naming the stack file, when configSizeProblem finds one. */
export function checkConfigSize(config: ConfigMap, file: string): void {
    const problem = configSizeProblem(config);
    if (problem) throw new ConfigTooLarge(`${path.basename(file)}: ${problem}`);
}
