"""`sitrep serve` in a real browser: Debian's Chromium driven by Selenium through the system
chromedriver (never a driver or browser download). Loads every page, filters, opens an event,
follows its evidence to the reader, checks the map draws its basemap and points, checks that
hostile article text never runs, and saves screenshots into the test output folder.

When the browser is missing these tests skip on a developer's machine but FAIL in CI
(``SITREP_CI``, which `.ci/run` sets, or ``CI``: ``tests/components.py``), so a missing install
step cannot pass unnoticed.
"""

from __future__ import annotations

import os
import shutil
import socket
import sys
import threading
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
import serve_fixture  # noqa: E402
from components import unavailable  # noqa: E402

pytestmark = pytest.mark.slow  # a real component (see conftest: the slow marker)

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
DRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
SHOTS = Path(os.environ.get("SITREP_SCREENSHOTS", Path(__file__).resolve().parents[1] / "out" / "screenshots"))
# How long a readiness wait may take: each wait returns as soon as its condition holds; the
# limit only matters on a loaded machine, where a 10 s wait for the map timed out twice.
WAIT = 45


def _require_browser() -> None:
    missing = [p for p in (CHROMIUM, DRIVER) if not Path(p).is_file()]
    if missing:
        message = f"needs Debian's chromium and chromium-driver (missing: {', '.join(missing)}); apt-get install -y chromium chromium-driver"
        unavailable(message)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory):
    import uvicorn

    from sitrep.serve.app import Settings, create_app

    path = tmp_path_factory.mktemp("browser") / "serve.db"
    ids = serve_fixture.build(path)
    ids["incidents"] = list(serve_fixture.add_incidents(path, ids).values())
    app = create_app(Settings(db=path))
    # The server is handed a socket already bound to a free port: a port chosen first and bound
    # by the server later could be taken by another process in between.
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = int(sock.getsockname()[1])
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + WAIT
    while not srv.started and thread.is_alive() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert srv.started, f"the server did not start within {WAIT} s"
    yield f"http://127.0.0.1:{port}", ids, app
    srv.should_exit = True
    thread.join(timeout=WAIT)
    sock.close()


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory):
    _require_browser()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--window-size=1280,900", f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=DRIVER), options=options)
    driver.set_page_load_timeout(30)
    SHOTS.mkdir(parents=True, exist_ok=True)
    yield driver
    driver.quit()


def _shot(driver, name: str) -> None:
    driver.save_screenshot(str(SHOTS / f"{name}.png"))


def _console_errors(driver) -> list[str]:
    return [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]


def _click_to(driver, element, fragment: str) -> None:
    """Click ``element`` and wait until the address holds ``fragment`` and the page has loaded."""
    from selenium.webdriver.support.ui import WebDriverWait

    element.click()
    WebDriverWait(driver, WAIT).until(lambda d: fragment in d.current_url
                                    and d.execute_script("return document.readyState") == "complete")


def _pwned(driver) -> object:
    return driver.execute_script("return window.__pwned === undefined ? null : window.__pwned;")


PAGES = {"overview": "/", "incidents": "/incidents", "incident": "/incidents/inc_aid", "documents": "/documents", "events": "/events", "actors": "/actors", "actor": "/actors/TUR",
         "outlets": "/outlets", "search": "/search?q=convoy", "api": "/api/docs"}


def test_every_page_loads_without_errors(server, browser):
    from selenium.webdriver.common.by import By

    base, _, _ = server
    for name, path in PAGES.items():
        browser.get(base + path)
        assert browser.find_element(By.TAG_NAME, "h1").text, name
        _shot(browser, name)
        errors = _console_errors(browser)
        assert not errors, (name, errors)


