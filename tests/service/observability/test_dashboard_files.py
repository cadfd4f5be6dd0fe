"""The dashboard's static files are served, from / too, and every file the page loads exists."""

import re


def test_the_root_leads_to_the_dashboard_and_every_file_it_loads_is_there(anonymous):
    home = anonymous.get("/", follow_redirects=False)
    assert home.status_code == 307 and home.headers["location"] == "/dashboard/"
    page = anonymous.get("/dashboard/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assets = re.findall(r'(?:src|href)="([\w.]+\.(?:js|css))"', page.text)
    assert sorted(assets) == ["cost_chart.js", "dashboard.css", "dashboard.js", "event_stream.js"]
    for asset in assets:
        response = anonymous.get(f"/dashboard/{asset}")
        assert response.status_code == 200 and len(response.content) > 100, asset
    assert anonymous.get("/dashboard/../service/config.py").status_code == 404


def test_the_dashboard_is_not_part_of_the_api_schema(anonymous):
    paths = anonymous.get("/openapi.json").json()["paths"]
    assert "/" not in paths and not any(p.startswith("/dashboard") for p in paths)
