// The AzureML extension's settings (Microsoft.AzureML.Kubernetes) and the attachment's rules, as
// pure functions shared by WorkspaceAttachment (fail fast) and infra/sections/attachment.ts (config
// errors). `az k8s-extension create` fills many settings silently; an ARM caller must set them all.
//
// Sources, cited per setting below:
//   [cli]  azure-cli-extensions, src/k8s-extension/azext_k8s_extension/partner_extensions/
//          AzureMLKubernetes.py (Create, __validate_config, __validate_scoring_fe_settings,
//          __set_up_inference_ssl, reference_mapping/_dereference).
//   [docs] Azure ML "Deploy Azure Machine Learning extension on AKS or Arc Kubernetes cluster",
//          configuration settings table (learn.microsoft.com/azure/machine-learning/how-to-deploy-kubernetes-extension).
//   [arm]  Azure/AML-Kubernetes files/deployextension.json (Microsoft's ARM template for the extension).
import * as pulumi from "@pulumi/pulumi";
import type { ClusterPurpose } from "../policy/rules/capacity";

export const EXTENSION_TYPE = "Microsoft.AzureML.Kubernetes";
export const RELEASE_NAMESPACE = "azureml"; // [cli] DEFAULT_RELEASE_NAMESPACE, forced for every install
export const RELEASE_TRAIN = "stable"; // [cli] "If release-train is not input, set it to 'stable'"
export const ROUTER_SERVICE_TYPES = ["LoadBalancer", "NodePort", "ClusterIP"] as const;
export type RouterServiceType = (typeof ROUTER_SERVICE_TYPES)[number];
/** SDK v1 AksCompute load_balancer_type. */
export const LOAD_BALANCER_TYPES = ["PublicIp", "InternalLoadBalancer"] as const;
export type LoadBalancerType = (typeof LOAD_BALANCER_TYPES)[number];
/** Namespaces a model namespace must not be (system or the extension's own). */
export const RESERVED_NAMESPACES = ["azureml", "kube-system", "kube-public", "kube-node-lease", "gatekeeper-system"];

const flag = (b: boolean) => (b ? "True" : "False");

export interface ExtensionSettingsInput {
    purpose: ClusterPurpose;
    clusterId: pulumi.Input<string>;
    clusterName: pulumi.Input<string>;
    /** The cluster's Azure region (e.g. "westeurope"). */
    location: pulumi.Input<string>;
    routerServiceType: RouterServiceType;
    loadBalancerType: LoadBalancerType;
    inferenceRouterHA: boolean;
    allowInsecureConnections: boolean;
    sslCname?: string;
    /** Kubernetes secret (in `azureml`) holding cert.pem and key.pem, instead of protected settings. */
    sslSecret?: string;
    installNvidiaDevicePlugin: boolean;
}

/** configurationSettings, every value a string ("True"/"False" for flags). */
export function extensionSettings(s: ExtensionSettingsInput): Record<string, pulumi.Input<string>> {
    const location = pulumi.output(s.location).apply((l) => l.toLowerCase()); // [cli] resource.location.lower()
    const settings: Record<string, pulumi.Input<string>> = {
        enableInference: "True", // [docs] must be True for inference; [cli] __validate_config
        enableTraining: "False", // [cli] __validate_config writes enableTraining (default False): serving only
        inferenceRouterServiceType: s.routerServiceType, // [docs] required when enableInference=True
        inferenceRouterHA: flag(s.inferenceRouterHA), // [docs] default True needs >= 3 nodes; [cli] 'false' below 3 nodes
        clusterPurpose: s.purpose, // [cli] DevTest below 3 nodes, else FastProd; [arm] baseSettings; our policies read it here
        allowInsecureConnections: flag(s.allowInsecureConnections), // [docs] default False; True only for dev/test HTTP
        installNvidiaDevicePlugin: flag(s.installNvidiaDevicePlugin), // [docs] default False; needed for nvidia.com/gpu
        installPromOp: "True", // [docs]/[arm] default True: the extension's Prometheus operator (inference metrics)
        installVolcano: "False", // [docs] training-only scheduler (N/A for inference); [arm] explicit
        installDcgmExporter: "False", // [docs]/[arm] default False: GPU metrics exporter
        // [cli] Create: cluster_name defaults to the cluster's ARM id, dereferenced to clusterId and
        // the Prometheus external label (reference_mapping); [arm] sets all three explicitly.
        cluster_name: s.clusterId,
        clusterId: s.clusterId,
        "prometheus.prometheusSpec.externalLabels.cluster_name": s.clusterId,
        cluster_name_friendly: s.clusterName, // [cli] CLUSTER_NAME_FRIENDLY_KEY
        domain: pulumi.interpolate`${location}.cloudapp.azure.com`, // [cli] '{location}.cloudapp.azure.com'
        location, // [cli] cluster location
        jobSchedulerLocation: location, // [cli] JOB_SCHEDULER_LOCATION_KEY
        "servicebus.enabled": "False", // [cli] "do not enable service bus by default"
        "relayserver.enabled": "False", // [cli] "do not enable relay for managed cluster(AKS) by default"
        "nginxIngress.enabled": "True", // [cli] managedClusters default 'true'
    };
    if (s.routerServiceType === "NodePort") {
        settings["scoringFe.serviceType.nodePort"] = "True"; // [cli] __validate_scoring_fe_settings
    } else if (s.loadBalancerType === "InternalLoadBalancer") {
        settings.internalLoadBalancerProvider = "azure"; // [docs] AKS only: router behind an internal LB
        settings["scoringFe.serviceType.internalLoadBalancer"] = "True"; // [cli] derived from the provider
    }
    if (s.sslCname !== undefined) settings.sslCname = s.sslCname; // [docs] required when allowInsecureConnections=False
    if (s.sslSecret !== undefined) {
        settings.sslSecret = s.sslSecret; // [docs] secret name in the azureml namespace (cert.pem, key.pem)
        settings["scoringFe.sslSecret"] = s.sslSecret; // [cli] __set_inference_ssl_from_secret; [arm] sslSetting
    }
    return settings;
}

