"""The map include: a list of the places for everyone, and safe data for the script."""

import json
from html.parser import HTMLParser

from django.template.loader import render_to_string
from django.test import RequestFactory, override_settings
from django.utils import translation

POINTS = [
    {"lat": 51.1694, "lon": 71.4491, "title": 'Орман "<b>Астана</b>"', "url": "/kk/pilots/1/"},
    {"lat": 43.2389, "lon": 76.8897, "title": "Almaty wetlands", "url": "/kk/pilots/2/"},
]


class Elements(HTMLParser):
    """Every start tag's attributes (unescaped) and the text of <script type="application/json">."""

    def __init__(self, html):
        super().__init__()
        self.tags, self.data, self._in_data = [], {}, None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        if tag == "script" and attrs.get("type") == "application/json":
            self._in_data = attrs["id"]

    def handle_data(self, data):
        if self._in_data:
            self.data[self._in_data] = self.data.get(self._in_data, "") + data

    def handle_endtag(self, tag):
        self._in_data = None

    def first(self, tag, attribute):
        return next(attrs for name, attrs in self.tags if name == tag and attribute in attrs)


def render(points=POINTS, **context):
    # Through a request, as a page renders it: the site context processor adds the tile settings.
    with translation.override("en"):
        return render_to_string("core/_map.html", {"points": points, **context}, request=RequestFactory().get("/"))


@override_settings(MAP_TILE_URL="", MAP_TILE_ATTRIBUTION="")
def test_the_places_are_listed_for_readers_without_the_map():
    html = render()

    assert "Map of the pilot projects" in html
    assert '<a href="/kk/pilots/1/">Орман &quot;&lt;b&gt;Астана&lt;/b&gt;&quot;</a>' in html
    assert '<a href="/kk/pilots/2/">Almaty wetlands</a>' in html
    assert "latitude 51.1694, longitude 71.4491" in html
    assert "latitude 43.2389, longitude 76.8897" in html


@override_settings(MAP_TILE_URL="", MAP_TILE_ATTRIBUTION="")
def test_a_title_with_markup_is_never_markup_in_the_page():
    html = render()

    assert "<b>" not in html
    elements = Elements(html)
    box = elements.first("div", "data-pilot-map")
    assert json.loads(elements.data[box["data-points-id"]]) == POINTS


@override_settings(MAP_TILE_URL="", MAP_TILE_ATTRIBUTION="")
def test_leaflet_and_the_map_script_come_from_the_site_itself():
    html = render()

    assert 'href="/static/vendor/leaflet/leaflet.css"' in html
    assert 'src="/static/vendor/leaflet/leaflet.js"' in html
    assert 'src="/static/js/pilot-map.js"' in html
    box = Elements(html).first("div", "data-pilot-map")
    assert box["data-tile-url"] == ""
    assert box["data-icon-url"] == "/static/vendor/leaflet/images/marker-icon.png"
    assert "http" not in html  # no other host is named anywhere


@override_settings(
    MAP_TILE_URL="https://tile.openstreetmap.org/{z}/{x}/{y}.png",
    MAP_TILE_ATTRIBUTION="© OpenStreetMap <contributors>",
)
def test_the_tile_server_of_the_settings_reaches_the_script():
    box = Elements(render()).first("div", "data-pilot-map")

    assert box["data-tile-url"] == "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
    assert box["data-tile-attribution"] == "© OpenStreetMap <contributors>"
    assert "<contributors>" not in render()


def test_two_maps_on_one_page_have_their_own_ids():
    html = render(map_id="results-map", caption="Pilot projects of the call")

    box = Elements(html).first("div", "data-pilot-map")
    assert box["id"] == "results-map" and box["data-points-id"] == "results-map-points"
    assert 'id="results-map-points"' in html
    assert "Pilot projects of the call" in html


def test_without_places_there_is_no_map_and_a_sentence_says_so():
    html = render(points=[])

    assert "data-pilot-map" not in html and "leaflet.js" not in html
    assert "There are no places to show on the map yet." in html