def test_filter_open_an_event_and_follow_its_evidence_to_the_reader(server, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    base, ids, _ = server
    browser.get(base + "/events")
    Select(browser.find_element(By.NAME, "category")).select_by_value("ASSAULT")
    _click_to(browser, browser.find_element(By.CSS_SELECTOR, "form.filters button"), "category=ASSAULT")
    rows = browser.find_elements(By.CSS_SELECTOR, "table.events tbody tr")
    assert len(rows) == 2 and all("ASSAULT" in r.text for r in rows)
    _shot(browser, "events-filtered")
    _click_to(browser, rows[0].find_element(By.CSS_SELECTOR, "td:nth-child(2) a"), "/events/ev_")
    evidence = browser.find_element(By.CSS_SELECTOR, "blockquote.evidence mark").text
    assert evidence in ("struck", "shelled")
    _shot(browser, "event")
    _click_to(browser, browser.find_element(By.ID, "to-reader"), "hl=")
    assert "/documents/" in browser.current_url
    highlighted = " ".join(e.text for e in browser.find_elements(By.CSS_SELECTOR, "#text .ev"))
    assert evidence in highlighted
    # a highlighted span leads to its record: the event trigger to its event page
    trigger = browser.find_element(By.CSS_SELECTOR, "#text a.k-event")
    _shot(browser, "reader")
    _click_to(browser, trigger, "/events/ev_")


def test_map_draws_the_basemap_and_the_points(server, browser):
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    base, ids, app = server
    _needs_map(app)
    browser.get(base + "/map")
    WebDriverWait(browser, WAIT).until(lambda d: d.find_element(By.ID, "map").get_attribute("data-ready"))
    element = browser.find_element(By.ID, "map")
    assert element.get_attribute("data-ready") == "true", browser.find_element(By.ID, "map-status").text
    assert int(element.get_attribute("data-basemap-features")) > 100  # the countries of the world and areas
    assert int(element.get_attribute("data-point-count")) == 6  # the six located events of the fixture
    # the basemap is painted (Leaflet draws vectors on a canvas): most of the canvas is land or areas
    painted, total = browser.execute_script(
        "var c = document.querySelector('#map canvas'); if (!c) { return [0, 1]; }"
        "var d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data, n = 0;"
        "for (var i = 3; i < d.length; i += 4) { if (d[i] > 0) { n++; } } return [n, c.width * c.height];")
    assert painted / total > 0.2, (painted, total)
    # the points: clusters (several events at one place) are on the page
    def cluster_counts(d):  # once the fit-to-points zoom has settled, every cluster shows its count
        texts = [c.text for c in d.find_elements(By.CSS_SELECTOR, "#map .marker-cluster")]
        return texts if texts and all(t.isdigit() for t in texts) else None

    # a re-render between finding a cluster and reading its text raises a stale-element error
    # (seen under load): ignored, the wait reads the clusters again
    counts = WebDriverWait(browser, WAIT, ignored_exceptions=(StaleElementReferenceException,)).until(cluster_counts)
    assert sum(int(t) for t in counts) == 6
    _shot(browser, "map")
    assert not _console_errors(browser)


def test_hostile_text_never_runs(server, browser):
    from selenium.webdriver.common.by import By

    base, ids, _ = server
    hostile = ids["documents"][-1]
    for path in (f"/documents/{hostile}", "/documents", "/search?q=convoy", "/events", "/map"):
        browser.get(base + path)
        time.sleep(0.3)
        assert _pwned(browser) is None, path
    browser.get(base + f"/documents/{hostile}")
    text = browser.find_element(By.ID, "text").text
    assert "<script>" in text and 'onerror="window' in text  # shown as text
    assert not browser.find_elements(By.CSS_SELECTOR, "#text script, #text img, #text a[href^='javascript']")
    # an injected inline script is refused by the Content-Security-Policy even if it got into the page
    browser.execute_script("var s = document.createElement('script'); s.textContent = 'window.__pwned = 1';"
                           "document.body.appendChild(s);")
    assert _pwned(browser) is None
    _shot(browser, "reader-hostile")


def _needs_map(app) -> None:
    if app.state.assets is None:
        message = "the map's npm packages are not installed (make assets)"
        unavailable(message)


def test_filter_incidents_open_one_compare_versions_and_read_the_evidence(server, browser):
    from selenium.webdriver.common.by import By

    base, ids, _ = server
    _console_errors(browser)  # drain what earlier tests left in the log (the refused injected script)
    browser.get(base + "/incidents")
    assert browser.find_elements(By.CSS_SELECTOR, "svg.chart rect.bar")  # the timeline
    assert len(browser.find_elements(By.CSS_SELECTOR, "table.incidents tbody tr")) == 4
    browser.find_element(By.NAME, "contested").click()
    _click_to(browser, browser.find_element(By.CSS_SELECTOR, "form.filters button"), "contested=1")
    rows = browser.find_elements(By.CSS_SELECTOR, "table.incidents tbody tr")
    assert len(rows) == 1 and "AID" in rows[0].text
    _shot(browser, "incidents-filtered")
    _click_to(browser, rows[0].find_element(By.CSS_SELECTOR, "a.incident-link"), "/incidents/inc_aid")
    cards = browser.find_elements(By.CSS_SELECTOR, ".versions article.version")
    assert [c.find_element(By.CSS_SELECTOR, "header b").text for c in cards] == ["Daily Ledger", "Morning Wire"]
    # side by side: same row, different columns
    (a, b) = (c.rect for c in cards)
    assert abs(a["y"] - b["y"]) < 2 and b["x"] > a["x"] + a["width"] - 2, (a, b)
    marks = [c.find_element(By.CSS_SELECTOR, "blockquote.evidence mark").text for c in cards]
    assert marks == ["sent", "reached"]
    assert "blame: UN" in cards[0].text and "blame: SYR_GOV" in cards[1].text
    _shot(browser, "incident")
    assert not _console_errors(browser)
    _click_to(browser, cards[1].find_element(By.CSS_SELECTOR, "a.to-reader"), "hl=")
    assert f"/documents/{ids['documents'][5]}" in browser.current_url
    assert "reached" in " ".join(e.text for e in browser.find_elements(By.CSS_SELECTOR, "#text .ev"))


def _click_marker(browser, index: int) -> None:
    """Zoom until marker ``index`` is out of its cluster, then click it where it is drawn (a real click)."""
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    # markercluster's zoomToShowLayer calls back on the map's next moveend/animationend after
    # its own move; when it is asked during another animation (the first fit on a loaded
    # machine) that event can pass while the cluster still animates, and no callback ever
    # comes. So ask when the map is still, and ask again if a still map has not called back.
    ask = ("var s = document.getElementById('map').sitrep, m = s.markers[arguments[0]];"
           "if (window.__shown === true) return true;"
           "if (s.map._animatingZoom || s.cluster._inZoomAnimation) return false;"
           "var now = Date.now();"
           "if (!window.__asked || now - window.__asked > 3000) {"
           "  window.__asked = now; s.cluster.zoomToShowLayer(m, function () { window.__shown = true; }); }"
           "return window.__shown === true;")
    browser.execute_script("window.__shown = false; window.__asked = 0;")
    WebDriverWait(browser, WAIT).until(lambda d: d.execute_script(ask, index))
    # wholly in view: WebDriver offsets are from the centre of the element's visible part
    browser.execute_script("document.getElementById('map').scrollIntoView({block: 'center'});")
    where = ("var s = document.getElementById('map').sitrep, p = s.map.latLngToContainerPoint(s.markers[arguments[0]].getLatLng());"
             "var r = document.getElementById('map').getBoundingClientRect();"
             "return [p.x, p.y, r.width, r.height, !!s.map._animatingZoom];")
    # the zoom animation has ended when the marker stays where it is drawn (a fixed sleep was
    # too short on a loaded machine: the click then fell where the marker no longer was)
    seen: list[object] = []

    def settled(d) -> bool:
        now = d.execute_script(where, index)
        still = bool(seen) and seen[-1] == now and not now[4]
        seen.append(now)
        time.sleep(0.2)
        return still

    WebDriverWait(browser, WAIT).until(settled)
    x, y, w, h, _ = seen[-1]
    element = browser.find_element(By.ID, "map")
    ActionChains(browser).move_to_element_with_offset(element, int(x - w / 2), int(y - h / 2)).click().perform()
    WebDriverWait(browser, WAIT, ignored_exceptions=(StaleElementReferenceException,)).until(
        lambda d: any(a.text for a in d.find_elements(By.CSS_SELECTOR, ".leaflet-popup-content a")))


def test_map_click_opens_the_incident(server, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    base, ids, app = server
    _needs_map(app)
    _console_errors(browser)
    browser.get(base + "/map?layer=incidents")
    WebDriverWait(browser, WAIT).until(lambda d: d.find_element(By.ID, "map").get_attribute("data-ready"))
    element = browser.find_element(By.ID, "map")
    assert element.get_attribute("data-ready") == "true", browser.find_element(By.ID, "map-status").text
    assert int(element.get_attribute("data-point-count")) == 3  # the talks have no place
    _click_marker(browser, 0)
    link = browser.find_element(By.CSS_SELECTOR, ".leaflet-popup-content a")
    assert link.text.startswith("Incident: ")
    _shot(browser, "map-incidents")
    _click_to(browser, link, "/incidents/inc_")
    assert browser.find_elements(By.CSS_SELECTOR, ".versions article.version")
    # on the events layer, an event that belongs to an incident links to it from its popup
    browser.get(base + "/map")
    WebDriverWait(browser, WAIT).until(lambda d: d.find_element(By.ID, "map").get_attribute("data-ready"))
    features = browser.execute_script("return document.getElementById('map').sitrep.markers.length;")
    assert features == 6
    aid_event = ids["events"][0]
    index = browser.execute_script(
        "var ms = document.getElementById('map').sitrep.markers;"
        "for (var i = 0; i < ms.length; i++) { if (ms[i].getPopup().getContent().querySelector('a').href.indexOf(arguments[0]) >= 0) { return i; } }"
        "return -1;", aid_event)
    assert index >= 0
    _click_marker(browser, index)
    _click_to(browser, browser.find_element(By.CSS_SELECTOR, ".leaflet-popup-content a.to-incident"), "/incidents/inc_aid")
    assert not _console_errors(browser)
