from uuid import UUID

from ninja import Router, Schema

from eminder.lib.requests import AuthenticatedRequest

router = Router(tags=["accounts"])


class MembershipOut(Schema):
    centre: UUID | None
    role: str


class MeOut(Schema):
    username: str
    name: str
    email: str
    language: str
    memberships: list[MembershipOut]


@router.get("/me", response=MeOut, summary="Who the request is authenticated as")
def me(request: AuthenticatedRequest):
    user = request.user
    return {
        "username": user.username,
        "name": user.get_full_name(),
        "email": user.email,
        "language": user.language,
        "memberships": [
            {"centre": m.centre.code if m.centre else None, "role": m.role}
            for m in user.active_memberships
        ],
    }
