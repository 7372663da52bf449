// 下载图片 beside each rollup chart (templates/rollups/dashboard.html chart_box): the SVG is a plain
// link to the chart's file (/rollups/charts/<name>.svg, registry/web/chart_files.py), which works
// without script; this script shows the PNG button, for Word and PowerPoint, and makes the PNG of that
// same file: fetched, drawn onto a canvas at twice its size (sharp on paper and on a projector) over
// white, and downloaded under the name the page gave it (data-file-name). The file already says the
// report, year and date of its figures, so the two pictures always agree. Nothing leaves the server:
// the drawing is a data: image (the page's Content-Security-Policy allows data: and blob: images)
// and the PNG a blob: download.
(function () {
  "use strict";
  var SCALE = 2;

  function picture(svgText) {
    var root = new DOMParser().parseFromString(svgText, "image/svg+xml").documentElement;
    var width = parseFloat(root.getAttribute("width")), height = parseFloat(root.getAttribute("height"));
    var image = new Image();
    image.src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(svgText);
    return image.decode().then(function () {
      var canvas = document.createElement("canvas");
      canvas.width = Math.round(width * SCALE);
      canvas.height = Math.round(height * SCALE);
      var context = canvas.getContext("2d");
      context.fillStyle = "#fff";
      context.fillRect(0, 0, canvas.width, canvas.height);
      context.drawImage(image, 0, 0, canvas.width, canvas.height);
      return new Promise(function (resolve, reject) {
        canvas.toBlob(function (blob) { return blob ? resolve(blob) : reject(new Error("toBlob")); }, "image/png");
      });
    });
  }

  function save(blob, fileName) {
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = fileName;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 10000);
  }

  document.querySelectorAll("button[data-chart-svg]").forEach(function (button) {
    var status = button.closest(".chart-download").querySelector(".chart-download-failed");
    button.closest(".chart-png").hidden = false;
    button.addEventListener("click", function () {
      button.disabled = true;  // one picture a click: a second would download it twice
      status.textContent = "";
      fetch(button.dataset.chartSvg, {credentials: "same-origin"})
        .then(function (answer) {
          if (!answer.ok) throw new Error(String(answer.status));
          return answer.text();
        })
        .then(picture)
        .then(function (blob) { save(blob, button.dataset.fileName); })
        .catch(function () { status.textContent = button.dataset.failed; })
        .finally(function () { button.disabled = false; });
    });
  });
})();
