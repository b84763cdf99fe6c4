import * as assert from "assert";
import { AttachmentContext, parseAttachment } from "../../infra/sections/attachment";
import { ConfigError } from "../../infra/sections/reader";

const DEV: AttachmentContext = { purpose: "DevTest", hasGpuPool: false, nodeCount: 2, tls: false };
const PROD: AttachmentContext = { purpose: "FastProd", hasGpuPool: true, nodeCount: 4, tls: true, poolNames: ["gpu"] };
const RULE = "3 to 24 characters, letters, digits and '-', starting with a letter";

function fails(value: unknown, ctx: AttachmentContext, message: string) {
    assert.throws(() => parseAttachment(value, ctx), (e: Error) => {
        assert.ok(e instanceof ConfigError, "a ConfigError (no stack trace)");
        assert.strictEqual(e.message, message);
        return true;
    });
}

describe("parseAttachment", () => {
    it("dev: defaults around a DevTest cluster asking for HTTP", () => {
        assert.deepStrictEqual(parseAttachment({ computeName: "aks-dev", namespace: "models", allowInsecureConnections: true }, DEV), {
            computeName: "aks-dev", uniqueSuffix: false, namespace: "models", manageNamespace: false,
            inferenceRouterServiceType: "LoadBalancer", loadBalancerType: "PublicIp", inferenceRouterHA: undefined,
            allowInsecureConnections: true, sslCname: undefined, sslSecret: undefined, installNvidiaDevicePlugin: false, instanceTypes: {}, description: undefined,
        });
    });

    it("prod: TLS, GPU device plugin by default, instance type overrides", () => {
        const cfg = parseAttachment({
            computeName: "aks-prod", namespace: "models", sslCname: "ml.example.com", loadBalancerType: "InternalLoadBalancer",
            instanceTypes: { gpu: { limits: { cpu: 4, memory: "16Gi", "nvidia.com/gpu": "1" } }, small: { requests: { cpu: "250m", memory: "512Mi" }, limits: { cpu: "1", memory: "1Gi" }, nodeSelector: { "aksml.io/pool": "system" } } },
        }, PROD);
        assert.strictEqual(cfg.sslCname, "ml.example.com");
        assert.strictEqual(cfg.installNvidiaDevicePlugin, true);
        assert.strictEqual(cfg.allowInsecureConnections, false);
        assert.strictEqual(cfg.loadBalancerType, "InternalLoadBalancer");
        assert.deepStrictEqual(cfg.instanceTypes, {
            gpu: { limits: { cpu: "4", memory: "16Gi", "nvidia.com/gpu": "1" } },
            small: { requests: { cpu: "250m", memory: "512Mi" }, limits: { cpu: "1", memory: "1Gi" }, nodeSelector: { "aksml.io/pool": "system" } },
        });
    });

    it("compute name rules (the seed), exact messages", () => {
        fails({}, DEV, "attachment.computeName: is required");
        fails({ computeName: "ab" }, DEV, `attachment.computeName: expected ${RULE}, got "ab"`);
        fails({ computeName: "9aks" }, DEV, `attachment.computeName: expected ${RULE}, got "9aks"`);
        fails({ computeName: "aks.dev" }, DEV, `attachment.computeName: expected ${RULE}, got "aks.dev"`);
        fails({ computeName: "a".repeat(25) }, DEV, `attachment.computeName: expected ${RULE}, got "${"a".repeat(25)}"`);
        fails({ computeName: "a".repeat(20), uniqueSuffix: true }, DEV,
            `attachment.computeName: compute name "${"a".repeat(20)}" is 20 characters; with uniqueSuffix it must be at most 19 (${RULE}, after "-" and 4 random characters)`);
        assert.strictEqual(parseAttachment({ computeName: "a".repeat(19), uniqueSuffix: true, allowInsecureConnections: true }, DEV).uniqueSuffix, true);
    });

    it("purpose rules: router HA, insecure connections, TLS", () => {
        fails({ computeName: "aks", allowInsecureConnections: true, inferenceRouterHA: true }, DEV,
            "attachment.inferenceRouterHA: must be false for a DevTest cluster (one router replica)");
        fails({ computeName: "aks", sslCname: "ml.example.com", inferenceRouterHA: true }, { ...PROD, nodeCount: 2 },
            "attachment.inferenceRouterHA: needs at least 3 nodes (three router replicas), the cluster guarantees 2; set false");
        fails({ computeName: "aks", allowInsecureConnections: true }, { ...PROD, tls: false },
            "attachment.allowInsecureConnections: allowed only for a DevTest cluster, got FastProd; use TLS (sslCname with sslCertPem and sslKeyPem, or with sslSecret)");
        fails({ computeName: "aks" }, DEV,
            "attachment.sslCname: TLS is required: set sslCname with the secrets sslCertPem and sslKeyPem (or with sslSecret), or allowInsecureConnections: true on a DevTest cluster");
        fails({ computeName: "aks", sslCname: "ml.example.com" }, DEV,
            "attachment.sslCname: needs the certificate and key: set the secrets aks-ml-serving:sslCertPem and aks-ml-serving:sslKeyPem (or AKSML_SSL_CERT_PEM and AKSML_SSL_KEY_PEM), or sslSecret");
        fails({ computeName: "aks" }, PROD,
            "attachment.sslCname: is required when sslCertPem and sslKeyPem are set (the DNS name clients use for the inference router)");
        fails({ computeName: "aks", sslCname: "ml.example.com", allowInsecureConnections: true }, { ...DEV, tls: true },
            "attachment.allowInsecureConnections: cannot be combined with TLS; remove one");
        const viaSecret = parseAttachment({ computeName: "aks", sslCname: "ml.example.com", sslSecret: "azureml-fe-tls" }, { ...PROD, tls: false });
        assert.deepStrictEqual([viaSecret.sslCname, viaSecret.sslSecret], ["ml.example.com", "azureml-fe-tls"]);
        fails({ computeName: "aks", sslCname: "ml.example.com", sslSecret: "tls" }, PROD,
            "attachment.sslSecret: give either sslSecret or the secrets sslCertPem and sslKeyPem, not both");
        fails({ computeName: "aks", sslSecret: "tls" }, { ...PROD, tls: false },
            "attachment.sslCname: is required when sslSecret is set (the DNS name clients use for the inference router)");
        fails({ computeName: "aks", sslCname: "ml.example.com", sslSecret: "TLS_Secret" }, { ...PROD, tls: false },
            `attachment.sslSecret: expected a Kubernetes secret name in the azureml namespace (lowercase letters, digits, '-' and '.'), got "TLS_Secret"`);
        fails({ computeName: "aks", sslCname: "not a host" }, PROD, `attachment.sslCname: expected a DNS name such as ml.example.com, got "not a host"`);
    });

    it("router, load balancer, namespace and instance type messages", () => {
        const ok = { computeName: "aks", sslCname: "ml.example.com" };
        fails({ ...ok, loadBalancerType: "Internal" }, PROD, `attachment.loadBalancerType: expected one of PublicIp, InternalLoadBalancer, got "Internal"`);
        fails({ ...ok, inferenceRouterServiceType: "Ingress" }, PROD, `attachment.inferenceRouterServiceType: expected one of LoadBalancer, NodePort, ClusterIP, got "Ingress"`);
        fails({ ...ok, loadBalancerType: "InternalLoadBalancer", inferenceRouterServiceType: "ClusterIP" }, PROD,
            "attachment.loadBalancerType: InternalLoadBalancer needs inferenceRouterServiceType LoadBalancer, got ClusterIP");
        fails({ ...ok, loadBalancerSubnet: "snet-ilb" }, PROD,
            "attachment.loadBalancerSubnet: not supported: the AzureML extension has no subnet setting; the internal load balancer uses the cluster's node subnet (remove this key)");
        fails({ ...ok, namespace: "Models" }, PROD,
            `attachment.namespace: expected a Kubernetes namespace name (1 to 63 characters, lowercase letters, digits and '-', starting and ending with a letter or digit), got "Models"`);
        fails({ ...ok, namespace: "kube-system" }, PROD, `attachment.namespace: "kube-system" is reserved; allowed: any other namespace name (default: default)`);
        fails({ ...ok, manageNamespace: true }, PROD, `attachment.manageNamespace: cannot manage the "default" namespace; set namespace to a dedicated name (e.g. models)`);
        fails({ ...ok, instanceTypes: { GPU: {} } }, PROD,
            `attachment.instanceTypes: expected an instance type name: 1 to 63 characters, lowercase letters, digits and '-', starting and ending with a letter or digit, got "GPU"`);
        fails({ ...ok, instanceTypes: { gpu: { limits: { gpus: "1" } } } }, PROD, "attachment.instanceTypes.gpu.limits.gpus: unknown resource; allowed: cpu, memory, nvidia.com/gpu");
        fails({ ...ok, instanceTypes: { gpu: { requests: { memory: "lots" } } } }, PROD,
            `attachment.instanceTypes.gpu.requests.memory: expected a Kubernetes quantity such as 500m, 2 or 4Gi, got "lots"`);
        const full = { requests: { cpu: "1", memory: "1Gi" }, limits: { cpu: "2", memory: "2Gi" } };
        fails({ ...ok, instanceTypes: { big: { requests: full.requests } } }, PROD, "attachment.instanceTypes.big.limits: is required for a new instance type (cpu and memory)");
        fails({ ...ok, instanceTypes: { big: { limits: full.limits } } }, PROD, "attachment.instanceTypes.big.requests: is required for a new instance type (cpu and memory)");
        fails({ ...ok, instanceTypes: { gpu: { limits: { "nvidia.com/gpu": 1 } } } }, PROD,
            "attachment.instanceTypes.gpu.limits: needs both cpu and memory (instance types set them in requests and limits)");
        fails({ ...ok, instanceTypes: { big: { ...full, requests: { cpu: "0", memory: "1Gi" } } } }, PROD, "attachment.instanceTypes.big.requests.cpu: must not be zero");
        fails({ ...ok, instanceTypes: { big: { ...full, requests: { ...full.requests, "nvidia.com/gpu": 1 } } } }, PROD,
            "attachment.instanceTypes.big.requests.nvidia.com/gpu: goes in limits only");
        fails({ ...ok, instanceTypes: { big: { ...full, limits: { ...full.limits, "nvidia.com/gpu": "0.5" } } } }, PROD,
            `attachment.instanceTypes.big.limits.nvidia.com/gpu: expected a whole number, got "0.5"`);
        fails({ ...ok, instanceTypes: { gpu: { taints: [] } } }, PROD, "attachment.instanceTypes.gpu.taints: unknown key; allowed keys: limits, nodeSelector, requests");
        fails({ ...ok, sslCertPem: "x" }, PROD,
            "attachment.sslCertPem: unknown key; allowed keys: allowInsecureConnections, computeName, description, inferenceRouterHA, inferenceRouterServiceType, installNvidiaDevicePlugin, instanceTypes, loadBalancerType, manageNamespace, namespace, sslCname, sslSecret, uniqueSuffix");
    });
});
