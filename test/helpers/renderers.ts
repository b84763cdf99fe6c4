// The real renderers a PR comment meets, loaded in-process for tests: Mermaid's own flowchart
// parser (with its edge limit) and a GFM markdown lexer (marked). Both are ES modules: loaded with a
// real dynamic import, which ts-node's CommonJS output would otherwise turn into require().
// Mermaid sanitizes labels with DOMPurify, which needs a DOM: happy-dom's window, set as a global
// only while mermaid loads (DOMPurify keeps the window it was created with). Loaded once per process
// and shared by the specs; the window holds no timers, so it does not keep the process alive.
const load = new Function("specifier", "return import(specifier)") as (s: string) => Promise<any>;

export interface Renderers {
    /** Parses a flowchart as GitHub's Mermaid would; rejects on a syntax error or "Edge limit exceeded". */
    mermaidEdges(source: string): Promise<number>;
    mermaidNodes(source: string): Promise<string[]>;
    /** GFM: markdown to HTML, and to block tokens. */
    html(markdown: string): string;
    lex(markdown: string): { type: string; raw: string; text?: string; lang?: string; depth?: number }[];
}

let loaded: Promise<Renderers> | undefined;

/** The renderers, loaded on first use (mermaid takes a few seconds to load). */
export function loadRenderers(): Promise<Renderers> {
    return (loaded ??= load$());
}

async function load$(): Promise<Renderers> {
    const { Window } = await import("happy-dom"); // here, not at the top: a second of loading, kept out of the spec files' load
    const window = new Window();
    const g = globalThis as Record<string, unknown>;
    g.window = window;
    g.document = window.document;
    let mermaid: any;
    try {
        mermaid = (await load("mermaid")).default;
    } finally {
        delete g.window;
        delete g.document;
    }
    const { marked } = await load("marked");
    const diagram = async (source: string) => {
        await mermaid.parse(source); // registers the diagram types, and throws what a viewer would show
        return (await mermaid.mermaidAPI.getDiagramFromText(source)).db;
    };
    return {
        mermaidEdges: async (source) => (await diagram(source)).getEdges().length,
        mermaidNodes: async (source) => [...(await diagram(source)).getVertices().values()].map((v: any) => v.text),
        html: (markdown) => marked.parse(markdown, { async: false, gfm: true }) as string,
        lex: (markdown) => marked.lexer(markdown, { gfm: true }),
    };
}
