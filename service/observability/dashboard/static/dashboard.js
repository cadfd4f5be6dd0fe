// The dashboard: datasets, jobs (the selected one followed live over its event stream), models
// with their metrics and confusion matrix, and forms to upload a dataset and start a job. Talks
// to the same /v1 API as any client, with the key the user gives (kept in this browser only).
"use strict";

const $ = (selector) => document.querySelector(selector);
const state = { key: "", datasets: [], selectedJob: null, follow: null, chart: null };
const LIST_REFRESH_MS = 2000;

function text(value) {
  const span = document.createElement("span");
  span.textContent = value === null || value === undefined ? "" : String(value);
  return span.innerHTML;
}

function when(iso) {
  return iso ? new Date(iso).toLocaleString() : "";
}

function cost(value) {
  return value === null || value === undefined ? "" : value.toPrecision(4);
}

async function api(path, options = {}) {
  const headers = { Authorization: `Bearer ${state.key}`, ...(options.headers || {}) };
  const response = await fetch(path, { ...options, headers });
  const body = response.status === 204 ? null : await response.json();
  if (!response.ok) {
    const details = (body.errors || []).map((e) => `${e.field}: ${e.message}`);
    const error = new Error([body.detail, ...details].filter(Boolean).join("\n"));
    error.status = response.status;
    throw error;
  }
  return body;
}

// -- lists ------------------------------------------------------------------------------------

async function refreshLists() {
  if (!state.key) return;
  try {
    const [datasets, jobs, models] = await Promise.all([
      api("/v1/datasets?limit=100"), api("/v1/jobs?limit=100"), api("/v1/models?limit=100"),
    ]);
    $("#connection").textContent = "connected";
    renderDatasets(datasets);
    renderJobs(jobs);
    renderModels(models);
  } catch (error) {
    $("#connection").textContent = error.status === 401 ? "the key was refused" : `not connected: ${error.message}`;
  }
}

function renderDatasets(list) {
  state.datasets = list.data;
  $("#datasets-count").textContent = `(${list.count})`;
  $("#datasets tbody").innerHTML = list.data.map((d) =>
    `<tr><td>${when(d.created_at)}</td><td>${text(d.name)}</td><td>${d.row_count}</td><td>${d.column_count}</td><td>${d.format}</td></tr>`
  ).join("");
  const select = $("#job-dataset");
  const ids = list.data.map((d) => d.id).join();
  if (ids === state.datasetIds) return;  // unchanged: leave the form alone while someone fills it
  state.datasetIds = ids;
  const chosen = select.value;
  select.innerHTML = list.data.map((d) => `<option value="${d.id}">${text(d.name)} (${d.row_count} rows)</option>`).join("");
  if (chosen && list.data.some((d) => d.id === chosen)) select.value = chosen;
  if (select.value !== state.columnsOf) fillColumns();
}

function fillColumns() {
  const dataset = state.datasets.find((d) => d.id === $("#job-dataset").value);
  state.columnsOf = dataset ? dataset.id : null;
  const names = dataset ? dataset.columns.map((c) => c.name) : [];
  $("#job-target").innerHTML = names.map((n) => `<option>${text(n)}</option>`).join("");
  if (names.length) $("#job-target").value = names[names.length - 1];
  $("#job-exclude").value = names.filter((n) => n.toLowerCase() === "id").join(", ");
}

function renderJobs(list) {
  $("#jobs-count").textContent = `(${list.count})`;
  $("#jobs tbody").innerHTML = list.data.map((j) => {
    const selected = state.selectedJob === j.id ? " class=\"selected\"" : "";
    const p = j.progress;
    return `<tr data-job="${j.id}"${selected}><td>${when(j.created_at)}</td>` +
      `<td><span class="status ${j.status}">${j.status}</span></td><td>${text(j.target)}</td>` +
      `<td><progress max="${p.epochs}" value="${p.epoch}"></progress> ${p.epoch}/${p.epochs}</td>` +
      `<td>${cost(p.train_cost)}</td><td>${cost(p.validation_cost)}</td></tr>`;
  }).join("");
}

function headlineMetric(model) {
  const m = model.metrics;
  if ("accuracy" in m) return `accuracy ${(m.accuracy * 100).toFixed(1)} %`;
  if ("r2" in m) return `R² ${m.r2.toFixed(3)}`;
  return "";
}

