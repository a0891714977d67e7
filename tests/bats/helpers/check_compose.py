"""Checks docker-compose.yml (parsed as YAML, not grepped) for every hardening setting the bundle
promises. Prints "ok: <service>" or one line per problem and exits 1."""
import sys

import yaml

EXPECTED_TMPFS = {"rw", "noexec", "nosuid", "nodev", "size=64m"}


def problems(doc):
    services = doc.get("services") or {}
    if list(services) != ["autotask-mcp"]:
        return [f"expected exactly one service 'autotask-mcp', found {list(services)}"]
    out = []
    if str(doc.get("version")) != "2.4":
        out.append("version must be \"2.4\" (the format both Compose v1.29 and v2 accept with these keys)")
    return out + service_problems(services["autotask-mcp"])


def service_problems(svc, ports=("127.0.0.1:${MCP_PORT:-8080}:8080",), env_file="${AUTOTASK_ENV_FILE:-.env}"):
    """The hardening of one autotask-mcp service (docker-compose.team.yml's replicas publish no
    port and read a second env file)."""
    out = []

    def want(key, value, text=None):
        if svc.get(key) != value:
            out.append(text or f"{key} must be {value!r}, got {svc.get(key)!r}")

    image = str(svc.get("image", ""))
    if not image.startswith("${AUTOTASK_MCP_IMAGE:-"):
        out.append("image must come from ${AUTOTASK_MCP_IMAGE:-default}")
    if "build" in svc:
        out.append("build must not be set: Compose would build a local program under a registry image's name when a pull fails (scripts/mcp_up.sh builds NAME:local itself)")
    if svc.get("env_file") != env_file:
        out.append(f"env_file must be {env_file}")
    if (svc.get("ports") or []) != list(ports):
        out.append(f"ports must be exactly {list(ports)!r}, got {svc.get('ports')!r}")
    want("read_only", True, "read_only must be true")
    tmpfs = svc.get("tmpfs") or []
    tmp = [t for t in tmpfs if str(t).split(":", 1)[0] == "/tmp"]
    if len(tmp) != 1 or set(str(tmp[0]).split(":", 1)[1].split(",")) != EXPECTED_TMPFS:
        out.append(f"tmpfs /tmp must be mounted {sorted(EXPECTED_TMPFS)}, got {tmpfs!r}")
    want("cap_drop", ["ALL"])
    if "cap_add" in svc:
        out.append("cap_add must not be present")
    want("security_opt", ["no-new-privileges:true"])
    want("mem_limit", "512m")
    if str(svc.get("cpus")) not in ("1", "1.0"):
        out.append(f"cpus must be 1, got {svc.get('cpus')!r}")
    want("pids_limit", 64)
    if "resources" in (svc.get("deploy") or {}):
        out.append("deploy.resources must not be used: Compose v1 and v2 translate it differently; use mem_limit/cpus/pids_limit")
    logging = svc.get("logging") or {}
    opts = logging.get("options") or {}
    if logging.get("driver") != "json-file" or str(opts.get("max-size")) != "10m" or str(opts.get("max-file")) != "3":
        out.append(f"logging must be json-file with max-size 10m and max-file 3, got {logging!r}")
    health = svc.get("healthcheck") or {}
    if not health or health.get("disable") or any(k not in health for k in ("interval", "timeout", "retries")):
        out.append(f"healthcheck must set interval, timeout and retries, got {health!r}")
    want("restart", "unless-stopped")
    want("init", True, "init must be true")
    want("user", "10001:10001")
    for forbidden in ("privileged", "network_mode", "pid", "ipc", "volumes", "devices", "dns", "extra_hosts"):
        if forbidden in svc:
            out.append(f"{forbidden} must not be set (hardening or DNS would be weakened)")
    env = svc.get("environment") or {}
    if env.get("MCP_HTTP_HOST") != "0.0.0.0" or str(env.get("MCP_HTTP_PORT")) != "8080" or env.get("MCP_TRANSPORT") != "http":
        out.append("environment must pin MCP_TRANSPORT=http, MCP_HTTP_HOST=0.0.0.0, MCP_HTTP_PORT=8080")
    return out


def run(check, ok):
    """Parse the file named on the command line, print its problems (exit 1) or `ok`."""
    with open(sys.argv[1], encoding="utf-8") as f:
        doc = yaml.safe_load(f)
    found = check(doc)
    if found:
        print("\n".join(found))
        sys.exit(1)
    print(ok)


def main():
    run(problems, "ok: autotask-mcp")


if __name__ == "__main__":
    main()
