// The resource plugins a program needs, and stand-ins for those we have none of. The nodejs language
// host finds them in package.json files under node_modules whose "pulumi" section says
// resource: true (pulumi/pulumi v3.248.0 sdk/nodejs/cmd/pulumi-language-nodejs/main.go
// getPackagesFromDir; our stand-in host does the same, tools/pulumi-cli/languagehost). The engine
// then looks for `pulumi-resource-<name>` on PATH. A package with no stand-in of its own
// (install.ts STANDINS) gets the generic one (tools/standins/generic.ts: it echoes inputs as outputs
// and fails every invoke), so that the program runs and the pack sees its resources' inputs; the
// preview says which packages it stood in for.
import * as fs from "fs";
import * as path from "path";
import { shim, STANDINS } from "./install";

export interface Plugin {
    name: string;
    version: string;
}

/** The resource plugins declared under `root`/node_modules (scoped packages included), sorted by name. */
export function requiredPlugins(root: string): Plugin[] {
    const modules = path.join(root, "node_modules");
    if (!fs.existsSync(modules)) return [];
    const dirs = fs.readdirSync(modules).flatMap((d) => (d.startsWith("@") ? fs.readdirSync(path.join(modules, d)).map((x) => path.join(d, x)) : [d]));
    const out = new Map<string, Plugin>();
    for (const d of dirs) {
        let pkg: any;
        try {
            pkg = JSON.parse(fs.readFileSync(path.join(modules, d, "package.json"), "utf8"));
        } catch {
            continue;
        }
        if (!pkg?.pulumi?.resource) continue;
        const name: string | undefined = pkg.pulumi.name ?? (typeof pkg.name === "string" && pkg.name.startsWith("@pulumi/") ? pkg.name.slice(8) : undefined);
        const version: string | undefined = pkg.pulumi.version ?? pkg.version;
        if (name && version) out.set(name, { name, version: version.replace(/^v/, "") });
    }
    return [...out.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** The plugins no stand-in of ours serves: the generic echo stand-in serves them (under both engines). */
export function withoutStandIn(plugins: Plugin[]): Plugin[] {
    return plugins.filter((p) => !(STANDINS as readonly string[]).includes(p.name));
}

/** Writes generic stand-in shims into `dir` for the plugins that have no stand-in; returns those plugins. */
export function writeGenericShims(plugins: Plugin[], dir: string): Plugin[] {
    const generic = withoutStandIn(plugins);
    if (generic.length === 0) return [];
    fs.mkdirSync(dir, { recursive: true });
    for (const p of generic) fs.writeFileSync(path.join(dir, `pulumi-resource-${p.name}`), shim(`generic:${p.name}@${p.version}`), { mode: 0o755 });
    return generic;
}
