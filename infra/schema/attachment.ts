// The `attachment` section's shape (SDK attach_configuration and the AzureML extension). TLS pairing,
// purpose rules and instance-type completeness stay in infra/sections/attachment.ts.
import { z } from "zod";
import { COMPUTE_NAME_PATTERN, COMPUTE_NAME_RULE } from "../../policy/rules/naming";
import { MAX_BASE_WITH_SUFFIX, SUFFIX_LENGTH } from "../../components/attachment";
import { LOAD_BALANCER_TYPES, ROUTER_SERVICE_TYPES } from "../../components/azuremlExtension";
import { INSTANCE_TYPE_NAME_PATTERN, INSTANCE_TYPE_NAME_RULE, QUANTITY_PATTERN } from "../../components/instanceTypes";
import { bool, DNS_LABEL, DNS_NAME, K8S_SECRET_NAME, LABEL_KEY, LABEL_VALUE, object, oneOf, shaped, str, stringMap, TEXT } from "./shapes";

const QUANTITY = "expected a Kubernetes quantity such as 500m, 2 or 4Gi";
const quantity = z.union([
    shaped({ pattern: QUANTITY_PATTERN, rule: "a Kubernetes quantity such as 500m, 2 or 4Gi" }),
    z.number({ error: QUANTITY }).positive({ error: QUANTITY }),
], { error: QUANTITY });
const resources = (what: string) => object({
    cpu: quantity.optional().describe("CPU, e.g. 500m or 2."),
    memory: quantity.optional().describe("Memory, e.g. 4Gi."),
    "nvidia.com/gpu": quantity.optional().describe("GPUs (limits only), a whole number."),
}).describe(what);

export const instanceType = object({
    nodeSelector: stringMap(LABEL_KEY, LABEL_VALUE).optional().describe("Node labels the instance type selects (Kubernetes label syntax)."),
    requests: resources("Resource requests: cpu and memory.").optional(),
    limits: resources("Resource limits: cpu, memory and nvidia.com/gpu.").optional(),
}).describe("An instance type: adjusts a generated one (defaultinstancetype, one per accelerator pool) or adds one (then requests and limits are required).");

export const attachment = object({
    computeName: str({ pattern: COMPUTE_NAME_PATTERN, rule: COMPUTE_NAME_RULE }).describe("Name of the Kubernetes compute in the workspace: 3 to 24 letters, digits and '-', starting with a letter."),
    uniqueSuffix: bool().default(false).describe(`Append '-' and ${SUFFIX_LENGTH} random characters to computeName (then at most ${MAX_BASE_WITH_SUFFIX} characters).`),
    namespace: str(DNS_LABEL).default("default").describe("Kubernetes namespace of the model services."),
    manageNamespace: bool().default(false).describe("Create the namespace with a NetworkPolicy that admits only the inference router (through ARM, like the instance types)."),
    inferenceRouterServiceType: oneOf(ROUTER_SERVICE_TYPES).default("LoadBalancer").describe("Service type of the inference router."),
    loadBalancerType: oneOf(LOAD_BALANCER_TYPES).default("PublicIp").describe("PublicIp or InternalLoadBalancer (in the node subnet)."),
    inferenceRouterHA: bool().optional().describe("Inference router on three replicas. Default: off for DevTest or fewer than 3 nodes, on otherwise."),
    allowInsecureConnections: bool().default(false).describe("Plain HTTP scoring (DevTest only)."),
    sslCname: str(DNS_NAME).optional().describe("DNS name clients use for the inference router: with the secrets sslCertPem and sslKeyPem, or sslSecret."),
    sslSecret: str(K8S_SECRET_NAME).optional().describe("Kubernetes secret in azureml with cert.pem and key.pem: only on an existing cluster that already holds it."),
    installNvidiaDevicePlugin: bool().optional().describe("Install the NVIDIA device plugin. Default: on with a GPU pool."),
    instanceTypes: z.record(
        shaped({ pattern: INSTANCE_TYPE_NAME_PATTERN, rule: `an instance type name: ${INSTANCE_TYPE_NAME_RULE}` }), instanceType,
        { error: "expected an object" },
    ).optional().describe("Instance types by name: adjust a generated one or add one ({ nodeSelector, requests, limits })."),
    description: str(TEXT).optional().describe("Description of the compute."),
}).describe("Attaching the cluster to the workspace (SDK attach_configuration and the AzureML extension).");
