// Terminal and file helpers of the offline preview's command line.
import * as path from "path";

/** A path the user typed: relative to where they ran `npm run` (npm runs scripts from the root). */
export function userPath(p: string): string {
    return path.resolve(process.env.INIT_CWD || process.cwd(), p);
}

/** The GitHub Actions run this preview is part of (its artifact and job summary), from the runner's environment. */
export function ciRunUrl(env: NodeJS.ProcessEnv): string | undefined {
    const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo, GITHUB_RUN_ID: run } = env;
    if (!server || !repo || !run || !/^https:\/\/[\w.-]+$/.test(server) || !/^[\w.-]+\/[\w.-]+$/.test(repo) || !/^\d+$/.test(run)) return undefined;
    return `${server}/${repo}/actions/runs/${run}`;
}

/** The error as one line: its first non-empty line (a user's mistake is one line on stderr). */
export function oneLine(e: unknown): string {
    const msg = e instanceof Error ? e.message : String(e);
    const lines = msg.split("\n").map((l) => l.trim()).filter((l) => l.length > 0);
    // "Running program '...' failed with an unhandled exception:" says nothing without its next line.
    return (lines[0]?.endsWith(":") && lines[1] ? `${lines[0]} ${lines[1]}` : lines[0]) ?? "unknown error";
}
