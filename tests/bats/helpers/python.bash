# shellcheck shell=bash
# yaml_python: a python3 that can import yaml (Debian: python3-yaml). Prefers the system one,
# since a python3 earlier on PATH (pyenv, venv) may lack the module.
yaml_python() {
  local p
  for p in /usr/bin/python3 python3; do
    if "$p" -c 'import yaml' >/dev/null 2>&1; then printf '%s\n' "$p"; return 0; fi
  done
  echo "python3 with PyYAML is required (Debian: apt-get install python3-yaml)" >&2
  return 1
}
