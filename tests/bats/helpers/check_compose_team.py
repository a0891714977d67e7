"""Checks docker-compose.team.yml (parsed as YAML): both replicas carry every hardening setting of
docker-compose.yml's service (check_compose.py) and are identical; Redis and the proxy are
hardened too; only the proxy publishes a port; Redis sits on an internal network only.
Prints "ok: team" or one line per problem and exits 1."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from check_compose import run, service_problems  # noqa: E402

REPLICAS = ["autotask-mcp-1", "autotask-mcp-2"]
ENV_FILES = ["${AUTOTASK_ENV_FILE:-.env}", "deploy/team/secrets/team.env"]
TMPFS_OPTS = {"rw", "noexec", "nosuid", "nodev"}


def hardened(name, svc):
    out = []
    if svc.get("read_only") is not True:
        out.append(f"{name}: read_only must be true")
    if svc.get("cap_drop") != ["ALL"] or "cap_add" in svc:
        out.append(f"{name}: cap_drop must be [ALL] and cap_add absent")
    if svc.get("security_opt") != ["no-new-privileges:true"]:
        out.append(f"{name}: security_opt must be [no-new-privileges:true]")
    user = str(svc.get("user", ""))
    if not user or user.split(":")[0] in ("0", "root"):
        out.append(f"{name}: user must be a non-root uid:gid")
    for key in ("mem_limit", "cpus", "pids_limit"):
        if key not in svc:
            out.append(f"{name}: {key} must be set")
    for forbidden in ("privileged", "network_mode", "pid", "ipc", "devices", "build"):
        if forbidden in svc:
            out.append(f"{name}: {forbidden} must not be set")
    for t in svc.get("tmpfs") or []:
        if not TMPFS_OPTS <= set(str(t).split(":", 1)[-1].split(",")):
            out.append(f"{name}: tmpfs {t} must be {sorted(TMPFS_OPTS)}")
    for v in svc.get("volumes") or []:
        if not str(v).endswith(":ro"):
            out.append(f"{name}: volume {v} must be read-only (:ro)")
    image = str(svc.get("image", ""))
    if not image.startswith("${"):
        out.append(f"{name}: image must come from ${{VARIABLE:-default}} (so it can be pinned by digest)")
    return out


def problems(doc):
    out = []
    if str(doc.get("version")) != "2.4":
        out.append('version must be "2.4" (the format both Compose v1.29 and v2 accept)')
    services = doc.get("services") or {}
    if sorted(services) != sorted(REPLICAS + ["redis", "proxy"]):
        return out + [f"expected services {REPLICAS + ['redis', 'proxy']}, found {list(services)}"]
    first = services[REPLICAS[0]]
    for name in REPLICAS:
        svc = services[name]
        out += [f"{name}: {p}" for p in service_problems(svc, ports=(), env_file=ENV_FILES)]
        if svc != first:
            out.append(f"{name}: must be identical to {REPLICAS[0]} (the same service, twice)")
        if sorted(svc.get("networks") or []) != ["egress", "internal"]:
            out.append(f"{name}: networks must be exactly internal and egress")
        if "redis" not in (svc.get("depends_on") or []):
            out.append(f"{name}: must depend on redis")
    redis, proxy = services["redis"], services["proxy"]
    out += hardened("redis", redis) + hardened("proxy", proxy)
    if redis.get("ports") or redis.get("networks") != ["internal"]:
        out.append("redis: must publish no port and sit on the internal network only")
    ports = proxy.get("ports") or []
    if len(ports) != 1 or not str(ports[0]).endswith(":8443"):
        out.append(f"proxy: must publish exactly its TLS port 8443, got {ports!r}")
    if sorted(proxy.get("networks") or []) != ["front", "internal"]:
        out.append("proxy: networks must be exactly internal and front (no way out to the internet)")
    internal = (doc.get("networks") or {}).get("internal") or {}
    if internal.get("internal") is not True:
        out.append("networks.internal must be internal: true (no route out)")
    return out


def main():
    run(problems, "ok: team")


if __name__ == "__main__":
    main()
