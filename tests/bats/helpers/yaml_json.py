"""Prints a YAML file as JSON (for jq). GitHub workflow files: PyYAML reads the key `on` as the
boolean true (YAML 1.1); it is put back under "on"."""
import json
import sys

import yaml

with open(sys.argv[1], encoding="utf-8") as f:
    doc = yaml.safe_load(f)
if isinstance(doc, dict) and True in doc:
    doc["on"] = doc.pop(True)
json.dump(doc, sys.stdout)
