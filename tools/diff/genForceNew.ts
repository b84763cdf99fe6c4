// Generates azureNativeForceNew.json: the body properties that pulumi-azure-native replaces on,
// for the azure-native resource types this program registers, from the provider's own source.
//
//   npx ts-node tools/diff/genForceNew.ts <path to provider/pkg/gen/replacement.go>
//
// Source: pulumi/pulumi-azure-native provider/pkg/gen/replacement.go (forceNewMap: module ->
// resource -> property names that get ForceNew in the provider metadata), as of v3.28.0 (released
// 2026-09-21, after pulumi/pulumi-azure-native#4771 narrowed ManagedCluster.networkProfile to its
// create-only leaves). provider/pkg/provider/diff.go (calculateDetailedDiff) turns ForceNew into a
// replacement for a top-level property and for a property one object (or array item) deep.
// Path parameters are not listed here: providerReplace.ts reads them from the installed SDK.
import * as fs from "fs";
import * as path from "path";

/** forceNewMap's "Module/Resource" -> the azure-native v3 type token this program uses. */
export const TYPES: Record<string, string> = {
    "ContainerService/ManagedCluster": "azure-native:containerservice:ManagedCluster",
    "ContainerService/AgentPool": "azure-native:containerservice:AgentPool",
    "Resources/ResourceGroup": "azure-native:resources:ResourceGroup",
    "Storage/StorageAccount": "azure-native:storage:StorageAccount",
    "Insights/Component": "azure-native:applicationinsights:Component",
};

/** Parses the forceNewMap literal of replacement.go: { "Module/Resource": [properties] }. */
export function parseForceNewMap(go: string): Record<string, string[]> {
    const start = go.indexOf("var forceNewMap");
    if (start < 0) throw new Error("replacement.go: no forceNewMap");
    const body = go.slice(start, go.indexOf("\n}\n", start));
    const out: Record<string, string[]> = {};
    let module = "";
    for (const line of body.split("\n").map((l) => l.replace(/\/\/.*$/, ""))) {
        const mod = /^\t"(\w+)": \{\s*$/.exec(line);
        if (mod) module = mod[1];
        const res = /^\t\t"(\w+)":\s*codegen\.NewStringSet\(/.exec(line);
        if (res) out[`${module}/${res[1]}`] = [];
        const key = Object.keys(out).pop();
        if (!key || !key.startsWith(`${module}/`)) continue;
        const args = res ? line.slice(line.indexOf("NewStringSet(") + 13) : line;
        for (const m of args.matchAll(/"(\w+)"/g)) out[key].push(m[1]);
    }
    return out;
}

if (require.main === module) {
    const file = process.argv[2];
    if (!file) throw new Error("usage: genForceNew.ts <replacement.go>");
    const map = parseForceNewMap(fs.readFileSync(file, "utf8"));
    const data: Record<string, string[]> = {};
    for (const [key, type] of Object.entries(TYPES)) data[type] = [...new Set(map[key] ?? [])].sort();
    const out = {
        source: "pulumi/pulumi-azure-native provider/pkg/gen/replacement.go forceNewMap",
        version: "3.28.0",
        forceNew: data,
    };
    fs.writeFileSync(path.join(__dirname, "azureNativeForceNew.json"), JSON.stringify(out, null, 2) + "\n");
}
