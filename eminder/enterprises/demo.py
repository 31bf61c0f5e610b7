"""Demo enterprises: eight SMEs per demo centre (thirteen in Galicia), all marked demo.

Run after `centres.demo.load_demo` (the centres, advisors and owners must exist). Enterprises
are keyed by centre and name, so running it again creates nothing new. They are registered
through the services, by the centre's demo advisor, so their timelines start like real ones;
each centre's SME-owner persona (cy.owner, gal.owner, pom.owner) is linked to the first one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import transaction

from eminder.accounts.models import User
from eminder.centres.demo import CENTRES
from eminder.centres.models import Centre
from eminder.enterprises import services
from eminder.enterprises.models import Contact, Enterprise
from eminder.regions.models import Region


@dataclass(frozen=True)
class DemoEnterprise:
    name: str
    registry_number: str
    region: str
    nace: str
    size: str
    turnover: str
    founded: int
    channels: tuple[str, ...]
    status: str
    contact: tuple[str, str, str]  # name, role, phone


# fmt: off
ENTERPRISES: dict[str, tuple[DemoEnterprise, ...]] = {
    "cy": (
        DemoEnterprise("Halloumi Heritage Ltd (demo)", "HE100001", "CY000", "C1051", "10-49",
                       "500k-2m", 1998, ("own_web_shop", "cross_border"), "active",
                       ("Christina Michael", "Managing director", "+357 22 100 001")),
        DemoEnterprise("Troodos Honey Co (demo)", "HE100002", "CY000", "A0149", "0-9",
                       "lt100k", 2012, ("social_commerce",), "prospect",
                       ("Petros Antoniou", "Owner", "+357 25 100 002")),
        DemoEnterprise("Limassol Marine Supplies Ltd (demo)", "HE100003", "CY000", "G4669",
                       "10-49", "2m-10m", 2004, ("b2b_edi", "marketplaces"), "active",
                       ("Elena Charalambous", "Sales manager", "+357 25 100 003")),
        DemoEnterprise("Paphos Ceramics Studio (demo)", "HE100004", "CY000", "C2341", "0-9",
                       "lt100k", 2016, ("physical_only",), "prospect",
                       ("Andreas Demetriou", "Potter and owner", "+357 26 100 004")),
        DemoEnterprise("Nicosia Code Works Ltd (demo)", "HE100005", "CY000", "J6201", "10-49",
                       "500k-2m", 2015, ("own_web_shop",), "completed",
                       ("Sofia Kyriacou", "Chief executive", "+357 22 100 005")),
        DemoEnterprise("Commandaria Wines Ltd (demo)", "HE100006", "CY000", "C1102", "10-49",
                       "500k-2m", 1987, ("own_web_shop", "marketplaces", "cross_border"),
                       "active", ("Georgios Savva", "Export manager", "+357 25 100 006")),
        DemoEnterprise("Larnaca Olive Press (demo)", "HE100007", "CY000", "C1041", "0-9",
                       "100k-500k", 2001, ("phone_email",), "prospect",
                       ("Maria Constantinou", "Owner", "+357 24 100 007")),
        DemoEnterprise("Famagusta Bay Tours Ltd (demo)", "HE100008", "CY000", "N7912", "0-9",
                       "100k-500k", 2010, ("own_web_shop", "social_commerce"), "withdrawn",
                       ("Kyriakos Panayiotou", "Director", "+357 23 100 008")),
    ),
    "gal": (
        DemoEnterprise("Conservas Rías Baixas S.L. (demo)", "B36000001", "ES114", "C1020",
                       "10-49", "2m-10m", 1965, ("own_web_shop", "marketplaces", "cross_border"),
                       "active", ("Lucía Pereira", "Xerente", "+34 986 000 001")),
        DemoEnterprise("Queixería do Courel S.L. (demo)", "B27000002", "ES112", "C1051", "0-9",
                       "100k-500k", 2009, ("social_commerce", "phone_email"), "active",
                       ("Manuel Rivas", "Propietario", "+34 982 000 002")),
        DemoEnterprise("Téxtil Atlántica S.A. (demo)", "A15000003", "ES111", "C1413",
                       "50-249", "10m-50m", 1983, ("b2b_edi", "own_web_shop"), "prospect",
                       ("Sara Castro", "Directora comercial", "+34 981 000 003")),
        DemoEnterprise("Viños da Ribeira Sacra S.Coop. Galega (demo)", "F32000004", "ES113",
                       "C1102", "10-49", "500k-2m", 1996, ("own_web_shop", "marketplaces"),
                       "completed", ("Antón Vázquez", "Presidente", "+34 988 000 004")),
        DemoEnterprise("Cerámica de Sargadelos Artesá (demo)", "B27000005", "ES112", "C2341",
                       "0-9", "lt100k", 2014, ("physical_only",), "prospect",
                       ("Iria Méndez", "Ceramista", "+34 982 000 005")),
        DemoEnterprise("Algas do Atlántico S.L. (demo)", "B15000006", "ES111", "C1089", "0-9",
                       "100k-500k", 2018, ("own_web_shop", "cross_border"), "active",
                       ("Breixo Souto", "Fundador", "+34 981 000 006")),
        DemoEnterprise("Vigo Software Naval S.L. (demo)", "B36000007", "ES114", "J6201",
                       "10-49", "500k-2m", 2011, ("b2b_edi",), "active",
                       ("Noa Lorenzo", "CTO", "+34 986 000 007")),
        DemoEnterprise("Turismo Rural Os Ancares S.L. (demo)", "B27000008", "ES112", "I5520",
                       "0-9", "lt100k", 2005, ("marketplaces", "social_commerce"), "prospect",
                       ("Xosé Fernández", "Xestor", "+34 982 000 008")),
        # Galicia's cohort is larger, so that its cohort view shows figures for groups of five.
        DemoEnterprise("Mariscos da Costa da Morte S.L. (demo)", "B15000009", "ES111", "G4638",
                       "10-49", "2m-10m", 1992, ("b2b_edi", "own_web_shop", "cross_border"),
                       "active", ("Carme Lema", "Xerente", "+34 981 000 009")),
        DemoEnterprise("Mobles do Miño S.L. (demo)", "B32000010", "ES113", "C3109", "10-49",
                       "500k-2m", 1988, ("own_web_shop", "marketplaces"), "active",
                       ("Roi Gómez", "Director comercial", "+34 988 000 010")),
        DemoEnterprise("Calzados Arousa S.L. (demo)", "B36000011", "ES114", "C1520", "10-49",
                       "2m-10m", 1976, ("marketplaces", "cross_border"), "completed",
                       ("Antía Barreiro", "Directora de exportación", "+34 986 000 011")),
        DemoEnterprise("Lugo Agrotech S.L. (demo)", "B27000012", "ES112", "J6202", "10-49",
                       "500k-2m", 2015, ("own_web_shop",), "active",
                       ("Martiño Novo", "Socio fundador", "+34 982 000 012")),
        DemoEnterprise("Estrella Galega de Bebidas S.L. (demo)", "B15000013", "ES111", "C1107",
                       "10-49", "2m-10m", 1999, ("own_web_shop", "marketplaces", "b2b_edi"),
                       "active", ("Olalla Paz", "Responsable de vendas", "+34 981 000 013")),
    ),
    "pom": (
        DemoEnterprise("Bursztyn Bałtycki Sp. z o.o. (demo)", "5830000001", "PL633", "C3212",
                       "10-49", "2m-10m", 1995, ("own_web_shop", "marketplaces", "cross_border"),
                       "active", ("Magdalena Kowalczyk", "Prezes zarządu", "+48 58 000 00 01")),
        DemoEnterprise("Kaszubska Tłocznia Soków (demo)", "5890000002", "PL634", "C1032", "0-9",
                       "100k-500k", 2013, ("social_commerce", "phone_email"), "prospect",
                       ("Jan Kreft", "Właściciel", "+48 58 000 00 02")),
        DemoEnterprise("Stocznia Jachtowa Hel Sp. z o.o. (demo)", "5870000003", "PL633",
                       "C3012", "50-249", "10m-50m", 1991, ("b2b_edi", "cross_border"), "active",
                       ("Krzysztof Lewandowski", "Dyrektor handlowy", "+48 58 000 00 03")),
        DemoEnterprise("Słupska Pracownia Mebli (demo)", "8390000004", "PL636", "C3109", "0-9",
                       "lt100k", 2007, ("physical_only",), "prospect",
                       ("Ewa Mazur", "Stolarka", "+48 59 000 00 04")),
        DemoEnterprise("Trójmiasto Dev S.A. (demo)", "5840000005", "PL633", "J6201", "50-249",
                       "2m-10m", 2012, ("own_web_shop",), "completed",
                       ("Paweł Wójcik", "Dyrektor operacyjny", "+48 58 000 00 05")),
        DemoEnterprise("Chojnicka Piekarnia Rodzinna sp.j. (demo)", "5550000006", "PL637",
                       "C1071", "10-49", "500k-2m", 1979, ("phone_email",), "active",
                       ("Agnieszka Szymańska", "Współwłaścicielka", "+48 52 000 00 06")),
        DemoEnterprise("Kociewskie Miody (demo)", "5920000007", "PL638", "A0149", "0-9",
                       "lt100k", 2019, ("marketplaces", "social_commerce"), "prospect",
                       ("Marek Wiśniewski", "Pszczelarz", "+48 58 000 00 07")),
        DemoEnterprise("Gdańska Odzież Żeglarska Sp. z o.o. (demo)", "5830000008", "PL633",
                       "C1413", "10-49", "2m-10m", 2002, ("own_web_shop", "cross_border"),
                       "withdrawn", ("Tomasz Nowicki", "Kierownik sprzedaży", "+48 58 000 00 08")),
    ),
}
# fmt: on
CONSENT_DATE = date(2025, 3, 1)
CONSENT_PURPOSE = "Support from the e-commerce coordination centre (demo)"


def load_demo_enterprises() -> int:
    """Create the demo centres' enterprises if missing; returns how many were created."""
    created = 0
    with transaction.atomic():
        for spec in CENTRES:
            centre = Centre.objects.filter(name=spec.name, is_demo=True).first()
            if centre is None:
                continue
            people = {
                role: User.objects.get(username=username, is_demo=True)
                for username, _first, _last, role, _language in spec.people
            }
            for index, item in enumerate(ENTERPRISES[spec.key]):
                enterprise = centre.enterprises.filter(name=item.name).first()
                if enterprise is None:
                    enterprise = _create(centre, item, people["advisor"])
                    created += 1
                if index == 0 and not enterprise.owners.exists():
                    services.set_enterprise_owners(
                        actor=people["manager"], enterprise=enterprise, owners=[people["sme_owner"]]
                    )
    return created


