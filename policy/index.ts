// The aks-ml-serving CrossGuard pack. Started by the engine (or tools/lib/analyzer.ts) with the pack
// directory as working directory: @pulumi/policy reads the version from ./package.json.
import { PolicyPack } from "@pulumi/policy";
import { POLICIES } from "./policies";

new PolicyPack("aks-ml-serving", {
    description: "Platform rules and a security baseline for AKS clusters attached to Azure Machine Learning, and their online endpoints.",
    displayName: "AKS + Azure ML serving",
    provider: "azure",
    tags: ["azure", "aks", "azure-machine-learning"],
    enforcementLevel: "advisory",
    policies: POLICIES,
});
