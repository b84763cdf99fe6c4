// The `workspace` config section: use an existing Azure ML workspace (name + resourceGroup) or create
// one with its storage, key vault, insights and registry (create: true). Errors name the key.
import { Reader } from "./reader";
import type { WorkspaceSpec } from "../../components/workspace";
import { checkSection } from "../schema/check";
import { workspace as workspaceSchema } from "../schema/workspace";

const CREATE_ONLY = ["publicNetworkAccess", "registrySku", "logRetentionDays", "tags", "customerManagedKey"] as const;

export interface WorkspaceContext {
    /** The stack's resource group: default for an existing workspace's resourceGroup. */
    resourceGroup: string;
}

/** Parses and validates the `workspace` section. */
export function parseWorkspace(value: unknown, ctx: WorkspaceContext): WorkspaceSpec {
    const r = new Reader(value, "workspace");
    checkSection(workspaceSchema, value, ["workspace"]); // types, ranges, names, tags (infra/schema)
    const name = r.string("name");
    const create = r.bool("create", false);
    // keys(), not has(): a key that does not apply must not be listed as allowed.
    const given = (k: string) => r.keys().includes(k);
    if (!create) {
        const present = CREATE_ONLY.find(given);
        if (present) r.fail(present, "only applies when create is true; an existing workspace is used as it is");
        const resourceGroup = r.string("resourceGroup", { default: ctx.resourceGroup });
        r.done();
        return { mode: "existing", name, resourceGroup };
    }
    if (given("resourceGroup")) r.fail("resourceGroup", "only applies to an existing workspace (create: false); a created workspace goes to the stack's resourceGroup");
    const publicNetworkAccess = r.oneOf("publicNetworkAccess", ["Enabled", "Disabled"] as const, "Enabled");
    const registrySku = r.oneOf("registrySku", ["Basic", "Standard", "Premium"] as const, publicNetworkAccess === "Disabled" ? "Premium" : "Basic");
    if (publicNetworkAccess === "Disabled" && registrySku !== "Premium") {
        r.fail("registrySku", `expected Premium when publicNetworkAccess is Disabled (private endpoints need it), got "${registrySku}"`);
    }
    const logRetentionDays = r.int("logRetentionDays", { min: 30, max: 730, default: 30 });
    const tags = r.stringMap("tags");
    const customerManagedKey = r.bool("customerManagedKey", false);
    r.done();
    return { mode: "create", name, publicNetworkAccess, registrySku, logRetentionDays, tags, customerManagedKey };
}
