// Globally unique names for a workspace's dependent resources: a readable prefix from the workspace
// name plus a random suffix (RandomString), cut to each service's limits. Pure functions.
//
// Limits (Azure "Naming rules and restrictions for Azure resources"):
//   storage account    3-24, lowercase letters and digits, globally unique
//   key vault          3-24, letters, digits and '-', starts with a letter, ends with a letter or
//                      digit, no "--", globally unique
//   container registry 5-50, letters and digits, globally unique
//   ML workspace       3-33, letters, digits, '-' and '_', starts with a letter or digit

export const SUFFIX_LENGTH = 8;
export const WORKSPACE_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{2,32}$/;
export const WORKSPACE_NAME_RULE = "3 to 33 characters, letters, digits, '-' and '_', starting with a letter or digit";

const alnum = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, "");

export const STORAGE_NAME = /^[a-z0-9]{3,24}$/;
export const KEY_VAULT_NAME = /^(?!.*--)[A-Za-z][A-Za-z0-9-]{1,22}[A-Za-z0-9]$/;
export const REGISTRY_NAME = /^[A-Za-z0-9]{5,50}$/;

/** "st" + workspace letters/digits, cut so the suffix fits 24. */
export function storageAccountName(workspaceName: string, suffix: string): string {
    const s = alnum(suffix);
    return `st${alnum(workspaceName)}`.slice(0, 24 - s.length) + s;
}

/** "kv-" + workspace letters/digits/'-' (no "--", no trailing '-'), "-" + suffix, at most 24. */
export function keyVaultName(workspaceName: string, suffix: string): string {
    const s = alnum(suffix);
    const body = `kv-${workspaceName.toLowerCase().replace(/[^a-z0-9-]/g, "-")}`
        .replace(/-+/g, "-")
        .slice(0, 24 - s.length - 1)
        .replace(/-+$/, "");
    return `${body}-${s}`;
}

/** "cr" + workspace letters/digits, cut so the suffix fits 50. */
export function registryName(workspaceName: string, suffix: string): string {
    const s = alnum(suffix);
    return `cr${alnum(workspaceName)}`.slice(0, 50 - s.length) + s;
}