function renderModels(list) {
  $("#models-count").textContent = `(${list.count})`;
  state.models = list.data;
  $("#models tbody").innerHTML = list.data.map((m) =>
    `<tr data-model="${m.id}"><td>${when(m.created_at)}</td><td>${m.task}</td><td>${text(m.target)}</td>` +
    `<td>${headlineMetric(m)}</td><td>${m.n_epochs}</td></tr>`
  ).join("");
}

// -- one job, followed live -------------------------------------------------------------------

function selectJob(jobId) {
  if (state.follow) state.follow.abort();
  state.selectedJob = jobId;
  state.follow = new AbortController();
  let attempt = 0;
  $("#job-detail").hidden = false;
  $("#job-id").textContent = jobId;
  $("#job-error").textContent = "";
  $("#job-plot-svg").href = `/v1/jobs/${jobId}/cost-history.svg`;
  $("#job-plot-png").href = `/v1/jobs/${jobId}/cost-history.png`;
  for (const row of document.querySelectorAll("#jobs tbody tr")) row.classList.toggle("selected", row.dataset.job === jobId);
  api(`/v1/jobs/${jobId}`).then((job) => {
    showStatus(job.status);
    const h = job.hyperparameters;
    $("#job-summary").textContent =
      `${job.task} of ${job.target}; hidden layers ${h.hidden_layers.join(", ")}; ${h.epochs} epochs; ` +
      `learning rate ${h.learning_rate}; ${h.optimizer}`;
    state.chart.reset(job.progress.epochs);
    followEvents(`/v1/jobs/${jobId}/events`, state.key, (kind, data) => {
      if (kind === "progress") {
        if (data.attempt !== attempt) {  // a rescued job starts over at epoch 1
          attempt = data.attempt;
          state.chart.reset(data.epochs_total);
        }
        state.chart.add(data.epochs);
      } else if (kind === "status") {
        showStatus(data.status);
      } else if (kind === "end") {
        showStatus(data.status);
        if (data.error) $("#job-error").textContent = data.error;
        refreshLists();
      } else if (kind === "error") {
        $("#job-error").textContent = data.detail;
      }
    }, state.follow.signal);
  }).catch((error) => { $("#job-error").textContent = error.message; });
}

function showStatus(status) {
  const badge = $("#job-status");
  badge.textContent = status;
  badge.className = `status ${status}`;
  $("#job-cancel").hidden = !(status === "queued" || status === "running");
}

// -- one model --------------------------------------------------------------------------------

function selectModel(modelId) {
  const model = (state.models || []).find((m) => m.id === modelId);
  if (!model) return;
  $("#model-detail").hidden = false;
  $("#model-id").textContent = model.id;
  $("#model-summary").textContent =
    `${model.task} of ${model.target} from ${model.features.length} features; ` +
    `layers ${model.architecture.layers.join(" → ")}; ${model.architecture.n_params} parameters`;
  const number = (v) => (Number.isInteger(v) ? String(v) : v.toFixed(4));
  const m = model.metrics;
  const rows = Object.entries(m).filter(([, v]) => typeof v === "number").map(([name, v]) => [name, number(v)]);
  if (m.macro) rows.push(["macro precision / recall / F1", ["precision", "recall", "f1"].map((k) => number(m.macro[k])).join(" / ")]);
  for (const [label, c] of Object.entries(m.per_class || {})) {
    rows.push([`${label}: precision / recall / F1 (support)`, `${number(c.precision)} / ${number(c.recall)} / ${number(c.f1)} (${c.support})`]);
  }
  $("#model-metrics").innerHTML = rows.map(([name, v]) => `<tr><th>${text(name)}</th><td>${text(v)}</td></tr>`).join("");
  const matrix = model.metrics.confusion_matrix;
  $("#confusion-title").hidden = !matrix;
  $("#confusion-matrix").innerHTML = matrix
    ? `<tr><th></th>${model.metrics.classes.map((c) => `<th>${text(c)}</th>`).join("")}</tr>` +
      matrix.map((row, i) => `<tr><th>${text(model.metrics.classes[i])}</th>${row.map((n) => `<td>${n}</td>`).join("")}</tr>`).join("")
    : "";
  const columns = model.preprocessing.columns;  // absent from models trained before encodings
  $("#columns-title").hidden = !columns;
  $("#model-columns").innerHTML = (columns || []).map((c) => `<tr><th>${text(c.name)}</th><td>${text(c.type)}</td>` +
    `<td>${text(describeColumn(c))}</td></tr>`).join("");
}

