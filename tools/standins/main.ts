// Starts a stand-in resource provider, as the Pulumi CLI starts a `pulumi-resource-<name>` plugin:
//
//   node -r <repo>/tools/register.js <repo>/tools/standins/main.ts <provider> [engine address] [flags]
//
// <provider> is one of
//   azure-native                      azureNative.ts (GetPluginInfo: the installed SDK's version)
//   random                            random.ts      (likewise)
//   generic[:<package>[@<version>]]   generic.ts, an echo provider named <package> (default "generic"),
//                                     reporting <version> (default: the installed @pulumi/<package>'s,
//                                     else 0.0.0), e.g. `generic:kubernetes@4.18.3`
// The engine passes its own address and flags (--logtostderr, -v=...) after it: they are ignored (the
// stand-ins log nothing to the engine). The port is printed as the first line of stdout, then the
// provider serves until it is killed. An unknown <provider> is a one-line error and exit status 2.
import { AzureNative } from "./azureNative";
import { Generic } from "./generic";
import { Random } from "./random";
import { Provider, serve } from "./server";

export const USAGE = "usage: main.ts <azure-native | random | generic[:<package>[@<version>]]> [engine address] [flags]";

/** The provider a name stands for; undefined for an unknown name. */
export function providerFor(name: string | undefined): Provider | undefined {
    if (name === "azure-native") return new AzureNative();
    if (name === "random") return new Random();
    const m = /^generic(?::([A-Za-z0-9][\w.-]*)(?:@(v?\d[\w.+-]*))?)?$/.exec(name ?? "");
    if (m) return new Generic(m[1] ?? "generic", m[2]?.replace(/^v/, ""));
    return undefined;
}

if (require.main === module) {
    const name = process.argv[2];
    const provider = providerFor(name);
    if (!provider) {
        process.stderr.write(`stand-in provider: unknown provider ${JSON.stringify(name ?? "")} (${USAGE})\n`);
        process.exit(2);
    }
    serve(provider).then(
        ({ port }) => process.stdout.write(`${port}\n`),
        (e) => {
            process.stderr.write(`stand-in provider ${provider.name}: ${e instanceof Error ? e.message : String(e)}\n`);
            process.exit(1);
        },
    );
}
