"""`manage.py export_iati --output FILE`: export projects as IATI 2.03 XML (or CSV, XLSX), all or filtered.

The filters are the search's (`selectors.parse_filters`), with the same names
and the same meaning: repeat an option for several values of a facet
(`--country KZ --country KG`: either country); different facets all apply.
The XML written is validated against the vendored 2.03 schema unless
`--no-validate`; an export that does not validate exits with status 1 and
keeps the file, so it can be looked at.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ecodialogue.projectdb import iati_export, selectors, tables

FORMATS = ("xml", "csv", "xlsx")


class Command(BaseCommand):
    help = "Export the projects (all, or those matching the search's filters) as IATI 2.03 XML, CSV or XLSX."

    def add_arguments(self, parser):
        parser.add_argument("--output", required=True, metavar="FILE", help="the file to write")
        parser.add_argument(
            "--format", choices=FORMATS, help="xml, csv or xlsx (default: the output's suffix if csv or xlsx, else xml)"
        )
        parser.add_argument("--q", default="", metavar="TEXT", help="search words, as in the search box")
        for name, example in (
            ("country", "KZ"),
            ("region", "619"),
            ("category", "410"),
            ("sector", "41010"),
            ("funder", "XI-IATI-EC_INTPA"),
            ("implementer", "KEY"),
            ("status", "2"),
            ("year", "2020"),
            ("marker", "7"),
        ):
            parser.add_argument(f"--{name}", action="append", default=[], metavar=example, help="repeatable")
        parser.add_argument("--sort", default="relevance", choices=("relevance", "newest", "budget"))
        parser.add_argument("--no-validate", action="store_true", help="do not check the XML against the schema")

    def handle(self, *args, output, format, no_validate, **options):
        data = {"q": options["q"], "sort": options["sort"]}
        data.update({name: options[name] for name in selectors.FILTER_NAMES if options.get(name)})
        filters = selectors.parse_filters(data)
        path = Path(output)
        format = format or (path.suffix.lower().lstrip(".") if path.suffix.lower() in (".csv", ".xlsx") else "xml")
        counted = _Counted(selectors.projects_for_export(filters))
        with path.open("wb") as out:
            if format == "xml":
                iati_export.write_activities(counted, out)
            else:
                tables.write_table(counted, format, out)
        self.stdout.write(f"{counted.count} projects written to {path}")
        if format == "xml" and not no_validate:
            if counted.count == 0:
                # The schema asks for at least one activity: an empty export is well-formed, never valid.
                self.stdout.write("No project matched: the file holds no activity, so it is not checked.")
                return
            errors = iati_export.validate(path)
            if errors:
                shown = "\n".join(errors[:20])
                raise CommandError(f"{path} does not validate against the IATI 2.03 schema:\n{shown}", returncode=1)
            self.stdout.write("Valid against the IATI 2.03 schema.")


class _Counted:
    """Iterate the projects, counting them."""

    def __init__(self, projects):
        self.projects, self.count = projects, 0

    def __iter__(self):
        for project in self.projects:
            self.count += 1
            yield project
