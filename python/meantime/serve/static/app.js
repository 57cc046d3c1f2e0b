// The advisor's page: the case's form, its answer, its versions and the files to hand over.
"use strict";

const state = { groups: [], info: {}, essentials: [], values: {}, stated: new Set(), caseId: null, versionId: null,
                cases: [], runTimer: null, lastRun: 0, answered: 0, completed: 0, loads: 0,
                guided: null, guidedApplied: {}, guidedTicket: 0, guidedShown: 0, byHand: new Set(), offered: new Set(), titleTyped: false };
const $ = id => document.getElementById(id);
const OPEN_GROUPS = new Set(["market", "business", "household", "funding", "benefits"]);

async function api(method, url, body, raw) {
  const options = { method, headers: {} };
  if (raw !== undefined) { options.body = raw; options.headers["Content-Type"] = "application/octet-stream"; }
  else if (body !== undefined) { options.body = JSON.stringify(body); options.headers["Content-Type"] = "application/json"; }
  const response = await fetch(url, options);
  const type = response.headers.get("Content-Type") || "";
  const data = type.includes("json") ? await response.json() : await response.text();
  if (!response.ok && response.status !== 202) {
    const error = new Error(data.error || data || `the server answered ${response.status}`);
    error.problems = data.problems || {};
    throw error;
  }
  return data;
}

// A job (run, comparison, report): its answer, with the progress bar moving meanwhile.
async function finish(job, showBar = true) {
  const bar = $("progress");
  if (showBar) bar.hidden = false;
  while (job.state === "waiting" || job.state === "running") {
    if (showBar) { bar.max = job.total || 1; bar.value = job.done || 0; }
    await new Promise(r => setTimeout(r, 200));
    job = await api("GET", `/api/jobs/${job.id}`);
  }
  if (showBar) bar.hidden = true;
  if (job.state !== "done") throw Object.assign(new Error(job.error || job.state), { cancelled: job.state === "cancelled" });
  return job.result;
}

// -- the form ---------------------------------------------------------------------------------------

function fieldId(path) { return "f-" + path.replace(/[^A-Za-z0-9_]/g, "-"); }

function buildForm() {
  const form = $("form");
  form.textContent = "";
  for (const group of state.groups) {
    const details = document.createElement("details");
    details.open = OPEN_GROUPS.has(group.group);
    details.dataset.group = group.group;
    const summary = document.createElement("summary");
    summary.textContent = group.group.replace(/_/g, " ");
    details.appendChild(summary);
    const records = {};  // a record inside the group (routes, renewal...) folds away under its name
    for (const f of group.fields) {
      state.info[f.path] = f;
      const record = f.label.includes(": ") ? f.label.split(": ")[0] : null;
      let place = details;
      if (record) {
        if (!records[record]) {
          records[record] = document.createElement("details");
          records[record].className = "record";
          const s = document.createElement("summary"); s.textContent = record.replace(/_/g, " ");
          records[record].appendChild(s);
          details.appendChild(records[record]);
        }
        place = records[record];
      }
      const row = document.createElement("div");
      row.className = "field"; row.dataset.path = f.path;
      const label = document.createElement("label");
      label.htmlFor = fieldId(f.path);
      label.textContent = f.label + " ";
      if (f.unit) { const u = document.createElement("span"); u.className = "unit"; u.textContent = `(${f.unit})`; label.appendChild(u); }
      const mark = document.createElement("span");
      mark.className = "default-mark"; mark.textContent = "default";
      const offered = document.createElement("span");  // a question's answer offered, taken as it was left empty
      offered.className = "offered-mark"; offered.textContent = "offered";
      label.append(" ", mark, offered);
      let input;
      if (f.type === "boolean") { input = document.createElement("input"); input.type = "checkbox"; }
      else if (f.type === "choice") {
        input = document.createElement("select");
        for (const c of f.choices) { const o = document.createElement("option"); o.value = o.textContent = c; input.appendChild(o); }
      } else { input = document.createElement("input"); input.type = "text"; }
      input.id = fieldId(f.path);
      input.name = f.path;
      input.addEventListener("change", () => changed(f.path));
      const help = document.createElement("small");
      const range = f.range.replace(/\d+\.\d{5,}/g, x => String(Number(Number(x).toPrecision(3))));
      help.textContent = f.help + (range ? `; valid ${range}` : "") + `; default ${f.default}.`;
      const problem = document.createElement("div");
      problem.className = "problem";
      row.append(label, input, help, problem);
      place.appendChild(row);
    }
    form.appendChild(details);
  }
}

