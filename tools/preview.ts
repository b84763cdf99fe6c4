// The offline preview: `npm run preview -- --stack dev`. Runs the stack's program by the engine's
// path (tools/engine: Pulumi.yaml and the stack's config by the CLI's rules, `@pulumi/pulumi/cmd/run`
// launched as the nodejs language host launches it, against a gRPC resource monitor with preview
// semantics), then the policy pack as the engine does, and prints the resource tree, a summary and
// the policy results (text, markdown or json). The work is tools/preview/main.ts; exit codes there.
import { preview, PreviewIo, reportFailure } from "./preview/main";

const io: PreviewIo = {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    tty: !!process.stderr.isTTY,
    env: process.env,
};

function finish(code: number): void {
    // Exit once stdout is flushed: nothing (the pack process, gRPC) may keep the process alive.
    process.stdout.write("", () => process.exit(code));
}

// An unhandled error here is a defect of this tool: one line, exit 3, rather than a hang.
const fail = (e: unknown) => finish(reportFailure(e, io));
process.on("unhandledRejection", fail);
process.on("uncaughtException", fail);

preview(process.argv.slice(2), io).then(finish, fail);
