// The `workspace` section's shape. Which keys apply to an existing or a created workspace, and the
// registry SKU a private workspace needs, stay in infra/sections/workspace.ts.
import { WORKSPACE_NAME_PATTERN, WORKSPACE_NAME_RULE } from "../../components/workspaceNames";
import { bool, int, object, oneOf, RG_NAME, str, TAGS } from "./shapes";

export const workspace = object({
    name: str({ pattern: WORKSPACE_NAME_PATTERN, rule: WORKSPACE_NAME_RULE }).describe("Azure ML workspace name."),
    create: bool().default(false).describe("true: create the workspace with a storage account, key vault, Application Insights and container registry (unique names); false: use an existing one."),
    resourceGroup: str(RG_NAME).optional().describe("Resource group of an existing workspace (create: false). Default: the stack's resourceGroup.name."),
    publicNetworkAccess: oneOf(["Enabled", "Disabled"]).default("Enabled").describe("Created workspace only: Disabled needs private endpoints and a Premium registry."),
    registrySku: oneOf(["Basic", "Standard", "Premium"]).optional().describe("Created workspace only: container registry SKU. Default: Basic, Premium when publicNetworkAccess is Disabled."),
    logRetentionDays: int(30, 730).default(30).describe("Created workspace only: log retention of its Log Analytics workspace."),
    tags: TAGS().optional().describe("Created workspace only: tags on the workspace and its stores."),
    // Branch i12 (customer-managed keys): declared here so the merge only adds the reading.
    customerManagedKey: bool().default(false).describe("Created workspace only: true encrypts workspace data with a key the program creates, read through a user-assigned identity."),
}).describe("The Azure ML workspace: an existing one, or one this stack creates with its stores.");
