// Reads the stack's configuration once and validates it. Every error names the key and what is
// allowed; components receive typed args and never read config themselves.
import * as pulumi from "@pulumi/pulumi";
import * as runtimeConfig from "@pulumi/pulumi/runtime/config";
import { ClusterSpec, POOL_LABEL, poolLabels } from "../components/aksCluster";
import { instanceTypesFor } from "../components/instanceTypes";
import { EndpointConfig, versionResources } from "../components/modelEndpoint";
import type { WorkspaceSpec } from "../components/workspace";
import { clusterCapacity } from "../policy/rules/capacity";
import { resourceFitProblems } from "../policy/rules/instanceTypeFit";
import { isoDay, lookupVmSize } from "../policy/rules/vmSizes";
import { AttachmentConfig, parseAttachment } from "./sections/attachment";
import { parseCluster } from "./sections/cluster";
import { parseEndpoints } from "./sections/endpoints";
import { ConfigError, unknownKey } from "./sections/reader";
import { closest } from "./sections/suggest";
import { parseWorkspace } from "./sections/workspace";
import { parseTopLevel } from "./schema/check";
import { projectConfig } from "./schema/stack";

export const PROJECT = "aks-ml-serving";

/** The project's config keys (without the `aks-ml-serving:` namespace): the schema's. */
export const CONFIG_KEYS = Object.keys(projectConfig.shape) as (keyof typeof projectConfig.shape)[];
const SECRET_KEYS = ["sslCertPem", "sslKeyPem"] as const;

export interface StackConfig {
    stack: string;
    location: string;
    protect: boolean;
    resourceGroup: { name: string; create: boolean };
    cluster: ClusterSpec;
    workspace: WorkspaceSpec;
    attachment: AttachmentConfig;
    endpoints: EndpointConfig[];
    /** TLS material for the inference router, always secret. */
    tls?: { certPem: pulumi.Output<string>; keyPem: pulumi.Output<string> };
}

/** Raw values as found in Pulumi.<stack>.yaml (project keys without namespace) plus the provider location. */
export interface RawConfig {
    stack: string;
    location?: unknown;
    values: Record<string, unknown>;
    /** Secret values, already wrapped (decrypted by the engine, or placeholders offline). */
    secrets: Partial<Record<(typeof SECRET_KEYS)[number], pulumi.Output<string>>>;
    /** The day (YYYY-MM-DD) retirements and Kubernetes support are judged on; default: today (UTC). */
    today?: string;
}

/** Pure validation of a stack's raw config. Throws ConfigError with one line naming the key. */
export function parseConfig(raw: RawConfig): StackConfig {
    const unknown = Object.keys(raw.values).find((k) => !(CONFIG_KEYS as string[]).includes(k));
    if (unknown) throw unknownKey(`${PROJECT}:${unknown}`, unknown, CONFIG_KEYS);
    // Types, ranges, defaults and the shape of every string come from infra/schema (each section parses its own).
    const { location, resourceGroup, protect } = parseTopLevel(raw.values, raw.location);
    const section = (key: (typeof CONFIG_KEYS)[number]) => raw.values[key] ?? undefined;
    const { certPem, keyPem } = { certPem: raw.secrets.sslCertPem, keyPem: raw.secrets.sslKeyPem };
    if ((certPem === undefined) !== (keyPem === undefined)) {
        throw new ConfigError(`${PROJECT}:${certPem ? "sslKeyPem" : "sslCertPem"}: sslCertPem and sslKeyPem go together: set both (as secrets) or neither`);
    }
    const cluster = parseCluster(section("cluster"), raw.today ?? isoDay(new Date()));
    const pools = cluster.mode === "create" ? cluster.pools : [];
    const accelerators = pools.filter((p) => p.kind !== "system");
    const workspace = parseWorkspace(section("workspace"), { resourceGroup: resourceGroup.name });
    const attachment = parseAttachment(section("attachment"), {
        purpose: cluster.purpose,
        hasGpuPool: accelerators.some((p) => p.kind === "gpu"),
        nodeCount: cluster.mode === "create" ? clusterCapacity(pools.map((p) => ({ ...p, count: p.agentCount }))).nodes : undefined,
        tls: certPem !== undefined && keyPem !== undefined,
        clusterManaged: cluster.mode === "create",
        poolNames: accelerators.map((p) => p.name),
    });
    // The instance types the attachment will define (the same helper the component uses), and each
    // version's resources checked against its instance type (policy/rules/instanceTypeFit.ts).
    const instanceTypes = instanceTypesFor(accelerators.map((p) => ({
        name: p.name, kind: "gpu", vmSize: p.vmSize, nodeLabels: poolLabels(p),
        acceleratorsPerNode: lookupVmSize(p.vmSize)?.accelerator?.count ?? 1,
    })), attachment.instanceTypes, cluster.mode === "create" ? { [POOL_LABEL]: "system" } : undefined);
    const endpoints = parseEndpoints(section("endpoints"), { instanceTypes: Object.keys(instanceTypes) });
    endpoints.forEach((ep, i) => ep.versions.forEach((v, j) => {
        const problem = resourceFitProblems(v.instanceType, instanceTypes[v.instanceType].resources.limits, versionResources(v))[0];
        if (problem) throw new ConfigError(`endpoints[${i}].versions[${j}].${FIT_KEYS[`${problem.part}.${problem.resource}`]}: ${problem.message}`);
    }));
    return {
        stack: raw.stack,
        location,
        protect,
        resourceGroup,
        cluster,
        workspace,
        attachment,
        endpoints,
        tls: certPem && keyPem ? { certPem: pulumi.secret(certPem), keyPem: pulumi.secret(keyPem) } : undefined,
    };
}

