import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import picomatch from "picomatch";
import { describe, expect, it } from "vitest";
import { parse, parseAllDocuments } from "yaml";

/**
 * No Docker engine or cluster runs in CI, so the deployment files are checked by reading them:
 * the Kubernetes manifests (kinds, labels that match, probes, security context, image, secrets),
 * docker-compose.yml (Redis, two app replicas, one scheduler) and the Dockerfile (stages, user,
 * health check, and that every COPY source exists and survives .dockerignore).
 */

const ROOT = new URL("../../", import.meta.url).pathname;
const K8S = join(ROOT, "deploy/kubernetes");

// biome-ignore lint/suspicious/noExplicitAny: manifests are checked field by field below.
type Doc = Record<string, any>;

function loadManifests(): { file: string; doc: Doc }[] {
  const out: { file: string; doc: Doc }[] = [];
  // kustomization.yaml is kustomize's, not a cluster object (read on its own below).
  const files = readdirSync(K8S).filter((f) => /\.ya?ml$/.test(f) && f !== "kustomization.yaml");
  for (const file of files) {
    for (const document of parseAllDocuments(readFileSync(join(K8S, file), "utf8"))) {
      expect(document.errors, `${file}: YAML errors`).toEqual([]);
      const doc = document.toJS() as Doc | null;
      if (doc) out.push({ file, doc });
    }
  }
  return out;
}

const manifests = loadManifests();
const ofKind = (kind: string) => manifests.filter((m) => m.doc.kind === kind).map((m) => m.doc);
const named = (kind: string, name: string) => ofKind(kind).find((d) => d.metadata?.name === name);

const secret = named("Secret", "postmortem-followups")!;
const configMap = named("ConfigMap", "postmortem-followups")!;
const server = named("Deployment", "postmortem-followups")!;
const service = named("Service", "postmortem-followups")!;
const cronJob = named("CronJob", "postmortem-followups-sweep")!;

function checkHardened(podSpec: Doc, where: string): void {
  expect(podSpec.automountServiceAccountToken, where).toBe(false);
  expect(podSpec.securityContext?.runAsNonRoot, where).toBe(true);
  expect(podSpec.securityContext?.runAsUser, where).toBeGreaterThan(0);
  expect(podSpec.securityContext?.seccompProfile?.type, where).toBe("RuntimeDefault");
  for (const container of podSpec.containers as Doc[]) {
    const ctx = container.securityContext;
    expect(ctx?.readOnlyRootFilesystem, `${where}/${container.name}`).toBe(true);
    expect(ctx?.allowPrivilegeEscalation, `${where}/${container.name}`).toBe(false);
    expect(ctx?.capabilities?.drop, `${where}/${container.name}`).toEqual(["ALL"]);
    expect(container.resources?.requests?.cpu, `${where}/${container.name}`).toBeDefined();
    expect(container.resources?.requests?.memory, `${where}/${container.name}`).toBeDefined();
    expect(container.resources?.limits?.memory, `${where}/${container.name}`).toBeDefined();
  }
}

function secretEnv(container: Doc): Record<string, { name: string; key: string }> {
  const out: Record<string, { name: string; key: string }> = {};
  for (const e of (container.env ?? []) as Doc[])
    if (e.valueFrom?.secretKeyRef) out[e.name] = e.valueFrom.secretKeyRef;
  return out;
}

