// ModelNamespace: the Kubernetes namespace that model web services run in, with a NetworkPolicy that
// admits ingress only from the AzureML inference router (azureml-fe pods, label
// azuremlappname=azureml-fe, in the extension's release namespace `azureml`; the label is the one
// Azure ML's troubleshooting guide selects with `kubectl get po -n azureml -l azuremlappname=azureml-fe`).
//
// These resources go through the cluster's Kubernetes API: the API server must be reachable from
// where Pulumi runs (a private cluster or authorized IP ranges that exclude the runner will fail the
// update). The policy is enforced only when the cluster runs a network policy engine
// (networkPolicy azure, calico or cilium).
import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";

export const ROUTER_NAMESPACE = "azureml";
export const ROUTER_POD_LABELS: Readonly<Record<string, string>> = { azuremlappname: "azureml-fe" };

export interface ModelNamespaceArgs {
    /** Namespace name (validated by the caller). */
    namespace: string;
    provider: k8s.Provider;
    labels?: Record<string, string>;
    protect?: boolean;
}

export class ModelNamespace extends pulumi.ComponentResource {
    readonly namespaceName: pulumi.Output<string>;
    readonly namespace: k8s.core.v1.Namespace;
    readonly networkPolicy: k8s.networking.v1.NetworkPolicy;

    constructor(name: string, args: ModelNamespaceArgs, opts?: pulumi.ComponentResourceOptions) {
        super("aks-ml:index:ModelNamespace", name, {}, opts);
        const childOpts = { parent: this, provider: args.provider };
        this.namespace = new k8s.core.v1.Namespace(`${name}-ns`, {
            metadata: {
                name: args.namespace,
                labels: { "app.kubernetes.io/managed-by": "pulumi", "aksml.io/role": "model-services", ...args.labels },
            },
        }, { ...childOpts, protect: args.protect });
        this.namespaceName = this.namespace.metadata.name;

        this.networkPolicy = new k8s.networking.v1.NetworkPolicy(`${name}-from-router`, {
            metadata: { name: "allow-from-inference-router", namespace: this.namespaceName },
            spec: {
                podSelector: {}, // every pod of the namespace
                policyTypes: ["Ingress"],
                ingress: [{
                    from: [{
                        // Both selectors in one peer: pods with these labels AND in the router namespace.
                        namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": ROUTER_NAMESPACE } },
                        podSelector: { matchLabels: { ...ROUTER_POD_LABELS } },
                    }],
                }],
            },
        }, childOpts);

        this.registerOutputs({ namespaceName: this.namespaceName });
    }
}
