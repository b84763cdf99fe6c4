// The generic stand-in: an echo provider for any package the program might use beside azure-native
// and random, so that the real CLI can run it offline.
// - GetPluginInfo: the version given (`generic:<package>@<version>`), else the installed
//   @pulumi/<package>'s, else 0.0.0.
// - Check: the inputs. Diff: old inputs against new inputs (wire.ts diffValues), never a replacement.
// - Create: the inputs, with the ID "<URN name>-<8 hex of the URN>" (nothing in a preview).
// - Read: the state. Update: the new inputs. Delete: succeeds.
// - Invoke: fails, naming the function and the provider.
// Limits: no defaults, no validation, no read-only outputs, no replacements (a real provider replaces
// on some changes: for kubernetes, metadata.name and metadata.namespace, which providerReplace.ts knows).
import * as fs from "fs";
import * as path from "path";
import { CheckRequest, DiffRequest, DiffResult, Provider, ResourceRequest } from "./server";
import { diffValues, hex, Props, topKey } from "./wire";

/** The version of the installed @pulumi/<pkg>, if there is one. */
function installedVersion(pkg: string): string | undefined {
    try {
        const file = require.resolve(`@pulumi/${pkg}/package.json`);
        const json = JSON.parse(fs.readFileSync(path.resolve(file), "utf8"));
        return json.pulumi?.version ?? json.version;
    } catch {
        return undefined;
    }
}

export class Generic implements Provider {
    readonly version: string;

    constructor(readonly name: string, version?: string) {
        this.version = version ?? installedVersion(name) ?? "0.0.0";
    }

    configure(): void {
        // Any configuration is accepted and ignored.
    }

    check(req: CheckRequest): { inputs: Props } {
        return { inputs: req.news };
    }

    diff(req: DiffRequest): DiffResult {
        const changes = diffValues(req.oldInputs ?? req.olds, req.news);
        if (changes.length === 0) return { changes: "none", replaces: [], diffs: [], detailedDiff: {}, deleteBeforeReplace: false };
        return {
            changes: "some",
            replaces: [],
            diffs: [...new Set(changes.map((c) => topKey(c.path)))],
            detailedDiff: Object.fromEntries(changes.map((c) => [c.path, c.kind.toUpperCase() as DiffResult["detailedDiff"][string]])),
            deleteBeforeReplace: false,
        };
    }

    create(req: ResourceRequest): { id: string; properties: Props } {
        return { id: req.preview ? "" : `${req.name}-${hex(req.urn, 8)}`, properties: req.properties };
    }

    read(req: ResourceRequest): { id: string; properties: Props; inputs: Props } {
        return { id: req.id, properties: req.properties, inputs: req.oldInputs ?? req.properties };
    }

    update(req: ResourceRequest): { properties: Props } {
        return { properties: req.properties };
    }

    delete(): void {
        // Nothing to delete.
    }

    invoke(tok: string): Props {
        throw new Error(`generic stand-in for "${this.name}": function ${tok} is not implemented (an echo provider answers no functions)`);
    }
}
