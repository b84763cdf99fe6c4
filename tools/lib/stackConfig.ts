// Reads Pulumi.<stack>.yaml as the CLI would, without the CLI: project keys lose their namespace,
// `secure:` values (which cannot be decrypted offline) become the secret placeholder "[secret]".
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import * as YAML from "yaml";
import { checkNamespaces, isSecretKey, plaintextSecretError, PROJECT, RawConfig } from "../../infra/config";
import { ConfigError } from "../../infra/sections/reader";

export const ROOT = path.resolve(__dirname, "../..");
export const SECRET_PLACEHOLDER = "[secret]";

/** The stacks this project ships. */
export function knownStacks(root = ROOT): string[] {
    return fs.readdirSync(root).map((f) => /^Pulumi\.([\w.-]+)\.yaml$/.exec(f)?.[1]).filter((s): s is string => !!s).sort();
}

/** Plain config of a stack file: every namespaced key with its value (secure values as placeholders). */
export function readStackFile(file: string): Record<string, unknown> {
    return replaceSecure(readStackYaml(file));
}

/**
 * The `config:` map of a stack file as written (`secure:` values kept as { secure }). A missing file
 * is an empty config, as for the CLI (pulumi/pulumi sdk/go/common/workspace/loaders.go LoadProjectStack).
 */
export function readStackYaml(file: string): Record<string, unknown> {
    const name = path.basename(file);
    if (!fs.existsSync(file)) return {};
    const doc = YAML.parseDocument(fs.readFileSync(file, "utf8"));
    if (doc.errors.length > 0) {
        const e = doc.errors[0];
        const pos = e.linePos?.[0];
        const what = e.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
        throw new ConfigError(`${name}${pos ? `:${pos.line}:${pos.col}` : ""}: malformed YAML: ${what}`);
    }
    const data = doc.toJS() ?? {};
    const config = (data as any).config ?? {};
    if (typeof config !== "object" || Array.isArray(config)) throw new ConfigError(`${name}: "config" must be a map of keys to values`);
    return config;
}

/** Replaces every `{ secure: ... }` value (which cannot be decrypted offline) with the placeholder. */
export function replaceSecure(v: any): any {
    if (Array.isArray(v)) return v.map(replaceSecure);
    if (v !== null && typeof v === "object") {
        if (Object.keys(v).length === 1 && typeof v.secure === "string") return SECRET_PLACEHOLDER;
        return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, replaceSecure(x)]));
    }
    return v;
}

/** RawConfig for infra/config.ts's parseConfig, from a stack file's plain config. */
export function toRawConfig(stack: string, config: Record<string, unknown>): RawConfig {
    const values: Record<string, unknown> = {};
    const secrets: RawConfig["secrets"] = {};
    checkNamespaces(Object.keys(config));
    for (const [key, value] of Object.entries(config)) {
        // A key without a namespace is the project's (pulumi/pulumi sdk/go/common/workspace/loaders.go,
        // stackConfigNamespacedWithProject).
        if (key.includes(":") && !key.startsWith(`${PROJECT}:`)) continue;
        const name = key.includes(":") ? key.slice(PROJECT.length + 1) : key;
        if (isSecretKey(name)) {
            // readStackFile turned `secure:` values into the placeholder: anything else was plain text.
            if (value !== SECRET_PLACEHOLDER) throw plaintextSecretError(name);
            secrets[name] = pulumi.secret(String(value));
        } else {
            values[name] = value;
        }
    }
    return { stack, location: config["azure-native:location"], values, secrets };
}

export function stackFile(stack: string, root = ROOT): string {
    return path.join(root, `Pulumi.${stack}.yaml`);
}
