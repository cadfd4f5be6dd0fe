"""The dashboard in a real browser (Debian's chromium, driven by Playwright) against the real
server and worker: it lists what exists, starts a job from its form, draws the cost curve as the
epochs stream in, and shows the model's metrics and confusion matrix."""

import os
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright

from .conftest import admin_key, queue_breast_cancer_job, upload_breast_cancer

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# As root, in a machine with no network beyond localhost: no sandbox, and nothing fetched in the background.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOT_ENV = "NNSERVICE_DASHBOARD_SCREENSHOT"  # a path: save the finished page there (docs/dashboard.png)
EPOCHS = 1500


@pytest.fixture
def browser():
    assert Path(CHROMIUM).exists(), "chromium is missing: `make test` installs it (apt-get install chromium)"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def test_start_a_job_from_the_form_and_watch_its_curve_draw(start_server, browser):
    server = start_server(workers=1)
    upload_breast_cancer(server.client)
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))

    page.goto(server.url)  # / leads to the dashboard
    page.fill("#key", admin_key(server.data_dir))
    page.click("#key-form button")
    expect(page.locator("#connection")).to_have_text("connected")
    expect(page.locator("#datasets tbody tr")).to_have_count(1)
    expect(page.locator("#datasets tbody")).to_contain_text("breast_cancer.csv")

    # The form fills its target and exclusions from the dataset's columns.
    page.select_option("#job-target", "diagnosis")
    expect(page.locator("#job-exclude")).to_have_value("id")
    page.fill("#job-hidden", "32")
    page.fill("#job-epochs", str(EPOCHS))
    page.fill("#job-batch-size", "8")  # small batches: some seconds of training, to watch
    page.fill("#job-validation", "0.2")
    page.click("#job-form button[type=submit]")

    # The curve grows while the job runs: seen part-drawn, then whole.
    curve = page.locator("#train-curve")
    page.wait_for_function(
        f"() => {{ const c = document.querySelector('#train-curve'); "
        f"return c && +c.dataset.epochs > 0 && +c.dataset.epochs < {EPOCHS}; }}",
        timeout=30_000,
    )
    expect(page.locator("#job-status")).to_have_text("succeeded", timeout=120_000)
    expect(curve).to_have_attribute("data-epochs", str(EPOCHS))
    assert len(curve.get_attribute("points").split()) == EPOCHS  # one point per epoch, each once
    expect(page.locator("#validation-curve")).to_have_attribute("data-epochs", str(EPOCHS))
    expect(page.locator("#jobs tbody tr").first).to_contain_text("succeeded")

    # The model it made: its metrics and confusion matrix, as the API has them.
    model = server.client.get("/v1/models").json()["data"][0]
    page.locator("#models tbody tr").first.click()
    expect(page.locator("#model-id")).to_have_text(model["id"])
    expect(page.locator("#model-metrics")).to_contain_text(f"{model['metrics']['accuracy']:.4f}")
    cells = page.locator("#confusion-matrix td").all_inner_texts()
    assert [int(c) for c in cells] == [n for row in model["metrics"]["confusion_matrix"] for n in row]
    assert page.locator("#confusion-matrix th").all_inner_texts()[1:3] == ["B", "M"]
    # and what each column became
    columns = model["preprocessing"]["columns"]
    expect(page.locator("#model-columns tr")).to_have_count(len(columns))
    expect(page.locator("#model-columns tr").first).to_contain_text(f"{columns[0]['name']}numeric")
    expect(page.locator("#model-columns")).to_contain_text("impute mean, standardize")
    assert errors == []
    if os.environ.get(SCREENSHOT_ENV):
        page.locator("#job-detail").scroll_into_view_if_needed()
        page.screenshot(path=os.environ[SCREENSHOT_ENV], full_page=True)


def test_a_refused_job_shows_the_services_reason_and_a_wrong_key_says_so(start_server, browser):
    server = start_server(workers=0)
    upload_breast_cancer(server.client)
    page = browser.new_page()
    page.goto(f"{server.url}/dashboard/#key=nns_not_a_key")
    expect(page.locator("#connection")).to_have_text("the key was refused")
    assert "nns_not_a_key" not in page.url  # taken out of the address bar

    page.fill("#key", admin_key(server.data_dir))
    page.click("#key-form button")
    expect(page.locator("#connection")).to_have_text("connected")
    page.select_option("#job-target", "diagnosis")
    page.fill("#job-exclude", "id, no_such_column")
    page.click("#job-form button[type=submit]")
    expect(page.locator("#job-form-error")).to_contain_text("no_such_column")
    assert server.client.get("/v1/jobs").json()["count"] == 0


def test_a_browsers_own_event_source_follows_a_job_to_its_end(start_server, browser):
    server = start_server(workers=1)
    job = queue_breast_cancer_job(server.client, epochs=400, batch_size=16)
    page = browser.new_page()
    page.goto(f"{server.url}/dashboard/")
    followed = page.evaluate(
        """(url) => new Promise((resolve, reject) => {
            const source = new EventSource(url), epochs = [];
            source.addEventListener("progress", (e) => JSON.parse(e.data).epochs.forEach((r) => epochs.push(r.epoch)));
            source.addEventListener("end", (e) => { source.close(); resolve({ epochs, end: JSON.parse(e.data) }); });
            source.onerror = () => { source.close(); reject(new Error("the stream failed")); };
        })""",
        f"/v1/jobs/{job['id']}/events?access_token={admin_key(server.data_dir)}",
    )
    assert followed["epochs"] == list(range(1, 401))
    assert followed["end"]["status"] == "succeeded" and followed["end"]["model_id"]
    assert server.output().count(admin_key(server.data_dir)) == 1  # printed at the first start; never logged after
