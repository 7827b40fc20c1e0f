"""The one form macro: a field without a hint or an error points to nothing."""


def test_a_field_without_hint_or_error_has_no_dangling_description(client):
    page = client.get("/signin").get_data(as_text=True)
    assert 'aria-describedby="None"' not in page
    assert 'name="email"' in page