def _create(centre: Centre, item: DemoEnterprise, advisor: User) -> Enterprise:
    region = (
        Region.objects.current().filter(code=item.region).first()
        or Region.objects.current().get(code=item.region[:4])  # NUTS 3 regions not loaded
    )
    enterprise = services.create_enterprise(
        actor=advisor,
        centre=centre,
        values={
            "name": item.name,
            "registry_number": item.registry_number,
            "region": region,
            "nace_code": item.nace,
            "size_class": item.size,
            "turnover_band": item.turnover,
            "founded_year": item.founded,
            "website": f"https://{item.registry_number.lower()}.demo.e-minder.invalid",
            "sales_channels": list(item.channels),
            "advisor": advisor,
            "status": item.status,
        },
        allow_duplicates=True,
    )
    # Marked after creation: no form or import can set is_demo.
    Enterprise.objects.filter(pk=enterprise.pk).update(is_demo=True)
    name, role, phone = item.contact
    contact = services.create_contact(
        actor=advisor,
        enterprise=enterprise,
        values={
            "name": f"{name} (demo)",
            "role": role,
            "email": f"contact.{item.registry_number.lower()}@demo.e-minder.invalid",
            "phone": phone,
            "consent_date": CONSENT_DATE,
            "consent_purpose": CONSENT_PURPOSE,
        },
    )
    Contact.objects.filter(pk=contact.pk).update(is_demo=True)
    return enterprise
