// Package validate holds the checks of the deployment recipes in deploy/
// and of the repository's Dockerfile: the Kubernetes manifests decoded
// strictly with Kubernetes' own types after a kustomize build, the script
// each shard pod runs, the seccomp profile, the GitHub Actions workflow
// (actionlint) and the image's key properties. It is a module of its own,
// so that the main module does not depend on Kubernetes' libraries.
//
// Run it with "make deploy-check", or "go test ./..." in this directory.
package validate
