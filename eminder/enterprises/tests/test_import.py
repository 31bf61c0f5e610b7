"""Importing enterprises: the report before saving, all or nothing, and safe to run again."""

import io
from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook

from eminder.audits.models import AuditEntry
from eminder.enterprises.forms import MAX_IMPORT_BYTES
from eminder.enterprises.models import Contact, Enterprise, ImportBatch

URL = reverse("enterprises:import")
HEADER = "name,registry_number,region,nace,size_class,sales_channels,advisor,status"
GOOD = [
    "Algas do Atlántico S.L.,B-15000006,ES111,10.89,0-9,own_web_shop;cross_border,advisor,active",
    "Vigo Software Naval S.L.,B36000007,es114,J62.01,10-49,b2b_edi,,",
]


def csv_file(*rows, header=HEADER, name="enterprises.csv"):
    return SimpleUploadedFile(name, "\n".join([header, *rows]).encode(), "text/csv")


def upload(client, network, file):
    return client.post(URL, {"centre": str(network.centre.code), "file": file})


def stage(client, network, file) -> ImportBatch:
    response = upload(client, network, file)
    assert response.status_code == 302, response.context and response.context["form"].errors
    return ImportBatch.objects.get(code=response.url.split("/")[-2])


def report(client, batch):
    return client.get(reverse("enterprises:import_report", kwargs={"code": batch.code}))


def confirm(client, batch, mode="all"):
    url = reverse("enterprises:import_confirm", kwargs={"code": batch.code})
    return client.post(url, {"mode": mode}, follow=True)


def actions(response) -> list[tuple[int, str]]:
    return [(row.number, row.action) for row in response.context["review"].rows]


@pytest.fixture
def manager(client_for, regions):
    return client_for("manager")


def test_upload_shows_the_report_and_saves_nothing(manager, network):
    batch = stage(manager, network, csv_file(*GOOD))

    response = report(manager, batch)

    assert response.status_code == 200
    assert actions(response) == [(2, "create"), (3, "create")]
    assert "Nothing has been saved yet." in response.text
    assert not Enterprise.objects.exists()
    assert not AuditEntry.objects.exists()


def test_confirming_imports_every_row(manager, network):
    batch = stage(manager, network, csv_file(*GOOD))

    response = confirm(manager, batch)

    assert "Import done: 2 new, 0 updated, 0 unchanged." in response.text
    algas = Enterprise.objects.get(registry_number="B15000006")
    assert (
        algas.name,
        algas.region.code,
        algas.nace_code,
        algas.sales_channels,
        algas.advisor,
        algas.status,
    ) == (
        "Algas do Atlántico S.L.",
        "ES111",
        "C1089",
        ["own_web_shop", "cross_border"],
        network.advisor,
        "active",
    )
    vigo = Enterprise.objects.get(registry_number="B36000007")
    assert (vigo.region.code, vigo.status, vigo.advisor) == ("ES114", "prospect", None)
    batch.refresh_from_db()
    assert (batch.status, batch.rows) == ("done", [])
    assert batch.summary == {"created": 2, "updated": 0, "unchanged": 0, "skipped": 0}
    assert sorted(AuditEntry.objects.values_list("action", flat=True)) == [
        "enterprise.create",
        "enterprise.create",
        "enterprise.import",
    ]


def test_importing_the_same_file_again_changes_nothing(manager, network):
    confirm(manager, stage(manager, network, csv_file(*GOOD)))
    before = list(Enterprise.objects.values())
    audit_rows = AuditEntry.objects.count()

    batch = stage(manager, network, csv_file(*GOOD))
    assert actions(report(manager, batch)) == [(2, "unchanged"), (3, "unchanged")]
    response = confirm(manager, batch)

    assert "Import done: 0 new, 0 updated, 2 unchanged." in response.text
    assert list(Enterprise.objects.values()) == before
    assert AuditEntry.objects.count() == audit_rows + 1  # the import itself
    assert AuditEntry.objects.latest("id").action == "enterprise.import"


def test_a_second_confirmation_of_the_same_batch_is_refused(manager, network):
    batch = stage(manager, network, csv_file(*GOOD))
    confirm(manager, batch)

    response = confirm(manager, batch)

    assert "This file has already been imported." in response.text
    assert Enterprise.objects.count() == 2