function describeColumn(c) {
  if (c.left_out) return `left out: ${c.left_out}`;
  const parts = [c.strategy];
  if (c.values_imputed) parts.push(`${c.values_imputed} values imputed`);
  if (c.levels_kept) parts.push(`levels ${c.levels_kept.join(", ")}` + (c.n_levels_pooled ? `; ${c.n_levels_pooled} pooled into <other>` : ""));
  return parts.join("; ");
}

// -- forms ------------------------------------------------------------------------------------

async function startJob(event) {
  event.preventDefault();
  $("#job-form-error").textContent = "";
  const list = (value) => value.split(",").map((s) => s.trim()).filter(Boolean);
  const hyperparameters = {
    hidden_layers: list($("#job-hidden").value).map(Number),
    epochs: Number($("#job-epochs").value),
    learning_rate: Number($("#job-learning-rate").value),
    batch_size: Number($("#job-batch-size").value),
  };
  if ($("#job-validation").value) hyperparameters.validation_fraction = Number($("#job-validation").value);
  const body = {
    dataset_id: $("#job-dataset").value,
    target: $("#job-target").value,
    exclude: list($("#job-exclude").value),
    hyperparameters,
  };
  if ($("#job-task").value) body.task = $("#job-task").value;
  try {
    const job = await api("/v1/jobs", {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body),
    });
    await refreshLists();
    selectJob(job.id);
  } catch (error) {
    $("#job-form-error").textContent = error.message;
  }
}

async function upload(event) {
  event.preventDefault();
  $("#upload-error").textContent = "";
  const file = $("#upload-file").files[0];
  if (!file) { $("#upload-error").textContent = "choose a file"; return; }
  const form = new FormData();
  form.append("file", file);
  try {
    const dataset = await api("/v1/datasets", { method: "POST", body: form });
    $("#job-dataset").value = dataset.id;
    await refreshLists();
    $("#job-dataset").value = dataset.id;
    fillColumns();
  } catch (error) {
    $("#upload-error").textContent = error.message;
  }
}

async function openWithKey(event) {
  // the plot routes need the key too, which a plain link cannot send
  event.preventDefault();
  const response = await fetch(event.target.href, { headers: { Authorization: `Bearer ${state.key}` } });
  window.open(URL.createObjectURL(await response.blob()), "_blank");
}

function connect(key) {
  state.key = key.trim();
  localStorage.setItem("nnservice-key", state.key);
  refreshLists();
}

window.addEventListener("DOMContentLoaded", () => {
  state.chart = new CostChart($("#cost-chart"));
  // A key may come in the address's fragment (never sent to the server): #key=nns_...
  const fromFragment = new URLSearchParams(location.hash.slice(1)).get("key");
  if (fromFragment) history.replaceState(null, "", location.pathname);
  const key = fromFragment || localStorage.getItem("nnservice-key") || "";
  $("#key").value = key;
  $("#key-form").addEventListener("submit", (e) => { e.preventDefault(); connect($("#key").value); });
  $("#job-form").addEventListener("submit", startJob);
  $("#upload-form").addEventListener("submit", upload);
  $("#job-dataset").addEventListener("change", fillColumns);
  $("#jobs tbody").addEventListener("click", (e) => { const row = e.target.closest("tr"); if (row) selectJob(row.dataset.job); });
  $("#models tbody").addEventListener("click", (e) => { const row = e.target.closest("tr"); if (row) selectModel(row.dataset.model); });
  for (const link of ["#job-plot-svg", "#job-plot-png"]) $(link).addEventListener("click", openWithKey);
  $("#job-cancel").addEventListener("click", () => api(`/v1/jobs/${state.selectedJob}/cancel`, { method: "POST" }).then(refreshLists));
  if (key) connect(key);
  setInterval(refreshLists, LIST_REFRESH_MS);
});
