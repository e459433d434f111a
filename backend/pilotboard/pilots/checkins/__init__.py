"""Department check-ins: requests by email, answers through a link or recorded in the app."""
