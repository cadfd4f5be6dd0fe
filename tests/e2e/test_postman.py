"""Postman against the real server and workers, through newman: the collection in examples/ runs its
whole loop twice and every test in it passes; and `/openapi.json`, converted to a collection by
openapi-to-postmanv2 (as Postman imports it), answers each of its generated requests as the document
says for that operation: a status it lists (never a 5xx), in a media type it lists for that status,
with the headers it requires, and a problem body whose status is the answer's.

The node tools are pinned in tests/e2e/postman/package.json; `make test` installs them (`npm ci`)."""

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import httpx
import pytest

from .conftest import EXAMPLES, queue_breast_cancer_job, wait_for_status

POSTMAN = Path(__file__).parent / "postman"
NODE_BIN = POSTMAN / "node_modules" / ".bin"
NEWMAN = NODE_BIN / "newman"
CONVERTER = NODE_BIN / "openapi2postmanv2"
COLLECTION = EXAMPLES / "nnservice.postman_collection.json"
RUNS = 2  # the collection must pass again on a server that has already seen it
NEWMAN_TIMEOUT = 180  # seconds for one newman run (the collection polls for at most 90 s)
REQUEST_TIMEOUT = 30_000  # ms, one request (an SSE stream of a finished job ends at once)
EXCERPT = 400  # characters of a body shown in a failure


@pytest.fixture
def node_tools() -> None:
    """Skip when node or the pinned packages are missing; under CI=true that is a failure."""
    missing = [name for name in ("node", "npm") if shutil.which(name) is None]
    missing += [str(tool.relative_to(POSTMAN.parents[2])) for tool in (NEWMAN, CONVERTER) if not tool.exists()]
    if missing:
        where = POSTMAN.relative_to(POSTMAN.parents[2])
        reason = (
            f"missing {', '.join(missing)}: `make test` installs them (Debian's npm if need be, then npm ci in {where})"
        )
        if os.environ.get("CI", "").lower() in ("true", "1"):
            pytest.fail(f"{reason}; under CI=true a skipped Postman test is a failure")
        pytest.skip(reason)


def newman(collection: Path, report: Path, variables: dict[str, str]) -> dict:
    """Run `collection` once, quietly (only the JSON reporter, to `report`); its report."""
    command = [str(NEWMAN), "run", str(collection), "--reporters", "json", "--reporter-json-export", str(report)]
    command += ["--timeout-request", str(REQUEST_TIMEOUT), "--color", "off", "--disable-unicode"]
    for key, value in variables.items():
        command += ["--env-var", f"{key}={value}"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=NEWMAN_TIMEOUT)
    assert report.exists(), f"newman wrote no report (exit {done.returncode}):\n{done.stdout}\n{done.stderr}"
    result = json.loads(report.read_text())
    assert result["run"]["error"] is None, f"newman stopped: {result['run']['error']}\n{done.stderr}"
    return result


def body(message: dict | None) -> str:
    """A request's or a response's body, as text, cut to EXCERPT characters."""
    if not message:
        return ""
    if "stream" in message:  # a response: its bytes
        text = bytes(message["stream"]["data"]).decode("utf-8", "replace")
    else:  # a request: a raw body, or a form
        raw = message.get("body") or {}
        form = raw.get("formdata") or raw.get("urlencoded")
        text = raw.get("raw") or (json.dumps(form) if form else "")
    text = " ".join(text.split())
    return text if len(text) <= EXCERPT else text[:EXCERPT] + "..."


def url(request: dict) -> str:
    path = "/" + "/".join(request["url"]["path"])
    query = "&".join(f"{q['key']}={q.get('value') or ''}" for q in request["url"].get("query", []))
    return path + ("?" + query if query else "")


def failures(report: dict) -> list[str]:
    """Every failed test, script error and request error of a run, with where it happened."""
    return [
        f"{f['source']['name']}: {f['error'].get('test') or f['error']['name']}: {f['error']['message']}"
        for f in report["run"]["failures"]
    ]


def test_the_postman_collection_runs_its_whole_loop_twice(start_server, node_tools, tmp_path):
    server = start_server(workers=2)
    variables = {"baseUrl": server.url, "apiKey": server.client.headers["Authorization"].removeprefix("Bearer ")}
    for run in range(1, RUNS + 1):
        report = newman(COLLECTION, tmp_path / f"run-{run}.json", variables)
        failed = failures(report)
        assert not failed, f"run {run} of {COLLECTION.name}:\n" + "\n".join(failed)
        stats = report["run"]["stats"]
        assert stats["assertions"]["total"] >= 18 and stats["assertions"]["failed"] == 0, stats
        ran = {execution["item"]["name"] for execution in report["run"]["executions"]}
        assert ran == {item["name"] for item in json.loads(COLLECTION.read_text())["item"]}, f"run {run} skipped some"

    # A fresh Idempotency-Key per send: each run made its own dataset and jobs.
    datasets = server.client.get("/v1/datasets").json()["data"]
    assert [d["name"] for d in datasets] == ["postman-fruit"] * RUNS
    statuses = sorted(job["status"] for job in server.client.get("/v1/jobs").json()["data"])
    assert statuses == ["cancelled"] * RUNS + ["succeeded"] * RUNS


