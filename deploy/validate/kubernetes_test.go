package validate

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	"k8s.io/apimachinery/pkg/runtime"
	kjson "k8s.io/apimachinery/pkg/runtime/serializer/json"
	"sigs.k8s.io/kustomize/api/krusty"
	"sigs.k8s.io/kustomize/kyaml/filesys"
	"sigs.k8s.io/yaml"
)

// decoder decodes YAML into Kubernetes' own types of the kinds the recipes
// use, strictly: a field the type lacks (a typo, a field at the wrong
// level), a field given twice or a value of the wrong type is an error.
func decoder(t *testing.T) runtime.Decoder {
	t.Helper()
	scheme := runtime.NewScheme()
	for _, add := range []func(*runtime.Scheme) error{corev1.AddToScheme, batchv1.AddToScheme} {
		if err := add(scheme); err != nil {
			t.Fatal(err)
		}
	}
	return kjson.NewSerializerWithOptions(kjson.DefaultMetaFactory, scheme, scheme,
		kjson.SerializerOptions{Yaml: true, Strict: true})
}

// manifests are the objects of deploy/kubernetes, as kustomize builds them.
type manifests struct {
	ConfigMap *corev1.ConfigMap
	PVC       *corev1.PersistentVolumeClaim
	Job       *batchv1.Job
	CronJob   *batchv1.CronJob
}

func decode(t *testing.T, dec runtime.Decoder, name string, data []byte) runtime.Object {
	t.Helper()
	obj, gvk, err := dec.Decode(data, nil, nil)
	if err != nil { // strict errors come with an object: they fail all the same
		t.Fatalf("%s: %v", name, err)
	}
	if gvk.Group != "" && gvk.Group != "batch" || gvk.Version != "v1" {
		t.Errorf("%s: %s, want a stable v1 API", name, gvk)
	}
	return obj
}

// build runs kustomize on deploy/kubernetes, as "kubectl apply -k" would,
// and decodes every resource.
func build(t *testing.T) manifests {
	t.Helper()
	k := krusty.MakeKustomizer(krusty.MakeDefaultOptions())
	rm, err := k.Run(filesys.MakeFsOnDisk(), kubernetesDir)
	if err != nil {
		t.Fatalf("kustomize build %s: %v", kubernetesDir, err)
	}
	dec := decoder(t)
	var m manifests
	for _, r := range rm.Resources() {
		y, err := r.AsYAML()
		if err != nil {
			t.Fatal(err)
		}
		name := r.GetKind() + "/" + r.GetName()
		switch o := decode(t, dec, name, y).(type) {
		case *corev1.ConfigMap:
			m.ConfigMap = o
		case *corev1.PersistentVolumeClaim:
			m.PVC = o
		case *batchv1.Job:
			m.Job = o
		case *batchv1.CronJob:
			m.CronJob = o
		default:
			t.Errorf("%s: unexpected kind %T", name, o)
		}
	}
	if m.ConfigMap == nil || m.PVC == nil || m.Job == nil || m.CronJob == nil {
		t.Fatalf("kustomize build: want a ConfigMap, a PVC, a Job and a CronJob, got %+v", m)
	}
	return m
}

// TestManifestFiles decodes each file on its own, as "kubectl apply -f"
// reads it, and checks that the kustomization lists every one.
func TestManifestFiles(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(kubernetesDir, "*.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var kust struct {
		Resources []string `json:"resources"`
	}
	if err := yaml.Unmarshal(readFile(t, filepath.Join(kubernetesDir, "kustomization.yaml")), &kust); err != nil {
		t.Fatal(err)
	}
	dec := decoder(t)
	for _, f := range files {
		base := filepath.Base(f)
		if base == "kustomization.yaml" {
			continue
		}
		if !slices.Contains(kust.Resources, base) {
			t.Errorf("kustomization.yaml does not list %s", base)
		}
		decode(t, dec, base, readFile(t, f))
	}
}