function showValues() {
  for (const [path, value] of Object.entries(state.values)) {
    const input = $(fieldId(path));
    if (!input) continue;
    if (input.type === "checkbox") input.checked = !!value; else input.value = value;
    const row = input.closest(".field");
    row.classList.toggle("stated", state.stated.has(path));
    row.classList.toggle("offered", state.offered.has(path) && !state.byHand.has(path));
  }
  showProblems({});
}

function readValue(path) {
  const input = $(fieldId(path));
  return input.type === "checkbox" ? input.checked : input.value;
}

function changed(path) {
  state.values[path] = readValue(path);
  state.stated.add(path);
  state.byHand.add(path);
  $(fieldId(path)).closest(".field").classList.add("stated");
  $(fieldId(path)).closest(".field").classList.remove("offered");
  state.versionId = null;
  clearTimeout(state.runTimer);  // changes made together (a field left for the next) are run once
  state.runTimer = setTimeout(() => run(10000), 50);
}

function showProblems(problems) {
  document.querySelectorAll(".field.wrong").forEach(row => { row.classList.remove("wrong"); row.querySelector(".problem").textContent = ""; });
  const general = [];
  for (const [path, rule] of Object.entries(problems || {})) {
    const input = state.info[path] && $(fieldId(path));
    if (input) {
      const row = input.closest(".field");
      row.classList.add("wrong");
      row.querySelector(".problem").textContent = `${path} ${rule}`;
      for (let d = row.closest("details"); d; d = d.parentElement.closest("details")) d.open = true;
    }
    general.push(`${path || "the scenario"}: ${rule}`);
  }
  const box = $("problems");
  box.hidden = general.length === 0;
  box.textContent = general.length ? "Some values need attention. " + general.join("; ") : "";
}

function loadCase(data, keepCase) {
  state.values = Object.assign({}, data.values);
  state.stated = new Set(data.stated || []);
  state.byHand = new Set();
  state.titleTyped = false;
  if (!keepCase) { state.caseId = null; state.versionId = null; }
  $("case-name").value = data.name || "New idea";
  showGuided(data.guided || null, true);
  if (!data.guided) state.offered = new Set(data.offered || []);  // a saved version's
  showValues();
}

// -- the blank guided case: the questions of `meantime new` ------------------------------------------

function buildQuestions(questions) {
  const box = $("questions");
  if (box.childElementCount) return;
  for (const q of questions) {
    const row = document.createElement("div");
    row.className = "question"; row.dataset.key = q.key;
    const label = document.createElement("label");
    label.htmlFor = "q-" + q.key; label.textContent = q.ask;
    const input = document.createElement("input");
    input.type = "text"; input.id = "q-" + q.key; input.maxLength = 200;
    if (q.default !== null) input.placeholder = q.default;
    input.addEventListener("change", answered);
    const help = document.createElement("small");
    help.textContent = q.help + (q.default !== null ? ` Left empty: ${q.default} (${q.because}).` : "");
    const problem = document.createElement("div");
    problem.className = "problem";
    row.append(label, input, help, problem);
    box.appendChild(row);
  }
}

// The questions still to answer: those with no answer and no default offered, unless their field
// has since been typed into the form itself.
function unanswered() {
  const g = state.guided;
  if (!g) return [];
  const asks = Object.fromEntries(g.questions.map(q => [q.key, q]));
  return g.missing.map(k => asks[k]).filter(q => !q.field || !state.byHand.has(q.field))
    .concat(Object.keys(g.problems).map(k => asks[k]));
}

