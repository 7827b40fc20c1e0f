"""Following the program navigation as a person does: a coordinator's links sit in groups
(disclosures) that are opened first; everyone else's are on the bar itself."""

from __future__ import annotations


def go_to(page, name: str) -> None:
    """Click the program navigation's link called ``name``, opening its group if it has one."""
    nav = page.get_by_role("navigation", name="Program")
    link = nav.get_by_role("link", name=name, exact=True)
    if not link.is_visible():
        nav.locator(f'details:has(a:text-is("{name}")) > summary').click()
    link.click()
