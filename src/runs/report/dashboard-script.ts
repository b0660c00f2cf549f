/**
 * The dashboard's own inline script (plain browser JavaScript, no dependency but Chart.js): draws
 * the charts from the JSON data block, and makes every `table[data-table]` sortable (a button in
 * each column heading, `aria-sort` on the heading) and filterable (the text box and the status
 * select that name the table). It reads only the page; it sends nothing anywhere.
 */
export const DASHBOARD_SCRIPT = `(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("dashboard-data").textContent);
  var Chart = window.Chart;
  // Colours come from the page's CSS (light or dark); on paper, always the light ones on white.
  var PRINT = { fg: "#000000", grid: "rgba(0,0,0,.2)", open: "#0969da", opened: "#8250df", closed: "#1a7f37", done: "#1a7f37", overdue: "#cf222e" };
  function palette(print) {
    if (print) return PRINT;
    var css = getComputedStyle(document.documentElement);
    var out = {};
    Object.keys(PRINT).forEach(function (name) { out[name] = css.getPropertyValue("--" + name).trim(); });
    return out;
  }
  Chart.defaults.animation = false;
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  var charts = {};
  var colours = {};
  function draw(id, config, datasetColours) {
    var canvas = document.getElementById(id);
    if (!canvas) return;
    charts[id] = new Chart(canvas, config);
    colours[id] = datasetColours;
  }
  function paint(print) {
    var p = palette(print);
    Object.keys(charts).forEach(function (id) {
      var chart = charts[id];
      chart.data.datasets.forEach(function (dataset, i) {
        dataset.backgroundColor = p[colours[id][i]];
        dataset.borderColor = p[colours[id][i]];
      });
      chart.options.color = p.fg;
      chart.options.plugins.legend.labels.color = p.fg;
      Object.keys(chart.options.scales).forEach(function (axis) {
        var scale = chart.options.scales[axis];
        scale.ticks.color = p.fg;
        scale.grid.color = p.grid;
      });
      if (print) chart.resize();
      chart.update();
    });
  }
  var percent = { y: { beginAtZero: true, max: 100, ticks: { callback: function (v) { return v + "%"; } } } };
  var counts = { y: { beginAtZero: true, ticks: { precision: 0 } } };
  draw("chart-burndown", {
    data: {
      labels: data.burndown.labels,
      datasets: [
        { type: "line", label: data.burndown.names[0], data: data.burndown.open, pointStyle: "circle", pointRadius: 4 },
        { type: "bar", label: data.burndown.names[1], data: data.burndown.opened },
        { type: "bar", label: data.burndown.names[2], data: data.burndown.closed }
      ]
    },
    options: { maintainAspectRatio: false, scales: { x: {}, y: counts.y } }
  }, ["open", "opened", "closed"]);
  draw("chart-attainment", {
    type: "bar",
    data: { labels: data.attainment.labels, datasets: [{ label: data.attainment.name, data: data.attainment.rates }] },
    options: { maintainAspectRatio: false, scales: { x: {}, y: percent.y }, plugins: { legend: { display: false } } }
  }, ["done"]);
  draw("chart-aging", {
    type: "bar",
    data: { labels: data.aging.labels, datasets: [{ label: data.aging.name, data: data.aging.counts }] },
    options: { maintainAspectRatio: false, scales: { x: {}, y: counts.y }, plugins: { legend: { display: false } } }
  }, ["overdue"]);
  paint(false);
  var scheme = window.matchMedia("(prefers-color-scheme: dark)");
  if (scheme.addEventListener) scheme.addEventListener("change", function () { paint(false); });
  window.addEventListener("beforeprint", function () { paint(true); });
  window.addEventListener("afterprint", function () { paint(false); });
  window.dashboardCharts = charts;

  function cellValue(row, index) {
    var cell = row.cells[index];
    var value = cell.getAttribute("data-sort");
    return value === null ? cell.textContent.trim() : value;
  }
  function compare(a, b, numeric) {
    if (numeric) return Number(a) - Number(b);
    return a.localeCompare(b);
  }
  Array.prototype.forEach.call(document.querySelectorAll("table[data-table]"), function (table) {
    var body = table.tBodies[0];
    var heads = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(heads, function (th, index) {
      var button = th.querySelector("button");
      if (!button) return;
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(heads, function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var numeric = th.hasAttribute("data-numeric");
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var order = compare(cellValue(a, index), cellValue(b, index), numeric);
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
    var name = table.getAttribute("data-table");
    var text = document.querySelector('input[data-filter="' + name + '"]');
    var status = document.querySelector('select[data-filter="' + name + '"]');
    var count = document.querySelector('[data-count="' + name + '"]');
    function apply() {
      var needle = text ? text.value.trim().toLowerCase() : "";
      var wanted = status ? status.value : "";
      var shown = 0;
      Array.prototype.forEach.call(body.rows, function (row) {
        var visible = (!needle || row.textContent.toLowerCase().indexOf(needle) !== -1) &&
          (!wanted || row.getAttribute("data-status") === wanted);
        row.hidden = !visible;
        if (visible) shown++;
      });
      if (count) count.textContent = count.getAttribute("data-template")
        .replace("__SHOWN__", String(shown)).replace("__TOTAL__", String(body.rows.length));
    }
    if (text) text.addEventListener("input", apply);
    if (status) status.addEventListener("change", apply);
    apply();
  });
})();
`;
