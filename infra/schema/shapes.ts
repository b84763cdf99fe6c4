// The shapes every config string must have, and zod builders whose messages read like the
// hand-written reader's (`expected a positive integer`); infra/schema/check.ts appends the key path
// and what was given. One place for patterns shared by the JSON Schema, the README and validation.
import { z } from "zod";

export interface Shape { pattern: RegExp; rule: string }

/** Azure VM size names: `Standard_` then letters, digits, '_' and '-' (constrained sizes: Standard_E4-2s_v4). */
export const VM_SIZE: Shape = { pattern: /^Standard_[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, rule: "a VM size such as Standard_D4s_v5 (Standard_ then letters, digits, '_' and '-')" };
/** ARM location names (`az account list-locations --query [].name`): lowercase letters and digits. */
export const LOCATION: Shape = { pattern: /^[a-z][a-z0-9]{1,39}$/, rule: "an Azure region name such as westeurope (lowercase letters and digits)" };
/** Resource group names (Azure naming rules: Microsoft.Resources/resourcegroups). */
export const RG_NAME: Shape = { pattern: /^[-\w.()]{0,89}[-\w()]$/, rule: "1 to 90 letters, digits, '-', '_', '.', '(' or ')', not ending in '.'" };
/** AKS cluster names (Microsoft.ContainerService/managedClusters) as the program uses them (also the DNS prefix). */
export const CLUSTER_NAME: Shape = { pattern: /^[a-zA-Z]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$/, rule: "1 to 63 letters, digits and '-', starting with a letter" };
/** Any AKS cluster's name (an existing cluster need not follow our DNS-prefix rule). */
export const AKS_NAME: Shape = { pattern: /^[A-Za-z0-9]([A-Za-z0-9_-]{0,61}[A-Za-z0-9])?$/, rule: "an AKS cluster name (1 to 63 letters, digits, '_' and '-', starting and ending with a letter or digit)" };
export const CLUSTER_ID: Shape = {
    pattern: /^\/subscriptions\/[^/\s]+\/resourceGroups\/[^/\s]+\/providers\/Microsoft\.ContainerService\/managedClusters\/[^/\s]+$/i,
    rule: "an AKS resource ID (/subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.ContainerService/managedClusters/<name>)",
};
export const SUBNET_ID: Shape = {
    pattern: /^\/subscriptions\/[^/\s]+\/resourceGroups\/[^/\s]+\/providers\/Microsoft\.Network\/virtualNetworks\/[^/\s]+\/subnets\/[^/\s]+$/i,
    rule: "a subnet resource ID (/subscriptions/.../virtualNetworks/<vnet>/subnets/<subnet>)",
};
/** An IPv4 address: four numbers from 0 to 255, without leading zeros. */
const IPV4_TEXT = "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
export const CIDR: Shape = { pattern: new RegExp(`^${IPV4_TEXT}(/(3[0-2]|[12]?\\d))?$`), rule: "an IPv4 address or CIDR range such as 203.0.113.0/24" };
export const IPV4: Shape = { pattern: new RegExp(`^${IPV4_TEXT}$`), rule: "an IPv4 address" };
export const K8S_VERSION: Shape = { pattern: /^\d+\.\d+(\.\d+)?$/, rule: "a version such as 1.36 or 1.36.2" };
export const POOL_NAME: Shape = { pattern: /^[a-z][a-z0-9]{0,11}$/, rule: "1 to 12 lowercase letters and digits, starting with a letter" };
export const GUID: Shape = { pattern: /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, rule: "an object ID (GUID) such as 00000000-0000-0000-0000-0000000000aa" };
/** Kubernetes label keys and values (kubernetes.io "Labels and Selectors": syntax and character set). */
const LABEL_NAME = "[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?";
export const LABEL_KEY: Shape = {
    pattern: new RegExp(`^([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)*/)?${LABEL_NAME}$`),
    rule: "a Kubernetes label key ([prefix/]name: up to 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit)",
};
export const LABEL_VALUE: Shape = { pattern: new RegExp(`^${LABEL_NAME}$`), rule: "a Kubernetes label value (up to 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit)" };
/** A namespace is a DNS label (RFC 1123). */
export const DNS_LABEL: Shape = { pattern: /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, rule: "a Kubernetes namespace name (1 to 63 characters, lowercase letters, digits and '-', starting and ending with a letter or digit)" };
export const DNS_NAME: Shape = { pattern: /^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/, rule: "a DNS name such as ml.example.com" };
export const K8S_SECRET_NAME: Shape = { pattern: /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/, rule: "a Kubernetes secret name in the azureml namespace (lowercase letters, digits, '-' and '.')" };
/** Azure tag names: up to 512 characters, none of < > % & \ ? / (Azure "Use tags to organize your Azure resources"). */
export const TAG_KEY: Shape = { pattern: /^[^<>%&\\?/\u0000-\u001f\u007f]{1,512}$/, rule: "a tag name (1 to 512 characters without < > % & \\ ? / or control characters)" };
/** Azure tag values: up to 256 characters; here also no control characters and no < > (they reach the PR comment). */
export const TAG_VALUE: Shape = { pattern: /^[^<>\u0000-\u001f\u007f]{1,256}$/, rule: "a tag value (1 to 256 characters without < > or control characters)" };
/** Free text (descriptions): one line, no control characters, no < >. */
export const TEXT: Shape = { pattern: /^[^<>\u0000-\u001f\u007f]{1,512}$/, rule: "one line of text (1 to 512 characters without < > or control characters)" };
/** A local path (relative to the project directory) or an asset ID: no control characters, no < > | * ? ". */
export const PATH_OR_ASSET: Shape = { pattern: /^[^<>|*?"\u0000-\u001f\u007f]{1,1024}$/, rule: "a local path or an asset ID (no control characters and none of < > | * ? \")" };
/** Container image references (distribution/reference grammar, simplified). */
export const IMAGE: Shape = {
    pattern: /^[a-z0-9]+([._-][a-z0-9]+)*(:[0-9]+)?(\/[a-z0-9]+([._-]+[a-z0-9]+)*)*(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(@sha256:[a-f0-9]{64})?$/,
    rule: "a container image such as mcr.microsoft.com/azureml/minimal-ubuntu22.04-py39-cpu-inference:latest",
};

/** JSON Schema keyword carrying a pattern's rule in words (tools/schema.ts moves it into descriptions). */
export const RULE_KEY = "x-rule";

/** A string matching `shape`, refused with `expected <rule>`. */
export function shaped(shape: Shape, error = `expected ${shape.rule}`) {
    return z.string({ error }).regex(shape.pattern, { error }).meta({ [RULE_KEY]: shape.rule });
}

/** A non-empty string, with a shape when given. */
export function str(shape?: Shape) {
    const s = z.string({ error: "expected a non-empty string" }).min(1, { error: "expected a non-empty string" });
    return shape ? s.regex(shape.pattern, { error: `expected ${shape.rule}` }).meta({ [RULE_KEY]: shape.rule }) : s;
}

/** An integer in a range, worded as the reader words it. */
export function int(min = 0, max?: number) {
    const what = max !== undefined ? `expected an integer from ${min} to ${max}`
        : min === 1 ? "expected a positive integer" : min === 0 ? "expected a non-negative integer" : `expected an integer >= ${min}`;
    const n = z.number({ error: what }).int({ error: what }).min(min, { error: what });
    return max === undefined ? n : n.max(max, { error: what });
}

/** A number greater than 0 (cores, gigabytes). */
export function positive() {
    const what = "expected a number greater than 0";
    return z.number({ error: what }).gt(0, { error: what });
}

export function bool() {
    return z.boolean({ error: "expected true or false" });
}

export function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
    return z.enum(values, { error: `expected one of ${values.join(", ")}` });
}

export function stringList(shape?: Shape) {
    return z.array(shape ? shaped(shape) : z.string({ error: "expected a string" }), { error: "expected a list of strings" });
}

/** A map of strings (tags, node selectors), keys and values with their shapes. */
export function stringMap(key: Shape, value: Shape) {
    return z.record(shaped(key), str(value), { error: "expected an object" });
}

export const TAGS = () => stringMap(TAG_KEY, TAG_VALUE);

export function object<T extends z.ZodRawShape>(shape: T) {
    return z.strictObject(shape, { error: "expected an object" });
}

export function list<T extends z.ZodType>(item: T) {
    return z.array(item, { error: "expected a list" });
}
