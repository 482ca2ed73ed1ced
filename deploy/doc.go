// Package deploy holds the deployment files of the stancetag server: the
// Kubernetes manifests in kubernetes/ (applied with `kubectl apply -k`), next
// to the Dockerfile at the repository root. It has no code; its tests check
// that the manifests agree with each other, with the Dockerfile and with the
// server they deploy (ports, flags, health service name, labels).
package deploy
