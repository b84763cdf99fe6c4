// Terminal and file helpers of the offline preview's command line.
import * as path from "path";

/** Progress on stderr, only for a person watching a terminal. */
export function progress(msg: string): void {
    if (process.stderr.isTTY) process.stderr.write(`\r\x1b[K${msg}…`);
}

/** A path the user typed: relative to where they ran `npm run` (npm runs scripts from the root). */
export function userPath(p: string): string {
    return path.resolve(process.env.INIT_CWD || process.cwd(), p);
}

/**
 * Holds back what the program (or the SDK on its behalf: pulumi.log) writes to stderr while it runs:
 * on success it is shown after the run, on failure the one-line error replaces it.
 */
export function captureStderr(): { stop: () => void; text: () => string } {
    const original = process.stderr.write;
    let text = "";
    process.stderr.write = ((chunk: string | Uint8Array, ...rest: any[]) => {
        text += typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
        const cb = rest.find((r) => typeof r === "function");
        if (cb) cb();
        return true;
    }) as typeof process.stderr.write;
    return { stop: () => void (process.stderr.write = original), text: () => text };
}

/** The GitHub Actions run this preview is part of (its artifact and job summary), from the runner's environment. */
export function ciRunUrl(env: NodeJS.ProcessEnv): string | undefined {
    const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo, GITHUB_RUN_ID: run } = env;
    if (!server || !repo || !run || !/^https:\/\/[\w.-]+$/.test(server) || !/^[\w.-]+\/[\w.-]+$/.test(repo) || !/^\d+$/.test(run)) return undefined;
    return `${server}/${repo}/actions/runs/${run}`;
}
