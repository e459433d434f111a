"""Mail: the outbox, the SMTP worker, the email log and the one-click unsubscribe."""