func TestManifests(t *testing.T) {
	img := checkDockerfile(t)
	m := build(t)

	// The sites: a cookieaudit.yaml with a sites list.
	var cfg struct {
		Sites []struct {
			URL string `json:"url"`
		} `json:"sites"`
	}
	if err := yaml.Unmarshal([]byte(m.ConfigMap.Data["cookieaudit.yaml"]), &cfg); err != nil {
		t.Errorf("ConfigMap %s: cookieaudit.yaml: %v", m.ConfigMap.Name, err)
	}
	if len(cfg.Sites) == 0 || slices.ContainsFunc(cfg.Sites, func(s struct {
		URL string `json:"url"`
	}) bool {
		return !strings.HasPrefix(s.URL, "https://") && !strings.HasPrefix(s.URL, "http://")
	}) {
		t.Errorf("ConfigMap %s: cookieaudit.yaml: want sites, each with an http(s) url; got %+v", m.ConfigMap.Name, cfg.Sites)
	}
	if m.ConfigMap.Data["shard.sh"] == "" {
		t.Errorf("ConfigMap %s has no shard.sh", m.ConfigMap.Name)
	}

	// The reports volume: shared by pods on any node.
	if !slices.Contains(m.PVC.Spec.AccessModes, corev1.ReadWriteMany) {
		t.Errorf("PVC %s: access modes %v, want ReadWriteMany: the shards write at once, from any node", m.PVC.Name, m.PVC.Spec.AccessModes)
	}

	checkShardJob(t, "Job/"+m.Job.Name, m.Job.Spec, m, img)
	checkShardJob(t, "CronJob/"+m.CronJob.Name, m.CronJob.Spec.JobTemplate.Spec, m, img)

	// The nightly run keeps history on the shared volume.
	cron := m.CronJob.Spec.JobTemplate.Spec.Template.Spec.Containers[0]
	if i := slices.Index(cron.Args, "--history"); i < 0 || i+1 >= len(cron.Args) || !strings.HasPrefix(cron.Args[i+1], "/reports/") {
		t.Errorf("CronJob/%s: args %q, want --history in /reports", m.CronJob.Name, cron.Args)
	}
	if m.CronJob.Spec.ConcurrencyPolicy != batchv1.ForbidConcurrent {
		t.Errorf("CronJob/%s: concurrencyPolicy %q, want Forbid: two runs would share the history", m.CronJob.Name, m.CronJob.Spec.ConcurrencyPolicy)
	}
	// The nightly run is the Job, with history.
	job, nightly := m.Job.Spec.DeepCopy(), m.CronJob.Spec.JobTemplate.Spec.DeepCopy()
	job.TTLSecondsAfterFinished = nil
	nightly.Template.Spec.Containers[0].Args = nil
	if !reflect.DeepEqual(job, nightly) {
		t.Errorf("Job/%s and CronJob/%s differ in more than --history and the TTL: keep them the same", m.Job.Name, m.CronJob.Name)
	}
}

