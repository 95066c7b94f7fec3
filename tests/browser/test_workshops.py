"""Browser tests of workshop days: a coordinator rebuilds a day in the UI only (create, atelier,
import the annex table, attendance list, figures, strong ideas, booklet and its files), with
axe-core on every page and no horizontal scrolling from 320 to 1,280 px."""

import re

import pytest
from playwright.sync_api import expect

from apps.workshops.models import WorkshopBookletFile, WorkshopDay, WorkshopProposal
from tests.factories import OrganisationFactory, UserFactory

WIDTHS = (320, 390, 768, 1280)
ANNEX = (
    "atelier;table;question;piste;action;objectifs\n"
    "Mobilité;Table 1;Comment se déplacer sans voiture ?;Développer les mobilités douces;"
    "Créer des pistes cyclables sécurisées entre les bourgs de l'intercommunalité;Favoriser le vélo au quotidien\n"
    "Mobilité;Table 1;1;Développer les mobilités douces;Lancer un transport à la demande;Desservir les hameaux isolés\n"
    "Mobilité;Table  2;1;Financer;Cofinancer des pistes cyclables avec la région;Relier les gares\n"
    "Mobilité;table 2;1;Financer;Mobiliser le transport à la demande intercommunal;"
    "Anticonstitutionnellementanticonstitutionnellementanticonstitutionnellement\n"
    "Énergie;Table verte;Comment rénover ?;Rénover;Accompagner la rénovation énergétique des écoles;Baisser les factures\n"
    "Énergie;Table verte;1;Rénover;Financer la rénovation énergétique du parc privé;Lutter contre la précarité\n"
)
UP_TO_DATE = re.compile(r"^PDF du \d.*, à jour\.$")
OUTDATED = re.compile(r"PDF du \d.* — les données ont changé depuis")
PEOPLE = "Nom;Catégorie;Organisation;Type\nLéa Martin;élue;Commune de Lisle;\nPaul Roy;technicien;Mairie de Brens;Commune\n"


def no_horizontal_scroll(page, name):
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        scroll, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert scroll <= inner, f"{name}: {scroll} px wide at {width} px"
    page.set_viewport_size({"width": 1280, "height": 900})


@pytest.fixture
def coordinator(db, settings):
    settings.MAILLAGE_WORKSHOP_FILES_DEBOUNCE = 0
    OrganisationFactory(name="Commune de Lisle", type="commune")
    return UserFactory(email="coordination@exemple.test", animator=True)