/**
 * configurationProtectedSettings for TLS, always secret. The CLI reads sslCertPemFile/sslKeyPemFile
 * (file paths) and sends their base64 contents as scoringFe.sslCert/scoringFe.sslKey ([cli]
 * __set_inference_ssl_from_file; [arm] configProtectedSettings): an ARM caller sends those two keys.
 */
export function tlsProtectedSettings(certPem: pulumi.Input<string>, keyPem: pulumi.Input<string>): pulumi.Output<Record<string, string>> {
    const b64 = (v: string) => Buffer.from(v, "utf8").toString("base64");
    return pulumi.secret(pulumi.all([certPem, keyPem]).apply(([cert, key]): Record<string, string> => ({
        "scoringFe.sslCert": b64(cert),
        "scoringFe.sslKey": b64(key),
    })));
}

export interface AttachmentRuleInput {
    purpose: ClusterPurpose;
    /** Guaranteed nodes; undefined when unknown (existing cluster). */
    nodeCount: number | undefined;
    routerServiceType: RouterServiceType;
    loadBalancerType: LoadBalancerType;
    /** As asked by the user; undefined means "decide from purpose and nodes". */
    inferenceRouterHA?: boolean;
    allowInsecureConnections: boolean;
    tls: boolean;
    namespace: string;
    manageNamespace: boolean;
}

export interface RuleProblem {
    /** The field the problem is about (config key under `attachment`). */
    key: string;
    message: string;
}

/** inferenceRouterHA when not asked: False for DevTest or fewer than 3 (known) nodes. */
export function defaultRouterHA(purpose: ClusterPurpose, nodeCount: number | undefined): boolean {
    return purpose !== "DevTest" && (nodeCount === undefined || nodeCount >= 3);
}

/** The attachment's rules beyond naming; each problem names its key and what is allowed. */
export function attachmentRuleProblems(r: AttachmentRuleInput): RuleProblem[] {
    const p: RuleProblem[] = [];
    if (r.inferenceRouterHA === true && r.purpose === "DevTest") {
        p.push({ key: "inferenceRouterHA", message: "must be false for a DevTest cluster (one router replica)" });
    } else if (r.inferenceRouterHA === true && r.nodeCount !== undefined && r.nodeCount < 3) {
        p.push({ key: "inferenceRouterHA", message: `needs at least 3 nodes (three router replicas), the cluster guarantees ${r.nodeCount}; set false` });
    }
    if (r.allowInsecureConnections && r.purpose !== "DevTest") {
        p.push({ key: "allowInsecureConnections", message: `allowed only for a DevTest cluster, got ${r.purpose}; use TLS (sslCname with sslCertPem and sslKeyPem, or with sslSecret)` });
    } else if (r.allowInsecureConnections && r.tls) {
        p.push({ key: "allowInsecureConnections", message: "cannot be combined with TLS; remove one" });
    } else if (!r.allowInsecureConnections && !r.tls) {
        p.push({ key: "sslCname", message: "TLS is required: set sslCname with the secrets sslCertPem and sslKeyPem (or with sslSecret), or allowInsecureConnections: true on a DevTest cluster" });
    }
    if (r.loadBalancerType === "InternalLoadBalancer" && r.routerServiceType !== "LoadBalancer") {
        p.push({ key: "loadBalancerType", message: `InternalLoadBalancer needs inferenceRouterServiceType LoadBalancer, got ${r.routerServiceType}` });
    }
    if (!/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(r.namespace)) {
        p.push({ key: "namespace", message: `expected a Kubernetes namespace name (1 to 63 characters, lowercase letters, digits and '-', starting and ending with a letter or digit), got "${r.namespace}"` });
    } else if (RESERVED_NAMESPACES.includes(r.namespace)) {
        p.push({ key: "namespace", message: `"${r.namespace}" is reserved; allowed: any other namespace name (default: default)` });
    } else if (r.manageNamespace && r.namespace === "default") {
        p.push({ key: "manageNamespace", message: `cannot manage the "default" namespace; set namespace to a dedicated name (e.g. models)` });
    }
    return p;
}
