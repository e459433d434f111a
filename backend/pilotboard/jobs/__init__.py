"""Background jobs (apart from webhook delivery, which has its own worker)."""
