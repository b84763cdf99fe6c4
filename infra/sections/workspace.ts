// The `workspace` config section: use an existing Azure ML workspace (name + resourceGroup) or create
// one with its storage, key vault, insights and registry (create: true). The schema
// (infra/schema/workspace.ts) gives types, shapes and defaults; here which keys apply to which mode.
import { ConfigError } from "./reader";
import type { WorkspaceSpec } from "../../components/workspace";
import { parseSection, written } from "../schema/check";
import { workspace as workspaceSchema } from "../schema/workspace";

const CREATE_ONLY = ["publicNetworkAccess", "registrySku", "logRetentionDays", "tags", "customerManagedKey"];
const EXISTING_KEYS = ["create", "name", "resourceGroup"];

export interface WorkspaceContext {
    /** The stack's resource group: default for an existing workspace's resourceGroup. */
    resourceGroup: string;
}

function fail(key: string, message: string): never {
    throw new ConfigError(`workspace.${key}: ${message}`);
}

/** Parses and validates the `workspace` section. */
export function parseWorkspace(value: unknown, ctx: WorkspaceContext): WorkspaceSpec {
    // An unknown key is named with the keys of its mode (a created workspace takes no resourceGroup).
    const w = parseSection(workspaceSchema, value, ["workspace"], (_key, path, data) => path.length > 0 ? undefined
        : data.create ? Object.keys(workspaceSchema.shape).filter((k) => k !== "resourceGroup") : EXISTING_KEYS);
    // Written keys, not parsed ones: the create-only keys have defaults.
    const given = written(value);
    if (!w.create) {
        const present = CREATE_ONLY.find((k) => given.includes(k));
        if (present) fail(present, "only applies when create is true; an existing workspace is used as it is");
        return { mode: "existing", name: w.name, resourceGroup: w.resourceGroup ?? ctx.resourceGroup };
    }
    if (given.includes("resourceGroup")) fail("resourceGroup", "only applies to an existing workspace (create: false); a created workspace goes to the stack's resourceGroup");
    // Registry SKU: a context default (Premium for a private workspace), so not in the schema.
    const registrySku = w.registrySku ?? (w.publicNetworkAccess === "Disabled" ? "Premium" : "Basic");
    if (w.publicNetworkAccess === "Disabled" && registrySku !== "Premium") {
        fail("registrySku", `expected Premium when publicNetworkAccess is Disabled (private endpoints need it), got "${registrySku}"`);
    }
    return {
        mode: "create", name: w.name, publicNetworkAccess: w.publicNetworkAccess, registrySku, logRetentionDays: w.logRetentionDays,
        tags: w.tags ?? {}, customerManagedKey: w.customerManagedKey,
    };
}