describe("deploy/kubernetes", () => {
  it("every document has apiVersion, kind and metadata.name", () => {
    expect(manifests.length).toBe(7);
    for (const { file, doc } of manifests) {
      expect(doc.apiVersion, file).toEqual(expect.any(String));
      expect(doc.kind, file).toEqual(expect.any(String));
      expect(doc.metadata?.name, file).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
    }
    for (const kind of ["Deployment", "Service", "Secret", "ConfigMap", "CronJob"])
      expect(ofKind(kind).length, kind).toBeGreaterThan(0);
  });

  it("the server Deployment: 2 replicas, labels the Service selects, probes on /healthz", () => {
    expect(server.apiVersion).toBe("apps/v1");
    expect(server.spec.replicas).toBe(2);
    const podLabels = server.spec.template.metadata.labels as Record<string, string>;
    expect(podLabels).toMatchObject(server.spec.selector.matchLabels);
    expect(podLabels).toMatchObject(service.spec.selector);
    const [container] = server.spec.template.spec.containers as Doc[];
    const portNames = (container!.ports as Doc[]).map((p) => p.name);
    expect(portNames).toContain(service.spec.ports[0].targetPort);
    expect(container!.ports.find((p: Doc) => p.name === "http").containerPort).toBe(3000);
    for (const probe of ["startupProbe", "readinessProbe", "livenessProbe"]) {
      expect(container![probe]?.httpGet?.path, probe).toBe("/healthz");
      expect(portNames, probe).toContain(container![probe].httpGet.port);
    }
    checkHardened(server.spec.template.spec, "Deployment");
    // /tmp is the only writable place.
    expect(container!.volumeMounts).toEqual([{ name: "tmp", mountPath: "/tmp" }]);
  });

  it("credentials come from the Secret, settings from the ConfigMap", () => {
    const [container] = server.spec.template.spec.containers as Doc[];
    const env = secretEnv(container!);
    for (const key of ["APP_ID", "PRIVATE_KEY", "WEBHOOK_SECRET"]) {
      expect(env[key], key).toEqual({ name: secret.metadata.name, key });
      expect(Object.keys(secret.stringData), key).toContain(key);
    }
    expect(container!.envFrom).toEqual([{ configMapRef: { name: configMap.metadata.name } }]);
    expect(configMap.data.POSTMORTEM_FOLLOWUPS_SCHEDULER).toBe("off");
    expect(configMap.data.REDIS_URL).toMatch(/^redis:\/\/postmortem-followups-redis:6379$/);
    expect(named("Service", "postmortem-followups-redis")).toBeDefined();
    // Nothing secret in the ConfigMap.
    for (const key of Object.keys(configMap.data)) expect(key).not.toMatch(/KEY|SECRET|TOKEN|APP_ID/);
  });

  it("the Secret is a template with placeholders and is not applied by kustomize", () => {
    for (const value of Object.values(secret.stringData as Record<string, string>))
      expect(value).toContain("REPLACE_");
    const kustomization = parse(readFileSync(join(K8S, "kustomization.yaml"), "utf8")) as Doc;
    const resources = kustomization.resources as string[];
    for (const file of resources) expect(existsSync(join(K8S, file)), file).toBe(true);
    expect(resources).not.toContain("secret.template.yaml");
    const images = (kustomization.images as Doc[]).map((i) => i.name);
    expect(images).toContain(server.spec.template.spec.containers[0].image.split(":")[0]);
  });

  it("the CronJob runs `postmortem-followups sweep` weekly with the server's image and credentials", () => {
    expect(cronJob.apiVersion).toBe("batch/v1");
    const fields = (cronJob.spec.schedule as string).trim().split(/\s+/);
    expect(fields).toHaveLength(5);
    expect(fields[4]).toMatch(/^[0-7]$/); // one day of the week: weekly
    expect(cronJob.spec.concurrencyPolicy).toBe("Forbid");
    const pod = cronJob.spec.jobTemplate.spec.template.spec as Doc;
    expect(["Never", "OnFailure"]).toContain(pod.restartPolicy);
    const [container] = pod.containers as Doc[];
    expect(container!.command).toEqual(["postmortem-followups", "sweep"]);
    expect(container!.image).toBe(server.spec.template.spec.containers[0].image);
    const env = secretEnv(container!);
    expect(env.APP_ID).toEqual({ name: secret.metadata.name, key: "APP_ID" });
    expect(env.PRIVATE_KEY).toEqual({ name: secret.metadata.name, key: "PRIVATE_KEY" });
    expect(container!.envFrom).toEqual([{ configMapRef: { name: configMap.metadata.name } }]);
    checkHardened(pod, "CronJob");
  });

  it("images carry an explicit tag, never latest", () => {
    for (const { file, doc } of manifests) {
      const pod = doc.kind === "CronJob" ? doc.spec.jobTemplate.spec.template.spec : doc.spec?.template?.spec;
      for (const container of (pod?.containers ?? []) as Doc[]) {
        expect(container.image, file).toMatch(/:[\w][\w.-]*$/);
        expect(container.image, file).not.toMatch(/:latest$/);
      }
    }
  });
});

