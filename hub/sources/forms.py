"""Forms for submitting and curating data sources, and the catalogue's filters."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, IntegerField, SelectField, SelectMultipleField, StringField, TextAreaField, URLField
from wtforms.validators import DataRequired, Length, NumberRange, Optional, Regexp, ValidationError

from hub.orgs.forms import country_choices, http_url, options, strip
from hub.sources.seed import SOURCE_DATE
from hub.taxonomy.vocabulary import SOURCE_ACCESS, SOURCE_KINDS, THEMES

FIRST_YEAR, LAST_YEAR = 1800, 2100
MAX_OTHER_NAMES, OTHER_NAME_CHARS, OTHER_NAMES_CHARS = 12, 120, 500  # DataSource.other_names is 500 long
SORTS = [("title", _l("Title")), ("updated", _l("Recently updated")), ("newest", _l("Newest")),
         ("years", _l("Most recent coverage"))]
SCOPES = [("", _l("This country, its region and worldwide")), ("listed", _l("Only sources listing this country"))]


class NamesField(TextAreaField):
    """Names one per line in the form, "|"-separated as DataSource.other_names stores them."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.names: list[str] = []

    def process_formdata(self, valuelist):
        text = valuelist[0] if valuelist else ""
        self.names = list(dict.fromkeys(n.strip() for n in text.splitlines() if n.strip()))
        self.data = "|".join(self.names)

    def _value(self) -> str:
        if self.raw_data:  # what was typed, kept as typed when the form comes back with an error
            return self.raw_data[0]
        return "\n".join(n for n in (self.data or "").split("|") if n)


class SourceForm(FlaskForm):
    """Submit or curate a data source (the fields of the catalogue)."""

    title = StringField(_l("Title"), filters=[strip], validators=[DataRequired(), Length(3, 300)])
    other_names = NamesField(
        _l("Other names"), render_kw={"rows": 3},
        description=_l("Acronyms and other names the source is known by, one per line: for example WDI, or "
                       "World Development Indicators. Search finds the source by them."))
    publisher = StringField(_l("Publisher"), filters=[strip], validators=[DataRequired(), Length(max=200)])
    kind = SelectField(_l("Kind"), choices=options([("", _l("Choose a kind…")), *SOURCE_KINDS]),
                       validators=[DataRequired(_l("Choose the kind of source."))])
    url = URLField(_l("Address (URL)"), filters=[strip], validators=[DataRequired(), Length(max=500), http_url])
    description = TextAreaField(_l("Description"), filters=[strip], validators=[DataRequired(), Length(max=10000)],
                                description=_l("What it contains. Markdown formatting is allowed."))
    countries = SelectMultipleField(_l("Countries covered"), description=_l("Hold Ctrl (or ⌘) to choose several."))
    years_from = IntegerField(_l("Years covered: from"), validators=[Optional(), NumberRange(FIRST_YEAR, LAST_YEAR)])
    years_to = IntegerField(_l("Years covered: to"), validators=[Optional(), NumberRange(FIRST_YEAR, LAST_YEAR)])
    themes = SelectMultipleField(_l("Themes"), choices=options(THEMES))
    format = StringField(_l("Format"), filters=[strip], validators=[Optional(), Length(max=100)],
                         description=_l("For example CSV, XLSX, PDF, API."))
    licence = StringField(_l("Licence"), filters=[strip], validators=[Optional(), Length(max=100)])
    languages = StringField(_l("Languages"), filters=[strip], validators=[Optional(), Length(max=100)])
    access = SelectField(_l("Access"), choices=options(SOURCE_ACCESS), default="open")
    update_frequency = StringField(_l("Update frequency"), filters=[strip], validators=[Optional(), Length(max=100)])
    source_published = StringField(
        _l("Published by the source on"), filters=[strip],
        validators=[Optional(), Regexp(SOURCE_DATE, message=_l("Write the date as YYYY, YYYY-MM or YYYY-MM-DD."))],
        description=_l("The source's own publication date, as precise as you know it: 2024, 2024-07 or "
                       "2024-07-11. Leave it empty if you do not know it."))
    source_updated = StringField(
        _l("Last updated by the source on"), filters=[strip],
        validators=[Optional(), Regexp(SOURCE_DATE, message=_l("Write the date as YYYY, YYYY-MM or YYYY-MM-DD."))],
        description=_l("When the source itself was last revised, if it says so."))
    strengths_limitations = TextAreaField(_l("Strengths and limitations"), filters=[strip],
                                          validators=[Optional(), Length(max=5000)])
    how_to_cite = TextAreaField(_l("How to cite"), filters=[strip], validators=[Optional(), Length(max=2000)])
    evidence_url = URLField(_l("Documentation or methodology"), filters=[strip],
                            validators=[Optional(), Length(max=500), http_url])
    version = HiddenField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.countries.choices = options(country_choices())

    def validate_other_names(self, field) -> None:
        if any("|" in name for name in field.names):
            raise ValidationError(_l("A name cannot contain “|”; put each name on its own line."))
        if len(field.names) > MAX_OTHER_NAMES:
            raise ValidationError(_l("List at most %(count)d names.", count=MAX_OTHER_NAMES))
        if any(len(name) > OTHER_NAME_CHARS for name in field.names):
            raise ValidationError(_l("Each name can be at most %(count)d characters long.", count=OTHER_NAME_CHARS))
        if len(field.data or "") > OTHER_NAMES_CHARS:
            raise ValidationError(_l("The names can be at most %(count)d characters long together.",
                                     count=OTHER_NAMES_CHARS))

    def validate_years_to(self, field) -> None:
        if field.data is not None and self.years_from.data is not None and field.data < self.years_from.data:
            raise ValidationError(_l("The last year cannot be before the first year."))

    def data_for_service(self) -> dict:
        data = {name: self[name].data for name in (
            "title", "other_names", "description", "publisher", "kind", "url", "years_from", "years_to", "format",
            "licence",
            "languages", "access", "update_frequency", "source_published", "source_updated",
            "strengths_limitations", "how_to_cite", "evidence_url")}
        for key, value in data.items():
            if value is None and key not in ("years_from", "years_to"):
                data[key] = ""
        data["countries"] = self.countries.data or []
        data["themes"] = self.themes.data or []
        return data