def test_a_matching_row_updates_with_its_non_empty_cells(manager, network, enterprise):
    row = "conservas rias sl,,ES111,,10-49,,,active"

    batch = stage(manager, network, csv_file(row))
    response = report(manager, batch)

    review = response.context["review"].rows[0]
    assert (review.action, review.existing) == ("update", enterprise)
    assert review.changed_columns == ["name", "size_class", "status"]
    confirm(manager, batch)
    enterprise.refresh_from_db()
    assert (enterprise.name, enterprise.size_class, enterprise.status) == (
        "conservas rias sl",
        "10-49",
        "active",
    )
    assert (enterprise.registry_number, enterprise.nace_code, enterprise.advisor) == (
        "B15000001",
        "G4791",
        network.advisor,
    )
    entry = AuditEntry.objects.get(action="enterprise.update")
    assert entry.details["changes"]["size_class"] == ["0-9", "10-49"]
    assert entry.details["import"] == str(batch.code)


def test_registry_number_matches_whatever_the_name(manager, network, enterprise):
    batch = stage(manager, network, csv_file("Renamed Foods,b 15000001,ES114,G47.91,0-9,,,"))

    review = report(manager, batch).context["review"].rows[0]

    assert (review.action, review.existing) == ("update", enterprise)


def test_same_name_but_another_registry_number_is_a_new_enterprise(manager, network, enterprise):
    batch = stage(manager, network, csv_file("Conservas Rías S.L.,B99999999,ES111,G47,0-9,,,"))

    review = report(manager, batch).context["review"].rows[0]

    assert review.action == "create"
    assert [similar.enterprise for similar in review.similar] == [enterprise]


def test_likely_duplicates_are_shown_before_saving(manager, network, enterprise):
    rows = [
        "Conservas Ría S.A.,,ES114,G47,0-9,,,",  # similar to the registered enterprise
        "Panadería Lugo,,ES111,C1071,0-9,,,",
        "Panaderia Lugo S.L.U.,,ES114,C1071,0-9,,,",  # the same as the row above
    ]
    batch = stage(manager, network, csv_file(*rows))

    response = report(manager, batch)

    rows = response.context["review"].rows
    assert [(r.action, len(r.similar)) for r in rows] == [
        ("create", 1),
        ("create", 0),
        ("invalid", 0),
    ]
    assert rows[0].similar[0].enterprise == enterprise
    assert rows[2].errors == ["Row 3 already holds this enterprise."]
    assert "Likely duplicate of the registered Conservas Rías S.L." in response.text


def test_nearly_the_same_name_twice_in_a_file_is_a_warning(manager, network):
    rows = ["Panadería Lugo,,ES111,C1071,0-9,,,", "Panaderías Lugo,,ES111,C1071,0-9,,,"]
    batch = stage(manager, network, csv_file(*rows))

    review = report(manager, batch).context["review"].rows

    assert [r.action for r in review] == ["create", "create"]
    assert [(s.row, s.enterprise) for s in review[1].similar] == [(2, None)]


INVALID = [
    (",,ES111,G47,0-9,,,", "name: This field cannot be blank."),
    ("A,,ES61,G47,0-9,,,", "region: ES61 is not a NUTS 2 or NUTS 3 code"),
    ("A,,PL633,G47,0-9,,,", "region: PL633 is not a NUTS 2 or NUTS 3 code"),
    ("A,,,G47,0-9,,,", "region: A new enterprise needs a region."),
    ("A,,ES111,99.99,0-9,,,", "nace: 99.99 is not a NACE Rev. 2 code"),
    ("A,,ES111,G47,huge,,,", "size_class: Unknown code huge. Use one of: 0-9, 10-49"),
    ("A,,ES111,G47,0-9,teleshopping,,", "sales_channels: Unknown code teleshopping."),
    ("A,,ES111,G47,0-9,physical_only;own_web_shop,,", "“Physical shop only” cannot be"),
    ("A,,ES111,G47,0-9,,trainer,", "advisor: No manager or advisor of the centre"),
    ("A,,ES111,G47,0-9,,outsider,", "advisor: No manager or advisor of the centre"),
    ("A,,ES111,G47,0-9,,,bankrupt", "status: Unknown code bankrupt."),
    ("A,,ES111,G47,0-9,,,,extra", "This row has cells in columns without a name."),
    ("A,X-1/2!,ES111,G47,0-9,,,", None),  # punctuation is dropped: X12 is a valid number
]


