import { ResourceValidationPolicy } from "@pulumi/policy";
import { computeNameProblem } from "../rules/naming";
import { COMPUTE } from "../lib/types";
import { typed } from "../lib/arm";
import { isUnknown, rawProps, Undecided } from "../lib/values";

export const computeNameFormat: ResourceValidationPolicy = {
    name: "compute-name-format",
    description: "Compute (attachment) names are 3 to 24 characters, letters, digits and '-', starting with a letter.",
    enforcementLevel: "mandatory",
    severity: "medium",
    remediationSteps: "Set computeName to a name such as \"aks-prod\"; Azure ML refuses other names.",
    url: "https://learn.microsoft.com/azure/machine-learning/how-to-attach-kubernetes-to-workspace",
    validateResource: (args, report) => {
        const tp = typed(args.type, rawProps(args.props));
        if (tp.type !== COMPUTE) return;
        const name = tp.raw.computeName;
        const undecided = new Undecided();
        if (isUnknown(name)) undecided.note(args.props, tp.realPath(["computeName"]));
        else if (typeof name === "string") {
            const problem = computeNameProblem(name);
            if (problem) report(problem);
        } // unset: azure-native auto-names it within the API's constraints
        undecided.settle();
    },
};
