import { readAt, resourceRule } from "../lib/define";
import { AZUREML_EXTENSION_TYPE, EXTENSION } from "../lib/types";
import { DEFAULT_PURPOSE } from "../lib/purpose";

export const baselineExtensionSecure = resourceRule({
    name: "baseline-extension-secure", enforcementLevel: "advisory", severity: "high",
    description: "The AzureML extension does not set allowInsecureConnections: \"True\" unless the cluster purpose is DevTest.",
    remediationSteps: "Remove allowInsecureConnections and configure TLS (sslCname, sslSecret or the protected settings sslCertPemFile/sslKeyPemFile).",
    url: "https://learn.microsoft.com/azure/machine-learning/how-to-secure-kubernetes-inferencing-communication",
}, [EXTENSION], (raw) => {
    const type = readAt(raw, ["extensionType"]);
    if ("needs" in type) return [type];
    if (typeof type.value !== "string" || type.value.toLowerCase() !== AZUREML_EXTENSION_TYPE) return [];
    const insecure = readAt(raw, ["configurationSettings", "allowInsecureConnections"]);
    if ("needs" in insecure) return [insecure];
    if (typeof insecure.value !== "string" || insecure.value.toLowerCase() !== "true") return [];
    const purpose = readAt(raw, ["configurationSettings", "clusterPurpose"]);
    if ("needs" in purpose) return [purpose];
    const p = purpose.value ?? DEFAULT_PURPOSE;
    return [p === "DevTest" ? undefined : `configurationSettings.allowInsecureConnections is "True" on a ${p} cluster; serve with TLS outside DevTest`];
});
