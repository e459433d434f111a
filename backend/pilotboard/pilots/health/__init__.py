"""Health: the rules as a table (``rules``), a pilot's facts (``facts``), the stored health and its
one entry point, ``refresh`` (``service``), and the daily job (``jobs``)."""
