// Azure ML prerequisite: "Azure Machine Learning doesn't support service principal with AKS, use
// managed identity instead" (how-to-deploy-kubernetes-extension, Limitations); cluster extensions
// do not work on service principal clusters (learn.microsoft.com/azure/aks/cluster-extensions).
// Azure Policy da6e2401 audits the same (servicePrincipalProfile.clientId other than "msi").
import { StackValidationPolicy } from "@pulumi/policy";
import { readAt } from "../lib/define";
import { attachedClusters } from "../lib/attached";
import { StackView } from "../lib/stack";

export const azuremlManagedIdentity: StackValidationPolicy = {
    name: "azureml-managed-identity",
    description: "Clusters attached to Azure ML use a managed identity (identity SystemAssigned or UserAssigned), not a service principal: the AzureML extension does not work on service principal clusters.",
    enforcementLevel: "mandatory",
    severity: "critical",
    remediationSteps: "Set identity: { type: \"SystemAssigned\" } (or UserAssigned) and remove servicePrincipalProfile; an existing cluster needs `az aks update --enable-managed-identity` and its node pools recreated before the extension is installed.",
    url: "https://learn.microsoft.com/azure/machine-learning/how-to-deploy-kubernetes-extension",
    validateStack: (args, report) => {
        const view = new StackView(args.resources);
        for (const { cluster, by } of attachedClusters(view)) {
            const sp = readAt(cluster.raw, ["servicePrincipalProfile", "clientId"]);
            const id = readAt(cluster.raw, ["identity", "type"]);
            if ("needs" in id) {
                view.needs(cluster, id.needs);
                continue;
            }
            const managed = typeof id.value === "string" && /assigned/i.test(id.value);
            const spSet = "value" in sp && typeof sp.value === "string" && sp.value.toLowerCase() !== "msi";
            if (managed && !spSet) continue;
            if (!managed || spSet) {
                const what = spSet ? `uses the service principal ${sp.value} (servicePrincipalProfile.clientId)` : `has identity.type ${id.value === undefined ? "unset" : `"${id.value}"`}`;
                report(`${view.label(cluster)} ${what}, but ${view.label(by)} attaches it to Azure ML, whose extension needs a cluster with a managed identity; set identity.type SystemAssigned or UserAssigned`, cluster.res.urn);
            }
        }
        view.undecided.settle();
    },
};
