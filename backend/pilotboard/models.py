"""Imports every domain's tables so the metadata (and Alembic) sees them all."""
