"""Setting up a real office (not the demo): the office, its counters, its officers and their passwords."""

from __future__ import annotations

from dataclasses import replace

from app.domain.errors import NotFound, ValidationError
from app.domain.office import Counter, Office, Officer, Role, hash_password, verify_password
from app.services.context import Services


def set_office(services: Services, office: Office) -> None:
    if office.parent_code == office.code:
        raise ValidationError("office.parent", "an office cannot be its own parent")
    with services.uow() as uow:
        if office.parent_code is not None:
            uow.offices.get_office(office.parent_code)  # NotFound if the parent is unknown
        uow.offices.put_office(office)
        uow.commit()


def set_counter(services: Services, counter: Counter) -> None:
    with services.uow() as uow:
        uow.offices.get_office(counter.office_code)
        uow.offices.put_counter(counter)
        uow.commit()


def add_officer(
    services: Services,
    *,
    username: str,
    full_name: str,
    role: Role,
    office_code: str,
    password: str,
    counter_number: int | None = None,
) -> Officer:
    officer = Officer(
        username=username,
        full_name=full_name,
        role=role,
        office_code=office_code,
        password_hash=hash_password(password),
        counter_number=counter_number,
    )
    with services.uow() as uow:
        uow.offices.get_office(office_code)
        try:
            uow.offices.officer(username)
        except NotFound:
            pass
        else:
            raise ValidationError("officer.username", f"{username} exists already")
        if counter_number is not None and counter_number not in {
            c.number for c in uow.offices.counters(office_code)
        }:
            raise ValidationError("officer.counter", f"office {office_code} has no counter {counter_number}")
        uow.offices.put_officer(officer)
        uow.commit()
    return officer


def set_password(services: Services, username: str, password: str) -> None:
    new_hash = hash_password(password)
    with services.uow() as uow:
        officer = uow.offices.officer(username)
        uow.offices.put_officer(replace(officer, password_hash=new_hash))
        uow.commit()


def set_active(services: Services, username: str, active: bool) -> Officer:
    with services.uow() as uow:
        officer = replace(uow.offices.officer(username), active=active)
        uow.offices.put_officer(officer)
        uow.commit()
    return officer


def authenticate(services: Services, username: str, password: str) -> Officer | None:
    """The officer if the password is right and the account active; None otherwise (no hint which)."""
    with services.uow(write=False) as uow:
        try:
            officer = uow.offices.officer(username.strip().lower())
        except NotFound:
            verify_password(password, _DUMMY_HASH)  # same work either way: no timing hint of valid names
            return None
    if not verify_password(password, officer.password_hash) or not officer.active:
        return None
    return officer


_DUMMY_HASH = "scrypt$16384$8$1$" + "00" * 16 + "$" + "00" * 32
