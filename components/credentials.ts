// Credentials that a `list*` action returns (the cluster's kubeconfigs, an endpoint's keys) are read
// only in `pulumi up`. Such an action is a POST (.../listClusterUserCredential/action, .../listKeys/
// action) that Reader may not call, and pull-request previews run as a Reader-only identity (README
// "Identities for CI"); a preview needs no credential anyway. In a preview the value is unknown, as
// a new resource's outputs are. (An invoke with known arguments runs even during a preview:
// @pulumi/pulumi runtime/invoke.ts only skips invokes whose arguments are unknown.)
import * as pulumi from "@pulumi/pulumi";

export function readCredential<T>(read: () => pulumi.Output<T>): pulumi.Output<T> {
    return pulumi.runtime.isDryRun() ? (pulumi.output(pulumi.unknown) as unknown as pulumi.Output<T>) : read();
}