/** Config namespaces besides the project's: the providers this program uses, and the engine's own. */
export const OTHER_NAMESPACES = ["azure-native", "random", "pulumi"];

/**
 * A key in no namespace this program reads (`aks-ml-servng:endpoints`) would be silently ignored,
 * and on a real `pulumi up` the key it meant would take its default: refused instead.
 */
export function checkNamespaces(keys: string[]): void {
    for (const key of keys) {
        const i = key.indexOf(":");
        const ns = i < 0 ? PROJECT : key.slice(0, i);
        if (ns === PROJECT || OTHER_NAMESPACES.includes(ns)) continue;
        const name = key.slice(i + 1);
        const hint = closest(ns, [PROJECT, ...OTHER_NAMESPACES]);
        throw new ConfigError(`${key}: unknown namespace "${ns}"; ${hint ? `did you mean ${hint}:${name}? ` : ""}keys are ${PROJECT}:<key> or a provider's (${OTHER_NAMESPACES.join(", ")})`);
    }
}

/** Config keys of a version's resources, by instance-type side and resource. */
const FIT_KEYS: Record<string, string> = {
    "requests.cpu": "cpuCores", "requests.memory": "memoryGb", "limits.cpu": "cpuCoresLimit", "limits.memory": "memoryGbLimit",
    "requests.nvidia.com/gpu": "gpuCores", "limits.nvidia.com/gpu": "gpuCores",
};

const ENV_SECRETS: Record<(typeof SECRET_KEYS)[number], string> = { sslCertPem: "AKSML_SSL_CERT_PEM", sslKeyPem: "AKSML_SSL_KEY_PEM" };

export function isSecretKey(name: string): name is (typeof SECRET_KEYS)[number] {
    return (SECRET_KEYS as readonly string[]).includes(name);
}

/** TLS material written in plain text into a stack file: refused, with how to set it instead. */
export function plaintextSecretError(name: (typeof SECRET_KEYS)[number]): ConfigError {
    return new ConfigError(`${PROJECT}:${name}: TLS material must not be plain text in the stack file; remove it and run: pulumi config set --secret ${name} < ${name === "sslCertPem" ? "cert" : "key"}.pem`);
}

/**
 * Is the config key "<namespace>:<name>" secret, in the SDK's view? Its store holds the secret keys:
 * PULUMI_CONFIG_SECRET_KEYS under the language host (pulumi/pulumi sdk/nodejs/cmd/pulumi-language-nodejs/
 * main.go, constructConfigSecretKeys), pulumi.runtime.setAllConfig(config, secretKeys) under the
 * Automation API's inline programs and in-process mocks. The SDK's isConfigSecret
 * (sdk/nodejs/runtime/config.ts) is @internal, not in its .d.ts: declared here (@pulumi/pulumi 3.248.0).
 */
const isConfigSecret = (runtimeConfig as unknown as { isConfigSecret(key: string): boolean }).isConfigSecret;

/** Reads the running stack's config (inside `pulumi preview/up`); secrets stay wrapped as secrets. */
export function loadConfig(): StackConfig {
    const all = pulumi.runtime.allConfig();
    const values: Record<string, unknown> = {};
    const secrets: RawConfig["secrets"] = {};
    const prefix = `${PROJECT}:`;
    checkNamespaces(Object.keys(all));
    for (const [key, text] of Object.entries(all)) {
        if (!key.startsWith(prefix)) continue;
        const name = key.slice(prefix.length);
        if (isSecretKey(name)) {
            if (!isConfigSecret(key)) throw plaintextSecretError(name);
            secrets[name] = pulumi.secret(text);
            continue;
        }
        values[name] = parseValue(text);
    }
    for (const name of SECRET_KEYS) {
        const fromEnv = process.env[ENV_SECRETS[name]];
        if (fromEnv) secrets[name] = pulumi.secret(fromEnv);
    }
    return parseConfig({ stack: pulumi.getStack(), location: all["azure-native:location"], values, secrets });
}

/** The engine hands structured values over as JSON text and scalars as plain text. */
function parseValue(text: string): unknown {
    try {
        return JSON.parse(text);
    } catch {
        return text;
    }
}
