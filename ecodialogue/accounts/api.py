from ninja import Router, Schema

router = Router(tags=["accounts"])


class MembershipOut(Schema):
    organization_id: int
    organization_name: str
    role: str


class MeOut(Schema):
    id: int
    email: str
    full_name: str
    preferred_language: str
    is_staff: bool
    organizations: list[MembershipOut]


def _auth():
    from ecodialogue.api import AUTH

    return AUTH


@router.get("/me", response=MeOut, auth=_auth(), summary="The signed-in person")
def me(request):
    user = request.user
    memberships = user.memberships.select_related("organization")
    return {
        "id": user.pk,
        "email": user.email,
        "full_name": user.full_name,
        "preferred_language": user.preferred_language,
        "is_staff": user.is_staff,
        "organizations": [
            {"organization_id": m.organization_id, "organization_name": m.organization.name, "role": m.role}
            for m in memberships
        ],
    }
