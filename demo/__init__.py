"""The fictional demo alliance: a town partnership of 24 schools in three clusters, a trust,
a university ITT partnership, their staff, network groups and meetings.

Every name, e-mail address and telephone number here is invented: e-mails at example.org and
telephone numbers from Ofcom's drama ranges. Building twice changes nothing the second time:
every row is looked up by a stable key before it is created, and the random choices come from
a fixed seed.

The top layer: it may import every app, and nothing imports it (pyproject.toml's contracts).
`manage.py seed_demo` builds it (demo.builder.build_demo_alliance).
"""
