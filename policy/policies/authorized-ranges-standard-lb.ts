import { ResourceValidationPolicy } from "@pulumi/policy";
import { MANAGED_CLUSTER } from "../lib/types";
import { typed } from "../lib/arm";
import { at, isUnknown, rawProps, Undecided } from "../lib/values";

/** "set" when authorized ranges are non-empty, "unset", or "unknown". */
function rangesState(raw: Record<string, any>): "set" | "unset" | "unknown" {
    const ranges = at(raw, ["apiServerAccessProfile", "authorizedIPRanges"]);
    if (isUnknown(ranges)) return "unknown";
    return Array.isArray(ranges) && ranges.length > 0 ? "set" : "unset";
}

/** "basic", "standard" (also when omitted: AKS defaults to standard) or "unknown". */
function lbSku(raw: Record<string, any>): "basic" | "standard" | "unknown" {
    const sku = at(raw, ["networkProfile", "loadBalancerSku"]);
    if (isUnknown(sku)) return "unknown";
    return typeof sku === "string" && sku.toLowerCase() === "basic" ? "basic" : "standard";
}

export const authorizedRangesStandardLb: ResourceValidationPolicy = {
    name: "authorized-ranges-standard-lb",
    description: "API server authorized IP ranges require the Standard load balancer (an omitted loadBalancerSku means standard).",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps: "Set networkProfile.loadBalancerSku to \"standard\" (or omit it), or remove apiServerAccessProfile.authorizedIPRanges. At the remediate level the pack sets the SKU to standard.",
    url: "https://learn.microsoft.com/azure/aks/api-server-authorized-ip-ranges",
    validateResource: (args, report) => {
        const tp = typed(args.type, rawProps(args.props));
        if (tp.type !== MANAGED_CLUSTER) return;
        const raw = tp.raw;
        const sku = lbSku(raw);
        if (sku === "standard") return;
        const ranges = rangesState(raw);
        if (ranges === "unset") return;
        const undecided = new Undecided();
        if (sku === "unknown") undecided.note(args.props, tp.realPath(["networkProfile", "loadBalancerSku"]));
        else if (ranges === "unknown") undecided.note(args.props, tp.realPath(["apiServerAccessProfile", "authorizedIPRanges"]));
        else report("apiServerAccessProfile.authorizedIPRanges is set but networkProfile.loadBalancerSku is \"basic\"; authorized IP ranges need the Standard load balancer");
        undecided.settle();
    },
    remediateResource: (args) => {
        const tp = typed(args.type, rawProps(args.props));
        // A generic resources:Resource keeps these fields under `properties`: remediated by hand.
        if (tp.type !== MANAGED_CLUSTER || tp.generic) return;
        const raw = tp.raw;
        if (lbSku(raw) !== "basic" || rangesState(raw) !== "set") return;
        return { ...raw, networkProfile: { ...raw.networkProfile, loadBalancerSku: "standard" } };
    },
};
