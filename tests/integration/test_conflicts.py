"""Conflicts through the whole pipeline: reports of one event that state a figure differently, and pairs that
only look like it (an intraday high against the close, the other share class, rounding, another day).
Written as a probe in session 13: the intraday-high and share-class pairs were reported as conflicts, and the
Chinese brief lost its figures to the date line under its headline."""
from __future__ import annotations

import newsdesk.api as api

PAIRS = {
    # (company, conflict expected): two reports of one event each (title, date, body)
    ("Sunny Optical", True): [
        ("Sunny Optical jumps as camera module shipments hit record", "2026-12-07",
         "Sunny Optical Technology shares rose 6.2% to HK$78.40 on Monday after the lens maker said November "
         "shipments of handset camera modules hit a record.\n\nThe company said shipments of vehicle lens sets "
         "rose 41% from a year earlier."),
        ("Sunny Optical shares climb on record module shipments", "2026-12-07",
         "Sunny Optical Technology climbed 5.2% to HK$78.40 on Monday after the lens maker reported record "
         "November shipments of handset camera modules.\n\nShipments of vehicle lens sets rose 41% from a year "
         "earlier, the company said.")],
    ("Zijin", False): [
        ("Zijin Mining rallies as gold hits record", "2026-12-07",
         "Zijin Mining shares rose as much as 8% in Hong Kong on Monday before closing up 4.5% at HK$31.20, as "
         "gold prices hit a record high.\n\nThe miner said output at its Serbian copper mine rose 12% this year."),
        ("Zijin Mining gains as gold climbs to record", "2026-12-07",
         "Zijin Mining closed up 4.5% at HK$31.20 in Hong Kong on Monday as gold prices hit a record high.\n\n"
         "The miner said output at its Serbian copper mine rose 12% this year.")],
    ("China Merchants Bank", False): [
        ("China Merchants Bank gains after dividend plan", "2026-12-07",
         "China Merchants Bank's Hong Kong-listed shares rose 3.1% on Monday, while its Shanghai-listed shares "
         "gained 2.4%, after the lender proposed a higher interim dividend.\n\nThe bank said its payout ratio "
         "would rise to 35%."),
        ("China Merchants Bank A shares climb on dividend proposal", "2026-12-07",
         "China Merchants Bank's Shanghai-listed A shares rose 2.4% on Monday after the lender proposed a higher "
         "interim dividend.\n\nThe bank said its payout ratio would rise to 35%.")],
    ("Haier", False): [
        ("Haier Smart Home rises on overseas sales", "2026-12-07",
         "Haier Smart Home shares rose 4.58% on Monday after the appliance maker said overseas sales grew 18% in "
         "the third quarter.\n\nThe company said it would open two new plants in Mexico."),
        ("Haier shares climb after overseas sales jump", "2026-12-07",
         "Haier Smart Home shares rose 4.6% on Monday after the appliance maker said overseas sales grew 18% in "
         "the third quarter.\n\nIt plans to open two new plants in Mexico.")],
    ("Li Ning", True): [
        ("Li Ning falls after cutting sales forecast", "2026-12-07",
         "Li Ning shares fell 3.2% to HK$16.90 on Monday after the sportswear maker cut its full-year sales "
         "forecast.\n\nThe company now expects revenue to be flat this year."),
        ("李宁下调全年销售预期 股价下跌", "2026-12-07",
         "李宁周一下跌2.3%，报16.90港元，此前这家运动服装公司下调了全年销售预期。\n\n公司目前预计今年收入将持平。")],
    ("Trip.com", False): [
        ("Trip.com jumps after strong quarter", "2026-12-07",
         "Trip.com Group shares jumped 5.1% on Monday after the online travel company reported a 22% rise in "
         "quarterly revenue.\n\nOutbound bookings more than doubled from a year earlier."),
        ("Trip.com gives back some gains", "2026-12-08",
         "Trip.com Group shares fell 1.4% on Tuesday, giving back some of Monday's gains after the online travel "
         "company reported a 22% rise in quarterly revenue.\n\nOutbound bookings more than doubled from a year "
         "earlier.")],
}


def test_conflicts_only_where_reports_disagree(tmp_path):
    paths = []
    for i, ((name, _), arts) in enumerate(PAIRS.items()):
        for j, (title, day, body) in enumerate(arts):
            p = tmp_path / f"p{i}{'ab'[j]}.txt"
            p.write_text(f"{title}\nPublished: {day}\n\n{body}\n", encoding="utf-8")
            paths.append(str(p))
    sm = api.run(paths).storymap
    ents = {e.id: e.name for e in sm.entities}
    by_file = {a.path.rsplit("/", 1)[-1]: a for a in sm.articles}
    assert not any(a.text.startswith("Published") for a in sm.articles)  # (the date line is the header's)
    for i, ((name, expected), _) in enumerate(PAIRS.items()):
        a, b = by_file[f"p{i}a.txt"], by_file[f"p{i}b.txt"]
        assert a.story == b.story, name
        found = [c for c in sm.conflicts if set(c.articles) == {a.id, b.id} and name in ents.get(c.entity, "")]
        assert bool(found) == expected, (name, [c.explanation for c in sm.conflicts])
