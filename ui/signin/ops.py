"""Op bodies of sign-in (no Qt): run on the database worker, since checking a password costs ~50 ms."""

from __future__ import annotations

from app.domain.office import Officer
from app.services.administration import authenticate
from app.services.context import Services
from app.services.desk_lookups import office_officers


def sign_in(services: Services, username: str, password: str) -> Officer | None:
    return authenticate(services, username, password)


def active_usernames(services: Services) -> list[str]:
    """For completion in the username field: the active officers of this office."""
    return [o.username for o in office_officers(services) if o.active]
