// Small SVG charts for the answer, drawn here so that the page needs nothing from elsewhere.
"use strict";

const Charts = (() => {
  const NS = "http://www.w3.org/2000/svg";
  const W = 520, H = 230, M = { left: 62, right: 12, top: 12, bottom: 34 };

  function el(name, attrs, parent) {
    const node = document.createElementNS(NS, name);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    if (parent) parent.appendChild(node);
    return node;
  }

  function niceTicks(lo, hi, count) {
    if (!(hi > lo)) { hi = lo + 1; }
    const raw = (hi - lo) / count, mag = Math.pow(10, Math.floor(Math.log10(raw)));
    const step = [1, 2, 5, 10].map(m => m * mag).find(s => s >= raw);
    const ticks = [];
    for (let t = Math.ceil(lo / step) * step; t <= hi + 1e-9; t += step) ticks.push(t);
    return ticks;
  }

  // A frame with axes for x in [1, months] and y in [lo, hi]; returns scales and the svg.
  function frame(container, months, lo, hi, yFormat, title) {
    const svg = el("svg", { viewBox: `0 0 ${W} ${H}`, class: "chart", role: "img", "aria-label": title });
    container.appendChild(svg);
    const x = m => M.left + (m - 1) / Math.max(months - 1, 1) * (W - M.left - M.right);
    const y = v => H - M.bottom - (v - lo) / (hi - lo || 1) * (H - M.top - M.bottom);
    for (const t of niceTicks(lo, hi, 5)) {
      el("line", { x1: M.left, x2: W - M.right, y1: y(t), y2: y(t), stroke: "#ddd" }, svg);
      el("text", { x: M.left - 4, y: y(t) + 4, "text-anchor": "end" }, svg).textContent = yFormat(t);
    }
    for (const t of niceTicks(1, months, 6).filter(t => t >= 1 && Number.isInteger(t))) {
      el("text", { x: x(t), y: H - M.bottom + 14, "text-anchor": "middle" }, svg).textContent = t;
    }
    el("text", { x: (M.left + W - M.right) / 2, y: H - 4, "text-anchor": "middle" }, svg).textContent = "month";
    el("line", { x1: M.left, x2: M.left, y1: M.top, y2: H - M.bottom, stroke: "#333" }, svg);
    return { svg, x, y };
  }

  function path(points) {
    return points.filter(p => p[1] !== null && isFinite(p[1]))
      .map((p, i) => `${i ? "L" : "M"}${p[0].toFixed(1)},${p[1].toFixed(1)}`).join("");
  }

  function band(f, lower, upper, fill, opacity) {
    const ok = lower.map((v, i) => v !== null && upper[i] !== null);
    const top = upper.map((v, i) => [f.x(i + 1), f.y(v)]).filter((_, i) => ok[i]);
    const bottom = lower.map((v, i) => [f.x(i + 1), f.y(v)]).filter((_, i) => ok[i]).reverse();
    if (!top.length) return;
    el("path", { d: path(top) + path(bottom).replace(/^M/, "L") + "Z", fill, "fill-opacity": opacity }, f.svg);
  }

  function line(f, values, stroke, dash) {
    el("path", { d: path(values.map((v, i) => [f.x(i + 1), v === null ? null : f.y(v)])), fill: "none", stroke,
                 "stroke-width": 2, "stroke-dasharray": dash || "none" }, f.svg);
  }

  function legend(f, items, right) {
    const left = right ? W - M.right - 170 : M.left + 8;
    items.forEach(([label, colour], i) => {
      el("rect", { x: left, y: M.top + 4 + i * 15, width: 10, height: 10, fill: colour }, f.svg);
      el("text", { x: left + 14, y: M.top + 13 + i * 15 }, f.svg).textContent = label;
    });
  }

  const pounds = v => (v < 0 ? "-£" : "£") + Math.abs(v).toLocaleString("en-GB", { maximumFractionDigits: 0 });
  const percent = v => `${Math.round(100 * v)}%`;
  const count = v => v.toLocaleString("en-GB", { maximumFractionDigits: 1 });

  function extent(arrays) {
    const all = arrays.flat().filter(v => v !== null && isFinite(v));
    return all.length ? [Math.min(0, ...all), Math.max(...all, 1)] : [0, 1];
  }

  // Combined cash of the futures that got through (green) apart from those that failed (red).
  function fan(container, fanData, months) {
    const groups = [["survivors", "#1b7837"], ["failures", "#b2182b"]].filter(([k]) => fanData[k].count > 0);
    const [lo, hi] = extent(groups.flatMap(([k]) => [fanData[k].q05, fanData[k].q95]));
    const f = frame(container, months, lo, hi, pounds, "cash fan");
    for (const [k, colour] of groups) {
      band(f, fanData[k].q05, fanData[k].q95, colour, 0.15);
      band(f, fanData[k].q25, fanData[k].q75, colour, 0.3);
      line(f, fanData[k].q50, colour);
    }
    el("line", { x1: M.left, x2: W - M.right, y1: f.y(0), y2: f.y(0), stroke: "#000", "stroke-dasharray": "4 3" }, f.svg);
    legend(f, groups.map(([k, c]) => [`${k} (${fanData[k].count.toLocaleString("en-GB")} futures)`, c]));
  }

  function curve(container, values, months, colour, format, title) {
    const [lo, hi] = format === percent ? [0, 1] : extent([values]);
    const f = frame(container, months, lo, hi, format, title);
    line(f, values, colour);
  }

  function spread(container, q, months) {
    const [lo, hi] = extent([q.q10, q.q90]);
    const f = frame(container, months, lo, hi, count, "clients");
    band(f, q.q10, q.q90, "#2166ac", 0.2);
    line(f, q.q50, "#2166ac");
  }

  // How many futures first break even in each month: operating (grey) and living (dark).
  function bars(container, be, months, paths) {
    const share = be.operating.map(c => c / paths).concat(be.living.map(c => c / paths));
    const f = frame(container, months, 0, Math.max(...share, 0.01), percent, "break-even months");
    const width = (W - M.left - M.right) / months / 2.2;
    [["operating", "#999", 0], ["living", "#333", 1]].forEach(([k, colour, shift]) => {
      be[k].forEach((c, i) => {
        const top = f.y(c / paths);
        el("rect", { x: f.x(i + 1) - width + shift * width, y: top, width, height: H - M.bottom - top, fill: colour }, f.svg);
      });
    });
    legend(f, [["covers its costs", "#999"], ["pays the founder's way", "#333"]], true);
  }

  return { fan, curve, spread, bars, pounds, percent };
})();