@pytest.mark.parametrize(("row", "message"), INVALID)
def test_each_invalid_row_says_why(manager, network, row, message):
    batch = stage(manager, network, csv_file(row))

    review = report(manager, batch).context["review"].rows[0]

    if message is None:
        assert review.errors == []
    else:
        assert any(message in error for error in review.errors), review.errors


def test_an_invalid_row_blocks_the_whole_import(manager, network):
    batch = stage(manager, network, csv_file(*GOOD, "Bad,,ES111,nope,0-9,,,"))

    response = confirm(manager, batch, mode="all")

    assert "1 row is not valid, so nothing was imported." in response.text
    assert not Enterprise.objects.exists()
    assert not AuditEntry.objects.exists()
    batch.refresh_from_db()
    assert batch.status == "pending"


def test_the_report_offers_only_the_valid_rows_when_some_are_invalid(manager, network):
    batch = stage(manager, network, csv_file(*GOOD, "Bad,,ES111,nope,0-9,,,"))

    response = report(manager, batch)

    assert 'value="valid_only"' in response.text
    assert 'value="all"' not in response.text
    assert "Import only the 2 valid rows" in response.text


def test_importing_only_the_valid_rows_when_explicitly_chosen(manager, network):
    batch = stage(manager, network, csv_file(*GOOD, "Bad,,ES111,nope,0-9,,,"))

    response = confirm(manager, batch, mode="valid_only")

    assert "Import done: 2 new, 0 updated, 0 unchanged." in response.text
    assert "1 invalid row was left out." in response.text
    assert Enterprise.objects.count() == 2
    assert AuditEntry.objects.get(action="enterprise.import").details["skipped"] == 1


def test_no_valid_row_imports_nothing(manager, network):
    batch = stage(manager, network, csv_file("Bad,,ES111,nope,0-9,,,"))

    response = confirm(manager, batch, mode="valid_only")

    assert "No row is valid, so nothing was imported." in response.text
    assert not Enterprise.objects.exists()


def test_a_missing_mode_changes_nothing(manager, network):
    batch = stage(manager, network, csv_file(*GOOD))

    response = confirm(manager, batch, mode="whatever")

    assert "Choose whether to import every row or only the valid ones." in response.text
    assert not Enterprise.objects.exists()


def test_the_review_is_redone_at_confirmation(manager, network, regions):
    """A row valid at upload time but taken since (same number registered) is updated."""
    batch = stage(manager, network, csv_file(GOOD[0]))
    Enterprise.objects.create(
        centre=network.centre,
        name="Algas S.L.",
        registry_number="B15000006",
        region=regions["ES111"],
        nace_code="C10",
        size_class="0-9",
    )

    confirm(manager, batch)

    assert Enterprise.objects.get().name == "Algas do Atlántico S.L."


def test_xlsx_import_with_contacts(manager, network):
    workbook = Workbook()
    workbook.active.append(
        [
            "Name",
            "Region",
            "NACE",
            "Size class",
            "Founded",
            "Contact name",
            "Contact email",
            "Consent date",
            "Consent purpose",
        ]
    )
    workbook.active.append(
        [
            "Algas do Atlántico",
            "ES111",
            "C10.89",
            "0-9",
            2018,
            "Breixo Souto",
            "breixo@example.org",
            date(2025, 3, 1),
            "Advice",
        ]
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    file = SimpleUploadedFile("enterprises.xlsx", buffer.getvalue())

    confirm(manager, stage(manager, network, file))

    enterprise = Enterprise.objects.get()
    assert enterprise.founded_year == 2018
    contact = enterprise.contacts.get()
    assert (contact.name, contact.email, contact.consent_date, contact.consent_purpose) == (
        "Breixo Souto",
        "breixo@example.org",
        date(2025, 3, 1),
        "Advice",
    )
    assert AuditEntry.objects.get(action="contact.create").details["contact"] == str(contact.code)


CONTACT_HEADER = (
    "name,region,nace,size_class,contact_name,contact_email,consent_date,consent_purpose"
)


def test_contacts_are_matched_on_reimport(manager, network):
    row = "Algas,ES111,C10,0-9,Breixo Souto,breixo@example.org,01/03/2025,Advice"
    confirm(manager, stage(manager, network, csv_file(row, header=CONTACT_HEADER)))

    again = stage(manager, network, csv_file(row, header=CONTACT_HEADER))
    assert actions(report(manager, again)) == [(2, "unchanged")]

    changed = row.replace("Advice", "Advice and training")
    confirm(manager, stage(manager, network, csv_file(changed, header=CONTACT_HEADER)))
    contact = Contact.objects.get()
    assert contact.consent_purpose == "Advice and training"
    assert AuditEntry.objects.filter(action="contact.update").get().details["fields"] == [
        "consent_purpose"
    ]


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("Algas,ES111,C10,0-9,,someone@example.org,,", "contact_name: A contact person needs"),
        ("Algas,ES111,C10,0-9,Breixo,not-an-email,,", "contact_email: Enter a valid email"),
        ("Algas,ES111,C10,0-9,Breixo,,2025-02-30,Advice", "consent_date: Enter a date as"),
        ("Algas,ES111,C10,0-9,Breixo,,2025-03-01,", "Give both the date and the purpose"),
    ],
)
def test_invalid_contact_cells(manager, network, row, message):
    batch = stage(manager, network, csv_file(row, header=CONTACT_HEADER))

    review = report(manager, batch).context["review"].rows[0]

    assert any(message in error for error in review.errors), review.errors


