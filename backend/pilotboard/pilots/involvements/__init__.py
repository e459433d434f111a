"""The departments involved in a pilot: stake, contact, engagement."""
