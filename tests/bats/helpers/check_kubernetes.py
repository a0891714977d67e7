"""Checks deploy/kubernetes/ (parsed as YAML, not grepped): every workload hardened as the Compose
service is, the example Secret free of real values, and egress limited to DNS, Redis and https.
Prints "ok: kubernetes" or one line per problem and exits 1. Usage: check_kubernetes.py DIR"""
import os
import sys

import yaml

DNS = {("UDP", 53), ("TCP", 53)}
ALLOWED_EGRESS = [DNS, {("TCP", 6379)}, {("TCP", 443)}]


def load(directory):
    docs = []
    for name in sorted(os.listdir(directory)):
        if name.endswith((".yaml", ".yml")):
            with open(os.path.join(directory, name), encoding="utf-8") as f:
                docs += [(name, d) for d in yaml.safe_load_all(f) if d]
    return docs


def workload_problems(name, spec):
    out = []
    pod = spec.get("template", {}).get("spec", {})
    psc = pod.get("securityContext") or {}
    where = f"Deployment {name}"
    if psc.get("runAsNonRoot") is not True:
        out.append(f"{where}: pod securityContext.runAsNonRoot must be true")
    if not isinstance(psc.get("runAsUser"), int) or psc.get("runAsUser") == 0:
        out.append(f"{where}: pod securityContext.runAsUser must be a non-zero uid")
    if (psc.get("seccompProfile") or {}).get("type") != "RuntimeDefault":
        out.append(f"{where}: pod seccompProfile must be RuntimeDefault")
    if pod.get("automountServiceAccountToken") is not False:
        out.append(f"{where}: automountServiceAccountToken must be false")
    for key in ("hostNetwork", "hostPID", "hostIPC"):
        if pod.get(key):
            out.append(f"{where}: {key} must not be set")
    for vol in pod.get("volumes") or []:
        if "hostPath" in vol:
            out.append(f"{where}: volume {vol.get('name')} must not be a hostPath")
    containers = (pod.get("containers") or []) + (pod.get("initContainers") or [])
    if not containers:
        out.append(f"{where}: no containers")
    for c in containers:
        cw = f"{where} container {c.get('name')}"
        sc = c.get("securityContext") or {}
        if sc.get("readOnlyRootFilesystem") is not True:
            out.append(f"{cw}: readOnlyRootFilesystem must be true")
        if sc.get("allowPrivilegeEscalation") is not False:
            out.append(f"{cw}: allowPrivilegeEscalation must be false")
        if sc.get("privileged"):
            out.append(f"{cw}: privileged must not be true")
        caps = sc.get("capabilities") or {}
        if caps.get("drop") != ["ALL"]:
            out.append(f"{cw}: capabilities.drop must be [ALL], got {caps.get('drop')!r}")
        if caps.get("add"):
            out.append(f"{cw}: capabilities.add must be empty, got {caps.get('add')!r}")
        if sc.get("runAsNonRoot") is False or sc.get("runAsUser") == 0:
            out.append(f"{cw}: must not run as root")
        if (sc.get("seccompProfile") or {}).get("type", "RuntimeDefault") != "RuntimeDefault":
            out.append(f"{cw}: seccompProfile must be RuntimeDefault")
        res = c.get("resources") or {}
        for kind in ("requests", "limits"):
            got = res.get(kind) or {}
            if "cpu" not in got or "memory" not in got:
                out.append(f"{cw}: resources.{kind} must set cpu and memory")
    return out


def mcp_problems(spec):
    out = []
    pod = spec.get("template", {}).get("spec", {})
    if (pod.get("securityContext") or {}).get("runAsUser") != 10001:
        out.append("Deployment autotask-mcp: runAsUser must be 10001 (the image's service account)")
    if not isinstance(spec.get("replicas"), int) or spec["replicas"] < 2:
        out.append("Deployment autotask-mcp: replicas must be at least 2")
    tmp = [v for v in pod.get("volumes") or [] if (v.get("emptyDir") or {}).get("medium") == "Memory" and (v.get("emptyDir") or {}).get("sizeLimit")]
    mounts = [m for c in pod.get("containers") or [] for m in c.get("volumeMounts") or [] if m.get("mountPath") == "/tmp"]
    if not tmp or not mounts or mounts[0].get("name") not in {v.get("name") for v in tmp}:
        out.append("Deployment autotask-mcp: /tmp must be a size-limited in-memory emptyDir")
    env = {e.get("name") for c in pod.get("containers") or [] for e in c.get("env") or []}
    if "REDIS_URL" in env:
        out.append("Deployment autotask-mcp: REDIS_URL holds a password: take it from the Secret, not env")
    return out


