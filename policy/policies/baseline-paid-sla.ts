import { StackValidationPolicy } from "@pulumi/policy";
import { clusterPurposes, describeClaim } from "../lib/purpose";
import { StackView } from "../lib/stack";
import { isProductionPurpose, MANAGED_CLUSTER } from "../lib/types";
import { readAt } from "../lib/define";

const PAID = ["standard", "premium"];

export const baselinePaidSla: StackValidationPolicy = {
    name: "baseline-paid-sla",
    description: "Clusters serving a production purpose (FastProd, DenseProd) use a paid tier with an uptime SLA (sku.tier Standard or Premium).",
    enforcementLevel: "advisory",
    severity: "medium",
    remediationSteps: "Set sku: { name: \"Base\", tier: \"Standard\" } on the ManagedCluster.",
    url: "https://learn.microsoft.com/azure/aks/free-standard-pricing-tiers",
    validateStack: (args, report) => {
        const view = new StackView(args.resources);
        const purposes = clusterPurposes(view);
        for (const cluster of view.ofType(MANAGED_CLUSTER)) {
            const prod = (purposes.byCluster.get(cluster.res.urn) ?? []).find((c) => isProductionPurpose(c.purpose));
            if (!prod) continue;
            const tier = readAt(cluster.raw, ["sku", "tier"]);
            if ("needs" in tier) view.needs(cluster, tier.needs);
            else if (!(typeof tier.value === "string" && PAID.includes(tier.value.toLowerCase()))) {
                report(`${view.label(cluster)}, ${describeClaim(prod)}: sku.tier is ${tier.value === undefined ? "not set (Free)" : `"${tier.value}"`}; production needs Standard or Premium`, cluster.res.urn);
            }
        }
        view.undecided.settle();
    },
};