def operations(document: dict) -> list[tuple[str, str, re.Pattern, dict]]:
    """(method, path template, its regex, documented responses) of every operation in `document`."""
    found = []
    for template, item in document["paths"].items():
        pattern = re.compile("^" + re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(template)) + "$")
        for method, operation in item.items():
            if method in ("get", "put", "post", "delete", "patch", "head", "options", "trace"):
                found.append((method.upper(), template, pattern, operation["responses"]))
    return found


def documented(status: int, responses: dict) -> dict | None:
    """The document's response for `status`: its own, its range's (`4XX`), or the default."""
    ranges = {key.upper(): value for key, value in responses.items()}
    return responses.get(str(status)) or ranges.get(f"{str(status)[0]}XX") or responses.get("default")


def header(response: dict, name: str) -> str | None:
    return next((h["value"] for h in response["header"] if h["key"].lower() == name.lower()), None)


def disagreements(status: int, response: dict, listed: dict) -> list[str]:
    """How an answer differs from the document's response for its status."""
    found = []
    media_type = (header(response, "Content-Type") or "").split(";")[0].strip().lower()
    media_types = {key.lower() for key in listed.get("content", {})}
    if media_types and media_type not in media_types:
        found.append(f"Content-Type {media_type or 'none'} is not among the documented {sorted(media_types)}")
    if not media_types and response.get("responseSize") and status != 204:
        found.append(f"a body ({media_type or 'no Content-Type'}) where the document lists none")
    for name, spec in listed.get("headers", {}).items():
        if spec.get("required") and header(response, name) is None:
            found.append(f"no {name} header, which the document requires")
    if media_type == "application/problem+json":
        try:
            said = json.loads(bytes(response["stream"]["data"])).get("status")
        except (ValueError, AttributeError):
            said = "nothing: it is not a JSON object"
        if said != status:
            found.append(f"its problem body says status {said}")
    return found


def flat(items: list[dict]) -> list[dict]:
    """The requests of a collection, out of their folders, in order."""
    return [leaf for item in items for leaf in (flat(item["item"]) if "item" in item else [item])]


