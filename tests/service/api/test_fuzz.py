"""A property-based fuzz of the whole OpenAPI schema with schemathesis: generated requests, valid
and invalid, to every operation; no answer is a 5xx, and every answer matches the schema."""

import os

import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import positive_data_acceptance

from tests.service.conftest import bearer

# A short budget for CI; NNSERVICE_FUZZ_EXAMPLES=1000 for a long run.
EXAMPLES_PER_OPERATION = int(os.environ.get("NNSERVICE_FUZZ_EXAMPLES", "25"))


def test_every_operation_survives_generated_requests(app, db, client, trained):
    """With a dataset, a job, a model and a sweep in the database for the generated ids to find."""
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    headers = bearer(db, "alice")
    sweep = client.post(
        "/v1/sweeps",
        json={
            "dataset_id": trained["dataset"]["id"],
            "target": "label",
            "exclude": ["id"],
            "search": {"method": "grid", "parameters": {"seed": [1, 2]}},
        },
    )
    assert sweep.status_code == 202, sweep.text
    real_ids = {
        "dataset_id": trained["dataset"]["id"],
        "job_id": trained["job"]["id"],
        "model_id": trained["model_id"],
        "sweep_id": sweep.json()["id"],
    }
    failures = {}
    for result in schema.get_all_operations():
        operation = result.ok()

        @given(case=operation.as_strategy(), on_real_ids=st.booleans())
        @settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, suppress_health_check=list(HealthCheck))
        def fuzz(case, on_real_ids):
            # Half the cases reach real resources, so bodies are checked against a real model and
            # dataset; deletes keep their random ids so that the resources stay.
            if on_real_ids and case.method != "DELETE" and case.path_parameters:
                case.path_parameters = {name: real_ids.get(name, value) for name, value in case.path_parameters.items()}
            # Every check but one: a schema cannot say that a random file is not a CSV, so the
            # service may refuse data the schema allows, with a 4xx that the other checks hold to it.
            case.call_and_validate(headers=headers, excluded_checks=[positive_data_acceptance])

        try:
            fuzz()
        except Exception as exc:  # every operation is fuzzed; all failures are reported together
            failures[operation.label] = exc
    assert not failures, "\n\n".join(f"{label}:\n{exc}" for label, exc in failures.items())
