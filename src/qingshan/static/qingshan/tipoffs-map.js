// Violation reports: the map a reporter picks the place on, the maps of published cases, and
// friendly checks of the chosen files before they are sent (the server checks them again).
(function () {
  var VIEWS = { city: { center: [119.53, 29.88], zoom: 1 }, urban: { center: [120.17, 30.27], zoom: 6 } };
  var NAME_FIXES = { "临安市": "临安区" };
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

  function geoOption(extra) {
    var geo = {
      map: "hangzhou", roam: true, scaleLimit: { min: 0.8, max: 80 },
      itemStyle: { areaColor: "#eef4f0", borderColor: "#9bb5a8", borderWidth: 1 },
      emphasis: { itemStyle: { areaColor: "#dcebe2" }, label: { show: true } },
      label: { show: true, color: "#71857a", fontSize: 10 }, select: { disabled: true },
      top: 8, bottom: 8, left: 8, right: 8
    };
    for (var k in extra) geo[k] = extra[k];
    return geo;
  }

  function regionName(chart, point) {
    // Which district shape holds the point; only a hint, the server decides.
    try {
      var geo = chart.getModel().getComponent("geo", 0).coordinateSystem;
      var region = geo.getRegionByCoord(point);
      if (!region) return "";
      return NAME_FIXES[region.name] || region.name;
    } catch (e) { return ""; }
  }

  function startPicker(el) {
    var lon = document.getElementById("id_longitude");
    var lat = document.getElementById("id_latitude");
    var label = document.getElementById("tipoff-point");
    loadMap(el.dataset.geoUrl).then(function () {
      var chart = echarts.init(el, null, { renderer: "canvas" });
      chart.setOption({
        geo: geoOption({}),
        series: [{ type: "scatter", coordinateSystem: "geo", data: [], symbol: "pin", symbolSize: 30,
          itemStyle: { color: "#c0392b" }, silent: true }]
      });
      function place(point, centre) {
        var x = Number(point[0]).toFixed(6), y = Number(point[1]).toFixed(6);
        lon.value = x; lat.value = y;
        chart.setOption({ series: [{ data: [[Number(x), Number(y)]] }] });
        if (centre) chart.setOption({ geo: { center: [Number(x), Number(y)], zoom: 8 } });
        var name = regionName(chart, [Number(x), Number(y)]);
        label.textContent = "已选位置：东经 " + x + "，北纬 " + y + (name ? "（" + name + "）" : "（不在杭州市区县范围内？请核对）");
      }
      if (lon.value && lat.value) place([lon.value, lat.value], false);
      // A click picks a point; a drag (panning the map) does not.
      var down = null;
      chart.getZr().on("mousedown", function (e) { down = [e.offsetX, e.offsetY]; });
      chart.getZr().on("click", function (e) {
        if (down && Math.abs(down[0] - e.offsetX) + Math.abs(down[1] - e.offsetY) > 6) return;
        var point = chart.convertFromPixel({ geoIndex: 0 }, [e.offsetX, e.offsetY]);
        if (point && isFinite(point[0]) && isFinite(point[1])) place(point, false);
      });
      document.querySelectorAll("[data-map-view]").forEach(function (button) {
        button.addEventListener("click", function () {
          chart.setOption({ geo: VIEWS[button.dataset.mapView] });
        });
      });
      var locate = document.querySelector("[data-map-locate]");
      if (locate) locate.addEventListener("click", function () {
        if (!navigator.geolocation) { label.textContent = "此浏览器不能定位，请在地图上点选"; return; }
        label.textContent = "正在定位…";
        navigator.geolocation.getCurrentPosition(function (pos) {
          place([pos.coords.longitude, pos.coords.latitude], true);
        }, function () { label.textContent = "未能获取位置（可能未授权），请在地图上点选"; },
        { enableHighAccuracy: true, timeout: 10000 });
      });
      var clear = document.querySelector("[data-map-clear]");
      if (clear) clear.addEventListener("click", function () {
        lon.value = ""; lat.value = "";
        chart.setOption({ series: [{ data: [] }] });
        label.textContent = "尚未在地图上选点";
      });
      el.dataset.ready = "1";
      window.addEventListener("resize", function () { chart.resize(); });
    }).catch(function () {
      el.innerHTML = '<p class="text-danger p-3">地图加载失败：请在下方填写地址。</p>';
    });
  }

  function startChart(el) {
    var source = document.getElementById(el.dataset.tipoffChart);
    if (!source) return;
    var option = JSON.parse(source.textContent);
    loadMap(el.dataset.geoUrl).then(function () {
      var chart = echarts.init(el, null, { renderer: "canvas" });
      var points = (option.series[0] || {}).data || [];
      if (el.dataset.focus && points.length) {
        option.geo.center = points[0].value;
        option.geo.zoom = 5;
      }
      chart.setOption(option);
      chart.on("click", function (p) { if (p.data && p.data.url) window.location.href = p.data.url; });
      el.dataset.ready = "1";
      window.addEventListener("resize", function () { chart.resize(); });
    }).catch(function () { el.innerHTML = '<p class="text-danger p-3">地图加载失败。</p>'; });
  }

  function checkFiles() {
    var warning = document.querySelector("[data-file-warning]");
    if (!warning) return;
    var problems = [];
    document.querySelectorAll("input[type=file][data-max-bytes]").forEach(function (input) {
      var most = Number(input.dataset.maxFiles), biggest = Number(input.dataset.maxBytes);
      if (input.files.length > most) problems.push("最多选择 " + most + " 个文件");
      Array.prototype.forEach.call(input.files, function (f) {
        if (f.size > biggest) problems.push(f.name + " 超过 " + Math.round(biggest / 1048576) + " MB");
      });
    });
    warning.textContent = problems.join("；");
  }

  function start() {
    if (typeof echarts !== "undefined") {
      var picker = document.getElementById("tipoff-map");
      if (picker) startPicker(picker);
      document.querySelectorAll("[data-tipoff-chart]").forEach(startChart);
    }
    document.querySelectorAll("input[type=file][data-max-bytes]").forEach(function (input) {
      input.addEventListener("change", checkFiles);
    });
    document.querySelectorAll("input[data-default-now]").forEach(function (input) {
      if (input.value) return;
      var now = new Date(Date.now() - new Date().getTimezoneOffset() * 60000);
      input.value = now.toISOString().slice(0, 16);
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
