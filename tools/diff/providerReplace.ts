// Which input changes the provider answers with a replacement (its Diff's replaceKeys), per type.
//
// azure-native (pulumi/pulumi-azure-native provider/pkg/provider/diff.go, calculateDetailedDiff):
// every parameter of the resource's ARM path replaces (resourceGroupName, workspaceName,
// deploymentName...), and so does a body property marked ForceNew in the provider metadata, at the
// top level or one object / array item deep ("networkProfile.serviceCidr"). The path parameters
// are read from the installed SDK (node_modules/@pulumi/azure-native, pinned 3.28.0): a resource's
// get<Resource> function invokes the provider with exactly the parameters of the resource's ARM
// path (a GET on the path the PUT uses). The ForceNew body properties come from the provider's
// forceNewMap, committed as azureNativeForceNew.json by genForceNew.ts.
// Not covered: ForceNew from x-ms-mutability in the REST specs (create-only properties the specs
// mark, e.g. `location` of many tracked resources): such a change shows as an update here.
//
// random (pulumi-random, bridged from terraform-provider-random: every argument of
// random_string / random_password is RequiresReplace) and kubernetes (pulumi-kubernetes
// provider/pkg/provider/provider.go Diff: a change of metadata.name or metadata.namespace replaces)
// complete the set this program registers.
import * as fs from "fs";
import * as path from "path";
import forceNewData from "./azureNativeForceNew.json";

const FORCE_NEW: Record<string, string[]> = forceNewData.forceNew;
const pathParams = new Map<string, string[]>();

/** Query parameters some getters take beside the path (`getStorageAccount({ expand })`). */
const QUERY_PARAMS = new Set(["expand", "filter", "select", "top", "skipToken", "apiVersion"]);

/**
 * "azure-native:machinelearningservices:OnlineDeployment" -> the getter's invoke arguments, query
 * parameters left out; undefined when the type has no getter (custom resources such as storage:Blob).
 */
export function azureNativePathParams(type: string, sdkDir = path.dirname(require.resolve("@pulumi/azure-native/package.json"))): string[] | undefined {
    const key = `${sdkDir}|${type}`;
    const cached = pathParams.get(key);
    if (cached) return cached;
    const [, mod, name] = type.split(":");
    const file = path.join(sdkDir, mod ?? "", `get${name}.js`);
    if (!fs.existsSync(file)) return undefined;
    const src = fs.readFileSync(file, "utf8");
    const call = new RegExp(`invoke\\("${type.replace(/:([^:]*)$/, ":get$1")}", \\{([^}]*)\\}`).exec(src);
    if (!call) return undefined;
    const params = [...call[1].matchAll(/"(\w+)":/g)].map((m) => m[1]).filter((p) => !QUERY_PARAMS.has(p));
    pathParams.set(key, params);
    return params;
}

/** Changed path "agentPoolProfiles[0].vmSize" -> segments ["agentPoolProfiles", "vmSize"] (array indices dropped). */
export function segments(p: string): string[] {
    return p.replace(/\[[^\]]*\]/g, "").split(".").filter(Boolean);
}

/** The changed paths of `type` the provider replaces on (a subset of `changed`). */
export function providerReplaces(type: string, changed: string[]): string[] {
    if (type.startsWith("azure-native:")) {
        const params = azureNativePathParams(type);
        // No getter (a custom resource such as storage:Blob): its *Name inputs name its ARM path.
        const top = (k: string) => (params ? params.includes(k) : /Name$/.test(k));
        const force = new Set(FORCE_NEW[type] ?? []);
        return changed.filter((p) => {
            const s = segments(p);
            return top(s[0]) || force.has(s[0]) || (s.length > 1 && force.has(s[1]));
        });
    }
    if (type.startsWith("random:")) return changed;
    if (type.startsWith("kubernetes:") && !type.startsWith("kubernetes:helm")) {
        return changed.filter((p) => /^metadata\.(name|namespace)$/.test(p));
    }
    return [];
}

/**
 * Whether the provider's Diff asks to delete before replacing (the engine follows it unless the
 * program set `deleteBeforeReplace`: step_generator.go). azure-native (provider.go Diff): yes for
 * every replacement, unless the provider named the resource itself with a random suffix (its
 * `__createBeforeDelete` flag), i.e. unless a path parameter was left out of the inputs.
 * kubernetes (provider.go Diff): yes when the program names the object (metadata.name).
 * random (bridged): no.
 */
export function providerDeleteBeforeReplace(type: string, inputs: Record<string, any>): boolean {
    if (type.startsWith("azure-native:")) {
        const params = azureNativePathParams(type) ?? Object.keys(inputs).filter((k) => /Name$/.test(k));
        return params.every((p) => inputs[p] !== undefined);
    }
    if (type.startsWith("kubernetes:")) return inputs.metadata?.name !== undefined;
    return false;
}