function showGuided(g, fresh) {
  state.guided = g;
  $("guided").hidden = !g;
  state.offered = new Set(g ? g.offered : []);
  if (!g) return;
  buildQuestions(g.questions);
  if (fresh) state.guidedApplied = {};
  const left = new Set(g.missing);
  for (const q of g.questions) {
    const row = document.querySelector(`.question[data-key="${q.key}"]`);
    row.hidden = !q.asked;
    row.classList.toggle("wrong", q.key in g.problems);
    row.classList.toggle("todo", left.has(q.key));
    row.querySelector(".problem").textContent = g.problems[q.key] || "";
    if (fresh) row.querySelector("input").value = q.answer;
  }
  // Each value an answer sets goes into the form, stated; one typed into the form since stays.
  for (const [path, value] of Object.entries(g.values)) {
    if (state.guidedApplied[path] !== value) {
      state.values[path] = value; state.stated.add(path); state.guidedApplied[path] = value;
    }
  }
  if (g.title && !state.titleTyped) $("case-name").value = g.title;
  const todo = unanswered().length;
  $("guided-status").textContent = todo
    ? `${todo} question${todo > 1 ? "s" : ""} (marked) to answer before the answer.`
    : "All answered: the answer follows every change, here or in the form.";
}

async function answered() {
  const ticket = ++state.guidedTicket;
  const answers = {};
  document.querySelectorAll("#questions .question").forEach(row => {
    if (!row.hidden) answers[row.dataset.key] = row.querySelector("input").value;
  });
  try {
    const g = await api("POST", "/api/guided", { answers });
    if (ticket !== state.guidedTicket || !state.guided) return;
    showGuided(g, false);
    showValues();
    state.guidedShown = ticket;
    state.versionId = null;
    clearTimeout(state.runTimer);
    state.runTimer = setTimeout(() => run(10000), 50);
  } catch (error) {
    showProblems(Object.keys(error.problems || {}).length ? error.problems : { "": error.message });
  }
}

// -- running ------------------------------------------------------------------------------------------

async function run(paths) {
  paths = paths || Number($("paths").value);
  const seed = Number($("seed").value);
  const ticket = ++state.lastRun;
  const left = unanswered();
  if (left.length) {  // a guided case answers once the founder's own figures are in
    $("answer").innerHTML = `<p class="note" id="waiting">The answer appears here once the questions are answered
      (${left.length} left).</p>`;
    $("case-status").textContent = "";
    return;
  }
  $("case-status").textContent = "running...";
  try {
    const request = { values: state.values, paths, seed, version: state.versionId };
    const job = await api("POST", "/api/run", request);
    const answer = await finish(job);
    if (ticket !== state.lastRun) return;
    showProblems({});
    showAnswer(answer);
    state.answered = ticket;
    $("case-status").textContent = `${answer.paths.toLocaleString("en-GB")} futures in ${answer.seconds.toFixed(2)} s`;
    await completeAnswer(answer, ticket, request);
  } catch (error) {
    if (error.cancelled || ticket !== state.lastRun) return;
    showProblems(Object.keys(error.problems || {}).length ? error.problems : { "": error.message });
    $("case-status").textContent = "";
  }
}

function capitalWhat(a) {
  const [low, high] = a.extra_capital_90_interval || [null, null];
  const interval = low !== null && high !== null && low !== high
    ? ` (95% interval ${Charts.pounds(low)} to ${Charts.pounds(high)})` : "";
  return `more starting capital for a 9 in 10 chance${interval}`;
}

function card(big, what, id) {
  return `<div class="card"${id ? ` id="${id}"` : ""}><div class="big">${big}</div><div class="what">${what}</div></div>`;
}

// The extra capital's card: "…" while the search on savings that finds it runs.
function capitalCard(a) {
  const big = a.capital && !a.capital.line ? "…" : a.extra_capital_90 === null ? "none" : Charts.pounds(a.extra_capital_90);
  return card(big, capitalWhat(a), "capital-card");
}

