/**
 * The dashboard's own inline script (plain browser JavaScript, no dependency but Chart.js): draws
 * the charts from the JSON data block, and makes every `table[data-table]` sortable (a button in
 * each column heading, `aria-sort` on the heading) and filterable (the text box and the status
 * select that name the table). It reads only the page; it sends nothing anywhere.
 */
export const DASHBOARD_SCRIPT = `(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("dashboard-data").textContent);
  var css = getComputedStyle(document.documentElement);
  var color = function (name) { return css.getPropertyValue(name).trim(); };
  var Chart = window.Chart;
  Chart.defaults.color = color("--fg");
  Chart.defaults.borderColor = color("--grid");
  Chart.defaults.animation = false;
  Chart.defaults.font.family = css.getPropertyValue("font-family");
  var charts = {};
  function draw(id, config) {
    var canvas = document.getElementById(id);
    if (canvas) charts[id] = new Chart(canvas, config);
  }
  var percent = { y: { beginAtZero: true, max: 100, ticks: { callback: function (v) { return v + "%"; } } } };
  draw("chart-burndown", {
    data: {
      labels: data.burndown.labels,
      datasets: [
        { type: "line", label: data.burndown.names[0], data: data.burndown.open, borderColor: color("--open"), backgroundColor: color("--open"), pointStyle: "circle", pointRadius: 4 },
        { type: "bar", label: data.burndown.names[1], data: data.burndown.opened, backgroundColor: color("--opened") },
        { type: "bar", label: data.burndown.names[2], data: data.burndown.closed, backgroundColor: color("--closed") }
      ]
    },
    options: { maintainAspectRatio: false, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } }
  });
  draw("chart-attainment", {
    type: "bar",
    data: { labels: data.attainment.labels, datasets: [{ label: data.attainment.name, data: data.attainment.rates, backgroundColor: color("--done") }] },
    options: { maintainAspectRatio: false, scales: percent, plugins: { legend: { display: false } } }
  });
  draw("chart-aging", {
    type: "bar",
    data: { labels: data.aging.labels, datasets: [{ label: data.aging.name, data: data.aging.counts, backgroundColor: color("--overdue") }] },
    options: { maintainAspectRatio: false, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } }, plugins: { legend: { display: false } } }
  });
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