// checkShardJob checks the invariants of an Indexed Job of shards.
func checkShardJob(t *testing.T, name string, spec batchv1.JobSpec, m manifests, img image) {
	t.Helper()
	errorf := func(format string, args ...any) {
		t.Helper()
		t.Errorf("%s: %s", name, fmt.Sprintf(format, args...))
	}
	pod := spec.Template.Spec
	if len(pod.Containers) != 1 || len(pod.InitContainers) != 0 {
		t.Fatalf("%s: want one container, got %d (+%d init)", name, len(pod.Containers), len(pod.InitContainers))
	}
	c := pod.Containers[0]
	env := map[string]corev1.EnvVar{}
	for _, e := range c.Env {
		env[e.Name] = e
	}

	// N shards: Indexed, N completions, N at once, and N in the command.
	if spec.CompletionMode == nil || *spec.CompletionMode != batchv1.IndexedCompletion {
		errorf("completionMode %v, want Indexed: JOB_COMPLETION_INDEX picks the shard", spec.CompletionMode)
	}
	if spec.Completions == nil || spec.Parallelism == nil {
		errorf("completions and parallelism must both be set, to the same N")
	} else if *spec.Completions != *spec.Parallelism {
		errorf("completions %d and parallelism %d must be the same N", *spec.Completions, *spec.Parallelism)
	} else if got := env["SHARDS"].Value; got != fmt.Sprint(*spec.Completions) {
		errorf("SHARDS=%q, want the completions, %d: --shard I/N takes N from it", got, *spec.Completions)
	}
	if !slices.Equal(c.Command, []string{"/bin/sh", "/config/shard.sh"}) {
		errorf("command %q, want the ConfigMap's shard.sh", c.Command)
	}
	if e := env["RUN"]; e.ValueFrom == nil || e.ValueFrom.FieldRef == nil ||
		e.ValueFrom.FieldRef.FieldPath != "metadata.labels['batch.kubernetes.io/job-name']" {
		errorf("RUN must come from the pod's job-name label (one directory per run): %+v", e)
	}
	if e := env["JOB_UID"]; e.ValueFrom == nil || e.ValueFrom.FieldRef == nil ||
		e.ValueFrom.FieldRef.FieldPath != "metadata.labels['batch.kubernetes.io/controller-uid']" {
		errorf("JOB_UID must come from the pod's controller-uid label (a Job created again gets a new directory): %+v", e)
	}

	// Exit codes: results fail the index without a retry; crashes retry.
	if pod.RestartPolicy != corev1.RestartPolicyNever {
		errorf("restartPolicy %q, want Never (podFailurePolicy needs it)", pod.RestartPolicy)
	}
	if spec.BackoffLimitPerIndex == nil {
		errorf("no backoffLimitPerIndex: FailIndex needs it")
	}
	if spec.PodFailurePolicy == nil {
		errorf("no podFailurePolicy: findings (exit 1) would be retried")
	} else {
		var failed []int32
		for _, r := range spec.PodFailurePolicy.Rules {
			if r.OnExitCodes == nil {
				continue
			}
			if r.OnExitCodes.ContainerName == nil || *r.OnExitCodes.ContainerName != c.Name {
				errorf("podFailurePolicy names container %v, want %q", r.OnExitCodes.ContainerName, c.Name)
			}
			if slices.Contains(r.OnExitCodes.Values, 0) {
				errorf("podFailurePolicy lists exit code 0")
			}
			if r.Action == batchv1.PodFailurePolicyActionFailIndex && r.OnExitCodes.Operator == batchv1.PodFailurePolicyOnExitCodesOpIn {
				failed = append(failed, r.OnExitCodes.Values...)
			}
		}
		slices.Sort(failed)
		if !slices.Equal(failed, []int32{1, 2, 3}) {
			errorf("podFailurePolicy fails the index on exit codes %v, want 1, 2 and 3", failed)
		}
	}

	// The image and its user.
	if c.Image != "registry.example.org/cookieaudit:latest" {
		errorf("image %q, want the kustomization's image", c.Image)
	}
	sc := pod.SecurityContext
	if sc == nil || sc.RunAsNonRoot == nil || !*sc.RunAsNonRoot || sc.RunAsUser == nil || *sc.RunAsUser != int64(img.UID) ||
		sc.RunAsGroup == nil || *sc.RunAsGroup != int64(img.GID) || sc.FSGroup == nil || *sc.FSGroup != int64(img.GID) {
		errorf("pod securityContext %+v, want runAsNonRoot and the image's user %d:%d (fsGroup too)", sc, img.UID, img.GID)
	}
	if sc == nil || sc.SeccompProfile == nil || sc.SeccompProfile.Type != corev1.SeccompProfileTypeLocalhost ||
		sc.SeccompProfile.LocalhostProfile == nil || filepath.Base(*sc.SeccompProfile.LocalhostProfile) != filepath.Base(seccompFile) {
		errorf("seccompProfile, want Localhost %s: RuntimeDefault refuses the user namespaces of Chromium's sandbox", filepath.Base(seccompFile))
	}
	csc := c.SecurityContext
	if csc == nil || csc.AllowPrivilegeEscalation == nil || *csc.AllowPrivilegeEscalation ||
		csc.ReadOnlyRootFilesystem == nil || !*csc.ReadOnlyRootFilesystem ||
		csc.Capabilities == nil || !slices.Equal(csc.Capabilities.Drop, []corev1.Capability{"ALL"}) || len(csc.Capabilities.Add) > 0 ||
		csc.Privileged != nil && *csc.Privileged {
		errorf("container securityContext %+v, want no privilege escalation, a read-only root and every capability dropped", csc)
	}
	if pod.AutomountServiceAccountToken == nil || *pod.AutomountServiceAccountToken {
		errorf("automountServiceAccountToken must be false: the pods need no API access")
	}

	// Memory: about 1 GiB for 4 tabs.
	if lim, ok := c.Resources.Limits[corev1.ResourceMemory]; !ok || lim.Cmp(resource.MustParse("1Gi")) < 0 {
		errorf("memory limit %v, want at least 1Gi (Chromium with 4 tabs)", c.Resources.Limits.Memory())
	}
	if req, ok := c.Resources.Requests[corev1.ResourceMemory]; !ok || req.Cmp(resource.MustParse("1Gi")) < 0 {
		errorf("memory request %v, want at least 1Gi", c.Resources.Requests.Memory())
	}

	// Volumes: every writable path of a read-only root, and the shared ones.
	vols := map[string]corev1.Volume{}
	for _, v := range pod.Volumes {
		vols[v.Name] = v
	}
	mounts := map[string]corev1.Volume{}
	for _, vm := range c.VolumeMounts {
		v, ok := vols[vm.Name]
		if !ok {
			errorf("mount %s: no volume %q", vm.MountPath, vm.Name)
			continue
		}
		mounts[vm.MountPath] = v
		if vm.MountPath == "/config" && !vm.ReadOnly {
			errorf("/config must be mounted read-only")
		}
	}
	if v := mounts["/config"]; v.ConfigMap == nil || v.ConfigMap.Name != m.ConfigMap.Name {
		errorf("/config must be ConfigMap %s, is %+v", m.ConfigMap.Name, v.VolumeSource)
	}
	if v := mounts[env["REPORTS"].Value]; v.PersistentVolumeClaim == nil || v.PersistentVolumeClaim.ClaimName != m.PVC.Name {
		errorf("REPORTS=%q must be the mount of PVC %s", env["REPORTS"].Value, m.PVC.Name)
	}
	for _, p := range []string{"/tmp", img.Home, "/dev/shm"} {
		if v := mounts[p]; v.EmptyDir == nil || v.EmptyDir.SizeLimit == nil {
			errorf("%s must be an emptyDir with a sizeLimit (the root file system is read-only)", p)
		}
	}
	if v := mounts["/dev/shm"]; v.EmptyDir != nil && v.EmptyDir.Medium != corev1.StorageMediumMemory {
		errorf("/dev/shm must be an emptyDir of medium Memory")
	}
}

// TestBrokenManifestFails makes sure that the strict decoding is strict:
// a misspelt field and a wrong type in a copy of job.yaml are errors.
func TestBrokenManifestFails(t *testing.T) {
	job := string(readFile(t, filepath.Join(kubernetesDir, "job.yaml")))
	dec := decoder(t)
	for _, c := range []struct{ name, old, new string }{
		{"unknown field", "completionMode: Indexed", "completionMod: Indexed"},
		{"wrong type", "parallelism: 3", "parallelism: three"},
		{"wrong level", "  backoffLimitPerIndex: 1\n", "  backoffLimitPerIndex: 1\n  restartPolicy: Never\n"},
	} {
		broken := strings.Replace(job, c.old, c.new, 1)
		if broken == job {
			t.Fatalf("%s: %q is not in job.yaml", c.name, c.old)
		}
		if _, _, err := dec.Decode([]byte(broken), nil, nil); err == nil {
			t.Errorf("%s: job.yaml with %q decodes without error", c.name, c.new)
		} else if testing.Verbose() {
			fmt.Fprintf(os.Stderr, "%s: %v\n", c.name, err)
		}
	}
}
