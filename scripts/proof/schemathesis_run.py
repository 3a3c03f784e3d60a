"""Schemathesis against a demo server's /openapi.yaml (issue 21 item 5): every documented operation fuzzed and given
its examples; reports server errors (5xx) and responses that violate the documented schema. Prints how many operations
the document has and how many lack a response schema, then the run's figures; exits 1 on any server error or schema
violation.

Usage: python3 scripts/proof/schemathesis_run.py [--max-examples 10]  (OTKLIK_BIN; `st` from PyPI's schemathesis)
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ElementTree

import yaml

from common import BIN, Database, api_key, serve

SPEC = "Sources/OtklikServer/Resources/openapi.yaml"


def schema_coverage():
    document = yaml.safe_load(open(SPEC))
    operations, without = 0, []
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if method not in ("get", "post", "put", "delete", "patch"):
                continue
            operations += 1
            responses = operation.get("responses", {})
            success = [r for code, r in responses.items() if str(code).startswith("2")]
            typed = "204" in {str(code) for code in responses} or any("$ref" in r or any(v.get("schema") for v in (r.get("content") or {}).values()) for r in success)
            if not typed:
                without.append(f"{method.upper()} {path}")
    return operations, without


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--max-examples", type=int, default=10)
    args = parser.parse_args()
    operations, without = schema_coverage()
    print(f"openapi.yaml: {operations} operations, {len(without)} without a response schema (204 No Content needs none) {without}")
    with tempfile.TemporaryDirectory() as directory:
        database = Database("sqlite", directory)
        subprocess.run([BIN, "demo", "--db", database.url, "--records", "5000", "--until", "2026-11-22", "--log-level", "warning"],
                       check=True, capture_output=True)
        log = open(os.path.join(directory, "serve.log"), "w")
        process, url = serve(database.url, log, env={"OTKLIK_WEBHOOK_ALLOW_HOSTS": ""})
        key = api_key(database.url)
        junit = os.path.join(directory, "junit.xml")
        try:
            result = subprocess.run(
                ["st", "run", url + "/openapi.yaml", "--url", url, "-H", f"Authorization: Bearer {key}",
                 "--checks", "not_a_server_error,response_schema_conformance", "--max-examples", str(args.max_examples),
                 "--report", "junit", "--report-junit-path", junit, "--no-color"],
                capture_output=True, text=True, timeout=3600)
        finally:
            process.terminate()
            process.wait(timeout=30)
            log.close()
        output = result.stdout + result.stderr
        tree = ElementTree.parse(junit)
        cases = tree.getroot().iter("testcase")
        server_errors, violations, failing, tested = 0, 0, [], 0
        for case in cases:
            tested += 1
            texts = " ".join((f.get("message") or "") + " " + (f.text or "") for f in list(case.iter("failure")) + list(case.iter("error")))
            if not texts.strip():
                continue
            failing.append(case.get("name"))
            server_errors += len(re.findall(r"Server error", texts))
            violations += len(re.findall(r"Response violates schema", texts))
        summary = [line for line in output.splitlines() if re.search(r"(passed|failed|errored|skipped|Test cases|Operations)", line)]
        print("\n".join(summary[-6:]))
        print(f"schemathesis {subprocess.run(['st', '--version'], capture_output=True, text=True).stdout.strip()}: "
              f"{tested} operations tested, {len(failing)} with failures; server errors: {server_errors}, schema violations: {violations}")
        for name in failing[:20]:
            print("  failing:", name)
        if failing:
            with open("/tmp/otklik-schemathesis.txt", "w") as saved:
                saved.write(output)
            print("full output: /tmp/otklik-schemathesis.txt")
        sys.exit(1 if server_errors or violations or without else 0)


if __name__ == "__main__":
    main()
