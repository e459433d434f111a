"""The cast of the demo: its logins, people, departments and customers, as plain data.

Also what each department changes when a pilot scales (``PLAN_CHANGES``), used by every scale
plan in the stories, and when the workspace was set up (``START_DAYS_AGO``).
"""

from __future__ import annotations

from pilotboard.workspaces.models import Role

DEMO_WORKSPACE = "Demo"
DEMO_CURRENCY = "EUR"
DEMO_PASSWORD = "pilotboard-demo"  # noqa: S105 (published on purpose: local evaluation only)
ADMIN_EMAIL = "admin@demo.local"
EDITOR_EMAIL = "editor@demo.local"
EXEC_EMAIL = "exec@demo.local"
VIEWER_EMAIL = "viewer@demo.local"
LOGINS = (
    "Demo workspace ready. Sign in at {url} with: admin@demo.local / "
    "editor@demo.local / exec@demo.local / viewer@demo.local — password pilotboard-demo "
    "(local evaluation only)"
)

# (email, name, role in the workspace, instance admin)
PEOPLE: tuple[tuple[str, str, Role, bool], ...] = (
    (ADMIN_EMAIL, "Alex Admin", Role.admin, True),
    (EDITOR_EMAIL, "Erin Editor", Role.editor, False),
    (EXEC_EMAIL, "Evelyn Executive", Role.executive, False),
    (VIEWER_EMAIL, "Victor Viewer", Role.viewer, False),
)

# (name, lead, KPI the department is held to)
DEPARTMENTS: tuple[tuple[str, str, str], ...] = (
    ("Supply chain", "Sven Lindholm", "Picking cost per order line (EUR)"),
    ("Sales", "Tom Becker", "Order volume (EUR per quarter)"),
    ("Customer service", "Carla Mendes", "First-contact resolution rate (%)"),
    ("Finance", "Priya Nair", "Days sales outstanding"),
    ("IT", "Jonas Weber", "Uptime of customer-facing systems (%)"),
    ("Operations", "Marta Kowalski", "On-time delivery rate (%)"),
    ("Marketing", "Lena Fischer", "Marketing-qualified leads per month"),
)

# (name, segment, annual revenue with us in EUR, premier account, notes)
CUSTOMERS: tuple[tuple[str, str, float, bool, str], ...] = (
    (
        "St. Agnes Hospital",
        "Healthcare",
        400_000,
        False,
        "New 180-bed hospital, opened this year; a head of nursing eager to fix ward supplies.",
    ),
    (
        "Riverside Medical Center",
        "Healthcare",
        1_150_000,
        False,
        "Regional hospital, 420 beds.",
    ),
    (
        "Meridian Health Group",
        "Healthcare",
        6_800_000,
        True,
        "Our largest hospital group: 14 sites under one purchasing contract.",
    ),
    (
        "Northgate Clinic",
        "Healthcare",
        220_000,
        False,
        "Outpatient clinic, day surgery.",
    ),
    ("Vista Care Homes", "Healthcare", 540_000, False, "Chain of 22 care homes."),
    (
        "Lindqvist Dental Labs",
        "Healthcare",
        160_000,
        False,
        "Dental laboratory network.",
    ),
    ("Baltic Fresh Markets", "Retail", 1_800_000, False, "Grocery chain, 60 stores."),
    (
        "Alpine Outdoor Retail",
        "Retail",
        950_000,
        False,
        "Outdoor equipment, 35 stores.",
    ),
    (
        "Nordlicht Fashion",
        "Retail",
        700_000,
        False,
        "Fashion retailer, strong e-commerce.",
    ),
    ("Harbor Foods", "Retail", 1_250_000, False, "Supermarkets in six port cities."),
    ("Greenleaf Pharmacies", "Retail", 480_000, False, "Pharmacy chain, 40 outlets."),
    (
        "Hartmann Industrie AG",
        "Manufacturing",
        9_200_000,
        True,
        "Strategic account: machine tools, three plants; board-level relationship.",
    ),
    (
        "Kessler Precision Parts",
        "Manufacturing",
        620_000,
        False,
        "Turned and milled parts.",
    ),
    (
        "Aurora Medical Devices",
        "Manufacturing",
        250_000,
        False,
        "Infusion pumps, one plant.",
    ),
    ("Brightline Packaging", "Manufacturing", 410_000, False, "Folding cartons."),
    (
        "Vector Robotics",
        "Manufacturing",
        330_000,
        False,
        "Warehouse robots; fast growing.",
    ),
    (
        "Lakeside Municipal Utilities",
        "Public sector",
        880_000,
        False,
        "Water and power for 300,000 residents.",
    ),
    ("City of Brookfield", "Public sector", 520_000, False, "Facilities and schools."),
    (
        "Regional Transport Authority",
        "Public sector",
        5_400_000,
        True,
        "Buses and trams; a ten-year framework contract.",
    ),
    ("Greenfield School District", "Public sector", 190_000, False, "28 schools."),
)

# The workspace is set up this many days before the demo's today: three years of closed pilots
# (``stories/history.py``) come before the current ones, which start within the last 320 days.
START_DAYS_AGO = 1_130

# department → (planning change, resource change, compensation change, owner)
PLAN_CHANGES: dict[str, tuple[str, str, str, str]] = {
    "Supply chain": (
        "Roll-out volumes in the distribution centre's quarterly capacity plan; automated "
        "picking slots reserved for ward-ready totes.",
        "Two replenishment planners; the picking-system extension funded from next year's "
        "capital budget.",
        "Picking-cost target measured per ward-ready line, not per pallet line.",
        "Sven Lindholm",
    ),
    "Customer service": (
        "A named desk for roll-out customers in the yearly service plan.",
        "Three agents dedicated to roll-out accounts.",
        "First-contact-resolution bonus includes calls from the customers' staff on site.",
        "Carla Mendes",
    ),
    "Sales": (
        "The offer in every matching tender from next quarter.",
        "Two account managers trained on the service.",
        "Commission on multi-year service contracts paid on contract value, not on order "
        "volume alone.",
        "Tom Becker",
    ),
    "Operations": (
        "Milk-run routes planned per roll-out region.",
        "One route planner per region.",
        "On-time delivery measured at the point of use.",
        "Marta Kowalski",
    ),
    "Finance": (
        "Service fees in the yearly pricing review.",
        "One billing analyst for the new contracts.",
        "Days-sales-outstanding target set per contract type.",
        "Priya Nair",
    ),
    "IT": (
        "The integration on the platform road map.",
        "Two integration engineers for the roll-out.",
        "Uptime target includes the customers' connections.",
        "Jonas Weber",
    ),
    "Marketing": (
        "The service in the yearly campaign plan.",
        "One product marketer for the launch.",
        "Leads counted per service, not only per product.",
        "Lena Fischer",
    ),
}
