"""Cost-history plots through HTTP: valid images whose content follows the data."""

import re
import struct
import xml.etree.ElementTree as ET

from tests.service.conftest import assert_refused, run_next_job, upload_csv


def trained_job(client, worker, epochs: int, **hyperparameters) -> dict:
    dataset = upload_csv(client)
    body = {"dataset_id": dataset["id"], "target": "label", "exclude": ["id"]}
    body["hyperparameters"] = {"epochs": epochs, **hyperparameters}
    job = client.post("/v1/jobs", json=body).json()
    run_next_job(worker)
    return job


def longest_path_points(content: bytes) -> int:
    """Points of the longest path in the SVG: the training curve, one point per epoch."""
    paths = ET.fromstring(content).iter("{http://www.w3.org/2000/svg}path")
    return max(len(re.findall(r"[ML] ", path.get("d", ""))) for path in paths)


def svg_text(content: bytes) -> str:
    root = ET.fromstring(content)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    return " ".join(root.itertext())


def test_svg_has_axes_labels_and_the_validation_curve_and_grows_with_the_data(client, worker):
    short = trained_job(client, worker, 5, validation_fraction=0.2)
    long = trained_job(client, worker, 300, validation_fraction=0.2)
    images = {}
    for name, job in (("short", short), ("long", long)):
        response = client.get(f"/v1/jobs/{job['id']}/cost-history.svg")
        assert response.status_code == 200
        assert response.headers["content-type"] == "image/svg+xml"
        images[name] = response.content
    text = svg_text(images["long"])
    for words in ("epoch", "cost", "training cost", "validation cost", "300 of 300 epochs"):
        assert words in text
    assert longest_path_points(images["long"]) == 300 and longest_path_points(images["short"]) == 5
    assert len(images["long"]) > len(images["short"])
    assert client.get(f"/v1/jobs/{long['id']}/cost-history.svg").content == images["long"]  # the same bytes again
    without_validation = trained_job(client, worker, 20, validation_fraction=0)
    svg = client.get(f"/v1/jobs/{without_validation['id']}/cost-history.svg").content
    assert "validation cost" not in svg_text(svg)


def test_png_is_a_valid_image(client, worker):
    job = trained_job(client, worker, 40)
    response = client.get(f"/v1/jobs/{job['id']}/cost-history.png")
    assert response.status_code == 200 and response.headers["content-type"] == "image/png"
    assert response.content[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", response.content[16:24])
    assert (width, height) == (800, 700)  # the costs above, the gradient norms below


def test_a_queued_job_draws_an_empty_plot_and_bad_requests_are_refused(client):
    dataset = upload_csv(client)
    job = client.post("/v1/jobs", json={"dataset_id": dataset["id"], "target": "label"}).json()
    assert "no epochs yet" in svg_text(client.get(f"/v1/jobs/{job['id']}/cost-history.svg").content)
    assert_refused(client.get(f"/v1/jobs/{job['id']}/cost-history.gif"), 422, "image_format")
    assert_refused(client.get("/v1/jobs/00000000-0000-4000-8000-000000000000/cost-history.svg"), 404)
