# shellcheck shell=bash
# Hardening of the running demo container, proven twice: what Docker was told (docker inspect)
# and what the kernel enforces inside (docker exec + node). Then logs and mcp_down.sh.
# Sourced by run_e2e.sh after checks_demo.sh.
# shellcheck disable=SC2016 # {{…}} are Go templates for docker inspect, not shell expansions

section "hardening: docker inspect and from inside the container"
block "$BUILD_BLOCK"
[ -n "$(container_id)" ] || block "no running demo container"

PROBE_JSON="$WORK/probe.json"
probe_inside() {
  "$DOCKER" exec -i "$(container_id)" node - <"$E2E_DIR/inside_probe.cjs" >"$PROBE_JSON"
  jq . "$PROBE_JSON"
}
check "node probe runs inside the container (docker exec)" probe_inside || block "inside probe failed"
probe() { jq -r "$1" "$PROBE_JSON"; }

hard_readonly() {
  expect_eq "$(cinspect '{{.HostConfig.ReadonlyRootfs}}')" true "HostConfig.ReadonlyRootfs"
  expect_eq "$(probe .writes.root)" EROFS "writing /e2e-probe"
  expect_eq "$(probe .writes.etc)" EROFS "writing /etc/e2e-probe"
  expect_eq "$(probe .writes.app)" EROFS "writing into the app dir $(probe .appDir)"
  expect_eq "$(probe .writes.tmp)" written "writing /tmp (tmpfs) must work"
}
check "read-only root file system: writes outside /tmp fail with EROFS, /tmp works" hard_readonly

hard_noexec() {
  local tmpfs
  tmpfs=$(cinspect '{{json .HostConfig.Tmpfs}}')
  echo "tmpfs: $tmpfs"
  expect_match "$tmpfs" '"/tmp":"[^"]*noexec' "HostConfig.Tmpfs /tmp options"
  expect_match "$tmpfs" '"/tmp":"[^"]*nosuid' "HostConfig.Tmpfs /tmp options"
  expect_eq "$(probe .tmpExec)" EACCES "executing a script copied to /tmp"
}
check "/tmp is a noexec,nosuid tmpfs: a script copied there cannot be executed" hard_noexec

hard_no_shell() {
  probe '.spawnable | to_entries[] | "\(.key): \(.value)"'
  expect_eq "$(probe '[.spawnable[] | select(. != "ENOENT")] | length')" 0 "programs the server process could start (want ENOENT for all)"
}
check "no shell inside the running service: spawning /bin/sh, sh, bash, busybox, wget, curl or npm fails (ENOENT)" hard_no_shell

hard_caps() {
  local drop add bad
  drop=$(cinspect '{{json .HostConfig.CapDrop}}') add=$(cinspect '{{json .HostConfig.CapAdd}}')
  echo "CapDrop=$drop CapAdd=$add"
  expect_match "$drop" '"ALL"' "HostConfig.CapDrop"
  expect_match "$add" '^(null|\[\])$' "HostConfig.CapAdd"
  bad=$(probe '[.procs[] | select(.capEff != "0000000000000000" or .capPrm != "0000000000000000")] | length')
  probe '.procs[] | "\(.pid) \(.name) uid=\(.uid) CapEff=\(.capEff) CapPrm=\(.capPrm) NoNewPrivs=\(.noNewPrivs)"'
  expect_eq "$bad" 0 "processes with any effective or permitted capability"
}
check "no capabilities: cap_drop ALL and CapEff = CapPrm = 0 for every process inside" hard_caps

hard_nnp() {
  local opts
  opts=$(cinspect '{{json .HostConfig.SecurityOpt}}')
  echo "SecurityOpt=$opts"
  expect_match "$opts" '"no-new-privileges(:true)?"' "HostConfig.SecurityOpt"
  expect_eq "$(probe '[.procs[] | select(.noNewPrivs != "1")] | length')" 0 "processes without NoNewPrivs"
}
check "no-new-privileges: set in SecurityOpt and NoNewPrivs=1 for every process" hard_nnp

