from journal.store.models import Client


def test_demo_journal_has_the_domain_stories(demo_journal):
    names = {c.name for c in Client.select()}
    assert {"Maja Lindqvist", "Dr. Priya Raman", "Victor Hale", "Sofia Alvarez"} <= names
