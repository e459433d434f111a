"""In-app notifications, their email per preferences, and the weekly digest."""
