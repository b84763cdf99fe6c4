// Azure ML prerequisite: "Azure Machine Learning doesn't support disabling local accounts for AKS"
// (learn.microsoft.com/azure/machine-learning/how-to-deploy-kubernetes-extension, Limitations).
// Deliberately the opposite of checkov CKV_AZURE_141 and Azure Policy 993c2fcd on attached clusters.
import { StackValidationPolicy } from "@pulumi/policy";
import { readAt } from "../lib/define";
import { attachedClusters } from "../lib/attached";
import { StackView } from "../lib/stack";

export const azuremlLocalAccounts: StackValidationPolicy = {
    name: "azureml-local-accounts",
    description: "Clusters attached to Azure ML keep local accounts enabled (disableLocalAccounts is not true): Azure ML does not support AKS with local accounts disabled.",
    enforcementLevel: "mandatory",
    severity: "critical",
    remediationSteps: "Remove disableLocalAccounts: true from the attached cluster, and exempt clusters attached to Azure ML from checkov CKV_AZURE_141 / Azure Policy 993c2fcd \"Azure Kubernetes Service Clusters should have local authentication methods disabled\".",
    url: "https://learn.microsoft.com/azure/machine-learning/how-to-deploy-kubernetes-extension",
    validateStack: (args, report) => {
        const view = new StackView(args.resources);
        for (const { cluster, by } of attachedClusters(view)) {
            const r = readAt(cluster.raw, ["disableLocalAccounts"]);
            if ("needs" in r) view.needs(cluster, r.needs);
            else if (r.value === true) {
                report(`${view.label(cluster)} sets disableLocalAccounts: true, but ${view.label(by)} attaches it to Azure ML, which does not support AKS with local accounts disabled; ` +
                    "this conflicts with checkov CKV_AZURE_141 / Azure Policy 993c2fcd: exempt attached clusters from those and keep local accounts", cluster.res.urn);
            }
        }
        view.undecided.settle();
    },
};
