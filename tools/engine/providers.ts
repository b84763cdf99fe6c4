// The providers of the emulated engine: the same stand-ins the real CLI runs (tools/standins), called
// in process, so that both engines give the program, and the pack, the same values. What the real
// engine does with a provider, read in pulumi/pulumi v3.248.0 pkg/resource/deploy/step_generator.go
// and step.go: it configures each package's provider from the stack config of that package's
// namespace (with old inputs sent: azure-native requires it), sends every custom resource's inputs
// to Check and keeps the checked inputs (they are what the state records and what Analyze receives),
// then calls Create (with preview set in a dry run: supportsPreview) and answers the program with its
// outputs; a read calls Read; an invoke calls Invoke.
// Not reproduced: Diff and Update (the emulated engine only creates: a preview of a new stack, or an
// update of one), the random seed and autonaming config the engine sends Check (neither is set by
// this project's stacks), provider resources' own Check/Configure of explicit providers.
import { providerFor } from "../standins/main";
import type { Provider } from "../standins/server";
import type { Props } from "../standins/wire";
import type { ConfigMap } from "./config";

export interface Providers {
    /** The provider of a resource type ("azure-native:storage:Blob" -> azure-native's), configured. */
    of(type: string): Provider;
    /** A package's provider config as a default provider's inputs ({ location: "westeurope" }). */
    config(pkg: string): Record<string, string>;
}

/** The stand-in of each package the program uses, configured from the config's `<package>:` keys. */
export function standInProviders(config: ConfigMap): Providers {
    const made = new Map<string, Provider>();
    const configOf = (pkg: string) => {
        const out: Record<string, string> = {};
        for (const [key, v] of config) if (key.startsWith(`${pkg}:`)) out[key.slice(pkg.length + 1)] = v.text;
        return out;
    };
    return {
        config: configOf,
        of(type: string): Provider {
            const pkg = type.split(":")[0];
            let p = made.get(pkg);
            if (!p) {
                p = providerFor(pkg) ?? providerFor(`generic:${pkg}`)!;
                const variables: Record<string, string> = {};
                for (const [k, v] of Object.entries(configOf(pkg))) variables[`${pkg}:config:${k}`] = v;
                p.configure({ variables, args: {}, sendsOldInputs: true, sendsOldInputsToDelete: true });
                made.set(pkg, p);
            }
            return p;
        },
    };
}

export type { Props };
