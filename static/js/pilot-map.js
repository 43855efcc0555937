// Maps of pilot projects: a progressive enhancement of the list of places
// that every page with a map renders anyway (templates/core/_map.html).
//
// An element [data-pilot-map] is turned into a Leaflet map. Its points come
// from data-points (JSON: [{"lat": .., "lon": .., "title": "..", "url": ".."}])
// or from the <script type="application/json"> element that data-points-id
// names (what Django's json_script writes). data-tile-url is a tile template
// such as https://tile.openstreetmap.org/{z}/{x}/{y}.png; when it is empty the
// markers are drawn on a blank map and nothing at all is fetched from another
// host. data-icon-url, data-icon-2x-url and data-shadow-url give the marker
// images, because Leaflet cannot find them under hashed static file names.
//
// Every text from the data is set as text (textContent, title, alt), never as
// HTML: titles are typed by people, and the attribution comes from settings.
(function () {
  "use strict";

  function readPoints(element) {
    var raw = element.getAttribute("data-points");
    if (!raw && element.dataset.pointsId) {
      var source = document.getElementById(element.dataset.pointsId);
      raw = source ? source.textContent : "";
    }
    var points;
    try {
      points = JSON.parse(raw || "[]");
    } catch (e) {
      return [];
    }
    if (!Array.isArray(points)) return [];
    return points.map(function (point) {
      return {
        lat: Number(point && point.lat),
        lon: Number(point && point.lon),
        title: String((point && point.title) || ""),
        url: String((point && point.url) || ""),
      };
    }).filter(function (point) {
      return isFinite(point.lat) && isFinite(point.lon)
        && Math.abs(point.lat) <= 90 && Math.abs(point.lon) <= 180;
    });
  }

  // Only links to web pages: a "javascript:" URL in the data must not run.
  function safeHref(url) {
    if (!url) return "";
    try {
      var parsed = new URL(url, document.baseURI);
      return parsed.protocol === "https:" || parsed.protocol === "http:" ? parsed.href : "";
    } catch (e) {
      return "";
    }
  }

  // Leaflet's attribution control takes HTML; the setting is plain text.
  function asHtmlText(text) {
    var holder = document.createElement("span");
    holder.textContent = text;
    return holder.innerHTML;
  }

  function popupContent(point) {
    var href = safeHref(point.url);
    var node = document.createElement(href ? "a" : "span");
    if (href) node.href = href;
    node.textContent = point.title;
    return node;
  }

  function markerIcon(element) {
    var url = element.dataset.iconUrl;
    if (!url) return new L.Icon.Default();
    return L.icon({
      iconUrl: url,
      iconRetinaUrl: element.dataset.icon2xUrl || url,
      shadowUrl: element.dataset.shadowUrl || "",
      iconSize: [25, 41],
      iconAnchor: [12, 41],
      popupAnchor: [1, -34],
      tooltipAnchor: [16, -28],
      shadowSize: [41, 41],
    });
  }

  function draw(element) {
    if (element.dataset.pilotMapReady || typeof L === "undefined") return;
    var points = readPoints(element);
    if (!points.length) return;
    element.dataset.pilotMapReady = "1";
    // The box only takes room once there is a map to show in it.
    if (!element.offsetHeight) element.style.height = "24rem";

    var map = L.map(element, { scrollWheelZoom: false });
    var tileUrl = (element.dataset.tileUrl || "").trim();
    if (tileUrl) {
      L.tileLayer(tileUrl, {
        maxZoom: 19,
        attribution: asHtmlText(element.dataset.tileAttribution || ""),
        // The site sends no Referer to other hosts (SECURE_REFERRER_POLICY);
        // tile servers such as OpenStreetMap's refuse requests without one.
        // The origin alone is enough for them and says nothing about the page.
        referrerPolicy: "strict-origin-when-cross-origin",
      }).addTo(map);
    }

    var icon = markerIcon(element);
    var bounds = L.latLngBounds([]);
    points.forEach(function (point) {
      var latLng = L.latLng(point.lat, point.lon);
      L.marker(latLng, { icon: icon, title: point.title, alt: point.title })
        .bindPopup(popupContent(point))
        .addTo(map);
      bounds.extend(latLng);
    });
    map.fitBounds(bounds, { padding: [32, 32], maxZoom: 12 });
  }

  function drawWithin(root) {
    if (!root || !root.querySelectorAll) return;
    if (root.matches && root.matches("[data-pilot-map]")) draw(root);
    root.querySelectorAll("[data-pilot-map]").forEach(draw);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { drawWithin(document); });
  } else {
    drawWithin(document);
  }
  // Maps inside fragments that htmx swaps in later.
  document.addEventListener("htmx:load", function (event) { drawWithin(event.detail && event.detail.elt); });
})();
