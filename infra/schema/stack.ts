// The stack config's shape, section by section: the project's keys (without the `aks-ml-serving:`
// namespace) and the provider's location. infra/config.ts validates a stack against it
// (infra/schema/check.ts); tools/schema.ts turns it into schema/stack-config.schema.json and the
// README's "Config reference".
import { attachment } from "./attachment";
import { cluster } from "./cluster";
import { endpoints } from "./endpoints";
import { bool, LOCATION, object, RG_NAME, str } from "./shapes";
import { workspace } from "./workspace";

export const resourceGroup = object({
    name: str(RG_NAME).describe("Resource group of the cluster and a created workspace."),
    create: bool().default(true).describe("Create the resource group (false: it exists)."),
}).describe("Resource group of the cluster and workspace: { name, create }.");

export const protect = bool().default(false).describe("Protect stateful resources (resource group, cluster, workspace and its stores) from deletion.");

/** PEM text; in a stack file only as a `secure:` value (tools/schema.ts), at run time a secret. */
const pem = str();

/** The project's keys, each with its shape. */
export const projectConfig = object({
    resourceGroup,
    protect,
    cluster,
    workspace,
    attachment,
    endpoints: endpoints.optional(),
    sslCertPem: pem.optional().describe("TLS certificate (PEM) of the inference router: a secret (pulumi config set --secret sslCertPem < cert.pem), or AKSML_SSL_CERT_PEM in the environment."),
    sslKeyPem: pem.optional().describe("TLS key (PEM) of the inference router: a secret (pulumi config set --secret sslKeyPem < key.pem), or AKSML_SSL_KEY_PEM in the environment."),
});

export const location = str(LOCATION).describe("Azure region of everything created, e.g. westeurope.");

