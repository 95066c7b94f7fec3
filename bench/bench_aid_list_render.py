"""CPU cost of the aid list page `/aides/`, split between SQL and the rest, with the options of
its four filters rendered by Django's per-option templates or by `FastSelect` (issue 16).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/maillage_bench_api \
        .venv/bin/python bench/bench_aid_list_render.py [-n 100]

Measures **process CPU time** (time.process_time), not wall time: on a shared, loaded machine the
wall clock mostly measures the other processes; CPU time of this process stays comparable between
runs. The raw-SQL floor is the CPU+wait time of the page's own SQL statements replayed through a
bare cursor (no ORM, no template)."""

import statistics
import time

from common import bench_parser, database_label, machine_label, require_database, setup_django


def main():
    parser = bench_parser(__doc__, n=100, per="variante")
    args = parser.parse_args()
    setup_django()
    require_database(args.allow_sqlite)
    from django import forms
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from apps.aids import forms as aid_forms
    from apps.aids.models import Aid

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    client = Client()
    params = {"beneficiaire": "municipality", "territoire": "60159"}
    print(f"Base : {database_label()} — {Aid.objects.count()} aides ; {machine_label()}")

    def cpu(run, n):
        samples = []
        for _ in range(n):
            start = time.process_time()
            run()
            samples.append((time.process_time() - start) * 1000)
        return statistics.median(samples)

    def page():
        assert client.get("/aides/", params).status_code == 200

    fields = [
        aid_forms.AidSearchForm.base_fields[name] for name in ("beneficiaire", "thematique", "nature", "tri")
    ]
    page_fields = [
        aid_forms.AidSearchPageForm.base_fields[name]
        for name in ("beneficiaire", "thematique", "nature", "tri")
    ]
    results = {}
    for label, widget_class in (
        ("Select (un gabarit par option)", forms.Select),
        ("FastSelect", aid_forms.FastSelect),
    ):
        for field in [*fields, *page_fields]:
            widget = widget_class(choices=field.widget.choices)
            widget.attrs = dict(field.widget.attrs)
            field.widget = widget
        for _ in range(10):
            page()
        results[label] = cpu(page, args.n)
    with CaptureQueriesContext(connection) as queries:
        page()
    statements = [(q["sql"]) for q in queries.captured_queries]

    def raw():
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
                cursor.fetchall()

    floor = cpu(raw, args.n)
    print(
        f"/aides/?{'&'.join(f'{k}={v}' for k, v in params.items())} — médiane du temps CPU du processus, {args.n} requêtes"
    )
    for label, value in results.items():
        print(f"  page complète, {label:<32} {value:6.1f} ms")
    print(f"  plancher SQL brut ({len(statements)} requêtes rejouées)      {floor:6.1f} ms")


if __name__ == "__main__":
    main()
