// Azure ML's prerequisites on an attached cluster, from learn.microsoft.com/azure/machine-learning/how-to-deploy-kubernetes-extension
// ("Limitations"): local accounts must stay enabled (deliberately the opposite of checkov
// CKV_AZURE_141 and Azure Policy 993c2fcd on attached clusters), and the cluster must use a managed
// identity, not a service principal (cluster extensions do not work on service principal clusters:
// learn.microsoft.com/azure/aks/cluster-extensions; Azure Policy da6e2401 audits the same).
// One stack policy for both: every stack policy costs a full deserialisation of the stack in
// pulumi-policy (server.ts makeAnalyzeStackRpcFun), and both need the same attachment join.
import { StackValidationPolicy } from "@pulumi/policy";
import { readAt } from "../lib/define";
import { attachedClusters } from "../lib/attached";
import { StackView } from "../lib/stack";

export const azuremlPrerequisites: StackValidationPolicy = {
    name: "azureml-prerequisites",
    description: "Clusters attached to Azure ML keep local accounts enabled (disableLocalAccounts not true) and use a managed identity (identity SystemAssigned or UserAssigned, no service principal): Azure ML supports neither otherwise.",
    enforcementLevel: "mandatory",
    severity: "critical",
    remediationSteps: "On the attached cluster, remove disableLocalAccounts: true and exempt attached clusters from checkov CKV_AZURE_141 / Azure Policy 993c2fcd; set identity: { type: \"SystemAssigned\" } (or UserAssigned) instead of servicePrincipalProfile (an existing cluster needs `az aks update --enable-managed-identity` and its node pools recreated before the extension is installed).",
    url: "https://learn.microsoft.com/azure/machine-learning/how-to-deploy-kubernetes-extension",
    validateStack: (args, report) => {
        const view = new StackView(args.resources);
        for (const { cluster, by } of attachedClusters(view)) {
            const who = `${view.label(cluster)}`;
            const attach = `${view.label(by)} attaches it to Azure ML`;
            const local = readAt(cluster.raw, ["disableLocalAccounts"]);
            if ("needs" in local) view.needs(cluster, local.needs);
            else if (local.value === true) {
                report(`${who} sets disableLocalAccounts: true, but ${attach}, which does not support AKS with local accounts disabled; ` +
                    "this conflicts with checkov CKV_AZURE_141 / Azure Policy 993c2fcd: exempt attached clusters from those and keep local accounts", cluster.res.urn);
            }
            const id = readAt(cluster.raw, ["identity", "type"]);
            const sp = readAt(cluster.raw, ["servicePrincipalProfile", "clientId"]);
            if ("needs" in id) {
                view.needs(cluster, id.needs);
                continue;
            }
            const managed = typeof id.value === "string" && /assigned/i.test(id.value);
            const spSet = "value" in sp && typeof sp.value === "string" && sp.value.toLowerCase() !== "msi";
            if (managed && !spSet) continue;
            const what = spSet ? `uses the service principal ${sp.value} (servicePrincipalProfile.clientId)` : `has identity.type ${id.value === undefined ? "unset" : `"${id.value}"`}`;
            report(`${who} ${what}, but ${attach}, whose extension needs a cluster with a managed identity; set identity.type SystemAssigned or UserAssigned`, cluster.res.urn);
        }
        view.undecided.settle();
    },
};
