"""First-run setup: the demo office (the Quảng Ngãi Public Administration Service Centre)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app.datafiles.catalog_files import procedures_from_dicts
from app.datafiles.resources import load_json_resource
from app.domain.errors import DomainError
from app.domain.office import Counter, Office, Officer, Role, hash_password
from app.services.catalog import import_procedures
from app.services.context import Services

DEMO_PASSWORD = "motcua-demo"


class DemoAlreadyThere(DomainError):
    code = "demo_exists"


@dataclass(frozen=True, slots=True)
class DemoResult:
    office_code: str
    counters: int
    officers: list[str]
    procedures: int
    settings: dict[str, Any]


def load_demo(services: Services) -> DemoResult:
    """Add the demo office, its counters and officers, and the demo catalogue, in one transaction."""
    data = load_json_resource("demo", "office-quang-ngai.json")
    catalog = load_json_resource("catalog", "demo-quang-ngai.json")
    procedures = procedures_from_dicts(catalog["procedures"])
    office_data = data["office"]
    office = Office(
        code=office_data["code"],
        name=office_data["name"],
        parent_code=office_data.get("parent"),
        address=office_data.get("address"),
        phone=office_data.get("phone"),
    )
    password_hash = hash_password(DEMO_PASSWORD)  # one hash for all: scrypt is slow on purpose
    officers = [
        Officer(
            username=o["username"],
            full_name=o["full_name"],
            role=Role(o["role"]),
            office_code=office.code,
            password_hash=password_hash,
            counter_number=o.get("counter"),
        )
        for o in data["officers"]
    ]
    with services.uow() as uow:
        if uow.offices.counters(office.code) or uow.offices.officers(office.code):
            raise DemoAlreadyThere(
                f"the database already has office {office.code}; demo data goes into a new one"
            )
        uow.offices.put_office(office)
        for c in data["counters"]:
            uow.offices.put_counter(
                Counter(office.code, int(c["number"]), c["name"], tuple(c.get("fields", ())))
            )
        for officer in officers:
            uow.offices.put_officer(officer)
        import_procedures(uow, procedures, services.now())
        uow.commit()
    first_officer = next(o.username for o in officers if o.role is Role.OFFICER)
    return DemoResult(
        office_code=office.code,
        counters=len(data["counters"]),
        officers=[o.username for o in officers],
        procedures=len(procedures),
        settings={
            "office.code": office.code,
            "office.name": office.name,
            "office.unit_code": office_data.get("unit_code") or office.code,
            "desk.officer": first_officer,
            "desk.counter": next(o.counter_number for o in officers if o.username == first_officer) or 1,
        },
    )