def ports_of(rule):
    return {(p.get("protocol", "TCP"), p.get("port")) for p in rule.get("ports") or []}


def policy_problems(policies):
    out = []
    deny = [p for p in policies.values() if p.get("podSelector") == {} and set(p.get("policyTypes") or []) == {"Ingress", "Egress"} and not p.get("ingress") and not p.get("egress")]
    if not deny:
        out.append("NetworkPolicy: a default deny (podSelector {}, Ingress and Egress, no rules) is required")
    mcp = policies.get("autotask-mcp")
    if not mcp or "Egress" not in (mcp.get("policyTypes") or []):
        out.append("NetworkPolicy autotask-mcp must restrict Egress")
    else:
        found = []
        for rule in mcp.get("egress") or []:
            ports = ports_of(rule)
            if not rule.get("to") or not ports:
                out.append(f"NetworkPolicy autotask-mcp: every egress rule needs both to: and ports:, got {rule!r}")
            elif ports not in ALLOWED_EGRESS:
                out.append(f"NetworkPolicy autotask-mcp: egress to ports {sorted(ports)} is not DNS, Redis or https")
            else:
                found.append(ports)
        for need in ALLOWED_EGRESS:
            if need not in found:
                out.append(f"NetworkPolicy autotask-mcp: no egress rule for {sorted(need)}")
        for rule in mcp.get("egress") or []:
            if ports_of(rule) == {("TCP", 443)}:
                for peer in rule.get("to") or []:
                    if (peer.get("ipBlock") or {}).get("cidr") == "0.0.0.0/0" and "10.0.0.0/8" not in (peer["ipBlock"].get("except") or []):
                        out.append("NetworkPolicy autotask-mcp: https to 0.0.0.0/0 must except the private ranges")
    redis = policies.get("autotask-mcp-redis")
    if not redis or redis.get("egress") not in ([], None) or "Egress" not in (redis.get("policyTypes") or []):
        out.append("NetworkPolicy autotask-mcp-redis must deny all egress")
    return out


def secret_problems(name, doc):
    out = []
    if doc.get("data"):
        out.append(f"Secret {name}: use stringData placeholders, not data (an example must hold no real values)")
    for key, value in (doc.get("stringData") or {}).items():
        if "REPLACE-ME" not in str(value):
            out.append(f"Secret {name}: {key} must be a REPLACE-ME placeholder")
    return out


def problems(directory):
    out = []
    docs = load(directory)
    kinds = {}
    for _, d in docs:
        kinds.setdefault(d.get("kind"), {})[(d.get("metadata") or {}).get("name")] = d
    for name, d in (kinds.get("Deployment") or {}).items():
        out += workload_problems(name, d.get("spec") or {})
    if "autotask-mcp" not in (kinds.get("Deployment") or {}):
        out.append("Deployment autotask-mcp is missing")
    else:
        out += mcp_problems(kinds["Deployment"]["autotask-mcp"]["spec"])
    for kind in ("StatefulSet", "DaemonSet", "Pod", "Job", "CronJob"):
        if kinds.get(kind):
            out.append(f"{kind} is not checked here: add its checks before using one")
    svc = (kinds.get("Service") or {}).get("autotask-mcp")
    if not svc or (svc.get("spec") or {}).get("selector") != {"app.kubernetes.io/name": "autotask-mcp"}:
        out.append("Service autotask-mcp selecting app.kubernetes.io/name=autotask-mcp is missing")
    elif (svc.get("spec") or {}).get("type", "ClusterIP") != "ClusterIP":
        out.append("Service autotask-mcp must be ClusterIP (TLS terminates in front of it)")
    for name, d in (kinds.get("Secret") or {}).items():
        out += secret_problems(name, d)
    if not kinds.get("Secret"):
        out.append("an example Secret is missing")
    out += policy_problems({n: d.get("spec") or {} for n, d in (kinds.get("NetworkPolicy") or {}).items()})
    kust = os.path.join(directory, "kustomization.yaml")
    if os.path.exists(kust):
        with open(kust, encoding="utf-8") as f:
            listed = set((yaml.safe_load(f) or {}).get("resources") or [])
        for name in sorted(os.listdir(directory)):
            if name.endswith(".yaml") and name != "kustomization.yaml" and name not in listed:
                out.append(f"kustomization.yaml does not list {name}")
    return out


def main():
    found = problems(sys.argv[1])
    if found:
        print("\n".join(found))
        sys.exit(1)
    print("ok: kubernetes")


if __name__ == "__main__":
    main()