class SourceFilters(FlaskForm):
    """The catalogue's filters; a bad value is ignored, never an error."""

    class Meta:
        csrf = False

    q = StringField(_l("Name or publisher contains"), default="")
    kind = SelectField(_l("Kind"), choices=options([("", _l("All kinds")), *SOURCE_KINDS]), default="")
    country = SelectField(_l("Country covered"), default="")
    scope = SelectField(_l("Coverage"), choices=options(SCOPES), default="")
    year_from = IntegerField(_l("Years from"), validators=[Optional(), NumberRange(FIRST_YEAR, LAST_YEAR)])
    year_to = IntegerField(_l("Years to"), validators=[Optional(), NumberRange(FIRST_YEAR, LAST_YEAR)])
    theme = SelectField(_l("Theme"), choices=options([("", _l("All themes")), *THEMES]), default="")
    access = SelectField(_l("Access"), choices=options([("", _l("Any access")), *SOURCE_ACCESS]), default="")
    publisher = SelectField(_l("Publisher"), default="")
    sort = SelectField(_l("Sort by"), choices=options(SORTS), default="title")

    def __init__(self, *args, publishers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.country.choices = options([("", _l("All countries")), *country_choices()])
        self.publisher.choices = options([("", _l("All publishers")), *((p, p) for p in publishers)])

    def value(self, name: str) -> str:
        field = self[name]
        return "" if field.errors else (field.data or "").strip()

    def year(self, name: str) -> int | None:
        field = self[name]
        return None if field.errors else field.data

    def years(self) -> tuple[int | None, int | None]:
        """The year range asked for, in order (a reversed range is read the right way round)."""
        start, end = self.year("year_from"), self.year("year_to")
        if start is not None and end is not None and start > end:
            start, end = end, start
        return start, end