@pytest.mark.parametrize(
    ("file", "message"),
    [
        (csv_file("A,ES111", header="name,regoin"), "Unknown columns: regoin."),
        (csv_file("A", header="name"), "lacks these required columns: region, nace, size_class"),
        (SimpleUploadedFile("e.txt", b"name"), "Upload a CSV file (.csv) or an Excel"),
        (SimpleUploadedFile("e.xlsx", b"PK broken"), "could not be read as an Excel workbook"),
        (SimpleUploadedFile("e.csv", "name\nÁ".encode("cp1252")), "not UTF-8"),
        (SimpleUploadedFile("e.csv", b""), "The submitted file is empty."),
    ],
)
def test_unreadable_files_are_refused_and_nothing_is_kept(manager, network, file, message):
    response = upload(manager, network, file)

    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors["file"])
    assert not ImportBatch.objects.exists()


def test_too_large_a_file_is_refused(manager, network):
    file = SimpleUploadedFile("e.csv", b"x" * (MAX_IMPORT_BYTES + 1))

    response = upload(manager, network, file)

    assert response.status_code == 400
    assert "The file is larger than 5.0" in response.text


def test_importing_into_another_centre_is_refused(client_for, network, regions):
    response = client_for("outsider").post(
        URL, {"centre": str(network.centre.code), "file": csv_file(*GOOD)}
    )

    assert response.status_code == 400
    assert "centre" in response.context["form"].errors
    assert not ImportBatch.objects.exists()


@pytest.mark.parametrize("persona", ["coordinator", "advisor", "outsider"])
def test_someone_elses_import_is_404(client_for, manager, network, persona):
    batch = stage(manager, network, csv_file(*GOOD))
    client = client_for(persona)

    assert report(client, batch).status_code == 404
    url = reverse("enterprises:import_confirm", kwargs={"code": batch.code})
    assert client.post(url, {"mode": "all"}).status_code == 404
    assert not Enterprise.objects.exists()


def test_an_uploader_who_lost_their_role_cannot_confirm(manager, network):
    batch = stage(manager, network, csv_file(*GOOD))
    network.manager.memberships.update(role="trainer")

    response = confirm(manager, batch)

    assert response.status_code == 403
    assert not Enterprise.objects.exists()


def test_old_staged_files_are_deleted(manager, network):
    old = stage(manager, network, csv_file(*GOOD))
    ImportBatch.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=2))

    stage(manager, network, csv_file(*GOOD))

    assert not ImportBatch.objects.filter(pk=old.pk).exists()


def test_the_upload_page_documents_the_columns(manager):
    response = manager.get(URL)

    assert response.status_code == 200
    for column in ("registry_number", "sales_channels", "consent_purpose", "own_web_shop"):
        assert column in response.text


def test_an_unreadable_cell_is_reported_once(manager, network):
    rows = ["A,,ES111,99.99,0-9,,,", "A,ES111,C10,0-9,,,2025-03-01,"]
    batch = stage(manager, network, csv_file(rows[0]))
    contact_batch = stage(manager, network, csv_file(rows[1], header=CONTACT_HEADER))

    assert report(manager, batch).context["review"].rows[0].errors == [
        "nace: 99.99 is not a NACE Rev. 2 code (a section, division, group or class)."
    ]
    assert report(manager, contact_batch).context["review"].rows[0].errors == [
        "contact_name: A contact person needs a name.",
        "consent_purpose: Give both the date and the purpose of the consent, or neither.",
    ]
