// The `attachment` config section: attaching the cluster to the workspace (SDK v1
// AksCompute.attach_configuration and its TLS/load-balancer options, camelCase), checked against the
// cluster it attaches. TLS certificate and key are not here: they are the secrets sslCertPem/sslKeyPem.
import { Reader } from "./reader";
import type { ClusterPurpose } from "../../policy/rules/capacity";
import { computeNameProblems } from "../../components/attachment";
import { checkSection } from "../schema/check";
import { attachment as attachmentSchema } from "../schema/attachment";
import {
    LOAD_BALANCER_TYPES, LoadBalancerType, ROUTER_SERVICE_TYPES, RouterServiceType, attachmentRuleProblems,
} from "../../components/azuremlExtension";
import { DEFAULT_INSTANCE_TYPE, InstanceTypeSpec, QUANTITY_PATTERN, RESOURCE_KEYS } from "../../components/instanceTypes";

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

function readResources(r: Reader, name: "requests" | "limits"): Record<string, string> | undefined {
    if (!r.has(name)) {
        r.raw(name);
        return undefined;
    }
    const c = r.child(name);
    const out: Record<string, string> = {};
    for (const key of c.keys()) {
        if (!(RESOURCE_KEYS as readonly string[]).includes(key)) c.fail(key, `unknown resource; allowed: ${RESOURCE_KEYS.join(", ")}`);
        const v = c.raw(key);
        const text: unknown = typeof v === "number" ? String(v) : v;
        if (typeof text !== "string" || !QUANTITY_PATTERN.test(text)) c.fail(key, `expected a Kubernetes quantity such as 500m, 2 or 4Gi, got ${JSON.stringify(v)}`);
        if (/^0+(\.0+)?[a-zA-Z]*$/.test(text as string)) c.fail(key, "must not be zero");
        if (key === "nvidia.com/gpu" && name === "requests") c.fail(key, "goes in limits only");
        if (key === "nvidia.com/gpu" && !/^[0-9]+$/.test(text as string)) c.fail(key, `expected a whole number, got ${JSON.stringify(v)}`);
        out[key] = text as string;
    }
    if (out.cpu === undefined || out.memory === undefined) r.fail(name, "needs both cpu and memory (instance types set them in requests and limits)");
    return out;
}

function readInstanceTypes(r: Reader, generated: string[]): Record<string, InstanceTypeSpec> {
    if (!r.has("instanceTypes")) {
        r.raw("instanceTypes");
        return {};
    }
    const types = r.child("instanceTypes");
    const out: Record<string, InstanceTypeSpec> = {};
    for (const name of types.keys()) {
        const t = types.child(name);
        const spec: InstanceTypeSpec = {};
        if (t.has("nodeSelector")) spec.nodeSelector = t.stringMap("nodeSelector");
        else t.raw("nodeSelector");
        const requests = readResources(t, "requests");
        const limits = readResources(t, "limits");
        if (requests) spec.requests = requests;
        if (limits) spec.limits = limits;
        t.done();
        if (!generated.includes(name) && (!requests || !limits)) t.fail(requests ? "limits" : "requests", "is required for a new instance type (cpu and memory)");
        out[name] = spec;
    }
    return out;
}

/** Parses and validates the `attachment` section against the cluster it attaches. */
export function parseAttachment(value: unknown, ctx: AttachmentContext): AttachmentConfig {
    const r = new Reader(value, "attachment");
    checkSection(attachmentSchema, value, ["attachment"]); // types, names, namespace, DNS name, labels, quantities (infra/schema)
    const computeName = r.string("computeName");
    const uniqueSuffix = r.bool("uniqueSuffix", false);
    const nameProblem = computeNameProblems(computeName, uniqueSuffix)[0];
    if (nameProblem) r.fail("computeName", nameProblem);
    const namespace = r.string("namespace", { default: "default" });
    const manageNamespace = r.bool("manageNamespace", false);
    const inferenceRouterServiceType = r.oneOf("inferenceRouterServiceType", ROUTER_SERVICE_TYPES, "LoadBalancer");
    const loadBalancerType = r.oneOf("loadBalancerType", LOAD_BALANCER_TYPES, "PublicIp");
    if (r.keys().includes("loadBalancerSubnet")) { // keys(), not has(): the key must not count as allowed
        r.fail("loadBalancerSubnet", "not supported: the AzureML extension has no subnet setting; the internal load balancer uses the cluster's node subnet (remove this key)");
    }
    const inferenceRouterHA = r.has("inferenceRouterHA") ? r.bool("inferenceRouterHA", true) : (r.raw("inferenceRouterHA"), undefined);
    const allowInsecureConnections = r.bool("allowInsecureConnections", false);
    const sslCname = r.optString("sslCname");
    const sslSecret = r.optString("sslSecret");
    if (sslSecret !== undefined && ctx.tls) r.fail("sslSecret", "give either sslSecret or the secrets sslCertPem and sslKeyPem, not both");
    // The extension mounts the secret from `azureml`, which the extension itself creates: on a cluster
    // this stack creates, nothing can put the secret there first (README "TLS").
    if (sslSecret !== undefined && ctx.clusterManaged) r.fail("sslSecret", `only for an existing cluster that already holds the secret; on a cluster this stack creates set ${SECRETS} (pulumi config set --secret)`);
    if (sslCname !== undefined && !ctx.tls && sslSecret === undefined) r.fail("sslCname", `needs the certificate and key: set ${SECRETS}, or sslSecret`);
    if (sslCname === undefined && (ctx.tls || sslSecret !== undefined)) {
        r.fail("sslCname", `is required when ${sslSecret !== undefined ? "sslSecret is" : "sslCertPem and sslKeyPem are"} set (the DNS name clients use for the inference router)`);
    }
    const installNvidiaDevicePlugin = r.bool("installNvidiaDevicePlugin", ctx.hasGpuPool);
    const instanceTypes = readInstanceTypes(r, [DEFAULT_INSTANCE_TYPE, ...(ctx.poolNames ?? [])]);
    const description = r.optString("description");
    r.done();

    const problem = attachmentRuleProblems({
        purpose: ctx.purpose, nodeCount: ctx.nodeCount, routerServiceType: inferenceRouterServiceType, loadBalancerType,
        inferenceRouterHA, allowInsecureConnections, tls: sslCname !== undefined, namespace, manageNamespace,
    })[0];
    if (problem) r.fail(problem.key, problem.message);
    return {
        computeName, uniqueSuffix, namespace, manageNamespace, inferenceRouterServiceType, loadBalancerType, inferenceRouterHA,
        allowInsecureConnections, sslCname, sslSecret, installNvidiaDevicePlugin, instanceTypes, description,
    };
}