def test_coordinator_rebuilds_a_day_in_the_ui(
    page, live_server, login, assert_accessible, console_errors, coordinator, tmp_path
):
    login(coordinator)
    page.goto(f"{live_server.url}/ateliers/")
    assert_accessible(page, "workshops-index")
    page.get_by_role("link", name="Nouvelle journée").click()
    assert_accessible(page, "workshops-day-create")
    page.get_by_label("Titre").fill("Journée de lancement du réseau")
    page.get_by_label("Date").fill("2025-03-14")
    page.get_by_label("Lieu").fill("Albi, salle des fêtes")
    page.get_by_role("button", name="Enregistrer", exact=True).click()
    expect(page.get_by_role("heading", name="Journée de lancement du réseau", level=1)).to_be_visible()
    expect(page.get_by_text("Brouillon : visible de l'équipe d'animation seulement")).to_be_visible()
    day = WorkshopDay.objects.get()
    assert not day.is_published

    # The annex table, imported twice: the second time adds nothing.
    annex = tmp_path / "annexe.csv"
    annex.write_text(ANNEX, encoding="utf-8")
    for attempt in range(2):
        page.goto(f"{live_server.url}/ateliers/{day.slug}/propositions/importer/")
        page.get_by_label("Fichier CSV ou XLSX").set_input_files(str(annex))
        page.get_by_role("button", name="Voir l'aperçu").click()
        expect(page.get_by_role("heading", name="Aperçu")).to_be_visible()
        assert_accessible(page, f"workshops-import-preview-{attempt}")
        page.get_by_role("button", name="Importer", exact=True).click()
        expect(page.get_by_text("Import terminé")).to_be_visible()
    assert WorkshopProposal.objects.count() == 6
    assert day.ateliers.get(title="Mobilité").tables.count() == 2  # "Table  2" = "table 2"
    assert_accessible(page, "workshops-day")
    no_horizontal_scroll(page, "day")

    page.get_by_role("link", name="Atelier 1 — Mobilité").click()
    expect(page.get_by_role("heading", name="Atelier 1 — Mobilité", level=1)).to_be_visible()
    expect(page.get_by_text("4 propositions", exact=True)).to_be_visible()
    assert_accessible(page, "workshops-atelier")
    no_horizontal_scroll(page, "atelier")

    page.get_by_role("link", name="Idées fortes").click()
    assert_accessible(page, "workshops-ideas")
    page.get_by_role("button", name="Ajouter « transport à la demande » aux idées fortes").click()
    expect(page.get_by_label("Idées fortes")).to_have_value("Transport à la demande")
    no_horizontal_scroll(page, "ideas")

    page.goto(f"{live_server.url}/ateliers/{day.slug}/participants/importer/")
    people = tmp_path / "presents.csv"
    people.write_text(PEOPLE, encoding="utf-8")
    page.get_by_label("Fichier CSV ou XLSX").set_input_files(str(people))
    page.get_by_role("button", name="Voir l'aperçu").click()
    assert_accessible(page, "workshops-participants-preview")
    page.get_by_role("button", name="Importer", exact=True).click()
    expect(page.get_by_text("2 personne(s) ajoutée(s)")).to_be_visible()
    assert_accessible(page, "workshops-participants")
    page.get_by_role("link", name="Ajouter une personne").click()
    assert_accessible(page, "workshops-participant-add")

    page.goto(f"{live_server.url}/ateliers/{day.slug}/chiffres/")
    assert_accessible(page, "workshops-figures")
    page.locator("#w-day\\.proposals").fill("plus de 50 propositions")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("Formulation à vérifier : le chiffre calculé est 6")).to_be_visible()

    page.goto(f"{live_server.url}/ateliers/{day.slug}/livret/")
    expect(page.get_by_role("heading", name="Atelier 2 — Énergie", level=2)).to_be_visible()
    expect(
        page.get_by_text("« plus de 50 propositions » alors que le chiffre calculé est 6 propositions.")
    ).to_be_visible()
    page.get_by_role("button", name="Produire le PDF, l'ODT et le DOCX").click()
    expect(page.get_by_role("link", name="Télécharger le PDF du livret")).to_be_visible(timeout=60_000)
    assert WorkshopBookletFile.objects.filter(day=day).count() == 3
    assert_accessible(page, "workshops-booklet")
    no_horizontal_scroll(page, "booklet")
    for fmt, magic in (("pdf", b"%PDF"), ("docx", b"PK"), ("odt", b"PK")):
        response = page.request.get(f"{live_server.url}/ateliers/{day.slug}/livret.{fmt}")
        assert response.ok and response.body().startswith(magic), fmt
    assert console_errors == []


