// AKS Kubernetes minor versions and their end of life, shared by config validation (a new cluster's
// kubernetesVersion) and the `kubernetes-version-supported` policy.
//
// Source: MicrosoftDocs/azure-aks-docs articles/aks/supported-kubernetes-versions.md, "AKS Kubernetes
// release calendar" (read 2026-12-01 at the repository's 2026-08-21 state). "Unless an explicit date is
// provided, the End of Life (EOL) date is the last day of the specified month". After end of life a
// version is in platform support (N-3), whose table says "Cluster creation: Not Supported"; LTS needs
// the Premium tier and is not modelled here.
export const KUBERNETES_VERSIONS_SOURCE = "https://learn.microsoft.com/azure/aks/supported-kubernetes-versions";

/** Minor version -> AKS GA and end of life (YYYY-MM-DD, last day of the month given by the calendar). */
export const AKS_VERSIONS: Readonly<Record<string, { ga: string; endOfLife: string }>> = {
    "1.30": { ga: "2024-07-31", endOfLife: "2025-08-22" },
    "1.31": { ga: "2024-11-30", endOfLife: "2025-11-01" },
    "1.32": { ga: "2025-04-30", endOfLife: "2026-03-31" },
    "1.33": { ga: "2025-06-30", endOfLife: "2026-07-31" },
    "1.34": { ga: "2025-11-30", endOfLife: "2026-11-30" },
    "1.35": { ga: "2026-03-31", endOfLife: "2027-03-31" },
    "1.36": { ga: "2026-06-30", endOfLife: "2027-06-30" },
    "1.37": { ga: "2026-10-31", endOfLife: "2027-10-31" },
};

const minorOf = (version: string) => /^(\d+)\.(\d+)/.exec(version);
const cmp = (a: string, b: string) => {
    const [x, y] = [minorOf(a)!, minorOf(b)!];
    return Number(x[1]) - Number(y[1]) || Number(x[2]) - Number(y[2]);
};

/** GA versions still in support on `today`, oldest first. */
export function supportedVersions(today: string): string[] {
    return Object.entries(AKS_VERSIONS).filter(([, v]) => v.ga <= today && today <= v.endOfLife).map(([k]) => k).sort(cmp);
}

/**
 * Undefined when a new cluster may be created with `version` on `today`, else one sentence naming the
 * end of life and the supported versions. A minor newer than the catalog passes (AKS checks it).
 */
export function kubernetesVersionProblem(version: string, today: string): string | undefined {
    const m = minorOf(version);
    if (!m) return `expected a version such as 1.36 or 1.36.2, got "${version}"`;
    const minor = `${m[1]}.${m[2]}`;
    const known = Object.keys(AKS_VERSIONS).sort(cmp);
    const current = supportedVersions(today);
    const alternatives = `supported on ${today}: ${current.join(", ")} (${KUBERNETES_VERSIONS_SOURCE})`;
    const entry = AKS_VERSIONS[minor];
    if (entry === undefined) {
        return cmp(minor, known[known.length - 1]) > 0 ? undefined : `${minor} is past AKS end of life; ${alternatives}`;
    }
    if (today > entry.endOfLife) return `${minor} reached AKS end of life on ${entry.endOfLife}; new clusters need a supported version: ${alternatives}`;
    if (today < entry.ga) return `${minor} is not generally available on AKS before ${entry.ga}; ${alternatives}`;
    return undefined;
}