hard_user() {
  local user
  user=$(cinspect '{{.Config.User}}')
  echo "Config.User=[$user]"
  case "$user" in ''|0|0:*|root|root:*) echo "Config.User must name a non-root user"; return 1 ;; esac
  expect_eq "$(probe '[.procs[] | select(.uid == 0)] | length')" 0 "processes running as UID 0"
  expect_match "$(probe '[.procs[] | select(.name == "node")][0].uid')" '^[1-9][0-9]*$' "UID of the server process"
}
check "non-root: Config.User is set and no process inside runs as UID 0" hard_user

hard_limits() {
  expect_eq "$(cinspect '{{.HostConfig.Memory}}')" 536870912 "HostConfig.Memory (512 MB)"
  expect_eq "$(cinspect '{{.HostConfig.NanoCpus}}')" 1000000000 "HostConfig.NanoCpus (1 CPU)"
  expect_eq "$(cinspect '{{.HostConfig.PidsLimit}}')" 64 "HostConfig.PidsLimit"
  expect_match "$(probe .limits.memory)" '^536870912$' "memory cgroup limit seen inside"
  expect_eq "$(probe .limits.pids)" 64 "pids cgroup limit seen inside"
  local quota period
  quota=$(probe .limits.cpuQuota) period=$(probe .limits.cpuPeriod)
  case "$quota" in *' '*) period=${quota#* }; quota=${quota% *} ;; esac
  expect_eq "$(( quota / period ))" 1 "cpu quota / period seen inside (cpus)"
}
check "memory 512 MB, 1 CPU and 64 pids limits: configured and enforced by the cgroup" hard_limits

hard_port() {
  local ips external
  ips=$(cinspect '{{range $p, $b := .NetworkSettings.Ports}}{{range $b}}{{.HostIp}} {{end}}{{end}}')
  echo "host IPs of published ports: [$ips]"
  expect_match "$ips" '^(127\.0\.0\.1 )+$' "published ports bound only to 127.0.0.1"
  external=$(hostname -I 2>/dev/null | tr ' ' '\n' | grep -m 1 -vE '^(127\.|$)|:' || true)
  if [ -n "$external" ]; then
    if curl -sS --max-time 3 "http://$external:$E2E_PORT/health" >/dev/null 2>&1; then
      echo "the service answered on $external:$E2E_PORT"; return 1
    fi
    echo "no answer on $external:$E2E_PORT (as expected)"
  fi
  curl -fsS --max-time 5 "http://127.0.0.1:$E2E_PORT/health" >/dev/null
}
check "port published on 127.0.0.1 only (not reachable via the host's other addresses)" hard_port

hard_runtime() {
  expect_eq "$(cinspect '{{.HostConfig.LogConfig.Type}}')" json-file "log driver"
  expect_eq "$(cinspect '{{index .HostConfig.LogConfig.Config "max-size"}}')" 10m "log max-size"
  expect_eq "$(cinspect '{{index .HostConfig.LogConfig.Config "max-file"}}')" 3 "log max-file"
  expect_eq "$(cinspect '{{.HostConfig.RestartPolicy.Name}}')" unless-stopped "restart policy"
  expect_eq "$(cinspect '{{.HostConfig.Init}}')" true "init process"
}
check "json-file logs 10m x 3, restart unless-stopped, init process" hard_runtime

section "logs and shutdown: scripts/mcp_logs.sh, scripts/mcp_down.sh"
block "$BUILD_BLOCK"
logs_show_server() {
  local out
  out=$(in_bundle ./scripts/mcp_logs.sh 2>&1)
  echo "$out" | tail -n 20
  expect_match "$out" 'MCP server listening' "mcp_logs.sh output"
}
check "scripts/mcp_logs.sh shows the server's log" logs_show_server

down_removes() {
  in_bundle ./scripts/mcp_down.sh
  local left
  left=$(container_any_id)
  [ -z "$left" ] || { echo "containers left: $left"; return 1; }
  ! curl -sS --max-time 3 "$E2E_HEALTH_URL" >/dev/null 2>&1 || { echo "something still answers on $E2E_HEALTH_URL"; return 1; }
}
check "scripts/mcp_down.sh removes the container and the port closes" down_removes