describe("docker-compose.yml", () => {
  const compose = parse(readFileSync(join(ROOT, "docker-compose.yml"), "utf8"), { merge: true }) as Doc;
  const services = compose.services as Record<string, Doc>;

  it("Redis, two app replicas with REDIS_URL and the scheduler off, one scheduler running the sweep", () => {
    expect(Object.keys(services).sort()).toEqual(["app", "redis", "scheduler"]);
    expect(services.redis!.image).toMatch(/^redis:/);

    const app = services.app!;
    expect(app.build).toBe(".");
    expect(app.deploy.replicas).toBe(2);
    expect(app.environment.REDIS_URL).toBe("redis://redis:6379");
    expect(app.environment.POSTMORTEM_FOLLOWUPS_SCHEDULER).toBe("off");
    expect(app.env_file).toBe(".env");
    expect(app.depends_on.redis.condition).toBe("service_healthy");
    expect(app.read_only).toBe(true);

    const scheduler = services.scheduler!;
    expect(scheduler.image).toBe(app.image);
    expect(scheduler.deploy?.replicas ?? 1).toBe(1);
    expect(scheduler.environment.POSTMORTEM_FOLLOWUPS_SCHEDULER).toBe("off");
    expect(scheduler.command.join("\n")).toContain("postmortem-followups sweep");
    expect(scheduler.healthcheck.disable).toBe(true);
    expect(scheduler.init).toBe(true);
  });

  it("holds no secret values", () => {
    const text = readFileSync(join(ROOT, "docker-compose.yml"), "utf8");
    expect(text).not.toMatch(/^\s*(APP_ID|PRIVATE_KEY|WEBHOOK_SECRET)\s*[:=]/m);
  });
});

describe("Dockerfile", () => {
  const lines = readFileSync(join(ROOT, "Dockerfile"), "utf8")
    .replace(/\\\n/g, " ")
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#"));
  const instructions = lines.map((l) => {
    const [op, ...rest] = l.split(/\s+/);
    return { op: op!.toUpperCase(), args: rest.join(" ") };
  });
  const stages = instructions.filter((i) => i.op === "FROM");
  const finalStage = instructions.slice(instructions.lastIndexOf(stages.at(-1)!));

  it("multi-stage on node:24-slim, production dependencies only, non-root, HOST=0.0.0.0, health check on /healthz", () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const s of stages) expect(s.args).toMatch(/^node:24-slim\b/);
    const runs = finalStage.filter((i) => i.op === "RUN").map((i) => i.args);
    expect(runs.some((r) => /npm ci\b.*--omit=dev/.test(r))).toBe(true);
    const users = finalStage.filter((i) => i.op === "USER");
    expect(users.at(-1)?.args).toBe("node");
    const env = finalStage
      .filter((i) => i.op === "ENV")
      .map((i) => i.args)
      .join(" ");
    expect(env).toMatch(/\bHOST=0\.0\.0\.0\b/);
    expect(env).toMatch(/\bNODE_ENV=production\b/);
    // The sweep of a large installation stays under 200 MB RSS (docs/benchmarks.md, Memory).
    expect(env).toMatch(/\bNODE_OPTIONS=--max-semi-space-size=8\b/);
    // The benchmark measures the app with the flags it runs with in the container.
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts.bench).toContain("--max-semi-space-size=8");
    const health = finalStage.find((i) => i.op === "HEALTHCHECK");
    expect(health?.args).toContain("/healthz");
    expect(finalStage.find((i) => i.op === "CMD")?.args).toBe('["node", "lib/app/server.js"]');
    // USER comes before CMD, after every RUN.
    const last = (op: string) => finalStage.map((i) => i.op).lastIndexOf(op);
    expect(last("USER")).toBeGreaterThan(last("RUN"));
  });

  it("every COPY source exists and is not excluded by .dockerignore", () => {
    const ignore = readFileSync(join(ROOT, ".dockerignore"), "utf8")
      .split("\n")
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith("#"));
    const excluded = (path: string) => {
      let out = false;
      for (const pattern of ignore) {
        const negated = pattern.startsWith("!");
        const glob = negated ? pattern.slice(1) : pattern;
        if (picomatch(glob, { dot: true })(path) || picomatch(`${glob}/**`, { dot: true })(path))
          out = !negated;
      }
      return out;
    };
    const copies = instructions.filter((i) => i.op === "COPY" && !i.args.startsWith("--from"));
    expect(copies.length).toBeGreaterThan(0);
    for (const copy of copies) {
      const parts = copy.args.split(/\s+/).filter((p) => !p.startsWith("--"));
      for (const source of parts.slice(0, -1)) {
        expect(existsSync(join(ROOT, source)), source).toBe(true);
        expect(excluded(source), `${source} is excluded by .dockerignore`).toBe(false);
      }
    }
  });
});
