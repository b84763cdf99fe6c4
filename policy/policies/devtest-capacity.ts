import { StackValidationPolicy } from "@pulumi/policy";
import { checkPurposeCapacity, clusterCapacity } from "../rules/capacity";
import { MANAGED_CLUSTER } from "../lib/types";
import { clusterPurposes, describeClaim } from "../lib/purpose";
import { readPools } from "../lib/pools";
import { StackView } from "../lib/stack";
import { CapacityConfig, vmSizeVcpusSchema } from "./purpose-capacity";

export const devtestCapacity: StackValidationPolicy = {
    name: "devtest-capacity",
    description: "Clusters attached as DevTest should have at least 2 vCPUs.",
    enforcementLevel: "advisory",
    severity: "low",
    remediationSteps: "Use a VM size with at least 2 vCPUs, or add a node.",
    url: "https://learn.microsoft.com/azure/machine-learning/how-to-deploy-kubernetes-extension",
    configSchema: { properties: { vmSizeVcpus: vmSizeVcpusSchema } },
    validateStack: (args, report) => {
        const view = new StackView(args.resources);
        const extra = args.getConfig<CapacityConfig>().vmSizeVcpus ?? {};
        const purposes = clusterPurposes(view);
        const check = (label: string, urn: string, claim: Parameters<typeof describeClaim>[0], pools: Parameters<typeof clusterCapacity>[0], unknown: boolean) => {
            const cap = clusterCapacity(pools, extra);
            const { warnings } = checkPurposeCapacity("DevTest", cap);
            if (warnings.length === 0 || cap.unknownSizes.length > 0) return;
            if (unknown) return "undecided";
            for (const w of warnings) report(`${label}, ${describeClaim(claim)}: ${w}`, urn);
        };
        for (const cluster of view.ofType(MANAGED_CLUSTER)) {
            const pools = readPools(cluster.raw);
            for (const claim of (purposes.byCluster.get(cluster.res.urn) ?? []).filter((c) => c.purpose === "DevTest")) {
                if (check(view.label(cluster), cluster.res.urn, claim, pools.known, pools.unknown.length > 0)) view.needs(cluster, pools.unknown[0]);
            }
        }
        for (const { claim, pools } of purposes.provisioned.filter((p) => p.claim.purpose === "DevTest")) {
            check(`${view.label(claim.from)} provisions its cluster`, claim.from.res.urn, claim, pools, false);
        }
        view.undecided.settle();
    },
};