def test_files_never_contradict_the_page_and_drafts_stay_hidden(
    page, live_server, login, assert_accessible, console_errors, coordinator, settings, tmp_path
):
    """Through the UI: the files are produced, a proposal typed afterwards marks them outdated
    (on the booklet page, and in the download's header) until the debounced regeneration by the
    worker; the day, a draft by default, answers 404 to a member until the coordinator publishes it."""
    import datetime as dt
    import subprocess

    from django.utils import timezone

    from apps.workshops import tasks
    from tests.workshops.factories import WorkshopAtelierFactory, WorkshopDayFactory, WorkshopProposalFactory

    day = WorkshopDayFactory(title="Journée des transitions", draft=True)
    atelier = WorkshopAtelierFactory(day=day, title="Mobilité", position=1)
    WorkshopProposalFactory(atelier=atelier, orientation="Vélo", action="Créer une vélo-école")
    member = UserFactory(email="membre@exemple.test")

    login(coordinator)
    page.goto(f"{live_server.url}/ateliers/{day.slug}/livret/")
    page.get_by_role("button", name="Produire le PDF, l'ODT et le DOCX").click()
    expect(page.get_by_text(UP_TO_DATE)).to_be_visible(timeout=60_000)
    expect(page.get_by_text("les données ont changé depuis")).to_have_count(0)

    # A proposal typed now: the worker waits for the day to be quiet (debounce) before rendering.
    settings.MAILLAGE_WORKSHOP_FILES_DEBOUNCE = 3600
    page.goto(f"{live_server.url}{atelier.get_absolute_url()}")
    page.get_by_role("link", name="Ajouter une proposition").click()
    page.get_by_label("Action proposée").fill("Ouvrir une maison du vélo à Brens")
    page.get_by_role("button", name="Enregistrer", exact=True).click()
    expect(page.get_by_text("La proposition est ajoutée.")).to_be_visible()
    page.goto(f"{live_server.url}/ateliers/{day.slug}/livret/")
    expect(page.get_by_text("Ouvrir une maison du vélo à Brens").first).to_be_attached()
    expect(page.get_by_text(OUTDATED)).to_be_visible()
    assert_accessible(page, "workshops-booklet-outdated")
    response = page.request.get(f"{live_server.url}/ateliers/{day.slug}/livret.pdf")
    served, current = response.headers["x-maillage-data-version"].split("/")
    assert int(served) < int(current)

    # The day has been quiet long enough: the worker's debounced run regenerates the files.
    day.refresh_from_db()
    assert tasks.workshop_render_files.call(day_id=day.pk) == "debounced"
    type(day).objects.filter(pk=day.pk).update(data_changed_at=timezone.now() - dt.timedelta(hours=2))
    assert tasks.workshop_render_files.call(day_id=day.pk) == "rendered"
    page.reload()
    expect(page.get_by_text("les données ont changé depuis")).to_have_count(0)
    expect(page.get_by_text(UP_TO_DATE)).to_be_visible()
    response = page.request.get(f"{live_server.url}/ateliers/{day.slug}/livret.pdf")
    served, current = response.headers["x-maillage-data-version"].split("/")
    assert served == current
    pdf = tmp_path / "livret.pdf"
    pdf.write_bytes(response.body())
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Ouvrir une maison du vélo à Brens" in " ".join(text.split())

    # A draft: a member gets a 404 on every page and file of the day…
    page.context.clear_cookies()
    login(member)
    for path in ("", "livret/", "livret.pdf"):
        url = f"{live_server.url}/ateliers/{day.slug}/{path}"
        assert page.request.get(url).status == 404, path
    assert page.goto(f"{live_server.url}/ateliers/{day.slug}/").status == 404
    expect(page.get_by_role("heading", level=1)).to_contain_text("introuvable")
    console_errors.clear()  # the browser logs the 404 we asked for
    # …until the coordinator publishes it.
    page.context.clear_cookies()
    login(coordinator)
    page.goto(f"{live_server.url}/ateliers/{day.slug}/modifier/")
    page.locator("label[for=id_is_published]").click()
    page.get_by_role("button", name="Enregistrer", exact=True).click()
    expect(page.get_by_text("La journée est enregistrée.")).to_be_visible()
    page.context.clear_cookies()
    login(member)
    assert page.goto(f"{live_server.url}/ateliers/{day.slug}/livret/").status == 200
    expect(page.get_by_role("heading", name="Atelier 1 — Mobilité", level=2)).to_be_visible()
    assert console_errors == []
