// Command-line arguments of the offline preview. A mistake is a UsageError: one line, exit 2.
import { oneLine } from "./io";

export const FORMATS = ["text", "markdown", "json"] as const;
export type Format = (typeof FORMATS)[number];

export const ENGINES = ["pulumi", "emulated"] as const;
export type EngineName = (typeof ENGINES)[number];

export interface Args {
    stack: string;
    format: Format;
    stackFile?: string;
    policyPack: string;
    policyPackConfig?: string;
    /** Only the policy results (config used, levels, findings, verdict). */
    policiesOnly?: boolean;
    /** Also write the complete text rendering here (the markdown points to it when shortened). */
    fullText?: string;
    /** --base: a git ref whose program the working tree is diffed against. */
    base?: string;
    /** --program: another Pulumi project's folder, previewed with our pack (default: this project). */
    program?: string;
    /** --engine: the real Pulumi CLI or our emulation of it; undefined: the CLI when installed. */
    engine?: EngineName;
    help: boolean;
}

/** Ends a usage mistake's one line (tools/preview/main.ts reportFailure, and tools/preview.ts before it loads). */
export const USAGE_HINT = " (see --help)";

export class UsageError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "UsageError";
    }
}

export const USAGE = `usage: npm run preview -- --stack <name> [options]

Runs the stack's program offline (no cloud account) with preview semantics and the policy pack, and
prints the resources, a summary and the policy results. With the real Pulumi CLI installed
(npm run -s setup:pulumi) it runs pulumi preview --json --policy-pack in a throwaway workspace with
stand-in providers; without it, our emulation of the engine (tools/engine).

options:
  --stack NAME                 the stack: reads Pulumi.NAME.yaml (required)
  --stack-file FILE            read the stack's config from FILE instead of Pulumi.NAME.yaml
  --format text|markdown|json  output format (default text; markdown fits a pull-request comment)
  --policy-pack DIR            the policy pack (default: policy)
  --policy-pack-config FILE    policy pack config (JSON), as for pulumi preview --policy-pack-config
  --policies-only              show only the policy results: config used, levels, findings
  --full-text FILE             also write the complete preview as text to FILE (a shortened
                               markdown comment points to it)
  --base REF                   also run the program of git REF (e.g. origin/main) with the same stack
                               and show what changes: creates, updates, replacements (with their
                               cause), deletions, the rollout order of endpoints
  --engine pulumi|emulated     the real CLI (default when installed) or the emulated engine
  --program DIR                preview another Pulumi TypeScript project (its Pulumi.yaml, its
                               Pulumi.NAME.yaml, its installed node_modules) with this policy pack
  -h, --help                   this text

exit status: 0 clean (advisory findings allowed), 1 mandatory policy violation (or, with --base,
             a protected resource deleted or replaced, a deployment deleted with traffic),
             2 bad usage or bad config, 3 the program or the policy pack failed`;

const VALUED = ["--stack", "--stack-file", "--format", "--policy-pack", "--policy-pack-config", "--full-text", "--base", "--engine", "--program"] as const;

/** An argument as typed, quoted and escaped when it holds spaces or control characters (a newline would end the line). */
const shown = (arg: string) => (/^[\x21-\x7e]+$/.test(arg) ? arg : JSON.stringify(arg));

export function parseArgs(argv: string[]): Args {
    const values: Partial<Record<(typeof VALUED)[number], string>> = {};
    let help = false;
    let policiesOnly = false;
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i];
        if (arg === "-h" || arg === "--help") {
            help = true;
            continue;
        }
        if (arg === "--policies-only") {
            if (policiesOnly) throw new UsageError(`${arg} is given twice`);
            policiesOnly = true;
            continue;
        }
        const eq = arg.indexOf("=");
        const flag = (eq > 0 ? arg.slice(0, eq) : arg) as (typeof VALUED)[number];
        if (!VALUED.includes(flag)) {
            throw new UsageError(arg.startsWith("-") ? `unknown option ${shown(arg)}` : `unexpected argument ${JSON.stringify(arg)}`);
        }
        const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
        if (value === undefined || value === "" || (eq < 0 && value.startsWith("--"))) throw new UsageError(`${flag} needs a value`);
        if (values[flag] !== undefined) throw new UsageError(`${flag} is given twice`);
        values[flag] = value;
    }
    if (help) return { stack: "", format: "text", policyPack: "policy", help };
    const format = values["--format"] ?? "text";
    if (!(FORMATS as readonly string[]).includes(format)) {
        throw new UsageError(`--format: expected one of ${FORMATS.join(", ")}, got ${JSON.stringify(format)}`);
    }
    const engine = values["--engine"];
    if (engine !== undefined && !(ENGINES as readonly string[]).includes(engine)) {
        throw new UsageError(`--engine: expected one of ${ENGINES.join(", ")}, got ${JSON.stringify(engine)}`);
    }
    if (values["--stack"] === undefined) throw new UsageError("--stack is required");
    return {
        stack: values["--stack"],
        format: format as Format,
        stackFile: values["--stack-file"],
        policyPack: values["--policy-pack"] ?? "policy",
        policyPackConfig: values["--policy-pack-config"],
        ...(policiesOnly ? { policiesOnly } : {}),
        ...(values["--full-text"] !== undefined ? { fullText: values["--full-text"] } : {}),
        ...(values["--base"] !== undefined ? { base: values["--base"] } : {}),
        ...(engine !== undefined ? { engine: engine as EngineName } : {}),
        ...(values["--program"] !== undefined ? { program: values["--program"] } : {}),
        help,
    };
}

/**
 * --help and bad usage, answered from the arguments alone: the exit code (0 help, 2 a mistake), or
 * undefined to go on. The preview's process answers these before its modules load (tools/preview.ts).
 */
export function answerUsage(argv: string[], io: { out(text: string): void; err(text: string): void }): number | undefined {
    try {
        if (!parseArgs(argv).help) return undefined;
        io.out(USAGE + "\n");
        return 0;
    } catch (e) {
        if (!(e instanceof UsageError)) throw e;
        io.err(`error: ${oneLine(e)}${USAGE_HINT}\n`);
        return 2;
    }
}
