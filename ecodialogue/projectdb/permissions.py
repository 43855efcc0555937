"""Who may do what with the project database. Deny unless a rule says yes.

Anyone reads projects and exports them: the database is public, like the
portals it replaces. Only staff write: create and edit projects, import files,
and read the history with the names of who changed what.
"""

import rules


@rules.predicate
def is_projectdb_staff(user) -> bool:
    # Staff act with two-factor authentication (StaffTwoFactorMiddleware, TokenAuth).
    return bool(user is not None and user.is_authenticated and user.is_staff and user.is_active)


can_edit_projects = is_projectdb_staff
can_import_projects = is_projectdb_staff
can_view_project_history = is_projectdb_staff

rules.add_perm("projectdb.edit_projects", can_edit_projects)
