from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from vms.extensions import db


def test_models_and_migrations_agree(app):
    """The schema was built by the migrations (conftest); the models must match it exactly."""
    with db.engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "render_as_batch": True}
        )
        differences = compare_metadata(context, db.metadata)
    assert differences == []
