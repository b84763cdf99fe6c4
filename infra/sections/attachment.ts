// The `attachment` config section: attaching the cluster to the workspace (SDK v1
// AksCompute.attach_configuration and its TLS/load-balancer options, camelCase), checked against the
// cluster it attaches. The schema (infra/schema/attachment.ts) gives types, shapes and defaults; here
// the rules across keys and against the cluster. TLS certificate and key are not here: they are the
// secrets sslCertPem/sslKeyPem.
import type { z } from "zod";
import { ConfigError } from "./reader";
import type { ClusterPurpose } from "../../policy/rules/capacity";
import { computeNameProblems } from "../../components/attachment";
import { keyPath, parseSection } from "../schema/check";
import { attachment as attachmentSchema } from "../schema/attachment";
import { LoadBalancerType, RouterServiceType, attachmentRuleProblems } from "../../components/azuremlExtension";
import { DEFAULT_INSTANCE_TYPE, InstanceTypeSpec, RESOURCE_KEYS } from "../../components/instanceTypes";

type Attachment = z.output<typeof attachmentSchema>;

export interface AttachmentContext {
    purpose: ClusterPurpose;
    hasGpuPool: boolean;
    /** Guaranteed nodes of the cluster; undefined for an existing cluster. */
    nodeCount: number | undefined;
    /** Whether the secrets sslCertPem and sslKeyPem are set. */
    tls: boolean;
    /** Whether this stack creates the cluster (then nothing can exist in it before the extension). */
    clusterManaged?: boolean;
    /** Accelerator pool names: each already has a generated instance type that a declaration may adjust. */
    poolNames?: string[];
}

export interface AttachmentConfig {
    computeName: string;
    uniqueSuffix: boolean;
    namespace: string;
    manageNamespace: boolean;
    inferenceRouterServiceType: RouterServiceType;
    loadBalancerType: LoadBalancerType;
    /** Undefined: decided from purpose and nodes (False for DevTest or < 3 nodes). */
    inferenceRouterHA?: boolean;
    allowInsecureConnections: boolean;
    sslCname?: string;
    /** Kubernetes secret in `azureml` with cert.pem and key.pem (instead of sslCertPem/sslKeyPem). */
    sslSecret?: string;
    installNvidiaDevicePlugin: boolean;
    instanceTypes: Record<string, InstanceTypeSpec>;
    description?: string;
}

const SECRETS = "the secrets aks-ml-serving:sslCertPem and aks-ml-serving:sslKeyPem (or AKSML_SSL_CERT_PEM and AKSML_SSL_KEY_PEM)";
const LB_SUBNET = "not supported: the AzureML extension has no subnet setting; the internal load balancer uses the cluster's node subnet (remove this key)";

function fail(path: readonly PropertyKey[], message: string): never {
    throw new ConfigError(`${keyPath(["attachment", ...path])}: ${message}`);
}

/** Quantities as Kubernetes text; the schema checked their shape. */
function resources(r: Record<string, string | number> | undefined, at: readonly PropertyKey[]): Record<string, string> | undefined {
    if (r === undefined) return undefined;
    const out: Record<string, string> = {};
    for (const [key, v] of Object.entries(r)) {
        const text = String(v);
        if (/^0+(\.0+)?[a-zA-Z]*$/.test(text)) fail([...at, key], "must not be zero");
        if (key === "nvidia.com/gpu" && at[at.length - 1] === "requests") fail([...at, key], "goes in limits only");
        if (key === "nvidia.com/gpu" && !/^[0-9]+$/.test(text)) fail([...at, key], `expected a whole number, got ${JSON.stringify(v)}`);
        out[key] = text;
    }
    if (out.cpu === undefined || out.memory === undefined) fail(at, "needs both cpu and memory (instance types set them in requests and limits)");
    return out;
}

function instanceTypes(types: Attachment["instanceTypes"], generated: string[]): Record<string, InstanceTypeSpec> {
    const out: Record<string, InstanceTypeSpec> = {};
    for (const [name, t] of Object.entries(types ?? {})) {
        const requests = resources(t.requests, ["instanceTypes", name, "requests"]);
        const limits = resources(t.limits, ["instanceTypes", name, "limits"]);
        if (!generated.includes(name) && (!requests || !limits)) fail(["instanceTypes", name, requests ? "limits" : "requests"], "is required for a new instance type (cpu and memory)");
        out[name] = { ...(t.nodeSelector && { nodeSelector: t.nodeSelector }), ...(requests && { requests }), ...(limits && { limits }) };
    }
    return out;
}

/** Parses and validates the `attachment` section against the cluster it attaches. */
export function parseAttachment(value: unknown, ctx: AttachmentContext): AttachmentConfig {
    // Unknown keys: a resource name in requests/limits, and loadBalancerSubnet, have messages of their own.
    const a = parseSection(attachmentSchema, value, ["attachment"], (key, path) =>
        path.length === 0 && key === "loadBalancerSubnet" ? LB_SUBNET
            : path[0] === "instanceTypes" && path.length === 3 ? `unknown resource; allowed: ${RESOURCE_KEYS.join(", ")}` : undefined);
    const nameProblem = computeNameProblems(a.computeName, a.uniqueSuffix)[0];
    if (nameProblem) fail(["computeName"], nameProblem);
    const { sslCname, sslSecret } = a;
    if (sslSecret !== undefined && ctx.tls) fail(["sslSecret"], "give either sslSecret or the secrets sslCertPem and sslKeyPem, not both");
    // The extension mounts the secret from `azureml`, which the extension itself creates: on a cluster
    // this stack creates, nothing can put the secret there first (README "TLS").
    if (sslSecret !== undefined && ctx.clusterManaged) fail(["sslSecret"], `only for an existing cluster that already holds the secret; on a cluster this stack creates set ${SECRETS} (pulumi config set --secret)`);
    if (sslCname !== undefined && !ctx.tls && sslSecret === undefined) fail(["sslCname"], `needs the certificate and key: set ${SECRETS}, or sslSecret`);
    if (sslCname === undefined && (ctx.tls || sslSecret !== undefined)) {
        fail(["sslCname"], `is required when ${sslSecret !== undefined ? "sslSecret is" : "sslCertPem and sslKeyPem are"} set (the DNS name clients use for the inference router)`);
    }
    const types = instanceTypes(a.instanceTypes, [DEFAULT_INSTANCE_TYPE, ...(ctx.poolNames ?? [])]);

    const problem = attachmentRuleProblems({
        purpose: ctx.purpose, nodeCount: ctx.nodeCount, routerServiceType: a.inferenceRouterServiceType, loadBalancerType: a.loadBalancerType,
        inferenceRouterHA: a.inferenceRouterHA, allowInsecureConnections: a.allowInsecureConnections, tls: sslCname !== undefined,
        namespace: a.namespace, manageNamespace: a.manageNamespace,
    })[0];
    if (problem) fail([problem.key], problem.message);
    return {
        computeName: a.computeName, uniqueSuffix: a.uniqueSuffix, namespace: a.namespace, manageNamespace: a.manageNamespace,
        inferenceRouterServiceType: a.inferenceRouterServiceType, loadBalancerType: a.loadBalancerType, inferenceRouterHA: a.inferenceRouterHA,
        allowInsecureConnections: a.allowInsecureConnections, sslCname, sslSecret,
        // The device plugin: a context default (on with a GPU pool), so not in the schema.
        installNvidiaDevicePlugin: a.installNvidiaDevicePlugin ?? ctx.hasGpuPool,
        instanceTypes: types, description: a.description,
    };
}
