"""Who may see and change a plan: its owner, the people and the team domain it is shared with."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

Role = Literal["owner", "editor", "viewer"]
ShareRole = Literal["editor", "viewer"]
ROLE_WORDS: dict[str, str] = {"owner": "owner", "editor": "can edit", "viewer": "can view"}

# One @, something before it, and a domain with a dot: enough to catch a typo, not a full RFC 5322.
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_DOMAIN = re.compile(r"^[a-z0-9-]+(\.[a-z0-9-]+)+$")
_RANK = {"viewer": 1, "editor": 2, "owner": 3}


def normalise_email(text: str) -> str:
    """An email address as the rules compare it: trimmed and lower-case; `ValueError` if it is not one."""
    email = text.strip().lower()
    if not _EMAIL.match(email):
        raise ValueError(f"“{text.strip()}” is not an email address; type it as name@company.com.")
    return email


def normalise_domain(text: str) -> str:
    """A team's email domain as the rules compare it (`example.com`, without the @)."""
    domain = text.strip().lower().removeprefix("@")
    if not _DOMAIN.match(domain):
        raise ValueError(f"“{text.strip()}” is not an email domain; type it as company.com.")
    return domain


def email_domain(email: str) -> str:
    """The part of an address after the @."""
    return email.rsplit("@", 1)[-1]


class Person(BaseModel):
    """Who uses the app: a signed-in person, or the one local user when sign-in is off (`email` None)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    email: str | None = None
    name: str = "You"

    @field_validator("email")
    @classmethod
    def _email(cls, value: str | None) -> str | None:
        return None if value is None else normalise_email(value)

    @property
    def local(self) -> bool:
        """Whether this is the only user of an app without sign-in, who may do everything."""
        return self.email is None


LOCAL_USER = Person()


class Share(BaseModel):
    """One line of a plan's sharing: a person's address, or a whole team domain, with a role."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    email: str | None = Field(default=None, description="The person's address; None for a domain share.")
    domain: str | None = Field(default=None, description="Everyone whose address ends in @domain.")
    role: ShareRole

    @field_validator("email")
    @classmethod
    def _email(cls, value: str | None) -> str | None:
        return None if value is None else normalise_email(value)

    @field_validator("domain")
    @classmethod
    def _domain(cls, value: str | None) -> str | None:
        return None if value is None else normalise_domain(value)

    @model_validator(mode="after")
    def _one_grantee(self) -> Share:
        if (self.email is None) == (self.domain is None):
            raise ValueError("A share names either one person's email or one team domain.")
        return self

    @property
    def grantee(self) -> str:
        """How the store keys the share: the address, or `@domain` for everyone at a domain."""
        return self.email if self.email is not None else f"@{self.domain}"

    @classmethod
    def from_grantee(cls, grantee: str, role: ShareRole) -> Share:
        if grantee.startswith("@"):
            return cls(domain=grantee[1:], role=role)
        return cls(email=grantee, role=role)


class PlanAccess(BaseModel):
    """A plan's owner and shares; `owner` None marks a plan made before sign-in was switched on."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    owner: str | None = None
    shares: tuple[Share, ...] = ()


class TeamRules(BaseModel):
    """The server's own settings: who owns the plans made before sign-in, and the team's domain."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    admin_email: str | None = None
    team_domain: str | None = None

    @field_validator("admin_email")
    @classmethod
    def _admin(cls, value: str | None) -> str | None:
        return None if not value else normalise_email(value)

    @field_validator("team_domain")
    @classmethod
    def _team_domain(cls, value: str | None) -> str | None:
        return None if not value else normalise_domain(value)

    def owner_of(self, access: PlanAccess) -> str | None:
        """The plan's owner: its creator, or the admin address for a plan made before sign-in."""
        return access.owner or self.admin_email


def role_of(person: Person, access: PlanAccess, rules: TeamRules) -> Role | None:
    """What `person` may do with a plan: owner, editor, viewer, or None (may not even see it).

    The local user of an app without sign-in owns everything. Otherwise the best of the
    person's own share and a share with their whole domain counts.
    """
    if person.local:
        return "owner"
    if person.email == rules.owner_of(access):
        return "owner"
    roles = [
        share.role
        for share in access.shares
        if share.email == person.email
        or (share.domain is not None and share.domain == email_domain(person.email or ""))
    ]
    return max(roles, key=_RANK.__getitem__, default=None)


def may_see(role: Role | None) -> bool:
    return role is not None


def may_change(role: Role | None) -> bool:
    """Editors and the owner change the plan, restore versions and freeze it for a meeting."""
    return role in ("owner", "editor")


def may_manage(role: Role | None) -> bool:
    """Only the owner deletes the plan and decides who it is shared with."""
    return role == "owner"


class AccessDeniedError(PermissionError):
    """The person may not do this with the plan; the message names the owner to ask."""

    def __init__(self, plan_id: str, owner: str | None, action: Literal["see", "change", "manage"]) -> None:
        ask = f"ask {owner}" if owner else "ask your administrator"
        sentences = {
            "see": f"This plan is not shared with you; {ask} to share it.",
            "change": f"You can view this plan but not change it; {ask} for edit access.",
            "manage": f"Only the plan's owner can delete it or change who it is shared with; {ask}.",
        }
        super().__init__(sentences[action])
        self.plan_id, self.owner, self.action = plan_id, owner, action


def check(
    role: Role | None, plan_id: str, owner: str | None, action: Literal["see", "change", "manage"]
) -> None:
    """Raise `AccessDeniedError` unless `role` allows `action` on the plan."""
    allowed = {"see": may_see, "change": may_change, "manage": may_manage}[action](role)
    if not allowed:
        # Someone who may not even see the plan is told that, whatever they tried.
        raise AccessDeniedError(plan_id, owner, action if may_see(role) else "see")
