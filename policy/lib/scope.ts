// The baseline's scope, a choice in each cluster rule's config (`scope`):
// - "all" (default): every ManagedCluster and AgentPool, decided per resource, as checkov and the
//   Azure Policy built-ins do (a compliance team's expectation).
// - "azureml": only clusters attached to Azure ML in the stack (AzureML extension or a Compute on
//   them), decided at AnalyzeStack where the attachment is visible; other clusters are not checked.
//
// Cost: @pulumi/policy deserialises the whole stack once per stack policy before calling it
// (sdk/nodejs/policy/server.ts makeAnalyzeStackRpcFun, pulumi-policy v1.21.0), unless the policy's
// validateStack carries a `__pulumiType` that no resource of the stack has (getPulumiType, same file).
// A scoped rule remembers the scope it was last configured with (every Analyze call and every
// AnalyzeStack call reads it) and, while that is "all", names a type no stack has, so the stack pass
// costs nothing; until it has seen its config it runs (and returns at once under "all").
import { PolicyConfigSchema, StackValidation } from "@pulumi/policy";
import type { Check } from "./define";
import { StackView } from "./stack";
import * as t from "./types";

export type Scope = "all" | "azureml";
export const SCOPES: readonly Scope[] = ["all", "azureml"];
export const DEFAULT_SCOPE: Scope = "all";
/** A type token no resource has: pulumi-policy skips the stack pass without deserialising. */
export const NO_TYPE = "aks-ml-serving:no-such-type";

export function scopeConfig(): PolicyConfigSchema {
    return {
        properties: {
            scope: {
                type: "string" as const, enum: [...SCOPES], default: DEFAULT_SCOPE,
                description: "all: every cluster; azureml: only clusters attached to Azure ML in the stack (AzureML extension or Compute).",
            },
        },
    };
}

export function scopeOf(config: { scope?: unknown } | undefined): Scope {
    return config?.scope === "azureml" ? "azureml" : "all";
}

/** Remembers the last configured scope of one rule. */
export class ScopedStack {
    last?: Scope;
    remember(scope: Scope): Scope {
        this.last = scope;
        return scope;
    }
}

/** The stack pass of a scoped rule: checks attached clusters (and their AgentPools) under "azureml". */
export function stackPass(pass: ScopedStack, types: readonly string[], check: Check): StackValidation {
    const fn: StackValidation = (args, report) => {
        if (pass.remember(scopeOf(args.getConfig())) !== "azureml") return;
        const view = new StackView(args.resources);
        const attached = view.attachedClusterUrns();
        for (const type of types) {
            for (const node of view.ofType(type)) {
                if (!attached.has(clusterUrn(view, node) ?? "")) continue;
                for (const v of check(node.raw, node.type)) {
                    if (typeof v === "string") report(v, node.res.urn);
                    else if (v) view.needs(node, v.needs);
                }
            }
        }
        view.undecided.settle();
    };
    Object.defineProperty(fn, "__pulumiType", { get: () => (pass.last === "all" ? NO_TYPE : undefined) });
    return fn;
}

/** The URN of the stack cluster a node is (or, for an AgentPool, belongs to). */
function clusterUrn(view: StackView, node: ReturnType<StackView["ofType"]>[number]): string | undefined {
    if (node.type === t.MANAGED_CLUSTER) return node.res.urn;
    if (node.type !== t.AGENT_POOL) return node.res.urn;
    const deps = view.depsOf(node, "resourceName", t.MANAGED_CLUSTER);
    if (deps.length === 1) return deps[0].res.urn;
    const name = view.nameRef(node, "resourceName", t.MANAGED_CLUSTER, "managedclusters");
    const rg = view.resourceGroupOf(node);
    const c = name !== undefined && rg !== undefined ? view.clusterByKey(`${rg}/${name}`) : undefined;
    return c && typeof c !== "string" ? c.res.urn : undefined;
}
