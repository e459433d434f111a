"""The lifecycle: which moves a pilot may make and what each gate asks (``rules.check_move``), and
the transition itself (``service``, ``routes``)."""