def convert(document: dict, tmp_path: Path) -> dict:
    """`document` as Postman imports it: openapi-to-postmanv2's CLI, parameters from the examples."""
    spec, out = tmp_path / "openapi.json", tmp_path / "converted.json"
    spec.write_text(json.dumps(document))
    command = [str(CONVERTER), "-s", str(spec), "-o", str(out), "-p", "-O", "parametersResolution=Example"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and out.exists(), f"openapi2postmanv2 failed:\n{done.stdout}\n{done.stderr}"
    return json.loads(out.read_text())


def with_variables(collection: dict, variables: dict[str, str]) -> dict:
    """The converted collection with `variables` set (baseUrl; bearerToken, its requests' auth)."""
    kept = [v for v in collection.get("variable", []) if v["key"] not in variables]
    return {**collection, "variable": kept + [{"key": k, "value": v} for k, v in variables.items()]}


def with_real_ids(collection: dict, ids: dict[str, str]) -> dict:
    """Every request, its path parameters named in `ids` (and a JSON body's `dataset_id`) set to
    those of real resources, so that requests reach past the 404; the DELETEs last, so that what
    the others read still exists."""
    requests = json.loads(json.dumps(flat(collection["item"])))
    for item in requests:
        for variable in item["request"]["url"].get("variable", []):
            if variable["key"] in ids:
                variable["value"] = ids[variable["key"]]
        raw = (item["request"].get("body") or {}).get("raw")
        if raw and raw.lstrip().startswith("{") and "dataset_id" in (sent := json.loads(raw)):
            item["request"]["body"]["raw"] = json.dumps({**sent, "dataset_id": ids["dataset_id"]}, indent=2)

    def deletes_last(item: dict) -> tuple[bool, int]:  # the alias before its model, the model before its dataset
        deleting = item["request"]["method"] == "DELETE"
        return deleting, -len(item["request"]["url"]["path"]) if deleting else 0

    return {**collection, "item": sorted(requests, key=deletes_last)}


def real_resources(client: httpx.Client) -> dict[str, str]:
    """A trained job, its dataset and model, the model's name and alias, and a sweep: the ids the
    converted requests' path parameters take in the second run."""
    job = queue_breast_cancer_job(client, epochs=5)
    job = wait_for_status(client, job["id"], {"succeeded", "failed"}, timeout=60)
    assert job["status"] == "succeeded", job
    name = client.post(f"/v1/models/{job['model_id']}/aliases", json={"name": "postman", "alias": "production"})
    assert name.status_code == 201, name.text
    search = {"method": "grid", "parameters": {"learning_rate": [0.01, 0.001]}}
    body = {"dataset_id": job["dataset_id"], "target": "diagnosis", "exclude": ["id"], "search": search}
    sweep = client.post("/v1/sweeps", json={**body, "hyperparameters": {"epochs": 5}})
    assert sweep.status_code == 202, sweep.text
    return {
        "dataset_id": job["dataset_id"],
        "job_id": job["id"],
        "model_id": job["model_id"],
        "name": "postman",
        "alias": "production",
        "sweep_id": sweep.json()["id"],
    }


def undocumented_answers(report: dict, document: dict) -> list[str]:
    """Every answer that is a 5xx or a status the document does not list for its operation, and
    every request that got no answer or that maps to no operation."""
    ops = operations(document)
    problems = []
    for execution in report["run"]["executions"]:
        request, response = execution["request"], execution.get("response")
        method, path = request["method"], "/" + "/".join(request["url"]["path"])
        shown = f"{method} {url(request)}"
        if execution.get("requestError") or not response:
            problems.append(f"{shown}: no answer: {execution.get('requestError')}")
            continue
        matching = [op for op in ops if op[0] == method and op[2].match(path)]
        if not matching:
            problems.append(f"{shown}: no operation of the document has this method and path")
            continue
        # a literal path beats a template (`/v1/jobs/{job_id}/cost-history` over `...cost-history.{image_format}`)
        _, template, _, responses = min(matching, key=lambda op: op[1].count("{"))
        status, listed = response["code"], documented(response["code"], responses)
        if status >= 500:
            wrong = ["a 5xx"]
        elif listed is None:
            wrong = [f"not among the documented {sorted(responses)}"]
        else:
            wrong = disagreements(status, response, listed)
        if wrong:
            problems.append(
                f"{method} {template} ({execution['item']['name']}): {status}: {'; '.join(wrong)}\n"
                f"    request: {shown} {body(request)}\n    answer: {body(response)}"
            )
    return problems


# Imported with real ids, these requests send the document's own examples, which fit the breast-cancer
# table: they must succeed, not only answer as documented (Postman's importer reads a body's example
# from its media type; without it, it invents "target": "string").
SUCCEED_WITH_EXAMPLES = {
    ("POST", "/v1/jobs"): 202,
    ("POST", "/v1/sweeps"): 202,
    ("POST", "/v1/models/{model_id}/predict"): 200,
    ("POST", "/v1/models/{model_id}/evaluate"): 200,
}


def answered(report: dict, document: dict) -> dict[tuple[str, str], int]:
    """The status each operation answered in a run, by (method, path template)."""
    ops, statuses = operations(document), {}
    for execution in report["run"]["executions"]:
        request, response = execution["request"], execution.get("response")
        path = "/" + "/".join(request["url"]["path"])
        matching = [op for op in ops if op[0] == request["method"] and op[2].match(path)]
        if matching and response:
            statuses[(request["method"], min(matching, key=lambda op: op[1].count("{"))[1])] = response["code"]
    return statuses


def test_the_openapi_document_as_postman_imports_it_describes_every_answer(start_server, node_tools, tmp_path):
    server = start_server(workers=2)
    ids = real_resources(server.client)
    document = server.client.get("/openapi.json").json()
    variables = {"baseUrl": server.url, "bearerToken": server.client.headers["Authorization"].removeprefix("Bearer ")}
    converted = with_variables(convert(document, tmp_path), variables)

    runs = [
        ("generated values", converted),
        ("real ids", with_real_ids(converted, ids)),
        ("no key", with_variables(converted, {"bearerToken": ""})),
    ]
    problems = []
    for name, collection in runs:
        path = tmp_path / f"{name.replace(' ', '-')}.postman_collection.json"
        path.write_text(json.dumps(collection))
        report = newman(path, tmp_path / f"{name.replace(' ', '-')}.report.json", {})
        assert report["run"]["executions"], f"{name}: newman ran no request"
        problems += [f"[{name}] {problem}" for problem in undocumented_answers(report, document)]
        if name == "real ids":
            statuses = answered(report, document)
            problems += [
                f"[{name}] {method} {path}: {statuses.get((method, path))}, not {status}, with the document's example"
                for (method, path), status in SUCCEED_WITH_EXAMPLES.items()
                if statuses.get((method, path)) != status
            ]
    assert not problems, f"{len(problems)} answer(s) unlike the document says:\n" + "\n".join(problems)
