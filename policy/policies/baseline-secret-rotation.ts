// checkov CKV_AZURE_172: the Key Vault secrets provider add-on, with rotation.
import { readAt, resourceRule } from "../lib/define";
import { addonEnabled, AKS_DOCS } from "../lib/cluster";
import { MANAGED_CLUSTER } from "../lib/types";

export const baselineSecretRotation = resourceRule({
    name: "baseline-secret-rotation", enforcementLevel: "advisory", severity: "medium",
    description: "The Key Vault secrets provider add-on is enabled with secret rotation (addonProfiles.azureKeyvaultSecretsProvider.config.enableSecretRotation \"true\").",
    remediationSteps: "Set addonProfiles: { azureKeyvaultSecretsProvider: { enabled: true, config: { enableSecretRotation: \"true\", rotationPollInterval: \"2m\" } } }.",
    url: `${AKS_DOCS}/csi-secrets-store-configuration-options`,
}, [MANAGED_CLUSTER], (raw) => {
    const on = addonEnabled(raw, "azureKeyvaultSecretsProvider");
    if ("needs" in on) return [on];
    if (!on.value) return ["addonProfiles.azureKeyvaultSecretsProvider is not enabled; enable the Key Vault secrets provider with enableSecretRotation"];
    const r = readAt(raw, [...on.path, "config", "enableSecretRotation"] as string[]);
    if ("needs" in r) return [r];
    return [String(r.value).toLowerCase() === "true" ? undefined : "addonProfiles.azureKeyvaultSecretsProvider.config.enableSecretRotation is not \"true\"; rotated secrets are not picked up"];
}, { scoped: true });
