"""Saved views: a person's named filters, sort, layout and density of the pilots list."""
