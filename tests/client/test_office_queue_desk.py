"""The queue for office work: states grouped by stage, sortable columns that
work without JavaScript (server-side, in the address), the caseworker of each row."""
from __future__ import annotations

from datetime import timedelta

from portal.extensions import db
from portal.office.queue import Filters
from tests.client.test_office_actions import _today
from tests.factories import create_account, create_application, sign_in
from tests.helpers.pages import get_page


def test_the_status_filter_is_grouped_by_stage(client):
    sign_in(client, create_account("caseworker"))
    client.get("/language/en")
    select = get_page(client, "/office").find("select", attrs={"name": "status"})
    groups = {g["label"]: [o["value"] for o in g.find_all("option")] for g in select.find_all("optgroup")}
    assert list(groups) == ["Steps of open requests", "Receiving support", "Closed"]
    assert "SUBMITTED" in groups["Steps of open requests"] and "COUNTY_REVIEW" in groups["Steps of open requests"]
    assert groups["Receiving support"] == ["IN_PAYMENT", "PHASING_OUT"] or set(groups["Receiving support"]) == {
        "IN_PAYMENT", "PHASING_OUT"}
    assert "WITHDRAWN" in groups["Closed"]
    outside = [o["value"] for o in select.find_all("option", recursive=False)]
    assert outside == ["action", "open", "support", "closed", "all"]
    assert sum(len(v) for v in groups.values()) == len(set(sum(groups.values(), [])))  # each state once
    chosen = get_page(client, "/office?status=PUBLICITY").find("select", attrs={"name": "status"})
    assert chosen.find("option", selected=True)["value"] == "PUBLICITY"


def _rows(page):
    return [row.find("a").get_text(strip=True) for row in page.find("table").find("tbody").find_all("tr")]


def _sort_link(page, label):
    [link] = [a for a in page.find_all("a", class_="sort-link") if a.get_text(strip=True).startswith(label)]
    return link


def test_columns_sort_on_the_server_both_ways_and_keep_the_filters(client):
    today = _today()
    worker = create_account("caseworker", display_name="周五")
    apps = [create_application() for _ in range(3)]
    for days, application in zip((9, 2, 5), apps):
        application.requests[0].due_on = today + timedelta(days=days)
        application.requests[0].deadline_on = today + timedelta(days=30 - days)
    apps[1].assigned_to_id = worker.id
    db.session.commit()
    sign_in(client, worker)
    client.get("/language/en")
    page = get_page(client, "/office?status=open&type=dibao")
    link = _sort_link(page, "Current step due")
    assert "sort=due" in link["href"] and "type=dibao" in link["href"] and "dir=" not in link["href"]
    page = get_page(client, link["href"])
    assert _rows(page) == [apps[1].reference, apps[2].reference, apps[0].reference]
    assert page.find("th", attrs={"aria-sort": "ascending"}).get_text().startswith("Current step due")
    again = _sort_link(page, "Current step due")
    assert "dir=desc" in again["href"]
    page = get_page(client, again["href"])
    assert _rows(page) == [apps[0].reference, apps[2].reference, apps[1].reference]
    assert page.find("th", attrs={"aria-sort": "descending"}) is not None
    page = get_page(client, "/office?status=open&sort=deadline")
    assert _rows(page) == [apps[0].reference, apps[2].reference, apps[1].reference]
    # The filter form keeps the sort; the caseworker column names who handles each row.
    form = page.find("form", class_="filters")
    assert form.find("input", attrs={"name": "sort"})["value"] == "deadline"
    cells = {row.find("a").get_text(strip=True): row.find_all("td")[-1].get_text(strip=True)
             for row in page.find("tbody").find_all("tr")}
    assert cells[apps[1].reference] == "周五" and cells[apps[0].reference] == "-"
    # Sorting "all" (two parts read as a union) and by the order received.
    page = get_page(client, "/office?status=all&overdue=&this_week=y&sort=received&dir=desc")
    assert _rows(page) == [a.reference for a in reversed(apps) if a.requests[0].due_on <= today + timedelta(days=6 - today.weekday())]


def test_unknown_sorts_fall_back_to_the_queue_order(client):
    assert Filters.from_args({"sort": "name"}).sort is None
    assert Filters.from_args({"sort": "due", "dir": "sideways"}).descending is False
    assert Filters.from_args({"sort": "due", "dir": "desc"}).args() == {"status": "action", "sort": "due", "dir": "desc"}
    sign_in(client, create_account("caseworker"))
    for query in ("sort=%00", "sort=due&dir=%FF", "sort=" + "x" * 5000, "sort=due&page=99999"):
        assert client.get(f"/office?{query}").status_code == 200


def test_the_queue_page_is_wide_on_a_desktop_only_by_css(client):
    sign_in(client, create_account("caseworker"))
    page = get_page(client, "/office")
    assert "wrap--wide" in page.find("main")["class"]
    assert "wrap--wide" not in get_page(client, "/").find("main").get("class", [])


def test_phones_get_a_row_of_sort_links_in_place_of_the_hidden_headings(client):
    create_application()
    sign_in(client, create_account("caseworker"))
    client.get("/language/en")
    page = get_page(client, "/office?status=open&type=dibao&sort=deadline")
    nav = page.find("nav", class_="sort-links")
    links = {a.get_text(strip=True): a for a in nav.find_all("a")}
    assert list(links) == ["Most urgent first", "Current step due", "Decision due", "Newest first"]
    assert links["Decision due"].get("aria-current") == "true"
    assert "type=dibao" in links["Most urgent first"]["href"] and "sort=" not in links["Most urgent first"]["href"]
    assert "sort=received" in links["Newest first"]["href"] and "dir=desc" in links["Newest first"]["href"]
