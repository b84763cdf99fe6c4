// The stack's configuration as the CLI hands it to the program: read Pulumi.<stack>.yaml, merge the
// project's declarations into it, validate, and serialise it for the language host.
//
// Mirrors pulumi/pulumi v3.248.0:
// - sdk/go/common/workspace/loaders.go (stackConfigNamespacedWithProject): a key without ":" belongs
//   to the project's namespace.
// - sdk/go/common/workspace/config.go (mergeConfig, validateStackConfigValues,
//   validateStackConfigValue, missingStackConfigurationKeysError): a declared project key with no
//   stack value takes the project's `value`/`default` *as a plain value*, or is reported missing;
//   then every explicitly typed key is checked: declared `secret: true` needs a `secure:` stack value
//   (so a `default` on a secret key always fails), and the value must be of the declared type.
// - sdk/nodejs/cmd/pulumi-language-nodejs/main.go (constructConfig, constructConfigSecretKeys):
//   PULUMI_CONFIG is {"<ns>:config:<name>": "<text>"}, structured values as JSON text;
//   PULUMI_CONFIG_SECRET_KEYS lists the "<ns>:<name>" keys whose values are secure.
// Offline, `secure:` values cannot be decrypted: the program gets the placeholder "[secret]".
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

/** config.Value from a YAML value (stack file) or a project default (createConfigValue). */
export function configValue(v: unknown): ConfigValue {
    if (isSecureValue(v)) return { text: SECRET_PLACEHOLDER, secure: true, object: false };
    if (v !== null && typeof v === "object") return { text: JSON.stringify(decrypt(v)), secure: hasSecure(v), object: true };
    return { text: v === null || v === undefined ? "" : String(v), secure: false, object: false };
}

/** sdk/go/common/resource/config/key.go ParseKey: "<namespace>:<name>" (a bare name takes the project's). */
export function configKey(project: string, key: string): string {
    return key.includes(":") ? key : `${project}:${key}`;
}

/** Reads a stack file's config (LoadProjectStack): keys namespaced, values as config.Values. */
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
    if (missing.length > 0) throw new EngineError(`Stack '${stack}' is missing configuration value${missing.length > 1 ? "s" : ""} ${formatMissing(missing)}`);
    for (const declared of keys) {
        const decl = project.config[declared];
        if (decl.type === undefined) continue; // only explicitly typed keys are validated
        const value = merged.get(configKey(project.name, declared)) ?? { text: "", secure: false, object: false };
        if (decl.secret && !value.secure) throw new EngineError(`Stack '${stack}' with configuration key '${declared}' must be encrypted as it's secret`);
        const content = value.object ? JSON.parse(value.text) : value.text;
        if (!validateConfigValue(decl.type, decl.items, content)) {
            throw new EngineError(`Stack '${stack}' with configuration key '${declared}' must be of type '${fullTypeName(decl.type, decl.items)}'`);
        }
    }
    return merged;
}

/** The language host's PULUMI_CONFIG and PULUMI_CONFIG_SECRET_KEYS for a merged config. */
export function configEnvironment(config: ConfigMap): { PULUMI_CONFIG: string; PULUMI_CONFIG_SECRET_KEYS: string } {
    const values: Record<string, string> = {};
    const secret: string[] = [];
    for (const [key, v] of config) {
        const i = key.indexOf(":");
        values[`${key.slice(0, i)}:config:${key.slice(i + 1)}`] = v.text;
        if (v.secure) secret.push(key);
    }
    return { PULUMI_CONFIG: JSON.stringify(values), PULUMI_CONFIG_SECRET_KEYS: JSON.stringify(secret) };
}