function escapeHtml(text) {
  return String(text).replace(/[&<>"]/g, c => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c]));
}

function showAnswer(a) {
  const pc = p => `${(100 * p.p).toFixed(1)}%`;
  const half = m => (m === null ? `half not within ${a.months} months` : `half by month ${m}`);
  $("print-title").textContent = `${$("case-name").value}: ${a.paths.toLocaleString("en-GB")} futures, seed ${a.seed}`;
  const box = $("answer");
  box.innerHTML = `<p id="headline">${escapeHtml(a.headline)}</p>
    <p id="verdict"><b>${escapeHtml(a.verdict)}</b></p>
    <div class="cards">
      ${card(pc(a.survival), `get through ${a.months} months`)}
      ${card(pc(a.operating), `cover the business's costs (${half(a.median_month_operating)})`)}
      ${card(pc(a.living), `also pay the founder's way (${half(a.median_month_living)})`)}
      ${capitalCard(a)}
      ${card(a.benefits.enabled ? Charts.pounds(a.benefits.per_future || 0) : "off", "household's benefits per future, in all")}
    </div>
    <ul id="words">${wordItems(a)}</ul>${fromExample()}`;
  const figure = (title, draw) => {
    const f = document.createElement("figure");
    draw(f);
    const c = document.createElement("figcaption"); c.textContent = title; f.appendChild(c);
    box.appendChild(f);
  };
  figure(`Combined cash (business and household): futures that get through apart from those that run out, middle half and nine in ten of each, from ${a.fan.paths.toLocaleString("en-GB")} futures.`,
         f => Charts.fan(f, a.fan, a.months));
  figure("Share of futures still going at the end of each month.",
         f => Charts.curve(f, a.survival_curve, a.months, "#111", Charts.percent, "survival"));
  figure("Clients each month: the median future, and eight in ten futures between the band's edges.",
         f => Charts.spread(f, a.clients, a.months));
  figure("When the business first covers its costs (grey) and also pays the founder's way (dark), as shares of all futures.",
         f => Charts.bars(f, a.break_even, a.months, a.paths));
  if (a.benefits.enabled) {
    figure("The household's benefits each month, the mean over futures.",
           f => Charts.curve(f, a.benefits.mean, a.months, "#762a83", Charts.pounds, "benefits"));
  }
}

// The essentials not yet the founder's own, said under the answer (and on the printed page), as
// `meantime run` says them under its own.
function fromExample() {
  const borrowed = state.essentials.filter(path => !state.stated.has(path) || state.offered.has(path) && !state.byHand.has(path));
  if (!borrowed.length) return "";
  const label = path => state.info[path] ? state.info[path].label : path;
  return `<p class="note" id="from-example">Not yet the founder's own (the built-in example's or a question's offered
    answer): ${borrowed.map(p => `${escapeHtml(label(p))} ${escapeHtml(String(state.values[p]))}`).join("; ")}.</p>`;
}

// The lines that follow the answer, asked for once the rest is shown: the same futures without
// benefits (a second run as long as the first) and, where a search on savings finds it, the extra
// starting capital (about ten runs).
const FOLLOW_UPS = [
  { key: "without_benefits", id: "without-benefits", url: "/api/without-benefits",
    pending: "Without benefits: running the same futures without them...", failed: "Without benefits" },
  { key: "capital", id: "capital", url: "/api/capital",
    pending: "Extra starting capital: searching for the savings that carry 9 in 10 futures through...",
    failed: "Extra starting capital" },
];

// The answer's words as `meantime run` prints them, each follow-up's line in its place.
function wordItems(a) {
  const lines = a.words.map(w => `<li>${escapeHtml(w)}</li>`);
  // The later place first, so that the earlier's index still holds; at one place, the later
  // follow-up first, so that the lines stand in FOLLOW_UPS's order (as `meantime run` prints them).
  const places = FOLLOW_UPS.map((f, order) => ({ ...f, order })).filter(f => a[f.key] && a[f.key].at !== null)
    .sort((x, y) => a[y.key].at - a[x.key].at || y.order - x.order);
  for (const f of places) {
    const item = a[f.key];
    lines.splice(item.at, 0, item.line ? `<li id="${f.id}">${escapeHtml(item.line)}</li>`
      : `<li id="${f.id}" class="pending">${escapeHtml(f.pending)}</li>`);
  }
  return lines.slice(1).join("");
}

async function completeAnswer(a, ticket, request) {
  for (const f of FOLLOW_UPS) {
    const item = a[f.key];
    if (!item || item.line) continue;
    try {
      const r = await finish(await api("POST", f.url, request), request.paths > 10000);  // a bar when long
      if (ticket !== state.lastRun) return;
      Object.assign(item, r);
      if (f.key === "capital") {
        a.extra_capital_90 = r.extra;
        a.extra_capital_90_interval = r.interval;
        $("capital-card").outerHTML = capitalCard(a);
      }
      $("words").innerHTML = wordItems(a);
    } catch (error) {
      if (error.cancelled || ticket !== state.lastRun) return;
      $(f.id).textContent = `${f.failed}: not worked out (${error.message}).`;
      return;
    }
  }
  state.completed = ticket;
}

// -- cases and versions -----------------------------------------------------------------------------

async function refreshCases() {
  const data = await api("GET", "/api/cases");
  state.cases = data.cases;
  const list = $("cases");
  list.textContent = "";
  if (!data.cases.length) list.innerHTML = '<li class="note">none yet</li>';
  for (const c of data.cases) {
    const item = document.createElement("li");
    item.innerHTML = `<b>${escapeHtml(c.name)}</b> `;
    const remove = document.createElement("button");
    remove.type = "button"; remove.className = "delete"; remove.textContent = "delete";
    remove.title = `delete the case "${c.name}" and its versions`;
    remove.addEventListener("click", async () => {
      if (!window.confirm(`Delete "${c.name}" and its ${c.versions.length} version(s)? This cannot be undone.`)) return;
      await api("DELETE", `/api/cases/${c.id}`);
      if (state.caseId === c.id) { state.caseId = null; state.versionId = null; }
      await refreshCases();
    });
    item.appendChild(remove);
    const versions = document.createElement("ul");
    for (const v of c.versions) {
      const li = document.createElement("li");
      const link = document.createElement("a");
      link.href = "#"; link.textContent = v.name; link.dataset.version = v.id;
      link.addEventListener("click", event => { event.preventDefault(); openVersion(v.id); });
      li.appendChild(link);
      versions.appendChild(li);
    }
    item.appendChild(versions);
    list.appendChild(item);
  }
  fillCompare();
}

function caseVersions() {
  const c = state.cases.find(c => c.id === state.caseId);
  return c ? c.versions : [];
}

function fillCompare() {
  for (const id of ["compare-first", "compare-second"]) {
    const select = $(id), keep = select.value;
    select.textContent = "";
    const now = document.createElement("option"); now.value = "form"; now.textContent = "the form as it is"; select.appendChild(now);
    for (const v of caseVersions()) {
      const o = document.createElement("option"); o.value = v.id; o.textContent = v.name; select.appendChild(o);
    }
    if ([...select.options].some(o => o.value === keep)) select.value = keep;
  }
}

async function openVersion(id) {
  const ticket = ++state.loads;  // the case asked for last is the one shown, whichever answers first
  const v = await api("GET", `/api/versions/${id}`);
  if (ticket !== state.loads) return;
  loadCase({ name: v.case_name, values: v.scenario, stated: v.stated, offered: v.offered }, true);
  state.caseId = v.case_id; state.versionId = v.id;
  $("version-name").value = v.name;
  fillCompare();
  if (!v.answer) { run(10000); return; }
  const shown = ++state.lastRun;
  showAnswer(v.answer);
  state.answered = shown;
  await completeAnswer(v.answer, shown, { values: v.scenario, paths: v.answer.paths, seed: v.answer.seed, version: v.id });
}

async function save() {
  $("save-status").textContent = "saving...";
  try {
    const ids = await api("POST", "/api/cases", { case: state.caseId, case_name: $("case-name").value,
      version_name: $("version-name").value, values: state.values, stated: [...state.stated],
      offered: [...state.offered].filter(path => !state.byHand.has(path)) });
    state.caseId = ids.case; state.versionId = ids.version;
    await refreshCases();
    $("save-status").textContent = `saved as "${$("version-name").value}"`;
  } catch (error) {
    showProblems(Object.keys(error.problems || {}).length ? error.problems : { "": error.message });
    $("save-status").textContent = "not saved";
  }
}

async function side(selectId) {
  const value = $(selectId).value;
  if (value === "form") return { name: "the form", values: state.values };
  const v = await api("GET", `/api/versions/${value}`);
  return { name: v.name, values: v.scenario };
}

async function compare() {
  const box = $("comparison");
  box.textContent = "comparing...";
  try {
    const job = await api("POST", "/api/compare", { first: await side("compare-first"), second: await side("compare-second"),
      paths: Number($("paths").value), seed: Number($("seed").value) });
    const c = await finish(job);
    const show = (v, unit) => v === null ? "-" : unit === "probability" || unit === "share" ? `${(100 * v).toFixed(1)}%`
      : unit.startsWith("pounds") ? Charts.pounds(v) : v.toLocaleString("en-GB", { maximumFractionDigits: 1 });
    const diff = (r) => r.difference === null ? "-" : (r.unit === "probability" || r.unit === "share")
      ? `${(100 * r.difference >= 0 ? "+" : "")}${(100 * r.difference).toFixed(1)} ± ${(100 * (r.difference_pm || 0)).toFixed(1)} points`
      : `${r.difference >= 0 ? "+" : ""}${show(r.difference, r.unit)}` + (r.difference_pm === null ? "" : ` ± ${show(r.difference_pm, r.unit)}`);
    box.innerHTML = `<table class="compare" id="comparison-table"><thead><tr><th>answer</th><th>${escapeHtml(c.first)}</th>
      <th>${escapeHtml(c.second)}</th><th>difference (same futures)</th></tr></thead><tbody>
      ${c.rows.map(r => `<tr data-answer="${r.answer}"><td title="${escapeHtml(r.meaning)}">${r.answer.replace(/_/g, " ")}</td>
        <td>${show(r.first, r.unit)}</td><td>${show(r.second, r.unit)}</td><td>${diff(r)}</td></tr>`).join("")}
      </tbody></table><p class="note">${c.paths.toLocaleString("en-GB")} futures each, seed ${c.seed}: both versions meet the
      same luck path by path, so the differences are paired; ${escapeHtml(c.convention)}.</p>`;
  } catch (error) {
    box.textContent = "";
    showProblems(Object.keys(error.problems || {}).length ? error.problems : { "": error.message });
  }
}

// -- handing over ----------------------------------------------------------------------------------

function download(text, name, type) {
  const link = document.createElement("a");
  link.href = URL.createObjectURL(new Blob([text], { type }));
  link.download = name;
  document.body.appendChild(link); link.click(); link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 60000);
}

function fileName() { return ($("case-name").value.replace(/[^A-Za-z0-9_-]+/g, "_").replace(/^_+|_+$/g, "") || "case"); }

async function handover(what) {
  const status = $("handover-status");
  try {
    if (what === "file") {
      const text = await api("POST", "/api/scenario-file", { values: state.values, stated: [...state.stated], title: $("case-name").value });
      download(text, `${fileName()}.toml`, "application/toml");
      status.textContent = `downloaded ${fileName()}.toml`;
    } else {
      status.textContent = "writing the report...";
      const job = await api("POST", "/api/report", { values: state.values, paths: Number($("paths").value),
        seed: Number($("seed").value), title: $("case-name").value });
      download(await finish(job), `${fileName()}.html`, "text/html");
      status.textContent = `downloaded ${fileName()}.html`;
    }
  } catch (error) {
    status.textContent = "";
    showProblems(Object.keys(error.problems || {}).length ? error.problems : { "": error.message });
  }
}

async function upload() {
  const file = $("upload").files[0], message = $("upload-message");
  if (!file) return;
  message.textContent = "";
  const ticket = ++state.loads;
  try {
    const data = await api("POST", `/api/upload?name=${encodeURIComponent(file.name)}`, undefined, await file.arrayBuffer());
    if (ticket !== state.loads) return;
    loadCase(data);
    run(10000);
  } catch (error) {
    message.textContent = error.message;
  } finally {
    $("upload").value = "";
  }
}

async function start(kind) {
  const ticket = ++state.loads;
  const data = await api("GET", `/api/start/${kind}`);
  if (ticket !== state.loads) return;
  loadCase(data);
  run(10000);
}

async function main() {
  const data = await api("GET", "/api/fields");
  state.groups = data.groups;
  state.essentials = data.essentials;
  buildForm();
  for (const name of data.examples) {
    const o = document.createElement("option"); o.value = name; o.textContent = name.replace(/_/g, " "); $("example").appendChild(o);
  }
  $("start-blank").addEventListener("click", () => start("blank"));
  $("start-example").addEventListener("click", () => start($("example").value));
  $("upload").addEventListener("change", upload);
  $("run").addEventListener("click", () => run());
  $("save").addEventListener("click", save);
  $("compare").addEventListener("click", compare);
  $("download-file").addEventListener("click", () => handover("file"));
  $("download-report").addEventListener("click", () => handover("report"));
  $("print").addEventListener("click", () => window.print());
  $("case-name").addEventListener("change", () => { state.versionId = null; state.titleTyped = true; });
  await refreshCases();
  await start("blank");
  document.body.dataset.ready = "yes";
}

main().catch(error => { $("problems").hidden = false; $("problems").textContent = `The page could not start: ${error.message}`; });
