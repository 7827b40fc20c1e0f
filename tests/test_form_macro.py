"""The one form macro: a field without a hint or an error points to nothing; a failed form
lists its errors at its top."""

import re


def test_a_field_without_hint_or_error_has_no_dangling_description(client):
    page = client.get("/signin").get_data(as_text=True)
    assert 'aria-describedby="None"' not in page
    assert 'name="email"' in page


def _render(app, source: str, **context) -> str:
    with app.test_request_context():
        return app.jinja_env.from_string(source).render(**context)


MACRO = '{% from "_macros/forms.html" import render_field %}{{ render_field(field) }}'


def _form(**data):
    from wtforms import BooleanField, Form, StringField
    from wtforms.fields.choices import SelectChoice
    from wtforms.validators import InputRequired

    from vms.form_fields import MultiCheckboxField

    class Sample(Form):
        name = StringField("Name <b>", description="As people say it & write it",
                           validators=[InputRequired(message="Say <who>")])  # fmt: skip
        agree = BooleanField("I agree")
        areas = MultiCheckboxField(
            "Areas", choices=[SelectChoice(1, "Law & tax"), SelectChoice(2, "<Sales>")],
            coerce=int, description="Any",
        )  # fmt: skip

    return Sample(data=data)


def test_a_field_with_an_error_points_to_its_hint_and_error_and_escapes_them(app):
    form = _form()
    form.validate()
    page = _render(app, MACRO, field=form.name)
    assert 'aria-describedby="name-hint name-error"' in page and 'aria-invalid="true"' in page
    assert '<p class="hint" id="name-hint">As people say it &amp; write it</p>' in page
    assert '<p class="error" id="name-error">Say &lt;who&gt;</p>' in page
    assert '<label for="name">Name &lt;b&gt;</label>' in page and "has-error" in page


def test_a_checkbox_comes_before_its_label_and_a_group_has_a_legend(app):
    form = _form(agree=True, areas=[2])
    box = _render(app, MACRO, field=form.agree)
    assert box.index('<input checked id="agree"') < box.index('<label for="agree">')
    assert 'class="field checkbox"' in box and "aria-describedby" not in box
    group = _render(app, MACRO, field=form.areas)
    assert group.startswith('<fieldset class="field choices" aria-describedby="areas-hint">')
    assert "<legend>Areas</legend>" in group and "&lt;Sales&gt;" in group


def test_the_checkbox_list_writes_what_wtforms_list_widget_writes(app):
    from wtforms.widgets import ListWidget

    form = _form(areas=[2])
    with app.test_request_context():
        assert str(form.areas()) == str(ListWidget(prefix_label=False)(form.areas))
        assert 'checked id="areas-1"' in str(form.areas())


SUMMARY_AND_FIELDS = (
    '{% from "_macros/forms.html" import render_field %}{{ error_summary(form) }}'
    "{{ render_field(form.agree) }}{{ render_field(form.name) }}"
)


def test_a_failed_form_lists_its_errors_at_the_top_and_the_first_takes_the_focus(app):
    form = _form()
    form.validate()
    page = _render(app, SUMMARY_AND_FIELDS, form=form)
    summary = page.split('<div class="field')[0]
    assert summary.startswith('<div class="error-summary" role="alert">')
    assert '<li><a href="#name">Name &lt;b&gt;: Say &lt;who&gt;</a></li>' in summary
    assert page.count("autofocus") == 1
    focused = re.search(r"<input[^>]*autofocus[^>]*>", page).group(0)
    assert 'id="name"' in focused  # the first field with an error, not the checkbox above it


def test_a_form_without_errors_has_no_summary_and_no_empty_error(app):
    form = _form(name="Ada")  # not validated: no errors
    page = _render(app, SUMMARY_AND_FIELDS, form=form)
    assert "error-summary" not in page and "autofocus" not in page
    form.name.errors = [""]  # an empty message (a list's entries give mappings, too)
    assert 'class="error"' not in _render(app, SUMMARY_AND_FIELDS, form=form)


def test_a_failed_sign_up_page_starts_with_its_summary(client):
    typed = {"name": "", "email": "not an email", "timezone": "UTC", "locale": "en"}
    page = client.post("/signup", data=typed).get_data(as_text=True)
    summary = re.search(r'<div class="error-summary".*?</div>', page, re.S).group(0)
    assert summary.count("<li>") == 2 and 'href="#name"' in summary and 'href="#email"' in summary
    assert page.index("error-summary") < page.index('<label for="name"')
