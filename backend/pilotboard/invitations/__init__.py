"""Invitations by email: a single-use link that brings a person into a workspace."""
