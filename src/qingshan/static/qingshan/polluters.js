// The key-polluter maps: every <div data-pol-chart="ID"> is drawn with ECharts from the
// json_script #ID over the vendored district shapes (registered once as "hangzhou"; no
// tiles, no request leaves the site).  Text from the registry is escaped in tooltips.
(function () {
  "use strict";
  function esc(text) { return echarts.format.encodeHTML(text == null ? "" : String(text)); }
  var formatters = {
    enterprise: function (p) {
      var d = p.data || {};
      var lines = ["<b>" + esc(d.name) + "</b>", esc(d.district) + (d.industry ? " · " + esc(d.industry) : "")];
      if (d.categories) lines.push("类别：" + esc(d.categories));
      if (d.url) lines.push("<span style='color:#6b7a73'>点击查看单位信息</span>");
      return lines.join("<br>");
    }
  };
  function prepare(node) {
    if (Array.isArray(node)) { node.forEach(prepare); return; }
    if (!node || typeof node !== "object") return;
    Object.keys(node).forEach(function (key) {
      var value = node[key];
      if (key === "formatter" && typeof value === "string" && value.indexOf("qs:") === 0) {
        node[key] = formatters[value.slice(3)];
      } else { prepare(value); }
    });
  }
  var maps = {};
  function loadMap(url) {
    if (!maps[url]) {
      maps[url] = fetch(url).then(function (r) {
        if (!r.ok) throw new Error(r.status);
        return r.json();
      }).then(function (geo) { echarts.registerMap("hangzhou", geo); });
    }
    return maps[url];
  }
  function draw(el, option) {
    var chart = echarts.init(el, null, { renderer: "canvas" });
    chart.setOption(option);
    if (el.dataset.group) { chart.group = el.dataset.group; echarts.connect(el.dataset.group); }
    chart.on("click", function (p) {
      // Only our own pages: a url in the data is a path on this site.
      if (p.data && typeof p.data.url === "string" && p.data.url.charAt(0) === "/" && p.data.url.charAt(1) !== "/") {
        window.location.href = p.data.url;
      }
    });
    el.dataset.drawn = "1";
    window.addEventListener("resize", function () { chart.resize(); });
  }
  function start() {
    document.querySelectorAll("[data-pol-chart]").forEach(function (el) {
      var source = document.getElementById(el.dataset.polChart);
      if (!source || typeof echarts === "undefined" || el.dataset.drawn) return;
      var option = JSON.parse(source.textContent);
      prepare(option);
      loadMap(el.dataset.geoUrl).then(function () { draw(el, option); }).catch(function () {
        el.innerHTML = '<p class="text-danger p-3">地图底图加载失败，请刷新页面。单位名单见下表。</p>';
      });
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
