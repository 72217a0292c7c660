"""Records per year as an SVG bar chart: the numbers in each bar's <title> and in a table."""

from __future__ import annotations

import html5lib

from litsite.pages.charts import year_chart

SVG = "{http://www.w3.org/2000/svg}"


def _parse(markup: str):
    return html5lib.parse(f"<body>{markup}</body>", namespaceHTMLElements=False)


def test_each_year_from_first_to_last_is_a_bar_with_its_count_in_a_title():
    figure = _parse(year_chart([2019, 2019, "2021", None, ""], "en"))
    bars = figure.findall(f".//{SVG}g")
    assert [bar.find(f"{SVG}title").text for bar in bars] == [
        "2019: 2 records",
        "2020: 0 records",
        "2021: 1 record",
    ]
    heights = [float(bar.find(f"{SVG}rect").get("height")) for bar in bars]
    assert heights == [104.0, 0.0, 52.0]
    assert all(bar.find(f"{SVG}rect").get("fill") == "currentColor" for bar in bars)


def test_the_numbers_are_also_a_table_without_empty_years():
    figure = _parse(year_chart([2019, 2019, 2021], "en"))
    rows = [[td.text for td in tr.findall("td")] for tr in figure.iterfind(".//tbody/tr")]
    assert rows == [["2019", "2"], ["2021", "1"]]
    assert figure.find(f".//{SVG}svg").get("aria-label") == "Records per year: 2019 to 2021"


def test_a_long_span_is_drawn_in_decades():
    figure = _parse(year_chart([1901, 1905, 2020], "en"))
    titles = [g.find(f"{SVG}title").text for g in figure.findall(f".//{SVG}g")]
    assert len(titles) == 13
    assert titles[0] == "1900s: 2 records" and titles[-1] == "2020s: 1 record"


def test_no_known_year_no_chart():
    assert year_chart([None, "n.d."], "en") == ""


def test_spanish_labels():
    figure = _parse(year_chart([2020], "es"))
    assert figure.find(".//figcaption").text == "Registros por año"
    assert figure.find(f".//{SVG}title").text == "2020: 1 registro"
