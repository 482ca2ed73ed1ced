// Package deploy holds the deployment files of the stancetag server: the
// Kubernetes manifests in kubernetes/ (applied with `kubectl apply -k`), next
// to the Dockerfile at the repository root; Prometheus alerting rules in
// prometheus/ with their promtool unit tests (make rules-test); and a Grafana
// dashboard in grafana/.
//
// It has no code. Its tests check that the manifests agree with each other,
// with the Dockerfile and with the server they deploy (ports, flags, health
// service name, labels); that each manifest decodes strictly into its
// k8s.io/api type (a misspelled field fails); and that the rules and the
// dashboard read only metrics the server exports.
package deploy
