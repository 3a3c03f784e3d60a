"""The served `/openapi.yaml` is a YAML document a client's generator can read (an unquoted ': ' in a summary once
made it invalid YAML while the Swift route check, which reads it line by line, still passed): parsed with PyYAML, an
OpenAPI 3.1 document whose every operation has a summary and responses and whose every `$ref` resolves."""
import os
import urllib.request

import yaml

URL = os.environ["OTKLIK_URL"]


def resolve(document, ref):
    node = document
    for part in ref.removeprefix("#/").split("/"):
        node = node[part.replace("~1", "/").replace("~0", "~")]
    return node


def refs(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                yield value
            else:
                yield from refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from refs(value)


def test_the_served_document_is_valid_yaml_and_every_reference_resolves():
    with urllib.request.urlopen(URL + "/openapi.yaml", timeout=30) as response:
        document = yaml.safe_load(response.read().decode("utf-8"))
    assert document["openapi"] == "3.1.0"
    operations = [(path, method, operation) for path, item in document["paths"].items()
                  for method, operation in item.items() if method in ("get", "post", "put", "patch", "delete")]
    assert len(operations) > 150, len(operations)
    problems = [f"{method.upper()} {path}" for path, method, operation in operations
                if not operation.get("summary") or not operation.get("responses")]
    assert not problems, problems
    unresolved = []
    for ref in set(refs(document)):
        try:
            resolve(document, ref)
        except (KeyError, TypeError):
            unresolved.append(ref)
    assert not unresolved, unresolved
