import { StackValidationPolicy } from "@pulumi/policy";
import { checkPurposeCapacity, clusterCapacity, PoolShape } from "../rules/capacity";
import { MANAGED_CLUSTER } from "../lib/types";
import { clusterPurposes, describeClaim, PurposeClaim } from "../lib/purpose";
import { readPools } from "../lib/pools";
import { StackView } from "../lib/stack";
import { CLUSTER_PURPOSES } from "../rules/capacity";

export interface CapacityConfig {
    /** vCPUs of VM sizes missing from the catalog, e.g. { "Standard_X8s": 8 }. */
    vmSizeVcpus?: Record<string, number>;
}

export const vmSizeVcpusSchema = {
    type: "object" as const,
    description: "vCPUs of VM sizes missing from the pack's catalog, e.g. {\"Standard_X8s\": 8}.",
    additionalProperties: { type: "integer" as const, minimum: 1 },
    default: {},
};

/** Findings of one purpose claim against known pools; "undecided" when unknown pools could still add capacity. */
export function capacityFindings(claim: PurposeClaim, pools: PoolShape[], unknownPools: boolean, extra: Record<string, number>): string[] | "undecided" {
    if (!(CLUSTER_PURPOSES as readonly string[]).includes(claim.purpose)) {
        return [`clusterPurpose "${claim.purpose}" is not one of ${CLUSTER_PURPOSES.join(", ")}`];
    }
    const cap = clusterCapacity(pools, extra);
    const { errors } = checkPurposeCapacity(claim.purpose as (typeof CLUSTER_PURPOSES)[number], cap);
    if (errors.length === 0) return [];
    if (unknownPools) return "undecided";
    if (cap.unknownSizes.length === 0) return errors;
    const nodeErrors = errors.filter((e) => e.includes(" nodes, got "));
    const sizes = cap.unknownSizes.map((s) => `"${s}"`).join(", ");
    return [...nodeErrors, `cannot count the vCPUs of VM size ${sizes} (not in the catalog); declare them in the policy config vmSizeVcpus`];
}

export const purposeCapacity: StackValidationPolicy = {
    name: "purpose-capacity",
    description: "Clusters attached as FastProd or DenseProd have at least 12 vCPUs on at least 3 nodes (autoscaling pools count minCount).",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps: "Raise the agent pools' count (or minCount when autoscaling), use a larger vmSize, or attach the cluster as DevTest.",
    url: "https://learn.microsoft.com/azure/machine-learning/how-to-deploy-kubernetes-extension",
    configSchema: { properties: { vmSizeVcpus: vmSizeVcpusSchema } },
    validateStack: (args, report) => {
        const view = new StackView(args.resources);
        const extra = args.getConfig<CapacityConfig>().vmSizeVcpus ?? {};
        const purposes = clusterPurposes(view);
        for (const cluster of view.ofType(MANAGED_CLUSTER)) {
            const claims = purposes.byCluster.get(cluster.res.urn) ?? [];
            const pools = readPools(cluster.raw);
            for (const claim of claims.filter((c) => c.purpose !== "DevTest")) {
                const found = capacityFindings(claim, pools.known, pools.unknown.length > 0, extra);
                if (found === "undecided") view.needs(cluster, pools.unknown[0]);
                else for (const f of found) report(`${view.label(cluster)}, ${describeClaim(claim)}: ${f}`, cluster.res.urn);
            }
        }
        for (const { claim, pools } of purposes.provisioned.filter((p) => p.claim.purpose !== "DevTest")) {
            const found = capacityFindings(claim, pools, false, extra);
            if (found !== "undecided") for (const f of found) report(`${view.label(claim.from)} provisions its cluster, ${describeClaim(claim)}: ${f}`, claim.from.res.urn);
        }
        view.undecided.settle();
    },
};
